//! DL3034: `zypper install`/`remove`/`patch` without a non-interactive switch.

use super::cli::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2034",
    name: "zypper-non-interactive",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3034")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: `--non-interactive` only answers prompts with their default, which a build cannot do by hand."
    )),
    docs: rule_docs! {
        what: "Flags `zypper install`, `remove`, `patch` and `source-install` without `--non-interactive` \
               (`-n`) or `-y` (`--no-confirm`).",
        why: "A build has no terminal: zypper stops at its confirmation prompt, reads end-of-file and aborts, so \
              the build fails.",
        example: "FROM opensuse/leap:15.6\nRUN zypper install nginx=1.21.5 && zypper clean --all\n",
        fixed: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install nginx=1.21.5 && zypper clean --all\n",
    },
    check,
    ..Rule::DEFAULTS
};

const SUBCOMMANDS: [&str; 7] = [
    "install",
    "in",
    "remove",
    "rm",
    "patch",
    "source-install",
    "si",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !cmd.is("zypper")
            || !cmd
                .args()
                .iter()
                .any(|w| SUBCOMMANDS.contains(&w.value.as_str()))
        {
            continue;
        }
        let quiet = ["-n", "--non-interactive", "-y", "--no-confirm"];
        if quiet.iter().any(|f| cmd.has_flag(f)) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            cmd.span,
            "`zypper` will stop at its confirmation prompt, which a build cannot answer; add `--non-interactive`.",
        );
        if let Some(program) = cmd.words.first() {
            diagnostic = diagnostic.with_fix(
                Fix::safe(
                    "Add --non-interactive",
                    vec![Edit::insert(program.span.end, " --non-interactive")],
                )
                .explained("zypper answers its prompts with their defaults instead of aborting."),
            );
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_install_and_remove_without_the_switch() {
        assert_eq!(
            lines("DW2034", "FROM opensuse/leap\nRUN zypper install nginx\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2034", "FROM opensuse/leap\nRUN zypper rm nginx\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_any_non_interactive_spelling() {
        assert!(lines(
            "DW2034",
            "FROM opensuse/leap\nRUN zypper -n install nginx\n"
        )
        .is_empty());
        assert!(lines("DW2034", "FROM opensuse/leap\nRUN zypper in -y nginx\n").is_empty());
        assert!(lines(
            "DW2034",
            "FROM opensuse/leap\nRUN zypper --non-interactive install nginx\n"
        )
        .is_empty());
        assert!(lines("DW2034", "FROM opensuse/leap\nRUN zypper refresh\n").is_empty());
    }

    #[test]
    fn fix_adds_the_global_switch_before_the_subcommand() {
        assert_eq!(
            fixed("DW2034", "FROM opensuse/leap\nRUN zypper install nginx\n"),
            "FROM opensuse/leap\nRUN zypper --non-interactive install nginx\n"
        );
    }
}
