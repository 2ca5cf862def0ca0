//! BuildKit StageNameCasing: stage names should be lower-case.

use crate::rules::common::stages::stage_name_words;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4001",
    name: "stage-name-casing",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "StageNameCasing")],
    enabled_by_default: true,
    fix: FixKind::Safe,
    docs: Docs {
        what: "Flags a stage name (`FROM image AS Name`) with upper-case letters.",
        why: "Stage names are matched without regard to case, so `Builder` and `builder` are the same stage; \
              upper-case names suggest a difference that does not exist and read inconsistently.",
        example: "FROM golang:1.23 AS Builder\nRUN go build -o /app .\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\n",
        fixed: "FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\n",
        fix_safety: "Safe: stage references are case-insensitive, so every `--from=` and `FROM` that named the \
                     stage still does.",
        differences: "",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for name in stage_name_words(ctx) {
        let lower = name.value.to_ascii_lowercase();
        if lower != name.value {
            out.push(
                Diagnostic::new(
                    name.span,
                    format!(
                        "Stage name `{}` has upper-case letters: stage names are case-insensitive, so write \
                         `{lower}` to avoid suggesting a difference.",
                        name.value
                    ),
                )
                .with_fix(
                    Fix::safe(format!("Rename to {lower}"), vec![Edit::replace(name.span, lower.clone())])
                        .explained("Only the spelling changes; references still resolve to the same stage."),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_upper_case_stage_names() {
        assert_eq!(
            lines("DW4001", "FROM a AS Build\nFROM b AS OK\n"),
            vec![1, 2]
        );
    }

    #[test]
    fn honours_the_check_skip_directive_by_buildkit_name() {
        assert!(lines("DW4001", "# check=skip=StageNameCasing\nFROM a AS Build\n").is_empty());
        assert_eq!(
            lines("DW4001", "# check=skip=FromAsCasing\nFROM a AS Build\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_lower_case_or_unnamed_stages() {
        assert!(lines("DW4001", "FROM a AS build-1\nFROM b\n").is_empty());
    }

    #[test]
    fn fix_lowercases_the_name() {
        assert_eq!(fixed("DW4001", "FROM a AS Build\n"), "FROM a AS build\n");
    }
}
