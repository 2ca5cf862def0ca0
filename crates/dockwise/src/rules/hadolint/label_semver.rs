//! DL3056: `LABEL` values that must be a semantic version (off by default).

use super::label_schema::{check_format, is_semver};
use crate::config::LabelFormat;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2056",
    name: "label-semver",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3056")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags an `org.opencontainers.image.version` label that is not a semantic version. Off by default.",
        why: "Tools compare versions to find updates; `1.2.3` (with optional `-pre` and `+build`) compares correctly, `v1.2` or `latest` does not.",
        example: "FROM debian:12\nLABEL org.opencontainers.image.version=v1.2\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.version=1.2.0\n",
        differences: "With a label schema in the configuration (`label_schema`), both check the schema's keys of \
                      this format, and the schema turns the rule on. Without one, hadolint checks nothing and \
                      Dockwise checks the OCI annotation keys when the rule is enabled. Values with variables are \
                      skipped.",
    },
    check,
    ..Rule::DEFAULTS
};

const KEYS: &[&str] = &["org.opencontainers.image.version"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_format(
        ctx,
        out,
        (LabelFormat::Semver, KEYS),
        is_semver,
        "a semantic version",
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_badly_formatted_value() {
        assert_eq!(
            lines(
                "DW2056",
                "FROM debian:12\nLABEL org.opencontainers.image.version=1.2\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_good_variable_or_other_labels() {
        assert!(lines(
            "DW2056",
            "FROM debian:12\nLABEL org.opencontainers.image.version=1.2.3-rc.1\n"
        )
        .is_empty());
        assert!(lines(
            "DW2056",
            "FROM debian:12\nLABEL org.opencontainers.image.version=$VALUE\n"
        )
        .is_empty());
        assert!(lines("DW2056", "FROM debian:12\nLABEL com.example.other=x\n").is_empty());
    }
}
