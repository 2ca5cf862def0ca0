//! Appending a command to a `RUN`: the check that the end of the script is safe to extend.
//!
//! The hadolint-parity rules (`hadolint/run_edits.rs`) and the practice rules (`practices/edits.rs`) both fix
//! findings by appending ` && command` to the same `RUN`; the test for where that can go was written twice and
//! lives here once.

use crate::rules::prelude::*;

/// Where ` && command` can go at the end of a `RUN`'s script: after its last command, or after the keywords that
/// close the compound commands around it (`fi`, `done`, `esac`, `}`, `)`).
#[derive(Debug, Clone, Copy)]
pub struct ScriptEnd<'i> {
    /// The last command that runs (not in a substitution).
    pub last: &'i ShellCommand,
    /// The offset the insertion goes to.
    pub at: usize,
}

/// Keywords that close a compound command.
const CLOSERS: [&str; 5] = ["fi", "done", "esac", "}", ")"];

/// The end of a shell-form `RUN`'s script when only whitespace, line continuations and the keywords closing the
/// compound commands around its last command follow that command, so ` && command` can be inserted on its last
/// line (keeping the file's continuation style): `if a; then b; fi && command` runs `command` whenever the
/// whole script succeeded, as appending should. `None` for exec form, heredocs, scripts that did not parse, and
/// scripts that end in a trailing `&`, a comment, a redirection or anything else after the last command, or
/// whose last command ends the shell (`exit`, `exec`), where appending could change what runs or break the
/// syntax. A closing `;` stays after the insertion.
pub fn plain_script_end<'i>(ctx: &Context, info: &'i InstructionInfo) -> Option<ScriptEnd<'i>> {
    let node = info.node;
    if node.kind != Keyword::Run
        || !node.heredocs.is_empty()
        || !matches!(node.body, Body::Command(Command::Shell(_)))
    {
        return None;
    }
    let script = info.scripts.first()?;
    if script.error.is_some() {
        return None;
    }
    let last = script.commands.iter().rev().find(|c| !c.in_substitution)?;
    if ends_the_shell(last) {
        return None;
    }
    let rest = ctx.source.get(last.span.end..node.args.end)?;
    // Split what follows into words at blanks, `;` and continuations: every word must close one compound
    // around the last command, one per level of nesting, and at most one `;` may follow the last of them.
    let separator = |c: char| c.is_whitespace() || c == ';' || c == '\\' || c == ctx.file.escape;
    let mut closers = 0;
    // Where the last closer ends in `rest` (0: right after the last command).
    let mut closed_at = 0;
    let mut word: Option<usize> = None;
    for (i, c) in rest
        .char_indices()
        .chain(std::iter::once((rest.len(), ' ')))
    {
        if !separator(c) {
            word.get_or_insert(i);
        } else if let Some(from) = word.take() {
            if !CLOSERS.contains(&rest.get(from..i)?) {
                return None;
            }
            closers += 1;
            closed_at = i;
        }
    }
    let after_closers = rest.get(closed_at..)?;
    (closers == last.depth
        && after_closers.matches(';').count() <= 1
        && rest.matches(';').count() <= closers + 1)
        .then_some(ScriptEnd {
            last,
            at: last.span.end + closed_at,
        })
}

/// Whether nothing after this command runs in its shell (`exit`, `exec program`): a command appended after it
/// would never run.
pub fn ends_the_shell(cmd: &ShellCommand) -> bool {
    matches!(cmd.program(), Some("exit" | "exec"))
}

/// The insertion of ` && command` at the end of a script (see [`plain_script_end`]).
pub fn append_after(end: ScriptEnd<'_>, command: &str) -> Edit {
    Edit::insert(end.at, format!(" && {command}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::common::with_context;

    /// The text of the command a fix would append after, for the first `RUN`.
    fn end_of(src: &str) -> Option<String> {
        with_context(src, |ctx| {
            let info = ctx.instructions.iter().find(|i| i.kind() == Keyword::Run)?;
            plain_script_end(ctx, info)
                .map(|end| ctx.source[end.last.span.start..end.at].to_string())
        })
    }

    #[test]
    fn finds_the_last_command_of_a_plain_script() {
        assert_eq!(
            end_of("FROM a\nRUN a && b \\\n  c\n").as_deref(),
            Some("b \\\n  c")
        );
        assert_eq!(end_of("FROM a\nRUN x; y\n").as_deref(), Some("y"));
        assert_eq!(end_of("FROM a\nRUN x; y ; \n").as_deref(), Some("y"));
    }

    /// After the keywords that close the compounds around the last command, one per level.
    #[test]
    fn finds_the_end_of_a_script_ending_in_compound_commands() {
        assert_eq!(
            end_of("FROM a\nRUN a && if b; then c; fi\n").as_deref(),
            Some("c; fi")
        );
        assert_eq!(
            end_of("FROM a\nRUN for x in 1 2; do \\\n  if [ $x ]; then y; fi; \\\n done ; \n")
                .as_deref(),
            Some("y; fi; \\\n done")
        );
        assert_eq!(
            end_of("FROM a\nRUN (cd b && make)\n").as_deref(),
            Some("make)")
        );
        assert_eq!(end_of("FROM a\nRUN { a; b; }\n").as_deref(), Some("b; }"));
        assert_eq!(
            end_of("FROM a\nRUN case a in b) c;; esac\n").as_deref(),
            Some("c;; esac")
        );
    }

    #[test]
    fn refuses_ends_where_appending_is_unsafe() {
        assert_eq!(end_of("FROM a\nRUN a;;\n"), None);
        assert_eq!(end_of("FROM a\nRUN a; exit 0\n"), None);
        assert_eq!(end_of("FROM a\nRUN exec a\n"), None);
        assert_eq!(end_of("FROM a\nRUN a &\n"), None);
        assert_eq!(end_of("FROM a\nRUN a # note\n"), None);
        assert_eq!(end_of("FROM a\nRUN if a; then exit 1; fi\n"), None);
        assert_eq!(end_of("FROM a\nRUN for a in b; do c; done > log\n"), None);
        assert_eq!(end_of("FROM a\nRUN for a in b; do c; done &\n"), None);
        assert_eq!(end_of("FROM a\nRUN case a in b) c;; d) ;; esac\n"), None);
        assert_eq!(end_of("FROM a\nRUN if a; then b; fi # note\n"), None);
        assert_eq!(end_of("FROM a\nRUN if a; then b; fi; fi\n"), None);
        assert_eq!(end_of("FROM a\nRUN [\"a\"]\n"), None);
        assert_eq!(end_of("FROM a\nRUN <<EOF\na\nEOF\n"), None);
    }
}
