//! DL3058: `LABEL` values that must be an email address (off by default).

use super::label_schema::{check_format, is_email};
use crate::config::LabelFormat;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2058",
    name: "label-email",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3058")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags a `maintainer` label that is not an email address. Off by default.",
        why: "The maintainer label is how people reach whoever owns the image; without a valid address (`Jane Doe <jane@example.com>` or `jane@example.com`) nobody can.",
        example: "FROM debian:12\nLABEL maintainer=\"Jane Doe\"\n",
        fixed: "FROM debian:12\nLABEL maintainer=\"Jane Doe <jane@example.com>\"\n",
        differences: "With a label schema in the configuration (`label_schema`), both check the schema's keys of \
                      this format, and the schema turns the rule on. Without one, hadolint checks nothing and \
                      Dockwise checks the OCI annotation keys when the rule is enabled. Values with variables are \
                      skipped.",
    },
    check,
    ..Rule::DEFAULTS
};

const KEYS: &[&str] = &["maintainer"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_format(
        ctx,
        out,
        (LabelFormat::Email, KEYS),
        is_email,
        "an email address",
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_badly_formatted_value() {
        assert_eq!(
            lines("DW2058", "FROM debian:12\nLABEL maintainer=jane\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_good_variable_or_other_labels() {
        assert!(lines(
            "DW2058",
            "FROM debian:12\nLABEL maintainer=jane@example.com\n"
        )
        .is_empty());
        assert!(lines("DW2058", "FROM debian:12\nLABEL maintainer=$VALUE\n").is_empty());
        assert!(lines("DW2058", "FROM debian:12\nLABEL com.example.other=x\n").is_empty());
    }
}
