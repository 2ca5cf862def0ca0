//! SC2046: an unquoted `$(...)` in a command's arguments.

use super::scan::{argument_words, is_declared_assignment, run_commands, scan, PartKind};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3003",
    name: "unquoted-command-substitution",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Shellcheck, "SC2046")],
    docs: rule_docs! {
        what: "Flags a command substitution `$(...)` used without double quotes as an argument.",
        why: "The command's output is split on spaces and expanded as globs: a path with a space becomes two \
              arguments and a `*` in the output matches files.",
        example: "FROM debian:bookworm\nRUN chown -R app $(getent passwd app | cut -d: -f6)\n",
        fixed: "FROM debian:bookworm\nRUN chown -R app \"$(getent passwd app | cut -d: -f6)\"\n",
        differences: "Backquotes are left to `legacy-backquotes` (SC2006), which rewrites them as `$(...)`. \
                      hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in run_commands(ctx) {
        for word in argument_words(cmd).filter(|w| !is_declared_assignment(info, cmd, w)) {
            for part in scan(ctx.source, word.span).parts {
                if part.kind == PartKind::CommandSub && !part.quoted {
                    out.push(Diagnostic::new(
                        part.span,
                        "This command substitution is not quoted: its output is split on spaces and globbed, so \
                         the command may get other arguments than intended; wrap it in double quotes (or use \
                         `xargs`/a loop when a list is meant).",
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_unquoted_substitutions_in_arguments() {
        assert_eq!(lines("DW3003", "FROM a\nRUN ls a$(pwd)b\n"), vec![2]);
        assert_eq!(lines("DW3003", "FROM a\nRUN export X=$(pwd)\n"), vec![2]);
    }

    #[test]
    fn follows_bash_where_export_arguments_are_assignments() {
        assert!(lines(
            "DW3003",
            "FROM a\nSHELL [\"bash\", \"-c\"]\nRUN export X=$(pwd)\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_quoted_substitutions_assignments_or_arithmetic() {
        assert!(lines(
            "DW3003",
            "FROM a\nRUN ls \"$(pwd)\"; x=$(pwd); echo $((1+2)) `pwd`\n"
        )
        .is_empty());
    }
}
