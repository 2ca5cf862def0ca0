//! BuildKit FromAsCasing: `AS` should be written in the same case as `FROM`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4002",
    name: "from-as-casing",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "FromAsCasing")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: keyword case does not change the meaning."
    )),
    docs: rule_docs! {
        what: "Flags `FROM image as name` (or `from image AS name`): the `AS` keyword in a different case than \
               `FROM`.",
        why: "Keywords are case-insensitive, but mixing cases in one line reads as careless and makes the file \
              harder to scan.",
        example: "FROM node:22 as build\nRUN npm ci\n",
        fixed: "FROM node:22 AS build\nRUN npm ci\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        let Body::From(from) = &info.node.body else {
            continue;
        };
        let Some(as_span) = from.as_keyword else {
            continue;
        };
        let keyword = ctx.text(info.node.keyword);
        let as_text = ctx.text(as_span);
        let wanted = if keyword == keyword.to_ascii_uppercase() {
            "AS"
        } else if keyword == keyword.to_ascii_lowercase() {
            "as"
        } else {
            continue;
        };
        if as_text != wanted {
            out.push(
                Diagnostic::new(
                    as_span,
                    format!(
                        "`{as_text}` does not match the case of `{keyword}`: mixed keyword case reads \
                         inconsistently; write `{wanted}`."
                    ),
                )
                .with_fix(
                    Fix::safe(format!("Write {wanted}"), vec![Edit::replace(as_span, wanted)])
                        .explained("Only the keyword's case changes."),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_mismatched_as() {
        assert_eq!(lines("DW4002", "FROM a as b\nfrom c AS d\n"), vec![1, 2]);
    }

    #[test]
    fn does_not_catch_matching_case() {
        assert!(lines("DW4002", "FROM a AS b\nfrom c as d\nFrom e as f\n").is_empty());
    }

    #[test]
    fn fix_matches_from() {
        assert_eq!(fixed("DW4002", "from a As b\n"), "from a as b\n");
    }
}
