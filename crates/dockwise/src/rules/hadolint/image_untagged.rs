//! DL3006: `FROM image` without a tag.

use crate::data::base_images::{base_image_span, with_pin_fix};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2006",
    name: "image-untagged",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Hadolint, "DL3006"),
        Alias(Peer::Trivy, "DS001"),
        Alias(Peer::Checkov, "CKV_DOCKER_7"),
    ],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: for official images in Dockwise's dated table a tag is added: the release `latest` pointed to \
         when the table was verified, which may differ from what your last build pulled."
    )),
    docs: rule_docs! {
        what: "Flags a `FROM` whose image has neither a tag nor a digest (`FROM ubuntu`).",
        why: "An untagged image means `latest`: whatever the publisher pushed last. The same Dockerfile builds \
              on a different base next month, and a new major version can break the build or the app.",
        example: "FROM ubuntu\nCMD [\"bash\"]\n",
        fixed: "FROM ubuntu:24.04\nCMD [\"bash\"]\n",
        differences: "The image is read after `ARG` defaults are substituted: `ARG BASE=ubuntu` then `FROM ${BASE}` \
                      is caught, while hadolint never looks inside variables (and a variable without a default \
                      is not reported by either). Stage names match case-insensitively, as Docker does: \
                      `FROM Build` after `AS build` is a stage reference, which hadolint reports as an untagged \
                      image. `FROM localhost:5000/app` has no tag (hadolint reads `5000/app` as one).",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        if image.tag.is_some() || image.digest.is_some() || image.name.is_empty() {
            continue;
        }
        let Some(span) = base_image_span(ctx, stage) else {
            continue;
        };
        let resolved = if stage.base_text == stage.base_resolved {
            String::new()
        } else {
            format!(" (`{}` after ARG defaults)", stage.base_resolved)
        };
        let diagnostic = Diagnostic::new(
            span,
            format!(
                "`{}`{resolved} has no tag, so it means `latest` and moves whenever the publisher pushes; name a \
                 version tag (and ideally a digest) so builds are repeatable.",
                stage.base_text
            ),
        );
        out.push(with_pin_fix(ctx, stage, diagnostic));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn fix_adds_the_tables_tag_to_official_images_only() {
        assert_eq!(fixed("DW2006", "FROM ubuntu\n"), "FROM ubuntu:24.04\n");
        assert_eq!(
            fixed("DW2006", "FROM python AS app\n"),
            "FROM python:3.14.0 AS app\n"
        );
        assert_eq!(
            fixed("DW2006", "FROM ghcr.io/org/app\n"),
            "FROM ghcr.io/org/app\n"
        );
        assert_eq!(
            fixed("DW2006", "ARG B=ubuntu\nFROM ${B}\n"),
            "ARG B=ubuntu\nFROM ${B}\n"
        );
    }

    #[test]
    fn catches_an_untagged_image() {
        assert_eq!(lines("DW2006", "FROM ubuntu\n"), vec![1]);
        assert_eq!(lines("DW2006", "FROM ghcr.io/org/app AS app\n"), vec![1]);
    }

    #[test]
    fn catches_an_untagged_image_behind_an_arg_default() {
        assert_eq!(lines("DW2006", "ARG BASE=ubuntu\nFROM ${BASE}\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_tags_digests_or_unknown_variables() {
        assert!(lines("DW2006", "FROM ubuntu:24.04\nFROM ubuntu@sha256:abcd\n").is_empty());
        assert!(lines("DW2006", "ARG BASE\nFROM $BASE\n").is_empty());
        assert!(lines("DW2006", "ARG BASE=ubuntu:24.04\nFROM $BASE\n").is_empty());
    }

    #[test]
    fn does_not_catch_scratch_or_stage_references() {
        assert!(lines("DW2006", "FROM scratch\n").is_empty());
        assert!(lines("DW2006", "FROM ubuntu:24.04 AS Build\nFROM build\nFROM 0\n").is_empty());
    }
}
