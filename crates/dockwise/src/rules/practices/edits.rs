//! Edits shared by the practice rules that extend a `RUN`.

use crate::rules::common::run_edits::{append_after, plain_script_end};
use crate::rules::prelude::*;

/// An insertion of ` && command` after the last command of a shell-form `RUN` (on its last line, so the
/// file's continuation style is kept; after the `fi`/`done` closing a trailing compound), or `None` where
/// appending could change what runs (see [`plain_script_end`], and a last command run after a `&`).
pub fn append_to_run(ctx: &Context, info: &InstructionInfo, command: &str) -> Option<Edit> {
    // Unlike the hadolint-parity fixes, never extend a script whose last command runs after a `&`.
    plain_script_end(ctx, info)
        .filter(|end| end.last.joined_by != Some(Joiner::Background))
        .map(|end| append_after(end, command))
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

/// Stages whose layers are part of the final image: the last stage and the stages it builds on, at most 65
/// (the cap this module's own copy of the walk had; only chains of more than 65 stages reach it).
pub fn final_image_stages(ctx: &Context) -> Vec<usize> {
    let mut stages = crate::rules::common::stages::final_image_stages(ctx);
    stages.truncate(65);
    stages
}

/// Where a command's words start and end.
pub fn command_span(c: &ShellCommand) -> Span {
    match (c.words.first(), c.words.last()) {
        (Some(a), Some(b)) => a.span.cover(b.span),
        _ => c.span,
    }
}
