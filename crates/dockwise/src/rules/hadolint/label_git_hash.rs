//! DL3055: `LABEL` values that must be a full git commit hash (off by default).

use super::label_schema::{check_format, is_git_hash};
use crate::config::LabelFormat;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2055",
    name: "label-git-hash",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3055")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags an `org.opencontainers.image.revision` label that is not a full git commit hash. Off by default.",
        why: "The revision ties the image to the exact source it was built from; a branch name or short hash moves or becomes ambiguous.",
        example: "FROM debian:12\nLABEL org.opencontainers.image.revision=main\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.revision=4f9c2b7e1d3a5c6b8e0f1a2b3c4d5e6f7a8b9c0d\n",
        differences: "With a label schema in the configuration (`label_schema`), both check the schema's keys of \
                      this format, and the schema turns the rule on. Without one, hadolint checks nothing and \
                      Dockwise checks the OCI annotation keys when the rule is enabled. Values with variables are \
                      skipped.",
    },
    check,
    ..Rule::DEFAULTS
};

const KEYS: &[&str] = &["org.opencontainers.image.revision"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_format(
        ctx,
        out,
        (LabelFormat::Hash, KEYS),
        is_git_hash,
        "a full git commit hash",
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_badly_formatted_value() {
        assert_eq!(
            lines(
                "DW2055",
                "FROM debian:12\nLABEL org.opencontainers.image.revision=abc123\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_good_variable_or_other_labels() {
        assert!(lines("DW2055", "FROM debian:12\nLABEL org.opencontainers.image.revision=0123456789abcdef0123456789abcdef01234567\n").is_empty());
        assert!(lines(
            "DW2055",
            "FROM debian:12\nLABEL org.opencontainers.image.revision=$VALUE\n"
        )
        .is_empty());
        assert!(lines("DW2055", "FROM debian:12\nLABEL com.example.other=x\n").is_empty());
    }
}
