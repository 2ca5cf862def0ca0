//! DL3052: `LABEL` values that must be an absolute URL (off by default).

use super::label_schema::{check_format, is_url};
use crate::config::LabelFormat;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2052",
    name: "label-url",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3052")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags an `org.opencontainers.image.url`, `.source` or `.documentation` label that is not an absolute URL. Off by default.",
        why: "Registries turn these labels into links (GitHub links a package to its repository through `.source`); a value without a scheme and host leads nowhere.",
        example: "FROM debian:12\nLABEL org.opencontainers.image.source=github.com/acme/app\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.source=https://github.com/acme/app\n",
        differences: "With a label schema in the configuration (`label_schema`), both check the schema's keys of \
                      this format, and the schema turns the rule on. Without one, hadolint checks nothing and \
                      Dockwise checks the OCI annotation keys when the rule is enabled. Values with variables are \
                      skipped.",
    },
    check,
    ..Rule::DEFAULTS
};

const KEYS: &[&str] = &[
    "org.opencontainers.image.url",
    "org.opencontainers.image.source",
    "org.opencontainers.image.documentation",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_format(
        ctx,
        out,
        (LabelFormat::Url, KEYS),
        is_url,
        "an absolute URL",
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn a_schema_checks_its_own_url_keys_and_turns_the_rule_on() {
        use crate::config::{Config, LabelFormat};
        let config = Config {
            label_schema: [
                ("homepage".to_string(), LabelFormat::Url),
                ("owner".to_string(), LabelFormat::Text),
            ]
            .into(),
            ..Config::default()
        };
        let src = "FROM debian:12\nLABEL homepage=example.com owner=example.com\nLABEL org.opencontainers.image.url=x\n";
        let found: Vec<usize> = crate::lint::lint(src, &config)
            .findings
            .iter()
            .filter(|f| f.rule.code == "DW2052")
            .map(|f| f.diagnostic.span.start)
            .collect();
        assert_eq!(found, vec![src.find("example.com").unwrap()]);
    }

    #[test]
    fn catches_a_badly_formatted_value() {
        assert_eq!(
            lines(
                "DW2052",
                "FROM debian:12\nLABEL org.opencontainers.image.url=example.com\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_good_variable_or_other_labels() {
        assert!(lines(
            "DW2052",
            "FROM debian:12\nLABEL org.opencontainers.image.url=https://example.com\n"
        )
        .is_empty());
        assert!(lines(
            "DW2052",
            "FROM debian:12\nLABEL org.opencontainers.image.url=$VALUE\n"
        )
        .is_empty());
        assert!(lines("DW2052", "FROM debian:12\nLABEL com.example.other=x\n").is_empty());
    }
}
