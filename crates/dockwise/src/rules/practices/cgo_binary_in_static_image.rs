//! DW1023: a Go binary built with cgo (the default where a C compiler is installed) copied into `scratch` or
//! `distroless/static`, which have no libc for it to load.

use crate::model::stage_label;
use crate::rules::common::stage_copies::{cgo_go_builds, stage_copies, static_go_build_fix};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1023",
    name: "cgo-binary-in-static-image",
    category: Category::Correctness,
    severity: Severity::Error,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: `CGO_ENABLED=0` builds a static binary with Go's own DNS resolver and user lookup; a program that \
         really calls C code (`import \"C\"`) no longer builds and needs `distroless/base` instead. Not \
         offered when the context's `go.mod` requires a module that is C underneath (`go-sqlite3`): it would \
         build and fail when called."
    )),
    docs: rule_docs! {
        what: "Flags a `go build` in a stage with a C compiler (the Debian `golang` images, or an Alpine one where \
               `gcc`/`build-base` is installed) without `CGO_ENABLED=0`, whose output is copied into a stage on \
               `scratch` or `gcr.io/distroless/static`.",
        why: "With a C compiler present cgo is on by default, and packages such as `net` and `os/user` then link \
              against the system's libc dynamically. `scratch` and `distroless/static` have no libc: the container \
              fails at start with `exec /app: no such file or directory`.",
        example: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /server .\n\
                  FROM gcr.io/distroless/static-debian12\nCOPY --from=build /server /server\n\
                  ENTRYPOINT [\"/server\"]\n",
        fixed: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /server .\n\
                FROM gcr.io/distroless/static-debian12\nCOPY --from=build /server /server\n\
                ENTRYPOINT [\"/server\"]\n",
        differences: "Builds that already link statically (`-tags netgo,osusergo`, `-extldflags -static`) or set \
                      `CGO_ENABLED=0` by `ENV`, `ARG` or `export` are not flagged.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for copy in stage_copies(ctx) {
        if !copy.to_facts.static_only {
            continue;
        }
        let Some(runtime) = &copy.from_facts.runtime else {
            continue;
        };
        if runtime.language != crate::model::Language::Go {
            continue;
        }
        let builds = cgo_go_builds(ctx, copy.from, &copy.from_facts);
        if builds.is_empty() {
            continue;
        }
        let message = format!(
            "`go build` in {} runs with cgo on (Go {} on {} with a C compiler), so the binary links to libc \
             dynamically; it is copied into {}, which is `{}` with no libc, and will fail to start with \"no such \
             file or directory\". Build with `CGO_ENABLED=0`.",
            stage_label(copy.from),
            runtime.version,
            copy.from_facts.libc.map_or("glibc", |l| l.as_str()),
            stage_label(copy.to),
            copy.to.base_resolved,
        );
        let diagnostic = Diagnostic::new(copy.info.node.text_span(), message);
        out.push(match static_go_build_fix(ctx, &builds) {
            Some(fix) => diagnostic.with_fix(fix),
            None => diagnostic,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_cgo_builds_copied_into_static_images() {
        for src in [
            "FROM golang:1.26 AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n",
            "FROM golang:1.26-alpine AS b\nRUN apk add --no-cache gcc musl-dev\nRUN go build -o /app .\n\
             FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=b /app /app\n",
        ] {
            assert_eq!(lines("DW1023", src), vec![src.lines().count()], "{src}");
        }
    }

    /// `go-sqlite3` is C underneath: with `CGO_ENABLED=0` the binary built and then failed at run time
    /// ("go-sqlite3 requires cgo to work"). With such a module in `go.mod`, the copy is flagged, not fixed.
    #[test]
    fn no_static_build_for_modules_that_need_cgo() {
        use crate::rules::prelude::testing::fixed_with;
        let scratch = "FROM golang:1.26 AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n";
        let alpine = "FROM golang:1.26 AS b\nRUN go build -o /app .\nFROM alpine:3.22\nCOPY --from=b /app /app\n";
        let mut config = crate::config::Config::default();
        config.context_files.insert(
            "go.mod".into(),
            "module x\n\ngo 1.26\n\nrequire (\n\tgithub.com/mattn/go-sqlite3 v1.14.22\n)\n".into(),
        );
        assert_eq!(fixed_with("DW1023", scratch, &config), scratch);
        assert_eq!(fixed_with("DW1030", alpine, &config), alpine);
        assert_eq!(lines("DW1023", scratch), vec![4]);
        config.context_files.insert(
            "go.mod".into(),
            "module x\nrequire github.com/go-chi/chi/v5 v5.0.12\n".into(),
        );
        assert_ne!(fixed_with("DW1023", scratch, &config), scratch);
        assert_ne!(fixed_with("DW1030", alpine, &config), alpine);
    }

    #[test]
    fn static_builds_and_libc_targets_are_quiet() {
        for src in [
            "FROM golang:1.26-alpine AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n",
            "FROM golang:1.26 AS b\nENV CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n",
            "FROM golang:1.26 AS b\nARG CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n",
            "FROM golang:1.26 AS b\nRUN export CGO_ENABLED=0 && go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n",
            "FROM golang:1.26 AS b\nRUN go build -tags netgo,osusergo -o /app .\nFROM scratch\nCOPY --from=b /app /app\n",
            "FROM golang:1.26 AS b\nRUN go build -o /app .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=b /app /app\n",
        ] {
            assert!(lines("DW1023", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_prefixes_every_go_build() {
        assert_eq!(
            fixed(
                "DW1023",
                "FROM golang:1.26 AS b\nRUN go mod download && go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n"
            ),
            "FROM golang:1.26 AS b\nRUN go mod download && CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n"
        );
    }
}
