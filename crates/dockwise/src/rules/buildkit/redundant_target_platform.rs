//! BuildKit RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4010",
    name: "redundant-target-platform",
    category: Category::Style,
    severity: Severity::Info,
    aliases: &[
        Alias(Peer::Buildkit, "RedundantTargetPlatform"),
        Alias(Peer::Hadolint, "DL3065"),
    ],
    fix: FixKind::Safe(fix_safety!(
        "Safe: without the flag `FROM` resolves the same platform."
    )),
    docs: rule_docs! {
        what: "Flags `FROM --platform=$TARGETPLATFORM`.",
        why: "The target platform is already the default for `FROM`: the flag adds noise and suggests the \
              stage is special when it is not.",
        example: "FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN apk add --no-cache curl\n",
        fixed: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        let node = info.node;
        if node.kind != Keyword::From {
            continue;
        }
        let Some(flag) = node.flag("platform") else {
            continue;
        };
        let Some(value) = &flag.value else { continue };
        if value.value != "$TARGETPLATFORM" && value.value != "${TARGETPLATFORM}" {
            continue;
        }
        let rest = ctx.source.get(flag.span.end..).unwrap_or("");
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        out.push(
            Diagnostic::new(
                flag.span,
                "`--platform=$TARGETPLATFORM` is what `FROM` uses anyway: the flag is redundant; remove it.",
            )
            .with_fix(
                Fix::safe("Remove --platform", vec![Edit::delete(Span::new(flag.span.start, flag.span.end + spaces))])
                    .explained("The stage builds for the same platform."),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_target_platform_in_both_spellings() {
        assert_eq!(
            lines(
                "DW4010",
                "FROM --platform=${TARGETPLATFORM} a\nFROM --platform=$TARGETPLATFORM b\n"
            ),
            vec![1, 2]
        );
    }

    #[test]
    fn does_not_catch_build_platform() {
        assert!(lines("DW4010", "FROM --platform=$BUILDPLATFORM a\n").is_empty());
    }

    #[test]
    fn fix_drops_the_flag() {
        assert_eq!(
            fixed("DW4010", "FROM --platform=$TARGETPLATFORM a AS b\n"),
            "FROM a AS b\n"
        );
    }
}
