//! Edits shared by the practice rules that extend a `RUN`.

use crate::rules::prelude::*;

/// An insertion of ` && command` after the last command of a shell-form `RUN` (on its last line, so the
/// file's continuation style is kept), or `None` when the script does not end in a plain command (a trailing
/// `;`, `&`, a comment, a heredoc, a compound command) where appending could change what runs.
pub fn append_to_run(ctx: &Context, info: &InstructionInfo, command: &str) -> Option<Edit> {
    let node = info.node;
    if node.kind != Keyword::Run || !node.heredocs.is_empty() {
        return None;
    }
    if !matches!(node.body, Body::Command(Command::Shell(_))) {
        return None;
    }
    let script = info.scripts.first()?;
    if script.error.is_some() {
        return None;
    }
    let last = script.commands.iter().rev().find(|c| !c.in_substitution)?;
    if last.depth != 0 || last.joined_by == Some(Joiner::Background) {
        return None;
    }
    let rest = ctx.source.get(last.span.end..node.args.end)?;
    if !rest
        .chars()
        .all(|c| c.is_whitespace() || c == '\\' || c == ctx.file.escape)
    {
        return None;
    }
    Some(Edit::insert(last.span.end, format!(" && {command}")))
}

/// The `RUN` mounts a cache (`--mount=type=cache`): caches there never reach the layer.
pub fn has_cache_mount(node: &Instruction) -> bool {
    node.flags
        .iter()
        .filter(|f| f.name_text == "mount")
        .any(|f| {
            f.value
                .as_ref()
                .is_some_and(|v| v.value.split(',').any(|p| p.trim() == "type=cache"))
        })
}

/// Stages whose layers are part of the final image: the last stage and the stages it builds on.
pub fn final_image_stages(ctx: &Context) -> Vec<usize> {
    let mut out = Vec::new();
    let mut next = ctx.final_stage().map(|s| s.index);
    while let Some(index) = next {
        if out.contains(&index) || out.len() > 64 {
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

/// Where a command's words start and end.
pub fn command_span(c: &ShellCommand) -> Span {
    match (c.words.first(), c.words.last()) {
        (Some(a), Some(b)) => a.span.cover(b.span),
        _ => c.span,
    }
}
