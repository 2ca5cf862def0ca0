//! DL3015: `apt-get install` without `--no-install-recommends`.

use super::cli::{apt_get_install, insert_after, run_commands};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2015",
    name: "apt-get-no-install-recommends",
    category: Category::ImageSize,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3015"), Alias(Peer::Trivy, "DS029")],
    enabled_by_default: true,
    fix: FixKind::Safe,
    docs: Docs {
        what: "Flags `apt-get install` without `--no-install-recommends`.",
        why: "By default apt also installs every \"recommended\" package: often dozens of packages and hundreds \
              of megabytes you did not ask for, each one more thing to patch.",
        example: "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u5\n",
        fixed: "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
        fix_safety: "Safe for us: the packages you named are installed as before, only the optional recommended \
                     ones are left out. If the program relied on one of them, name it explicitly.",
        differences: "`-o APT::Install-Recommends=false` (or `=0`) counts as the flag, as in hadolint. `ONBUILD RUN` is not checked here (hadolint checks it).",
    },
    check,
};

fn skips_recommends(cmd: &ShellCommand) -> bool {
    cmd.has_flag("--no-install-recommends")
        || cmd.args().iter().any(|w| {
            let v = w.value.to_ascii_lowercase();
            v.contains("apt::install-recommends=false") || v.contains("apt::install-recommends=0")
        })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        let Some((_, sub)) = apt_get_install(cmd) else {
            continue;
        };
        if skips_recommends(cmd) {
            continue;
        }
        out.push(
            Diagnostic::new(
                cmd.words.first().map_or(cmd.span, |w| w.span.cover(sub.span)),
                "`apt-get install` also pulls in every recommended package, which can add hundreds of MB you \
                 never asked for; add `--no-install-recommends`.",
            )
            .with_fix(
                Fix::safe("Add --no-install-recommends", vec![insert_after(sub, "--no-install-recommends")])
                    .explained("Installs the named packages and their dependencies, without optional recommends."),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_install_without_the_flag() {
        assert_eq!(
            lines("DW2015", "FROM debian:12\nRUN apt-get install -y curl\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_the_flag_or_the_apt_option() {
        assert!(lines(
            "DW2015",
            "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n"
        )
        .is_empty());
        let opt = "FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n";
        assert!(lines("DW2015", opt).is_empty());
    }

    #[test]
    fn does_not_catch_other_apt_get_commands() {
        assert!(lines(
            "DW2015",
            "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n"
        )
        .is_empty());
    }

    #[test]
    fn fixes_by_adding_the_flag_after_install() {
        assert_eq!(
            fixed("DW2015", "FROM debian:12\nRUN apt-get -y install curl\n"),
            "FROM debian:12\nRUN apt-get -y install --no-install-recommends curl\n"
        );
    }
}
