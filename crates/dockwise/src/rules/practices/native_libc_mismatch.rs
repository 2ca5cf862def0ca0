//! DW1030: native code built against one libc (glibc or musl) copied into a stage with the other, or against a
//! newer glibc than the runtime's.

use crate::data::lifecycle::compare_versions;
use crate::model::{glibc_version, stage_label, Libc, StageFacts};
use crate::rules::common::stage_copies::{
    copied_python_packages, native_build, stage_copies, StageCopy,
};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1030",
    name: "native-libc-mismatch",
    category: Category::Correctness,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe, and offered only when the native code is a `go build` with cgo on (Docker's classic `golang` \
         builder copied into `alpine`): `CGO_ENABLED=0` builds a static binary with Go's own DNS resolver and \
         user lookup, which runs on any libc; a program that really calls C code (`import \"C\"`) no longer \
         builds, and it is not offered when the context's `go.mod` requires a module that is C underneath \
         (`go-sqlite3`), which would build and fail when called. For C, Rust or npm builds there is no fix: whether to move the builder or the \
         runtime is yours to choose."
    )),
    docs: rule_docs! {
        what: "Flags a `COPY --from` between stages with different C libraries (Alpine's musl, Debian's or \
               Ubuntu's glibc) when the source stage builds native code: `go build` with cgo on, `gcc`/`make`/\
               `cmake`, `cargo build` on glibc, or `npm`/`yarn`/`pnpm` installs (native add-ons). Also flags \
               compiled binaries built against a newer glibc than the runtime stage has (`golang:1.21`, \
               bookworm's glibc 2.36, into `debian:bullseye`'s 2.31).",
        why: "A dynamically linked binary names its loader (`/lib/ld-musl-x86_64.so.1` or \
              `/lib64/ld-linux-x86-64.so.2`): on the other libc it fails with \"no such file or directory\", or \
              native add-ons fail to load. A binary linked against glibc 2.36 asks for symbol versions an older \
              glibc lacks and stops with `version 'GLIBC_2.34' not found`. Build on the runtime's libc and \
              release, or link statically.",
        example: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /server .\n\
                  FROM alpine:3.22\nCOPY --from=build /server /server\nENTRYPOINT [\"/server\"]\n",
        fixed: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /server .\n\
                FROM alpine:3.22\nCOPY --from=build /server /server\nENTRYPOINT [\"/server\"]\n",
        differences: "Rust on Alpine builds static musl binaries by default, which run anywhere: not flagged. \
                      Python packages are DW1022's.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for copy in stage_copies(ctx) {
        let (Some(built), Some(runs)) = (copy.from_facts.libc, copy.to_facts.libc) else {
            continue;
        };
        if built == runs {
            check_glibc_versions(ctx, copy, out);
            continue;
        }
        let both_python = copy.from_facts.python().is_some() && copy.to_facts.python().is_some();
        if both_python && copied_python_packages(ctx, copy).is_some() {
            continue;
        }
        // Package installs matter only when their modules are copied (not a bundle built from them); compiled
        // output only when copied as named files (not globs of release archives).
        let modules = copy.sources.iter().any(|s| {
            s.contains("node_modules") || copy.from.end_workdir.as_deref().is_some_and(|w| s == w)
        });
        let files = copy.sources.iter().all(|s| !s.contains('*'));
        let Some((what, fix)) =
            native_build(ctx, &copy.from_facts, copy.from, built, modules, files)
        else {
            continue;
        };
        let mut d = Diagnostic::new(
            copy.info.node.text_span(),
            format!(
                "{what} in {} builds against {} ({}), and this copies the result to {}, which runs {} ({}): \
                 dynamically linked code cannot load there. Build on the runtime's libc or link statically.",
                stage_label(copy.from),
                built.as_str(),
                copy.from_facts.runtime_label(),
                stage_label(copy.to),
                runs.as_str(),
                copy.to_facts.runtime_label(),
            ),
        );
        d.fix = fix;
        out.push(d);
    }
}

/// Compiled output (not package installs: their prebuilt add-ons target old glibc releases) copied from a stage
/// with a newer glibc into one with an older glibc.
fn check_glibc_versions(ctx: &Context, copy: &StageCopy, out: &mut Vec<Diagnostic>) {
    let glibc = |facts: &StageFacts| facts.os.as_ref().and_then(glibc_version);
    let (Some(built), Some(runs)) = (glibc(&copy.from_facts), glibc(&copy.to_facts)) else {
        return;
    };
    if compare_versions(built, runs) != std::cmp::Ordering::Greater {
        return;
    }
    let files = copy.sources.iter().all(|s| !s.contains('*'));
    let Some((what, fix)) =
        native_build(ctx, &copy.from_facts, copy.from, Libc::Glibc, false, files)
    else {
        return;
    };
    let os = |facts: &StageFacts| facts.os.as_ref().map(|o| o.label()).unwrap_or_default();
    let mut d = Diagnostic::new(
        copy.info.node.text_span(),
        format!(
            "{what} in {} links against glibc {built} ({}), and this copies the result to {}, which has glibc \
             {runs} ({}): a binary built against a newer glibc stops with `version 'GLIBC_...' not found`. Build \
             on the runtime's release, or link statically.",
            stage_label(copy.from),
            os(&copy.from_facts),
            stage_label(copy.to),
            os(&copy.to_facts),
        ),
    );
    d.fix = fix;
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_flagged_once_unfixed, fixed, lines};

    #[test]
    fn a_go_build_with_cgo_on_becomes_static() {
        // Docker's classic example: built on the Debian golang image, run on Alpine.
        assert_eq!(
            fixed(
                "DW1030",
                "FROM golang:1.26 AS b\nRUN GOOS=linux go build -o /app .\nFROM alpine:3.22\nCOPY --from=b /app /app\n"
            ),
            "FROM golang:1.26 AS b\nRUN GOOS=linux CGO_ENABLED=0 go build -o /app .\nFROM alpine:3.22\nCOPY --from=b /app /app\n"
        );
        // A newer glibc than the runtime's: a static binary needs none.
        assert_eq!(
            fixed(
                "DW1030",
                "FROM golang:1.21 AS b\nRUN go build -o /app .\nFROM debian:bullseye\nCOPY --from=b /app /app\n"
            ),
            "FROM golang:1.21 AS b\nRUN CGO_ENABLED=0 go build -o /app .\nFROM debian:bullseye\nCOPY --from=b /app /app\n"
        );
    }

    #[test]
    fn no_fix_when_the_stage_also_builds_other_native_code() {
        assert_flagged_once_unfixed(
            "DW1030",
            &[
                "FROM golang:1.26 AS b\nRUN make lib && go build -o /app .\nFROM alpine:3.22\nCOPY --from=b /app /app\n",
                "FROM debian:12 AS b\nRUN make\nFROM alpine:3.22\nCOPY --from=b /src/app /app\n",
            ],
        );
    }

    #[test]
    fn flags_native_builds_crossing_libcs() {
        for src in [
            "FROM golang:1.26 AS b\nRUN go build -o /app .\nFROM alpine:3.22\nCOPY --from=b /app /app\n",
            "FROM debian:12 AS b\nRUN make\nFROM alpine:3.22\nCOPY --from=b /src/app /app\n",
            "FROM rust:1.90 AS b\nRUN cargo build --release\nFROM alpine:3.22\nCOPY --from=b /t/app /app\n",
        ] {
            assert_eq!(lines("DW1030", src), vec![4], "{src}");
        }
    }

    #[test]
    fn flags_binaries_built_against_a_newer_glibc() {
        for src in [
            "FROM golang:1.21 AS b\nRUN go build -o /app .\nFROM debian:bullseye\nCOPY --from=b /app /app\n",
            "FROM debian:13 AS b\nRUN make\nFROM ubuntu:22.04\nCOPY --from=b /src/app /app\n",
        ] {
            assert_eq!(lines("DW1030", src), vec![4], "{src}");
        }
        for src in [
            // An older or the same glibc at run time is fine; package installs are left alone.
            "FROM golang:1.26-bullseye AS b\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=b /app /app\n",
            "FROM golang:1.21 AS b\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=b /app /app\n",
            "FROM node:22 AS b\nWORKDIR /app\nRUN npm ci\nFROM gcr.io/distroless/nodejs22-debian12\n\
             COPY --from=b /app /app\n",
            "FROM golang:1.21 AS b\nRUN CGO_ENABLED=0 go build -o /app .\nFROM debian:bullseye\n\
             COPY --from=b /app /app\n",
        ] {
            assert!(lines("DW1030", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn same_libc_static_builds_and_python_packages_are_quiet() {
        for src in [
            "FROM golang:1.26-alpine AS b\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=b /app /app\n",
            "FROM rust:1.90-alpine AS b\nRUN cargo build --release\nFROM debian:12\nCOPY --from=b /t/app /app\n",
            "FROM node:22-slim AS b\nRUN npm ci\nFROM node:22-slim\nCOPY --from=b /app /app\n",
            "FROM node:22-alpine AS b\nWORKDIR /app\nRUN npm ci && npm run build\nFROM node:22-slim\n\
             COPY --from=b /app/dist /dist\n",
            "FROM debian:12 AS b\nRUN make\nFROM alpine:3.22\nCOPY --from=b /out/*.tar.gz /release/\n",
            "FROM golang:1.26 AS b\nRUN CGO_ENABLED=0 go build -o /app .\nFROM alpine:3.22\nCOPY --from=b /app /app\n",
            "FROM python:3.12-alpine AS b\nRUN pip install --target=/d x\nFROM python:3.12-slim\nCOPY --from=b /d /d\n",
        ] {
            assert!(lines("DW1030", src).is_empty(), "{src}");
        }
    }
}
