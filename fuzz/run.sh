#!/usr/bin/env bash
# Fuzz the parser for SECONDS (default 60): `fuzz/run.sh 30`. Needs a nightly toolchain and cargo-fuzz.
# Seeds the corpus with the real Dockerfiles of ../shared/corpus (or $DOCKWISE_CORPUS) when present.
set -euo pipefail
seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
mkdir -p corpus/parse
shared="${DOCKWISE_CORPUS:-$here/../../shared/corpus}"
if [ -d "$shared" ] && [ -z "$(ls -A corpus/parse)" ]; then
    find "$shared" -type f -name '*Dockerfile*' -exec cp {} corpus/parse/ \;
fi
exec cargo +nightly fuzz run parse corpus/parse -- -max_total_time="$seconds" -max_len=65536 -timeout=10
