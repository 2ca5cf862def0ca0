//! SC2155: `export X="$(cmd)"` hides the exit status of `cmd`.

use super::scan::{is_declaration, run_commands, scan, PartKind};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3002",
    name: "declare-and-assign-separately",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Shellcheck, "SC2155")],
    enabled_by_default: true,
    fix: FixKind::None,
    docs: rule_docs! {
        what: "Flags `export`, `local`, `readonly` or `declare` whose assigned value holds a command \
               substitution (`export HOME_DIR=\"$(mktemp -d)\"`).",
        why: "The command's exit status is replaced by the status of `export`, which succeeds: with `set -e` \
              the build carries on after the command failed, with an empty or partial value.",
        example: "FROM debian:bookworm\nRUN set -e; export GNUPGHOME=\"$(mktemp -d)\"; gpg --list-keys\n",
        fixed: "FROM debian:bookworm\nRUN set -e; GNUPGHOME=\"$(mktemp -d)\"; export GNUPGHOME; gpg --list-keys\n",
        fix_safety: "",
        differences: "hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !is_declaration(cmd) {
            continue;
        }
        let name = cmd.name().unwrap_or("export");
        for word in cmd.args() {
            let raw = ctx.text(word.span);
            let Some(eq) = raw.find('=') else { continue };
            let var = raw.get(..eq).unwrap_or("");
            if var.is_empty() || var.starts_with('-') {
                continue;
            }
            let value = Span::new(word.span.start + eq + 1, word.span.end);
            let masked = scan(ctx.source, value)
                .parts
                .iter()
                .any(|p| matches!(p.kind, PartKind::CommandSub | PartKind::Backquote));
            if masked {
                out.push(Diagnostic::new(
                    word.span,
                    format!(
                        "`{name} {var}=...` hides the exit status of the command substitution: a failure goes \
                         unnoticed even with `set -e`; assign first (`{var}=...`), then `{name} {var}`."
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
    fn catches_export_and_local_with_a_command_substitution() {
        assert_eq!(
            lines("DW3002", "FROM a\nRUN export X=\"$(pwd)\"\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW3002", "FROM a\nRUN f() { local x=`pwd`; }\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_plain_assignments_or_literal_exports() {
        assert!(lines(
            "DW3002",
            "FROM a\nRUN X=\"$(pwd)\"; export X; export Y=1 Z=\"$X\"\n"
        )
        .is_empty());
    }
}
