//! BuildKit InvalidDefaultArgInFrom: with the `ARG` defaults, `FROM` names no valid image.

use super::vars::references;
use crate::model::{expand, Scope};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4011",
    name: "invalid-default-arg-in-from",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "InvalidDefaultArgInFrom")],
    docs: rule_docs! {
        what: "Flags a `FROM` whose image, with the global `ARG` defaults substituted (an `ARG` without default \
               is empty), is not a valid image reference.",
        why: "A build without `--build-arg` then fails (`alpine:` is not an image). Giving the `ARG` a sensible \
              default keeps the Dockerfile buildable as it is.",
        example: "ARG TAG\nFROM alpine:${TAG}\n",
        fixed: "ARG TAG=3.20\nFROM alpine:${TAG}\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let defaults: Vec<(String, Option<String>)> = ctx
        .global_args
        .iter()
        .map(|(k, v)| (k.clone(), Some(v.clone().unwrap_or_default())))
        .collect();
    let scope = Scope::from_args(&defaults);
    for info in &ctx.instructions {
        let Body::From(from) = &info.node.body else {
            continue;
        };
        let refs = references(ctx.source, from.image.span, ctx.file.escape);
        // Only references built from global ARGs: unknown variables are UndefinedArgInFrom's business.
        if refs.is_empty()
            || !refs
                .iter()
                .all(|r| ctx.global_args.iter().any(|(k, _)| *k == r.name))
        {
            continue;
        }
        let resolved = expand(&from.image.value, &scope);
        if resolved.contains('$') || ctx.stage_named(&resolved).is_some() {
            continue;
        }
        let invalid = resolved.is_empty()
            || dockwise_syntax::image_ref::validate_image_ref(&resolved).is_some();
        if invalid {
            out.push(Diagnostic::new(
                from.image.span,
                format!(
                    "With the `ARG` defaults this `FROM` names `{resolved}`, which is not a valid image: the \
                     build fails unless a `--build-arg` is given; give the `ARG` a default."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_an_arg_without_default_leaving_an_invalid_reference() {
        assert_eq!(lines("DW4011", "ARG TAG\nFROM alpine:${TAG}\n"), vec![2]);
        assert_eq!(lines("DW4011", "ARG IMAGE\nFROM $IMAGE\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_valid_defaults_or_optional_tags() {
        assert!(lines("DW4011", "ARG TAG=3\nFROM alpine:${TAG}\n").is_empty());
        assert!(lines("DW4011", "ARG TAG\nFROM alpine${TAG:+:$TAG}\n").is_empty());
    }
}
