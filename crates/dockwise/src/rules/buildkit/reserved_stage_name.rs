//! BuildKit ReservedStageName: stages named `scratch` or `context`.

use crate::rules::common::stages::stage_name_words;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4005",
    name: "reserved-stage-name",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Buildkit, "ReservedStageName"),
        Alias(Peer::Hadolint, "DL3063"),
    ],
    docs: rule_docs! {
        what: "Flags a stage named `scratch` or `context`, names Docker reserves.",
        why: "`FROM scratch` means the empty image and `context` the build context: a stage with one of these \
              names cannot be referred to reliably, and later stages get something else than intended.",
        example: "FROM alpine:3.20 AS scratch\nRUN echo hi > /hi\n",
        fixed: "FROM alpine:3.20 AS base\nRUN echo hi > /hi\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for name in stage_name_words(ctx) {
        let lower = name.value.to_ascii_lowercase();
        if lower == "scratch" || lower == "context" {
            out.push(Diagnostic::new(
                name.span,
                format!(
                    "`{}` is a reserved name (`scratch` is the empty image, `context` the build context): \
                     references to this stage will not reach it; pick another name.",
                    name.value
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_reserved_names_in_any_case() {
        assert_eq!(
            lines("DW4005", "FROM a AS Scratch\nFROM b AS context\n"),
            vec![1, 2]
        );
    }

    #[test]
    fn does_not_catch_other_names() {
        assert!(lines("DW4005", "FROM scratch\nFROM b AS contexts\n").is_empty());
    }
}
