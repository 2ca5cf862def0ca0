//! SC2164: `cd dir` whose failure is not handled.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3004",
    name: "cd-without-exit",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Shellcheck, "SC2164")],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: the build now stops when the directory is missing instead of carrying on."
    )),
    docs: rule_docs! {
        what: "Flags a `cd` (or `pushd`/`popd`) whose failure is not checked: not followed by `&&` or `||`, in \
               a script without `set -e`.",
        why: "If the directory is missing, `cd` fails and the script carries on in the wrong directory: the next \
              `rm -rf *` or `make install` runs where it was never meant to.",
        example: "FROM debian:bookworm\nRUN cd /src; make\n",
        fixed: "FROM debian:bookworm\nRUN cd /src || exit; make\n",
        differences: "hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Run) {
        for script in &info.scripts {
            if script.commands.iter().any(sets_errexit) {
                continue;
            }
            let cmds = &script.commands;
            for (i, cmd) in cmds.iter().enumerate() {
                if !(cmd.is("cd") || cmd.is("pushd") || cmd.is("popd")) {
                    continue;
                }
                // `cd ..`, `cd ../..` and `cd /` cannot fail in practice.
                let safe_dir = |a: &Word| {
                    !a.value.is_empty() && a.value.split('/').all(|s| s.is_empty() || s == "..")
                };
                if cmd.args().len() == 1 && cmd.args().first().is_some_and(safe_dir) {
                    continue;
                }
                if !cmd.is("cd") && cmd.has_flag("-n") {
                    continue;
                }
                let next =
                    cmds.get(i + 1..).unwrap_or(&[]).iter().find(|c| {
                        (!c.in_substitution || cmd.in_substitution) && c.depth <= cmd.depth
                    });
                let checked = next.is_some_and(|n| {
                    n.depth == cmd.depth && matches!(n.joined_by, Some(Joiner::And | Joiner::Or))
                });
                if checked {
                    continue;
                }
                let end = cmd.span.end;
                let diagnostic = Diagnostic::new(
                    cmd.span,
                    "This `cd` is not checked: if it fails, the commands after it run in the wrong \
                     directory; write `cd dir || exit` (or `cd dir && ...`), or prefer `WORKDIR`.",
                );
                // A `cd` with nothing after it already fails the `RUN`: `|| exit` would add nothing (DW2003
                // removes a `RUN` that only changes directory).
                if next.is_none() {
                    out.push(diagnostic);
                    continue;
                }
                out.push(
                    diagnostic.with_fix(
                        Fix::unsafe_("Add || exit", vec![Edit::insert(end, " || exit")])
                            .explained("The build stops if the directory cannot be entered."),
                    ),
                );
            }
        }
    }
}

/// `set -e`, `set -eux`, `set -o errexit`.
fn sets_errexit(cmd: &ShellCommand) -> bool {
    cmd.is("set")
        && (cmd.args().iter().any(|a| {
            a.value.starts_with('-') && !a.value.starts_with("--") && a.value.contains('e')
        }) || cmd
            .args()
            .windows(2)
            .any(|w| w[0].value == "-o" && w[1].value == "errexit"))
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_unchecked_cd() {
        assert_eq!(lines("DW3004", "FROM a\nRUN cd /x; make\n"), vec![2]);
        assert_eq!(lines("DW3004", "FROM a\nRUN make && cd /x\n"), vec![2]);
        assert_eq!(lines("DW3004", "FROM a\nRUN cd\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_checked_cd_or_scripts_with_set_e() {
        let src = "FROM a\nRUN cd /x && make\nRUN cd /x || exit 1\nRUN (cd /x && make)\nRUN set -eux; cd /x; make\n\
                   RUN cd ..; ls\nRUN cd /; ls\nRUN make && cd ../..\nRUN cd /x && make || exit\n";
        assert!(lines("DW3004", src).is_empty());
    }

    #[test]
    fn no_or_exit_for_a_cd_with_nothing_after_it() {
        for src in ["FROM a\nRUN cd /x\n", "FROM a\nRUN make && cd /x\n"] {
            assert_eq!(lines("DW3004", src).len(), 1, "{src}");
            assert_eq!(fixed("DW3004", src), src);
        }
    }

    #[test]
    fn fix_adds_or_exit() {
        assert_eq!(
            fixed("DW3004", "FROM a\nRUN cd /x ; make\n"),
            "FROM a\nRUN cd /x || exit ; make\n"
        );
    }
}
