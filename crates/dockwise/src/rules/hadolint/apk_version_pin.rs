//! DL3018: `apk add` without pinned versions.

use super::cli::{invocation, operands_after, resolve_operands, run_commands_with_exec};
use crate::rules::common::packages::unpinned_diagnostic;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2018",
    name: "apk-version-pin",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3018")],
    docs: rule_docs! {
        what: "Flags `apk add` of packages without a version (`curl` instead of `curl=8.9.1-r0`).",
        why: "Without a version every build installs whatever the Alpine mirror has that day: the image \
              changes under you and an upstream update can break the build.",
        example: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
        fixed: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
        differences: "As in hadolint: `=` and `~` constraints count as pinned, local `.apk` files are not \
                      reported, and the name given to `--virtual`/`-t` is not a package.",
    },
    check,
    ..Rule::DEFAULTS
};

pub const APK_VALUE_OPTIONS: &[&str] = &[
    "-t",
    "--virtual",
    "-X",
    "--repository",
    "-p",
    "--root",
    "--keys-dir",
    "--arch",
    "--cache-dir",
    "--repositories-file",
];

fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('~') || package.ends_with(".apk")
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in &run_commands_with_exec(ctx) {
        let Some((sub, _)) = invocation(cmd, "apk", &["add"], APK_VALUE_OPTIONS) else {
            continue;
        };
        let operands = resolve_operands(info, cmd, operands_after(cmd, sub, APK_VALUE_OPTIONS));
        out.extend(unpinned_diagnostic(operands, is_pinned, |names| {
            format!(
                "`apk add` takes {names} without a version, so each build gets what the mirror holds that day; pin \
                 them as `package=version`.",
            )
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_unpinned_packages() {
        assert_eq!(
            lines("DW2018", "FROM alpine:3\nRUN apk add --no-cache curl\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2018",
                "FROM alpine:3\nRUN apk --no-cache add curl=8 git\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_pins_local_files_or_virtual_names() {
        let src =
            "FROM alpine:3\nRUN apk add --no-cache --virtual .deps curl=8.9 git~2.45 ./x.apk\n";
        assert!(lines("DW2018", src).is_empty());
        assert!(lines("DW2018", "FROM alpine:3\nRUN apk add -t .deps curl=8\n").is_empty());
    }

    #[test]
    fn does_not_catch_other_subcommands() {
        assert!(lines(
            "DW2018",
            "FROM alpine:3\nRUN apk update && apk upgrade && apk del curl\n"
        )
        .is_empty());
    }
}
