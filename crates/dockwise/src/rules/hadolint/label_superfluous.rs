//! DL3050: labels outside the schema (off by default).

use super::label_schema::{labels, PREFIX};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2050",
    name: "label-superfluous",
    category: Category::Style,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3050")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags labels outside the OCI annotation keys (`org.opencontainers.image.*`) and `maintainer`, or \
               outside the configured label schema when there is one. Off by default; `strict_labels` turns it \
               on: for teams that want one label vocabulary.",
        why: "Ad-hoc keys (`version`, `Description`, `com.example.build`) mean every tool and team reads \
              different labels; the OCI keys are the ones registries and scanners understand.",
        example: "FROM debian:12\nLABEL version=1.2.0\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.version=1.2.0\n",
        differences: "With a label schema and strict labels, both flag keys outside the schema. Without a \
                      schema, hadolint flags every label in strict mode; Dockwise uses the OCI keys as the schema.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let schema = &ctx.config.label_schema;
    for (_, pair) in labels(ctx) {
        let key = pair.key.value.as_str();
        if !schema.is_empty() {
            if !schema.contains_key(key) {
                out.push(Diagnostic::new(
                    pair.key.span,
                    format!(
                        "`{key}` is not in the label schema of the configuration; remove it or add it to the \
                         schema."
                    ),
                ));
            }
            continue;
        }
        if !key.starts_with(PREFIX) && key != "maintainer" {
            out.push(Diagnostic::new(
                pair.key.span,
                format!(
                    "`{key}` is not an OCI annotation key, so tools will not read it; use an \
                     `org.opencontainers.image.*` key instead."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn strict_labels_turn_it_on_against_the_schema() {
        use crate::config::{Config, LabelFormat};
        let src = "FROM debian:12\nLABEL maintainer=me\nLABEL org.opencontainers.image.title=x\n";
        let codes = |config: &Config| -> Vec<usize> {
            crate::lint::lint(src, config)
                .findings
                .iter()
                .filter(|f| f.rule.code == "DW2050")
                .map(|f| f.diagnostic.span.start)
                .collect()
        };
        let schema = Config {
            label_schema: [("maintainer".to_string(), LabelFormat::Text)].into(),
            ..Config::default()
        };
        assert!(codes(&schema).is_empty(), "a schema alone is not strict");
        let strict = Config {
            strict_labels: true,
            ..schema
        };
        assert_eq!(codes(&strict), vec![src.find("org.").unwrap()]);
    }

    #[test]
    fn catches_non_oci_keys() {
        assert_eq!(
            lines(
                "DW2050",
                "FROM debian:12\nLABEL version=1 org.opencontainers.image.title=x\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_oci_keys_or_maintainer() {
        assert!(lines(
            "DW2050",
            "FROM debian:12\nLABEL maintainer=x org.opencontainers.image.title=x\n"
        )
        .is_empty());
    }
}
