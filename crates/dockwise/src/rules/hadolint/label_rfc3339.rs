//! DL3053: `LABEL` values that must be an RFC 3339 date-time (off by default).

use super::label_schema::{check_format, is_rfc3339};
use crate::config::LabelFormat;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2053",
    name: "label-rfc3339",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3053")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags an `org.opencontainers.image.created` label that is not an RFC 3339 date-time. Off by default.",
        why: "Tools sort and compare images by this timestamp; only RFC 3339 (`2024-05-01T12:00:00Z`) is read reliably.",
        example: "FROM debian:12\nLABEL org.opencontainers.image.created=\"2024-05-01 12:00\"\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.created=2024-05-01T12:00:00Z\n",
        differences: "With a label schema in the configuration (`label_schema`), both check the schema's keys of \
                      this format, and the schema turns the rule on. Without one, hadolint checks nothing and \
                      Dockwise checks the OCI annotation keys when the rule is enabled. Values with variables are \
                      skipped.",
    },
    check,
    ..Rule::DEFAULTS
};

const KEYS: &[&str] = &["org.opencontainers.image.created"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_format(
        ctx,
        out,
        (LabelFormat::Rfc3339, KEYS),
        is_rfc3339,
        "an RFC 3339 date-time",
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_badly_formatted_value() {
        assert_eq!(
            lines(
                "DW2053",
                "FROM debian:12\nLABEL org.opencontainers.image.created=yesterday\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_good_variable_or_other_labels() {
        assert!(lines(
            "DW2053",
            "FROM debian:12\nLABEL org.opencontainers.image.created=2024-05-01T12:00:00+02:00\n"
        )
        .is_empty());
        assert!(lines(
            "DW2053",
            "FROM debian:12\nLABEL org.opencontainers.image.created=$VALUE\n"
        )
        .is_empty());
        assert!(lines("DW2053", "FROM debian:12\nLABEL com.example.other=x\n").is_empty());
    }
}
