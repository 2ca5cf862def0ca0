//! BuildKit StageNameCasing: stage names should be lower-case.

use crate::rules::common::stages::stage_name_words;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4001",
    name: "stage-name-casing",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "StageNameCasing")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: stage references are case-insensitive, so every `--from=` and `FROM` that named the stage still \
         does; they are renamed with it all the same, so that they read as the name."
    )),
    docs: rule_docs! {
        what: "Flags a stage name (`FROM image AS Name`) with upper-case letters.",
        why: "Stage names are matched without regard to case, so `Builder` and `builder` are the same stage; \
              upper-case names suggest a difference that does not exist and read inconsistently.",
        example: "FROM golang:1.23 AS Builder\nRUN go build -o /app .\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\n",
        fixed: "FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\n",
    },
    check,
    ..Rule::DEFAULTS
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
                    Fix::safe(format!("Rename to {lower}"), rename_edits(ctx, name, &lower))
                        .explained("Only the spelling changes; references still resolve to the same stage."),
                ),
            );
        }
    }
}

/// The name itself and every reference spelled otherwise (`FROM Name`, `COPY --from=Name`): BuildKit matches
/// them without regard to case, but hadolint (DL3022) and readers match them as written.
fn rename_edits(ctx: &Context, name: &Word, lower: &str) -> Vec<Edit> {
    let mut edits = vec![Edit::replace(name.span, lower)];
    let references = ctx
        .instructions
        .iter()
        .filter_map(|info| match &info.node.body {
            Body::From(from)
                if from
                    .reference
                    .as_ref()
                    .is_some_and(|r| r.tag.is_none() && r.digest.is_none()) =>
            {
                Some(&from.image)
            }
            Body::Copy(_) => info.node.flag("from").and_then(|f| f.value.as_ref()),
            _ => None,
        });
    for word in references.filter(|w| w.span.start > name.span.start) {
        // Only a word written plainly (no quotes or escapes) can be replaced by its lower-case value.
        if word.value.eq_ignore_ascii_case(&name.value)
            && word.value != lower
            && ctx.text(word.span) == word.value
        {
            edits.push(Edit::replace(word.span, lower));
        }
    }
    edits
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

    /// hadolint (DL3022) and readers match `--from=` and `FROM` names as written: a renamed stage takes its
    /// references along (corpus: `AS BASE` ... `COPY --from=BASE`).
    #[test]
    fn fix_renames_the_references_too() {
        let src = "FROM a AS BASE\nRUN make\nFROM BASE AS Test\nFROM b\nCOPY --from=BASE /x /x\nCOPY --from=Test /y /y\nCOPY --from=other /z /z\n";
        assert_eq!(
            fixed("DW4001", src),
            "FROM a AS base\nRUN make\nFROM base AS test\nFROM b\nCOPY --from=base /x /x\nCOPY --from=test /y /y\nCOPY --from=other /z /z\n"
        );
    }

    #[test]
    fn fix_lowercases_the_name() {
        assert_eq!(fixed("DW4001", "FROM a AS Build\n"), "FROM a AS build\n");
    }
}
