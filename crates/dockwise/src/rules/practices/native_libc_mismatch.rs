//! DW1030: native code built against one libc (glibc or musl) copied into a stage with the other.

use crate::model::{stage_label, Libc};
use crate::rules::common::stage_copies::{cgo_go_builds, copied_python_packages, stage_copies};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1030",
    name: "native-libc-mismatch",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[],
    enabled_by_default: true,
    fix: FixKind::None,
    docs: Docs {
        what: "Flags a `COPY --from` between stages with different C libraries (Alpine's musl, Debian's or \
               Ubuntu's glibc) when the source stage builds native code: `go build` with cgo on, `gcc`/`make`/\
               `cmake`, `cargo build` on glibc, or `npm`/`yarn`/`pnpm` installs (native add-ons).",
        why: "A dynamically linked binary names its loader (`/lib/ld-musl-x86_64.so.1` or \
              `/lib64/ld-linux-x86-64.so.2`): on the other libc it fails with \"no such file or directory\", or \
              native add-ons fail to load. Build on the runtime's libc, or link statically.",
        example: "FROM node:22-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n\
                  FROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\n",
        fixed: "FROM node:22-slim AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n\
                FROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\n",
        fix_safety: "No automatic fix: whether to move the builder or the runtime (or link statically) is yours \
                     to choose.",
        differences: "Rust on Alpine builds static musl binaries by default, which run anywhere: not flagged. \
                      Python packages are DW1022's.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for copy in stage_copies(ctx) {
        let (Some(built), Some(runs)) = (copy.from_facts.libc, copy.to_facts.libc) else {
            continue;
        };
        if built == runs {
            continue;
        }
        let both_python = copy.from_facts.python().is_some() && copy.to_facts.python().is_some();
        if both_python && copied_python_packages(ctx, &copy).is_some() {
            continue;
        }
        // Package installs matter only when their modules are copied (not a bundle built from them); compiled
        // output only when copied as named files (not globs of release archives).
        let modules = copy.sources.iter().any(|s| {
            s.contains("node_modules") || copy.from.end_workdir.as_deref().is_some_and(|w| s == w)
        });
        let files = copy.sources.iter().all(|s| !s.contains('*'));
        let Some(what) = native_build(ctx, &copy.from_facts, copy.from, built, modules, files)
        else {
            continue;
        };
        out.push(Diagnostic::new(
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
        ));
    }
}

/// What in the stage builds native code, described (`` `npm ci` ``), if anything.
fn native_build(
    ctx: &Context,
    facts: &crate::model::StageFacts,
    stage: &Stage,
    libc: Libc,
    modules: bool,
    files: bool,
) -> Option<String> {
    if files && !cgo_go_builds(ctx, stage, facts).is_empty() {
        return Some("`go build` with cgo on".to_string());
    }
    for info in ctx.stage_instructions(stage) {
        for c in info.commands() {
            let name = c.program().unwrap_or("");
            let sub = c.args().first().map(|w| w.value.as_str()).unwrap_or("");
            let native = match name {
                "gcc" | "g++" | "cc" | "c++" | "clang" | "make" | "cmake" => files,
                "cargo" => files && sub == "build" && libc == Libc::Glibc,
                "npm" => modules && matches!(sub, "ci" | "install" | "i"),
                "yarn" => modules && matches!(sub, "" | "install"),
                "pnpm" => modules && matches!(sub, "install" | "i"),
                _ => false,
            };
            if native {
                let text: Vec<&str> = c.words.iter().take(2).map(|w| w.value.as_str()).collect();
                return Some(format!("`{}`", text.join(" ")));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

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
