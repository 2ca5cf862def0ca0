//! Stages: the ones that make up the final image, shared by the hadolint-parity and practice rules that only
//! care about what ships (they each had a copy of this walk), and the stage names as written, shared by the
//! BuildKit stage-name checks; and whether a step runs as root.

use crate::model::stage_facts;
use crate::rules::prelude::*;

/// Indices of the stages whose files end up in the final image: the last stage, then the stage it builds on
/// (`FROM earlier-stage`), and so on, stopping at a repeated stage.
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

/// The `AS name` word of every `FROM` that names its stage, in source order (`Builder` of
/// `FROM golang AS Builder`), with its span as written.
pub fn stage_name_words<'c>(ctx: &'c Context) -> impl Iterator<Item = &'c Word> + 'c {
    ctx.instructions
        .iter()
        .filter_map(|info| match &info.node.body {
            Body::From(from) => from.stage_name.as_ref(),
            _ => None,
        })
}

/// Whether the stage, or a stage it builds on, has `ONBUILD` triggers: it is a base for other images, whose
/// own steps (`ONBUILD RUN npm install`) run on it later, as its user and with its environment. Changing its
/// user, `NODE_ENV` or base variant changes those builds, which this file does not show.
pub fn builds_other_images(ctx: &Context, stage: &Stage) -> bool {
    ctx.model.stage_chain(stage).any(|s| {
        ctx.stage_instructions(s)
            .iter()
            .any(|i| i.kind() == Keyword::Onbuild)
    })
}

/// The stage's own `SHELL` in force at `info`: the last one written before it in its stage (one inherited from
/// a parent stage is not looked for).
pub fn shell_set_before<'c>(
    ctx: &'c Context,
    info: &InstructionInfo,
) -> Option<&'c InstructionInfo<'c>> {
    let stage = ctx.stages.get(info.stage?)?;
    ctx.stage_instructions(stage)
        .iter()
        .rev()
        .find(|i| i.index < info.index && i.kind() == Keyword::Shell)
}

/// Whether the instruction runs as root, when known: from the `USER` in force (the model follows it through the
/// stages it builds on: `root` or `0` is root, anything else is not), else from the base image Dockwise knows
/// to start as root or as its own non-root user. `None` when unknown.
fn as_root(ctx: &Context, info: &InstructionInfo) -> Option<bool> {
    match &info.user {
        Some(user) => Some(matches!(user.split(':').next(), Some("root" | "0"))),
        None => {
            let stage = ctx.stages.get(info.stage?)?;
            stage_facts(ctx.model, stage)
                .default_user
                .map(|u| u.uid == 0)
        }
    }
}

/// Whether the instruction is known to run as root.
pub fn runs_as_root(ctx: &Context, info: &InstructionInfo) -> bool {
    as_root(ctx, info) == Some(true)
}

/// Whether the instruction is known to run as a user other than root.
pub fn runs_as_non_root(ctx: &Context, info: &InstructionInfo) -> bool {
    as_root(ctx, info) == Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::common::with_context;

    #[test]
    fn follows_the_final_stage_back_through_the_stages_it_builds_on() {
        let src = "FROM a AS base\nFROM b AS tools\nFROM base AS app\nFROM app\n";
        assert_eq!(with_context(src, final_image_stages), [3, 2, 0]);
    }

    #[test]
    fn is_the_last_stage_alone_when_it_starts_from_an_image() {
        assert_eq!(
            with_context("FROM a AS b\nFROM c\n", final_image_stages),
            [1]
        );
        assert!(with_context("", final_image_stages).is_empty());
    }

    #[test]
    fn reads_the_names_of_named_stages_as_written() {
        let src = "FROM a AS Base\nFROM b\nFROM c as app\n";
        let names: Vec<String> = with_context(src, |ctx| {
            stage_name_words(ctx).map(|w| w.value.clone()).collect()
        });
        assert_eq!(names, ["Base", "app"]);
    }
}
