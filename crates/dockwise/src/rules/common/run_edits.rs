//! Appending a command to a `RUN`: the check that the end of the script is safe to extend.
//!
//! The hadolint-parity rules (`hadolint/run_edits.rs`) and the practice rules (`practices/edits.rs`) both fix
//! findings by appending ` && command` to the same `RUN`; the test for where that can go was written twice and
//! lives here once.

use crate::rules::prelude::*;

/// The last top-level command of a shell-form `RUN` when only whitespace and line continuations follow it, so
/// ` && command` can be inserted after it on its own line (keeping the file's continuation style). `None` for
/// exec form, heredocs, scripts that did not parse, and scripts that end in a compound command, a trailing `&`
/// or a comment, where appending could change what runs or break the syntax. A closing `;` stays after the
/// insertion.
pub fn plain_script_end<'i>(ctx: &Context, info: &'i InstructionInfo) -> Option<&'i ShellCommand> {
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
    if last.depth != 0 || ends_the_shell(last) {
        return None;
    }
    let rest = ctx.source.get(last.span.end..node.args.end)?;
    // Only whitespace, continuations and one closing `;` may follow the last command: ` && command` goes
    // before the `;` (`a && command;` runs `command` only after `a` succeeded, as appending should).
    let plain = rest
        .chars()
        .all(|c| c.is_whitespace() || c == '\\' || c == ';' || c == ctx.file.escape);
    (plain && rest.matches(';').count() <= 1).then_some(last)
}

/// Whether nothing after this command runs in its shell (`exit`, `exec program`): a command appended after it
/// would never run.
pub fn ends_the_shell(cmd: &ShellCommand) -> bool {
    matches!(cmd.program(), Some("exit" | "exec"))
}

/// The insertion of ` && command` right after `last` (see [`plain_script_end`]).
pub fn append_after(last: &ShellCommand, command: &str) -> Edit {
    Edit::insert(last.span.end, format!(" && {command}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::common::with_context;

    /// The text of the command a fix would append after, for the first `RUN`.
    fn end_of(src: &str) -> Option<String> {
        with_context(src, |ctx| {
            let info = ctx.instructions.iter().find(|i| i.kind() == Keyword::Run)?;
            plain_script_end(ctx, info).map(|c| ctx.text(c.span).to_string())
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

    #[test]
    fn refuses_ends_where_appending_is_unsafe() {
        assert_eq!(end_of("FROM a\nRUN a;;\n"), None);
        assert_eq!(end_of("FROM a\nRUN a; exit 0\n"), None);
        assert_eq!(end_of("FROM a\nRUN exec a\n"), None);
        assert_eq!(end_of("FROM a\nRUN a &\n"), None);
        assert_eq!(end_of("FROM a\nRUN a # note\n"), None);
        assert_eq!(end_of("FROM a\nRUN if a; then b; fi\n"), None);
        assert_eq!(end_of("FROM a\nRUN [\"a\"]\n"), None);
        assert_eq!(end_of("FROM a\nRUN <<EOF\na\nEOF\n"), None);
    }
}
