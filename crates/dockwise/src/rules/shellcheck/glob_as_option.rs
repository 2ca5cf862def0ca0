//! SC2035: an argument starting with a glob (`rm *`), which may expand to a file name starting with `-`.

use super::scan::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3007",
    name: "glob-as-option",
    category: Category::Correctness,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Shellcheck, "SC2035")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: `./*.deb` matches the same files as `*.deb`, only spelled with a leading `./`."
    )),
    docs: rule_docs! {
        what: "Flags an argument that starts with an unquoted `*` or `?` glob (`rm *.tmp`), before any `--`.",
        why: "A file named `-rf` or `--force` matches the glob and is read as an option: the command does \
              something else than meant. `./*` cannot start with a dash.",
        example: "FROM debian:bookworm\nWORKDIR /tmp/build\nRUN rm -f *.deb\n",
        fixed: "FROM debian:bookworm\nWORKDIR /tmp/build\nRUN rm -f ./*.deb\n",
        differences: "hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if cmd.is("echo") || cmd.is("printf") {
            continue;
        }
        for word in cmd.args() {
            if matches!(word.value.as_str(), "--" | ":::" | "::::") {
                break;
            }
            let raw = ctx.text(word.span);
            if raw.starts_with('*') || raw.starts_with('?') {
                out.push(
                    Diagnostic::new(
                        word.span,
                        format!(
                            "`{raw}` may expand to a file name starting with `-`, which the command would read \
                             as an option; write `./{raw}` (or put `--` before it)."
                        ),
                    )
                    .with_fix(
                        Fix::safe(format!("Write ./{raw}"), vec![Edit::insert(word.span.start, "./")])
                            .explained("Same files matched; none can be taken for an option."),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_leading_globs() {
        assert_eq!(lines("DW3007", "FROM a\nRUN rm -rf *\n"), vec![2]);
        assert_eq!(
            lines("DW3007", "FROM a\nRUN cp *.txt ?.md /x\n"),
            vec![2, 2]
        );
    }

    #[test]
    fn does_not_catch_dot_slash_quoted_after_dashes_or_echo() {
        assert!(lines("DW3007", "FROM a\nRUN rm ./*; ls '*'; rm -- *; echo *\n").is_empty());
    }

    #[test]
    fn fix_prefixes_dot_slash() {
        assert_eq!(
            fixed("DW3007", "FROM a\nRUN rm *.o\n"),
            "FROM a\nRUN rm ./*.o\n"
        );
    }
}
