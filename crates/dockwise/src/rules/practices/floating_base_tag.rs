//! DW1004: a base image on a floating tag (`python:3`, `node:lts`, `node:20`, `python:slim`).

use crate::data::base_images::{is_floating, with_pin_fix};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1004",
    name: "floating-base-tag",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it pins the tag to the release the floating tag pointed to when Dockwise's embedded table of \
         official images was last verified; that may be older or newer than what your last build pulled. Pinning \
         the digest as well (`@sha256:...`) makes builds fully reproducible."
    )),
    docs: rule_docs! {
        what: "Flags a `FROM` whose tag follows new major or minor releases: a major-only version (`python:3`, \
               `node:20`, `alpine:3`), a release channel (`node:lts`, `nginx:stable`) or a variant-only tag \
               (`python:slim`, `node:alpine`). Untagged and `latest` images are reported by DW2006 and DW2007.",
        why: "A floating tag is re-pointed whenever the publisher ships a release: the same Dockerfile builds on a \
              different interpreter or distribution next month, and a rebuild can break with no change of yours.",
        example: "FROM node:22-alpine\nCMD [\"node\", \"server.js\"]\n",
        fixed: "FROM node:22.20.0-alpine\nCMD [\"node\", \"server.js\"]\n",
        differences: "Minor versions (`python:3.12`, `golang:1.23`, `alpine:3.21`) and Debian/Ubuntu releases \
                      (`debian:bookworm`, `ubuntu:24.04`) are not flagged: they receive only patch and security \
                      updates, which you usually want.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        if matches!(image.tag.as_deref(), None | Some("latest")) || !is_floating(image) {
            continue;
        }
        let Some(from) = ctx.instructions.get(stage.from).map(|i| i.node) else {
            continue;
        };
        let span = match &from.body {
            Body::From(f) => f
                .reference
                .as_ref()
                .and_then(|r| r.tag.as_ref())
                .map_or(f.image.span, |t| t.span),
            _ => from.keyword,
        };
        let message = format!(
            "`{}` is a floating tag: it moves to each new release, so rebuilds silently change the interpreter or \
             distribution. Pin a specific release (and ideally its digest, `@sha256:...`).",
            stage.base_resolved
        );
        out.push(with_pin_fix(ctx, stage, Diagnostic::new(span, message)));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_major_only_channel_and_variant_only_tags() {
        assert_eq!(lines("DW1004", "FROM python:3\n"), vec![1]);
        assert_eq!(
            lines(
                "DW1004",
                "FROM node:lts AS build\nFROM nginx:stable-alpine\n"
            ),
            vec![1, 2]
        );
        assert_eq!(lines("DW1004", "FROM python:slim\n"), vec![1]);
    }

    #[test]
    fn catches_a_floating_tag_through_an_arg_default_but_does_not_rewrite_the_variable() {
        let src = "ARG V=3\nFROM python:${V}-slim\n";
        assert_eq!(lines("DW1004", src), vec![2]);
        assert_eq!(fixed("DW1004", src), src);
    }

    #[test]
    fn does_not_catch_specific_untagged_latest_or_digest_pinned_images() {
        for src in [
            "FROM python:3.12-slim\n",
            "FROM node:20.11.1\n",
            "FROM python\n",
            "FROM python:latest\n",
            "FROM python:3@sha256:0123\n",
            "FROM debian:bookworm\n",
            "FROM myorg/python:3\n",
            "FROM build\n",
        ] {
            assert!(lines("DW1004", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_pins_the_tag_and_keeps_the_rest_of_the_line() {
        assert_eq!(
            fixed("DW1004", "from python:3-slim as base\r\n"),
            "from python:3.14.0-slim as base\r\n"
        );
        assert_eq!(
            fixed("DW1004", "FROM docker.io/library/golang:1 AS b"),
            "FROM docker.io/library/golang:1.26 AS b"
        );
    }
}
