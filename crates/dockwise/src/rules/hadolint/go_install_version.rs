//! DL3062: `go install`/`go get` of a module without a version.

use super::cli::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2062",
    name: "go-install-version",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3062")],
    docs: rule_docs! {
        what: "Flags `go install` and `go get` of a remote package without `@version`, or with `@latest`.",
        why: "Without a version, Go fetches whatever the module's newest release is at build time: rebuilds \
              differ and can break without any change of yours.",
        example: "FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/goimports\n",
        fixed: "FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/goimports@v0.26.0\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !cmd.is("go") {
            continue;
        }
        let args = cmd.args();
        let Some(sub) = args.iter().position(|w| !w.value.starts_with('-')) else {
            continue;
        };
        let verb = args[sub].value.as_str();
        if !matches!(verb, "install" | "get" | "run") {
            continue;
        }
        let unpinned = args[sub + 1..].iter().find(|w| {
            let v = w.value.as_str();
            // `go run` also takes local files (`main.go`) and packages (`./cmd/x`): only a module path whose
            // first element is a domain (`example.com/tool`) is fetched.
            let remote = verb != "run"
                || (!v.ends_with(".go")
                    && v.split('/').next().is_some_and(|host| host.contains('.')));
            remote
                && !v.starts_with('-')
                && !v.starts_with('.')
                && !v.starts_with('/')
                && !is_pinned(v)
        });
        if let Some(word) = unpinned {
            out.push(Diagnostic::new(
                word.span,
                format!(
                    "`{}` has no fixed version, so each build may fetch a different release; append \
                     `@<version>` (for example `@v1.2.3`).",
                    word.value
                ),
            ));
        }
    }
}

fn is_pinned(package: &str) -> bool {
    package
        .rsplit_once('@')
        .is_some_and(|(_, version)| version != "latest" && !version.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_go_run_of_a_remote_module_only() {
        assert_eq!(
            lines(
                "DW2062",
                "FROM golang:1.22\nRUN go run example.com/tool@latest && go run example.com/x\n"
            ),
            vec![2, 2]
        );
        assert!(lines(
            "DW2062",
            "FROM golang:1.22\nRUN go run main.go && go run ./cmd/app && go run . && go run example.com/t@v1.0.0\n"
        )
        .is_empty());
    }

    #[test]
    fn catches_unversioned_and_latest() {
        assert_eq!(
            lines(
                "DW2062",
                "FROM golang:1\nRUN go install example.com/x/cmd\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2062",
                "FROM golang:1\nRUN go install example.com/x@latest\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW2062", "FROM golang:1\nRUN go get -u example.com/x\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_versions_or_local_packages() {
        assert!(lines(
            "DW2062",
            "FROM golang:1\nRUN go install example.com/x@v1.2.3\n"
        )
        .is_empty());
        assert!(lines(
            "DW2062",
            "FROM golang:1\nRUN go install example.com/x@${V}\n"
        )
        .is_empty());
        assert!(lines("DW2062", "FROM golang:1\nRUN go install ./...\n").is_empty());
        assert!(lines("DW2062", "FROM golang:1\nRUN go get\n").is_empty());
        assert!(lines("DW2062", "FROM golang:1\nRUN go build example.com/x\n").is_empty());
    }
}
