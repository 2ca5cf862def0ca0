//! DL3035: `zypper dist-upgrade`.

use super::cli::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2035",
    name: "zypper-dist-upgrade",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3035")],
    docs: rule_docs! {
        what: "Flags `zypper dist-upgrade` (`zypper dup`) in a `RUN`.",
        why: "A distribution upgrade inside a build replaces the base image's packages with whatever the \
              repositories hold that day, possibly a newer release: the image drifts away from the tag you \
              chose and rebuilds differ. Pick a newer base image instead.",
        example: "FROM opensuse/leap:15.5\nRUN zypper --non-interactive dist-upgrade\n",
        fixed: "FROM opensuse/leap:15.6\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !cmd.is("zypper") {
            continue;
        }
        let Some(word) = cmd
            .args()
            .iter()
            .find(|w| w.value == "dist-upgrade" || w.value == "dup")
        else {
            continue;
        };
        out.push(Diagnostic::new(
            word.span,
            "`zypper dist-upgrade` moves the image to whatever the repositories hold today, so builds drift; \
             use a newer base image instead.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_dist_upgrade_and_dup() {
        assert_eq!(
            lines("DW2035", "FROM opensuse/leap\nRUN zypper -n dist-upgrade\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2035", "FROM opensuse/leap\nRUN zypper dup -y\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_update_or_other_programs() {
        assert!(lines("DW2035", "FROM opensuse/leap\nRUN zypper update -y\n").is_empty());
        assert!(lines("DW2035", "FROM debian:12\nRUN apt-get dist-upgrade -y\n").is_empty());
    }
}
