//! DL4005: replacing `/bin/sh` with a symlink instead of using `SHELL`.

use super::cli::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2105",
    name: "shell-symlink",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL4005")],
    docs: rule_docs! {
        what: "Flags `ln` commands that replace `/bin/sh` (for example `ln -sf /bin/bash /bin/sh`).",
        why: "Relinking `/bin/sh` changes the shell of every script in the image, including the distro's own \
              maintainer scripts that expect the original, and it is invisible to readers. The `SHELL` \
              instruction changes only how the Dockerfile's `RUN`s are run.",
        example: "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n",
        fixed: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\n",
        differences: "A wrapped `ln` (`sudo ln -sf bash /bin/sh`) is caught too; hadolint 2.15.1 reads only a bare \
                      `ln`.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if cmd.runs("ln") && cmd.operands().last().is_some_and(|w| w.value == "/bin/sh") {
            out.push(Diagnostic::new(
                cmd.span,
                "Relinking `/bin/sh` changes the shell for every script in the image, not just this build; use \
                 the `SHELL` instruction instead.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_relinking_bin_sh() {
        assert_eq!(
            lines("DW2105", "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2105",
                "FROM debian:12\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2105",
                "FROM ubuntu:22.04\nRUN sudo ln -s -f bash /bin/sh\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_other_links() {
        assert!(lines(
            "DW2105",
            "FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/sh\n"
        )
        .is_empty());
        assert!(lines("DW2105", "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\n").is_empty());
    }
}
