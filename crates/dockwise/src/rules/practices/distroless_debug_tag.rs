//! DW1025: a distroless `:debug` tag (busybox shell added for troubleshooting) in the final stage.

use crate::model::stage_facts;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1025",
    name: "distroless-debug-tag",
    category: Category::Security,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it drops `debug` from the tag; anything in the stage that relies on `/busybox/sh` (shell-form \
         `RUN`/`CMD`, health checks) stops working (DW1024 points at those)."
    )),
    docs: rule_docs! {
        what: "Flags a final stage on a distroless `:debug` or `:debug-nonroot` tag.",
        why: "The `debug` images add a busybox shell so you can look inside while troubleshooting; shipping them \
              gives an attacker the shell distroless exists to remove, and hides `RUN`/shell-form mistakes that \
              would fail on the real image.",
        example: "FROM gcr.io/distroless/static-debian12:debug-nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
        fixed: "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
        differences: "Builder stages on `:debug` are fine and not flagged.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    if !stage_facts(ctx.model, stage).debug {
        return;
    }
    let Some(Body::From(body)) = ctx.instructions.get(stage.from).map(|i| &i.node.body) else {
        return;
    };
    let Some(tag) = body.reference.as_ref().and_then(|r| r.tag.as_ref()) else {
        return;
    };
    let mut diagnostic = Diagnostic::new(
        tag.span,
        format!(
            "`{}` is a distroless debug image: it ships a busybox shell in the final image. Use it only to \
             troubleshoot; ship the tag without `debug`.",
            stage.base_resolved
        ),
    );
    let rest: Vec<&str> = tag.value.split('-').filter(|p| *p != "debug").collect();
    if !tag.value.contains('$') {
        let edit = if rest.is_empty() {
            // `image:debug` → `image` (the `:` goes too).
            Edit::replace(
                Span::new(tag.span.start.saturating_sub(1), tag.span.end),
                String::new(),
            )
        } else {
            Edit::replace(tag.span, rest.join("-"))
        };
        diagnostic = diagnostic.with_fix(
            Fix::unsafe_("Use the tag without debug", vec![edit]).explained(
                "The final stage uses the same distroless image without the busybox shell.",
            ),
        );
    }
    out.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn flags_debug_tags_in_the_final_stage_only() {
        assert_eq!(
            lines("DW1025", "FROM gcr.io/distroless/base-debian12:debug\n"),
            vec![1]
        );
        assert!(lines(
            "DW1025",
            "FROM gcr.io/distroless/base-debian12:debug AS t\nFROM gcr.io/distroless/base-debian12\n"
        )
        .is_empty());
        assert!(lines("DW1025", "FROM myorg/app:debug\n").is_empty());
    }

    #[test]
    fn fix_drops_debug_from_the_tag() {
        assert_eq!(
            fixed("DW1025", "FROM gcr.io/distroless/python3-debian12:debug\n"),
            "FROM gcr.io/distroless/python3-debian12\n"
        );
        assert_eq!(
            fixed(
                "DW1025",
                "FROM gcr.io/distroless/cc-debian12:debug-nonroot AS app\n"
            ),
            "FROM gcr.io/distroless/cc-debian12:nonroot AS app\n"
        );
    }
}
