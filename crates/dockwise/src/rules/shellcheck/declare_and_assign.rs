//! SC2155: `export X="$(cmd)"` hides the exit status of `cmd`.

use super::scan::{is_declaration, scan, PartKind};
use crate::rules::common::commands::is_run;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3002",
    name: "declare-and-assign-separately",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Shellcheck, "SC2155")],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: the build now stops when the command fails, where it carried on with an empty value. Offered for \
         a declaration of one variable joined by `;`, `&&` or a newline: the assignment and the declaration are \
         joined the same way (`&&` inside an `&&` chain), so nothing else runs in a different order."
    )),
    docs: rule_docs! {
        what: "Flags `export`, `local`, `readonly` or `declare` whose assigned value holds a command \
               substitution (`export HOME_DIR=\"$(mktemp -d)\"`).",
        why: "The command's exit status is replaced by the status of `export`, which succeeds: with `set -e` \
              the build carries on after the command failed, with an empty or partial value.",
        example: "FROM debian:bookworm\nRUN set -e; export GNUPGHOME=\"$(mktemp -d)\"; gpg --list-keys\n",
        fixed: "FROM debian:bookworm\nRUN set -e; GNUPGHOME=\"$(mktemp -d)\"; export GNUPGHOME; gpg --list-keys\n",
        differences: "hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|info| is_run(info)) {
        for script in &info.scripts {
            for (i, cmd) in script.commands.iter().enumerate() {
                if is_declaration(cmd) {
                    report(ctx, &script.commands, i, cmd, out);
                }
            }
        }
    }
}

fn report(
    ctx: &Context,
    cmds: &[ShellCommand],
    i: usize,
    cmd: &ShellCommand,
    out: &mut Vec<Diagnostic>,
) {
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
        if !masked {
            continue;
        }
        let diagnostic = Diagnostic::new(
            word.span,
            format!(
                "`{name} {var}=...` hides the exit status of the command substitution: a failure goes \
                 unnoticed even with `set -e`; assign first (`{var}=...`), then `{name} {var}`."
            ),
        );
        out.push(match split(ctx, cmds, i, cmd, raw, var) {
            Some(fix) => diagnostic.with_fix(fix),
            None => diagnostic,
        });
    }
}

/// `export X="$(cmd)"` → `X="$(cmd)"; export X` (`readonly` likewise); `local X="$(cmd)"` → `local X; X="$(cmd)"`
/// (`local` must come first to make the variable local). Only for a lone declaration of one variable, joined to
/// its neighbours by `;`, a newline or `&&`; the new pair is joined the same way.
fn split(
    ctx: &Context,
    cmds: &[ShellCommand],
    i: usize,
    cmd: &ShellCommand,
    assignment: &str,
    var: &str,
) -> Option<Fix> {
    if cmd.args().len() != 1
        || !cmd.assignments.is_empty()
        || !cmd.redirects.is_empty()
        || cmd.in_substitution
    {
        return None;
    }
    let next = cmds
        .get(i + 1..)
        .unwrap_or(&[])
        .iter()
        .find(|c| !c.in_substitution && c.depth <= cmd.depth);
    let next_joiner = next
        .filter(|n| n.depth == cmd.depth)
        .and_then(|n| n.joined_by);
    let joiners = [cmd.joined_by, next_joiner];
    if joiners
        .iter()
        .any(|j| matches!(j, Some(Joiner::Or | Joiner::Pipe | Joiner::Background)))
    {
        return None;
    }
    let join = if joiners.contains(&Some(Joiner::And)) {
        " &&"
    } else {
        ";"
    };
    let keyword = ctx.text(cmd.words.first()?.span);
    let text = match cmd.program()? {
        "export" | "readonly" => format!("{assignment}{join} {keyword} {var}"),
        _ => format!("{keyword} {var}{join} {assignment}"),
    };
    Some(
        Fix::unsafe_(
            format!("Assign {var}, then {keyword} it"),
            vec![Edit::replace(cmd.span, text)],
        )
        .explained(format!(
            "`{var}` is assigned on its own, so a failing command substitution now fails the step (with \
             `set -e` or in an `&&` chain) instead of leaving `{var}` empty."
        )),
    )
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

    use crate::rules::prelude::testing::fixed;

    #[test]
    fn splits_the_declaration_joined_as_it_was() {
        assert_eq!(
            fixed(
                "DW3002",
                "FROM a\nRUN set -e; export G=\"$(mktemp -d)\"; gpg\n"
            ),
            "FROM a\nRUN set -e; G=\"$(mktemp -d)\"; export G; gpg\n"
        );
        assert_eq!(
            fixed("DW3002", "FROM a\nRUN a && export V=`cat v` && b\n"),
            "FROM a\nRUN a && V=`cat v` && export V && b\n"
        );
        assert_eq!(
            fixed(
                "DW3002",
                "FROM a\nRUN f() { local x=\"$(pwd)\"; echo \"$x\"; }; f\n"
            ),
            "FROM a\nRUN f() { local x; x=\"$(pwd)\"; echo \"$x\"; }; f\n"
        );
        assert_eq!(
            fixed("DW3002", "FROM a\nRUN set -eux; \\\n    export GNUPGHOME=\"$(mktemp -d)\"; \\\n    gpg --list-keys\n"),
            "FROM a\nRUN set -eux; \\\n    GNUPGHOME=\"$(mktemp -d)\"; export GNUPGHOME; \\\n    gpg --list-keys\n"
        );
    }

    #[test]
    fn leaves_or_lists_pipes_and_several_variables_alone() {
        for text in [
            "FROM a\nRUN export V=\"$(cat v)\" || true\n",
            "FROM a\nRUN test -f v || export V=\"$(cat v)\"\n",
            "FROM a\nRUN export A=\"$(a)\" B=1\n",
            "FROM a\nRUN export -n A=\"$(a)\"\n",
        ] {
            assert_eq!(fixed("DW3002", text), text, "{text}");
        }
    }
}
