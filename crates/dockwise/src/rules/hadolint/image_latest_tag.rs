//! DL3007: `FROM image:latest`.

use crate::data::base_images::{base_image_span, with_pin_fix};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2007",
    name: "image-latest-tag",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Hadolint, "DL3007"),
        Alias(Peer::Trivy, "DS001"),
        Alias(Peer::Checkov, "CKV_DOCKER_7"),
    ],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: for official images in Dockwise's dated table the tag is pinned to the release `latest` pointed \
         to when the table was verified, which may differ from what your last build pulled."
    )),
    docs: rule_docs! {
        what: "Flags a `FROM` that uses the `latest` tag.",
        why: "`latest` moves whenever the publisher pushes: the same Dockerfile builds a different image next \
              week, and a rebuild can break without any change of yours.",
        example: "FROM python:latest\nCMD [\"python\"]\n",
        fixed: "FROM python:3.12.7-slim\nCMD [\"python\"]\n",
        differences: "The tag is read after `ARG` defaults are substituted, so `FROM python:${TAG}` with \
                      `ARG TAG=latest` is caught too; hadolint does not expand variables.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        if image.tag.as_deref() == Some("latest") && image.digest.is_none() {
            let Some(span) = base_image_span(ctx, stage) else {
                continue;
            };
            let diagnostic = Diagnostic::new(
                span,
                format!(
                    "`{}` uses the `latest` tag, which changes without notice; pin a specific version tag \
                     (and ideally a digest) so builds are repeatable.",
                    stage.base_text
                ),
            );
            out.push(with_pin_fix(ctx, stage, diagnostic));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn fix_pins_official_images_from_the_table() {
        assert_eq!(
            fixed("DW2007", "FROM node:latest AS b\n"),
            "FROM node:24.11.0 AS b\n"
        );
        assert_eq!(
            fixed("DW2007", "FROM myorg/app:latest\n"),
            "FROM myorg/app:latest\n"
        );
    }

    #[test]
    fn catches_latest() {
        assert_eq!(lines("DW2007", "FROM debian:latest\n"), vec![1]);
    }

    #[test]
    fn catches_latest_through_an_arg_default() {
        assert_eq!(
            lines("DW2007", "ARG TAG=latest\nFROM node:${TAG}\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_pinned_tags_or_digests() {
        assert!(lines("DW2007", "FROM debian:bookworm\n").is_empty());
        assert!(lines("DW2007", "FROM debian:latest@sha256:abcd\n").is_empty());
    }
}
