#!/usr/bin/env bash
# Fuzz the parser, review+fix, the configuration readers (TOML, YAML) and the exercise reader for SECONDS each
# (default 60): `fuzz/run.sh 30`. Needs a nightly toolchain and cargo-fuzz.
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
for target in parse review_fix config exercise; do
    mkdir -p "corpus/$target"
    if [ -z "$(ls -A "corpus/$target")" ]; then
        case "$target" in
            # The readers start from real configuration and exercise files of the repository.
            config)
                cp "$here"/../crates/*/Cargo.toml "corpus/$target/" 2>/dev/null || true
                printf 'only = ["DW2007"]\nexclude = ["legacy/"]\n[severity]\nDL3007 = "error"\n' > "corpus/$target/dockwise.toml"
                printf 'base: &b\n  error: [DL3007]\noverride:\n  <<: *b\nignored: [DL3008]\ntrustedRegistries: ["*.gcr.io"]\n' \
                    > "corpus/$target/hadolint.yaml" ;;
            exercise) cp "$here"/../crates/dockwise/src/exercise/builtin/*.json "corpus/$target/" 2>/dev/null || true ;;
            *) if [ -d "$shared" ]; then
                   find "$shared" -type f -name '*Dockerfile*' -exec cp {} "corpus/$target/" \;
               fi ;;
        esac
    fi
    echo "fuzz: $target for $seconds s"
    cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=10
done
