//! DL4004: more than one `ENTRYPOINT` in a stage.

use super::multiple_cmd::repeated;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2104",
    name: "multiple-entrypoint",
    category: Category::Correctness,
    severity: Severity::Error,
    // BuildKit's check defers to this rule while it runs, so `# check=skip=MultipleInstructionsDisallowed` must silence it too.
    aliases: &[
        Alias(Peer::Hadolint, "DL4004"),
        Alias(Peer::Buildkit, "MultipleInstructionsDisallowed"),
        Alias(Peer::Trivy, "DS007"),
    ],
    docs: rule_docs! {
        what: "Flags every `ENTRYPOINT` after the first in the same stage.",
        why: "Only the last `ENTRYPOINT` takes effect; the earlier ones do nothing and mislead the reader about \
              what the container runs.",
        example: "FROM debian:12\nENTRYPOINT [\"/bin/sh\"]\nENTRYPOINT [\"/app\"]\n",
        fixed: "FROM debian:12\nENTRYPOINT [\"/app\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    repeated(ctx, out, Keyword::Entrypoint);
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_repeated_entrypoint() {
        assert_eq!(
            lines("DW2104", "FROM debian:12\nENTRYPOINT a\nENTRYPOINT b\n"),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_one_entrypoint_per_stage() {
        assert!(lines(
            "DW2104",
            "FROM debian:12\nENTRYPOINT a\nFROM debian:12\nENTRYPOINT b\n"
        )
        .is_empty());
    }
}
