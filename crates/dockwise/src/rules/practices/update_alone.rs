//! `RUN apt-get update` (or `apk update`) in a `RUN` that installs nothing after it.

use crate::rules::common::commands::is_run;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1050",
    name: "update-alone",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Trivy, "DS017"),
        Alias(Peer::Checkov, "CKV_DOCKER_5"),
    ],
    docs: rule_docs! {
        what: "Flags a `RUN` that refreshes the package lists (`apt-get update`, `apt update`, `apk update`) and \
               installs nothing after it in the same `RUN`.",
        why: "The layer of that `RUN` is cached: later builds reuse the lists from the day it first ran, so a \
              following `RUN apt-get install` installs outdated versions or fails when the mirror has moved on. \
              Refresh and install in one `RUN` (`apt-get update && apt-get install ...`).",
        example: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n",
        fixed: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
        differences: "Trivy (DS017) also flags `yum update`, `dnf update` and `zypper update` alone; those upgrade \
                      the installed packages rather than only refreshing lists, so they are not reported here.",
    },
    check,
    ..Rule::DEFAULTS
};

/// Subcommands that use the refreshed lists.
const INSTALLS: &[&str] = &[
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "reinstall",
    "build-dep",
    "source",
    "add",
];

/// The package manager family of `cmd` and its first non-option word.
fn manager(cmd: &ShellCommand) -> Option<(&'static str, &str)> {
    let family = if cmd.is("apt-get") || cmd.is("apt") {
        "apt"
    } else if cmd.is("apk") {
        "apk"
    } else {
        return None;
    };
    let sub = cmd.args().iter().find(|w| !w.value.starts_with('-'))?;
    Some((family, sub.value.as_str()))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| is_run(i)) {
        let commands: Vec<&ShellCommand> = info.commands().collect();
        for (i, cmd) in commands.iter().enumerate() {
            let Some((family, "update")) = manager(cmd) else {
                continue;
            };
            let installs_after = commands[i + 1..]
                .iter()
                .any(|c| manager(c).is_some_and(|(f, sub)| f == family && INSTALLS.contains(&sub)));
            if !installs_after {
                out.push(Diagnostic::new(
                    cmd.span,
                    format!(
                        "`{}` refreshes the package lists in a `RUN` that installs nothing: its cached layer \
                         keeps old lists for later builds; update and install in the same `RUN`.",
                        cmd.program().unwrap_or("apt-get")
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_an_update_without_an_install() {
        let src = "FROM debian:12\nRUN apt-get update\nRUN apk update && echo done\nRUN apt-get install x\n";
        assert_eq!(lines("DW1050", src), vec![2, 3]);
        assert_eq!(
            lines("CKV_DOCKER_5", "FROM debian:12\nONBUILD RUN apt update\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_an_update_followed_by_an_install() {
        let src = "FROM debian:12\nRUN apt-get update && apt-get install -y x\nRUN apk update && apk add y\n\
                   RUN yum update -y\n";
        assert!(lines("DW1050", src).is_empty());
    }
}
