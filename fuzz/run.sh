#!/usr/bin/env bash
# Fuzz the parser and review+fix for SECONDS each (default 60): `fuzz/run.sh 30`. Needs a nightly toolchain and cargo-fuzz.
# Seeds the corpus with the real Dockerfiles of tests/corpus (or $DOCKWISE_CORPUS) when present.
set -euo pipefail
seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
shared="${DOCKWISE_CORPUS:-$here/../tests/corpus}"
# Every target gets the same time budget; each keeps its own corpus, seeded with the real Dockerfiles.
for target in parse review_fix; do
    mkdir -p "corpus/$target"
    if [ -d "$shared" ] && [ -z "$(ls -A "corpus/$target")" ]; then
        find "$shared" -type f -name '*Dockerfile*' -exec cp {} "corpus/$target/" \;
    fi
    echo "fuzz: $target for $seconds s"
    cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=10
done
