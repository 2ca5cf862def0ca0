//! DW1028: the final base image is larger than the `-slim` or `-alpine` image the file started from.

use crate::data::base_images::{size_mb, LAST_VERIFIED};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1028",
    name: "larger-final-base",
    category: Category::ImageSize,
    severity: Severity::Info,
    fix: FixKind::None(fix_safety!(
        "No automatic fix: which base to run on is a trade-off (size, libc, shell) only you can make."
    )),
    docs: rule_docs! {
        what: "Flags a multi-stage file whose final base image is larger (by Dockwise's dated size data) than the \
               `-slim` or `-alpine` image its first stage starts from.",
        why: "Multi-stage builds and distroless images are often sold as size savings, but \
              `distroless/python3` (about 52 MB compressed) is larger than `python:3.x-alpine` (about 20 MB) and \
              close to `-slim`. Saying so keeps expectations honest: distroless removes the shell and package \
              manager, which is a security gain, not necessarily megabytes.",
        example: "FROM python:3.11-alpine AS build\nRUN pip install --target=/deps flask\n\
                  FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /deps /deps\n",
        fixed: "FROM python:3.11-alpine AS build\nRUN pip install --target=/deps flask\n\
                FROM python:3.11-alpine\nCOPY --from=build /deps /deps\n",
        differences: "Sizes are approximate compressed linux/amd64 sizes from the embedded table; unknown images \
                      are never compared.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(first), Some(last)) = (ctx.stages.first(), ctx.final_stage()) else {
        return;
    };
    if first.index == last.index {
        return;
    }
    let (Base::Image(start), Base::Image(end)) = (&first.base, &last.base) else {
        return;
    };
    let tag = start.tag.as_deref().unwrap_or("");
    if !(tag.contains("slim") || tag.contains("alpine")) {
        return;
    }
    let (Some(start_mb), Some(end_mb)) = (size_mb(start), size_mb(end)) else {
        return;
    };
    if end_mb <= start_mb {
        return;
    }
    let Some(span) = crate::data::base_images::base_image_span(ctx, last) else {
        return;
    };
    out.push(Diagnostic::new(
        span,
        format!(
            "The final base `{}` (about {end_mb} MB compressed) is larger than `{}` (about {start_mb} MB), the \
             image this file starts from (sizes as of {LAST_VERIFIED}): this multi-stage build removes build tools \
             and the shell, not megabytes.",
            last.base_resolved, first.base_resolved
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn compares_the_final_base_with_the_slim_or_alpine_start() {
        let src = "FROM python:3.11-slim AS b\nFROM gcr.io/distroless/python3-debian12\n";
        assert_eq!(lines("DW1028", src), vec![2]);
        for src in [
            "FROM python:3.11 AS b\nFROM gcr.io/distroless/python3-debian12\n",
            "FROM golang:1.26-alpine AS b\nFROM gcr.io/distroless/static-debian12\n",
            "FROM python:3.11-alpine\n",
            "FROM python:3.11-alpine AS b\nFROM myorg/runtime\n",
        ] {
            assert!(lines("DW1028", src).is_empty(), "{src}");
        }
    }
}
