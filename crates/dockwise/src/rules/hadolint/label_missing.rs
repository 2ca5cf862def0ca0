//! DL3049: the image lacks the OCI labels that identify it (off by default).

use super::label_schema::{labels, schema_keys};
use super::run_edits::final_image_stages;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2049",
    name: "label-missing",
    category: Category::Style,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3049")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags a final image without `org.opencontainers.image.source`, `.version` or `.licenses` labels \
               (set in the final stage or a stage it builds on). Off by default; a configured label schema \
               (`label_schema`) turns it on and requires its keys instead.",
        why: "These labels say where an image comes from, which release it is and under which license: \
              registries link the image to its repository, and scanners and auditors read them instead of \
              guessing.",
        example: "FROM debian:12\nLABEL org.opencontainers.image.source=https://github.com/acme/app \\\n      \
                  org.opencontainers.image.version=1.2.0\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.source=https://github.com/acme/app \\\n      \
                org.opencontainers.image.version=1.2.0 \\\n      org.opencontainers.image.licenses=MIT\n",
        differences: "With a label schema in the configuration, both require its keys. Without one, hadolint \
                      checks nothing; Dockwise requires these three OCI labels when the rule is enabled.",
    },
    check,
    ..Rule::DEFAULTS
};

const REQUIRED: [&str; 3] = [
    "org.opencontainers.image.source",
    "org.opencontainers.image.version",
    "org.opencontainers.image.licenses",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let stages = final_image_stages(ctx);
    let Some(from) = ctx.final_stage().and_then(|s| ctx.instructions.get(s.from)) else {
        return;
    };
    let present: Vec<&str> = labels(ctx)
        .filter(|(info, _)| info.stage.is_some_and(|s| stages.contains(&s)))
        .map(|(_, pair)| pair.key.value.as_str())
        .collect();
    let required = schema_keys(ctx, None, &REQUIRED);
    for key in required.iter().filter(|k| !present.contains(&k.as_str())) {
        out.push(Diagnostic::new(
            from.node.text_span(),
            format!(
                "The image has no `{key}` label, so tools cannot tell where it comes from; add it."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn a_label_schema_turns_the_rule_on_and_names_the_keys() {
        use crate::config::{Config, LabelFormat};
        let config = Config {
            label_schema: [("maintainer".to_string(), LabelFormat::Text)].into(),
            ..Config::default()
        };
        let found = crate::lint::lint(
            "FROM debian:12\nLABEL org.opencontainers.image.version=1.0.0\n",
            &config,
        );
        let messages: Vec<&str> = found
            .findings
            .iter()
            .filter(|f| f.rule.code == "DW2049")
            .map(|f| f.diagnostic.message.as_ref())
            .collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("`maintainer`"), "{messages:?}");
        let labelled = crate::lint::lint("FROM debian:12\nLABEL maintainer=me\n", &config);
        assert!(!labelled.findings.iter().any(|f| f.rule.code == "DW2049"));
    }

    #[test]
    fn catches_each_missing_label() {
        assert_eq!(lines("DW2049", "FROM debian:12\n").len(), 3);
    }

    #[test]
    fn does_not_catch_labels_set_in_a_parent_stage() {
        let src = "FROM debian:12 AS base\nLABEL org.opencontainers.image.source=s \\\n  \
                   org.opencontainers.image.version=1.0.0 org.opencontainers.image.licenses=MIT\nFROM base\n";
        assert!(lines("DW2049", src).is_empty());
    }

    #[test]
    fn catches_labels_only_set_in_a_builder_stage() {
        let src = "FROM debian:12 AS build\nLABEL org.opencontainers.image.source=s \\\n  \
                   org.opencontainers.image.version=1.0.0 org.opencontainers.image.licenses=MIT\nFROM debian:12\n";
        assert_eq!(lines("DW2049", src), vec![4, 4, 4]);
    }
}
