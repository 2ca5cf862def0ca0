//! DL3014: `apt-get install` without `-y`.

use super::cli::{apt_get_install, insert_after, run_commands};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2014",
    name: "apt-get-assume-yes",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3014"), Alias(Peer::Trivy, "DS021")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: `-y` only answers the confirmation prompt; what gets installed is the same."
    )),
    docs: rule_docs! {
        what: "Flags `apt-get install` without `-y` (or `--yes`, `--assume-yes`, `-qq`).",
        why: "A build has no one to answer apt's \"Do you want to continue?\" prompt: without `-y` the install \
              aborts as soon as it needs to install more than was asked.",
        example: "FROM debian:12\nRUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u5\n",
        fixed: "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
        differences: "`ONBUILD RUN` is not checked here (hadolint checks it); DW2008 does read it.",
    },
    check,
    ..Rule::DEFAULTS
};

fn assumes_yes(cmd: &ShellCommand) -> bool {
    cmd.has_flag("-y")
        || cmd.has_flag("--yes")
        || cmd.has_flag("--assume-yes")
        || cmd.has_flag("--force-yes")
        || cmd.args().iter().any(|w| {
            let v = w.value.as_str();
            v == "-qq" || v == "-qqq" || v == "-q=2" || v == "--quiet=2"
        })
        || quiet_count(cmd) >= 2
}

/// `-q -q` and `--quiet --quiet` add up to quiet level 2, which implies `-y`.
fn quiet_count(cmd: &ShellCommand) -> usize {
    cmd.args()
        .iter()
        .map(|w| match w.value.as_str() {
            "--quiet" => 1,
            v if v.starts_with('-') && !v.starts_with("--") => v[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .filter(|c| *c == 'q')
                .count(),
            _ => 0,
        })
        .sum()
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        let Some((_, sub)) = apt_get_install(cmd) else {
            continue;
        };
        if assumes_yes(cmd) {
            continue;
        }
        out.push(
            Diagnostic::new(
                cmd.words.first().map_or(cmd.span, |w| w.span.cover(sub.span)),
                "`apt-get install` without `-y` waits for a confirmation nobody can give during a build and \
                 aborts; add `-y`.",
            )
            .with_fix(
                Fix::safe("Add -y", vec![insert_after(sub, "-y")])
                    .explained("Answers apt's confirmation prompt; installs the same packages."),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_install_without_yes() {
        assert_eq!(
            lines(
                "DW2014",
                "FROM debian:12\nRUN apt-get update && apt-get install curl\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_it_even_with_noninteractive_frontend() {
        let src = "FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive apt-get install curl\n";
        assert_eq!(lines("DW2014", src), vec![2]);
    }

    #[test]
    fn does_not_catch_the_spellings_of_yes() {
        for flags in [
            "-y",
            "-qy",
            "--yes",
            "--assume-yes",
            "-qq",
            "-q=2",
            "-q -q",
            "--quiet --quiet",
        ] {
            let src = format!("FROM debian:12\nRUN apt-get install {flags} curl\n");
            assert!(lines("DW2014", &src).is_empty(), "{flags}");
        }
        assert!(lines("DW2014", "FROM debian:12\nRUN apt-get -y install curl\n").is_empty());
    }

    #[test]
    fn fixes_by_adding_yes_after_install() {
        assert_eq!(
            fixed("DW2014", "FROM debian:12\nRUN apt-get install curl\n"),
            "FROM debian:12\nRUN apt-get install -y curl\n"
        );
    }
}
