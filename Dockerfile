# syntax=docker/dockerfile:1
# The dockwise CLI image: `docker run --rm -v "$PWD:/src" dockwise check`. Dockwise reviews this file with no
# findings (crates/dockwise-cli/tests/dropin.rs).
FROM rust:1.88.0-slim-bookworm AS build
WORKDIR /build
COPY Cargo.toml Cargo.lock ./
COPY crates ./crates
COPY xtask ./xtask
COPY web ./web
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/build/target \
    cargo build --locked --release -p dockwise-cli \
    && cp target/release/dockwise /usr/local/bin/dockwise

FROM gcr.io/distroless/cc-debian12:nonroot
LABEL org.opencontainers.image.title="dockwise" \
      org.opencontainers.image.description="Review and rewrite Dockerfiles" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
COPY --from=build /usr/local/bin/dockwise /usr/local/bin/dockwise
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/dockwise"]
CMD ["check", "."]
