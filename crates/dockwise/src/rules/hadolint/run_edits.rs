//! Small helpers shared by the hadolint-parity rules that look at package managers in `RUN` and fix them by
//! adding a flag or appending a cleanup command to the same `RUN`.

use crate::rules::prelude::*;
use dockwise_syntax::shell::Script;

/// The word after the program that is not a flag (`install` in `yum -q install x`), with its position in `words`.
pub fn subcommand_word(cmd: &ShellCommand) -> Option<(usize, &Word)> {
    cmd.words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, w)| !w.value.starts_with('-'))
}

/// An insertion of ` text` right after the subcommand word (`yum install` becomes `yum install -y`).
pub fn insert_after_subcommand(cmd: &ShellCommand, text: &str) -> Option<Edit> {
    let (_, word) = subcommand_word(cmd)?;
    Some(Edit::insert(word.span.end, format!(" {text}")))
}

/// An insertion that appends ` && command` to the end of a `RUN`'s shell-form script, or `None` when the
/// end of the script is not a plain command (a trailing `;`, `&`, `fi`, `done`, a comment or a heredoc), where
/// appending could change what runs or break the syntax.
pub fn append_to_run(ctx: &Context, info: &InstructionInfo, command: &str) -> Option<Edit> {
    let node = info.node;
    if node.kind != Keyword::Run
        || !node.heredocs.is_empty()
        || !matches!(node.body, Body::Command(Command::Shell(_)))
    {
        return None;
    }
    let script: &Script = info.scripts.first()?;
    if script.error.is_some() {
        return None;
    }
    let last = script.commands.iter().rev().find(|c| !c.in_substitution)?;
    if last.depth != 0 {
        return None;
    }
    let rest = ctx.source.get(last.span.end..node.args.end)?;
    // Only whitespace and continuations may follow the last command.
    let plain = rest
        .chars()
        .all(|c| c.is_whitespace() || c == '\\' || c == ctx.file.escape);
    if !plain {
        return None;
    }
    Some(Edit::insert(last.span.end, format!(" && {command}")))
}

/// Every top-level-or-nested command of a `RUN` together with its instruction, for rules that look at all
/// `RUN`s of the file.
pub fn run_commands<'c>(
    ctx: &'c Context,
) -> impl Iterator<Item = (&'c InstructionInfo<'c>, &'c ShellCommand)> + 'c {
    ctx.instructions
        .iter()
        .filter(|info| info.kind() == Keyword::Run)
        .flat_map(|info| info.commands().map(move |c| (info, c)))
}

/// The first command of a `RUN` that `triggers` (say `yum install`) when no later command of the same
/// program runs one of `clean_words` (`yum clean ...`) and no later `rm` deletes one of `cache_dirs` (or a
/// directory above it).
pub fn uncleaned<'i>(
    info: &'i InstructionInfo,
    triggers: impl Fn(&ShellCommand) -> bool,
    clean_words: &[&str],
    cache_dirs: &[&str],
) -> Option<&'i ShellCommand> {
    let commands: Vec<&ShellCommand> = info.commands().collect();
    let (index, first) = commands.iter().enumerate().find(|(_, c)| triggers(c))?;
    let program = first.program()?;
    let cleaned = commands.iter().skip(index + 1).any(|c| {
        (c.is(program)
            && c.args()
                .iter()
                .any(|w| clean_words.contains(&w.value.as_str())))
            || (c.is("rm")
                && c.operands().any(|w| {
                    // The cache directory itself, something inside it, or a parent that contains it.
                    let path = w.value.trim_end_matches(['/', '*']);
                    !path.is_empty()
                        && cache_dirs.iter().any(|d| {
                            path.starts_with(d)
                                || d.strip_prefix(path).is_some_and(|r| r.starts_with('/'))
                        })
                }))
    });
    (!cleaned).then_some(*first)
}

/// Indices of the stages whose files end up in the final image: the last stage and the stages it builds on
/// (`FROM earlier-stage`).
pub fn final_image_stages(ctx: &Context) -> Vec<usize> {
    let mut out = Vec::new();
    let mut next = ctx.final_stage().map(|s| s.index);
    while let Some(index) = next {
        if out.contains(&index) {
            break;
        }
        out.push(index);
        next = match ctx.stages.get(index).map(|s| &s.base) {
            Some(Base::Stage(parent)) => Some(*parent),
            _ => None,
        };
    }
    out
}
