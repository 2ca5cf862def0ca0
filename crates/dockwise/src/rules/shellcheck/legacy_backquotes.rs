//! SC2006: backquoted command substitution.

use super::scan::{run_commands, scan, PartKind};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3008",
    name: "legacy-backquotes",
    category: Category::Style,
    severity: Severity::Style,
    aliases: &[Alias(Peer::Shellcheck, "SC2006")],
    fix: FixKind::Safe(fix_safety!(
        "Safe when the backquoted text holds no backslash: `$(...)` then runs exactly the same command. With \
         backslashes (nested escapes) no fix is offered."
    )),
    docs: rule_docs! {
        what: "Flags command substitution written with backquotes (`` `cmd` ``).",
        why: "Backquotes do not nest without escaping and treat backslashes specially; `$(cmd)` reads clearly \
              and nests.",
        example: "FROM debian:bookworm\nRUN echo \"built on `uname -m`\" > /etc/build-arch\n",
        fixed: "FROM debian:bookworm\nRUN echo \"built on $(uname -m)\" > /etc/build-arch\n",
        differences: "hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        let words = cmd
            .words
            .iter()
            .chain(&cmd.assignments)
            .chain(cmd.redirects.iter().filter_map(|r| r.target.as_ref()));
        for word in words {
            for part in scan(ctx.source, word.span).parts {
                if part.kind != PartKind::Backquote {
                    continue;
                }
                let text = ctx.text(part.span);
                let mut diagnostic = Diagnostic::new(
                    part.span,
                    "Backquotes are the legacy form of command substitution: they do not nest and treat \
                     backslashes oddly; write `$(...)`.",
                );
                let inner = text.strip_prefix('`').and_then(|t| t.strip_suffix('`'));
                if let Some(inner) = inner.filter(|i| !i.contains('\\') && !i.is_empty()) {
                    diagnostic = diagnostic.with_fix(
                        Fix::safe(
                            "Use $(...)",
                            vec![Edit::replace(part.span, format!("$({inner})"))],
                        )
                        .explained("Same command, modern syntax."),
                    );
                }
                out.push(diagnostic);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_backquotes_quoted_or_not() {
        assert_eq!(
            lines("DW3008", "FROM a\nRUN x=`pwd`; echo \"`date`\"\n"),
            vec![2, 2]
        );
    }

    #[test]
    fn does_not_catch_dollar_parens_or_single_quoted_backquotes() {
        assert!(lines("DW3008", "FROM a\nRUN echo $(pwd) '`x`'\n").is_empty());
    }

    #[test]
    fn fixes_only_without_backslashes() {
        assert_eq!(
            fixed("DW3008", "FROM a\nRUN cd `dirname x`\n"),
            "FROM a\nRUN cd $(dirname x)\n"
        );
        let nested = "FROM a\nRUN echo `echo \\`pwd\\``\n";
        assert_eq!(fixed("DW3008", nested), nested);
    }
}
