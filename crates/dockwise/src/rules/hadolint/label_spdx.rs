//! DL3054: `LABEL` values that must be an SPDX license expression (off by default).

use super::label_schema::{check_format, is_spdx};
use crate::config::LabelFormat;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2054",
    name: "label-spdx-license",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3054")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags an `org.opencontainers.image.licenses` label that is not an SPDX license expression. Off by default.",
        why: "License scanners match SPDX identifiers (`Apache-2.0`, `MIT OR Apache-2.0`); free text such as `Apache 2.0` is not recognised and the image shows up as unlicensed. Known identifiers are the common ones plus `LicenseRef-...`.",
        example: "FROM debian:12\nLABEL org.opencontainers.image.licenses=\"Apache 2.0\"\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.licenses=Apache-2.0\n",
        differences: "With a label schema in the configuration (`label_schema`), both check the schema's keys of \
                      this format, and the schema turns the rule on. Without one, hadolint checks nothing and \
                      Dockwise checks the OCI annotation keys when the rule is enabled. Values with variables are \
                      skipped.",
    },
    check,
    ..Rule::DEFAULTS
};

const KEYS: &[&str] = &["org.opencontainers.image.licenses"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_format(
        ctx,
        out,
        (LabelFormat::Spdx, KEYS),
        is_spdx,
        "an SPDX license expression",
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_badly_formatted_value() {
        assert_eq!(
            lines(
                "DW2054",
                "FROM debian:12\nLABEL org.opencontainers.image.licenses=GPL\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_good_variable_or_other_labels() {
        assert!(lines(
            "DW2054",
            "FROM debian:12\nLABEL org.opencontainers.image.licenses=GPL-3.0-or-later\n"
        )
        .is_empty());
        assert!(lines(
            "DW2054",
            "FROM debian:12\nLABEL org.opencontainers.image.licenses=$VALUE\n"
        )
        .is_empty());
        assert!(lines("DW2054", "FROM debian:12\nLABEL com.example.other=x\n").is_empty());
    }
}
