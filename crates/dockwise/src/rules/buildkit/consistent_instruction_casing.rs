//! BuildKit ConsistentInstructionCasing: keywords in one case throughout the file.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4004",
    name: "consistent-instruction-casing",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "ConsistentInstructionCasing")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: keyword case does not change the meaning."
    )),
    docs: rule_docs! {
        what: "Flags an instruction keyword whose case differs from the file's majority (all upper-case or all \
               lower-case), and mixed-case keywords such as `Run`.",
        why: "Keywords are case-insensitive, but a file that mixes `RUN` and `run` is harder to scan and \
              suggests copy-pasted parts nobody reviewed.",
        example: "FROM alpine:3.20\nRUN apk add --no-cache curl\ncopy app /app\n",
        fixed: "FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY app /app\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let keywords: Vec<(Span, &str)> = ctx
        .instructions
        .iter()
        .map(|i| (i.node.keyword, ctx.text(i.node.keyword)))
        .collect();
    let upper = keywords
        .iter()
        .filter(|(_, k)| *k == k.to_ascii_uppercase())
        .count();
    let lower = keywords
        .iter()
        .filter(|(_, k)| *k == k.to_ascii_lowercase())
        .count();
    let want_upper = upper >= lower;
    for (span, keyword) in keywords {
        let wanted = if want_upper {
            keyword.to_ascii_uppercase()
        } else {
            keyword.to_ascii_lowercase()
        };
        if keyword != wanted {
            let case = if want_upper {
                "upper-case"
            } else {
                "lower-case"
            };
            out.push(
                Diagnostic::new(
                    span,
                    format!(
                        "`{keyword}` does not match the {case} keywords of the rest of the file: mixed case \
                         reads inconsistently; write `{wanted}`."
                    ),
                )
                .with_fix(
                    Fix::safe(format!("Write {wanted}"), vec![Edit::replace(span, wanted.clone())])
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
    fn catches_the_minority_case_and_mixed_case() {
        assert_eq!(
            lines("DW4004", "FROM a\nRUN b\nrun c\nCopy d e\n"),
            vec![3, 4]
        );
        assert_eq!(lines("DW4004", "from a\nrun b\nRUN c\n"), vec![3]);
    }

    #[test]
    fn does_not_catch_a_consistent_file() {
        assert!(lines("DW4004", "from a\nrun b\n").is_empty());
        assert!(lines("DW4004", "FROM a\nRUN b\n").is_empty());
    }

    #[test]
    fn fix_uses_the_majority_case() {
        assert_eq!(
            fixed("DW4004", "from a\nrun b\nRUN c\n"),
            "from a\nrun b\nrun c\n"
        );
    }
}
