//! DL3051: an empty value for a schema label (off by default).

use super::label_schema::{labels, PREFIX};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2051",
    name: "label-empty",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3051")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags an OCI annotation label (`org.opencontainers.image.*`) or `maintainer` set to an empty \
               value, or a key of the configured label schema when there is one. Off by default; a label schema \
               turns it on.",
        why: "An empty label looks filled in to a reader but tells tools nothing; often a build argument that \
              was never passed (`LABEL org.opencontainers.image.version=$VERSION` without `--build-arg`).",
        example: "FROM debian:12\nLABEL org.opencontainers.image.version=\"\"\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.version=1.2.0\n",
        differences: "With a label schema, both check its keys. Without one, hadolint checks nothing and \
                      Dockwise checks the OCI annotation keys and `maintainer` when the rule is enabled, and \
                      also a value that is only a variable whose `ARG` has no default.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let schema = &ctx.config.label_schema;
    for (info, pair) in labels(ctx) {
        let key = pair.key.value.as_str();
        let checked = if schema.is_empty() {
            key.starts_with(PREFIX) || key == "maintainer"
        } else {
            schema.contains_key(key)
        };
        if !checked {
            continue;
        }
        let value = pair.value.as_ref().map_or("", |v| v.value.as_str());
        let resolved = crate::model::expand(value, &info.scope);
        let unset_arg = resolved.starts_with('$')
            && only_variable(value)
            && declared_without_value(info, value);
        if resolved.trim().is_empty() || unset_arg {
            let span = pair.value.as_ref().map_or(pair.key.span, |v| v.span);
            out.push(Diagnostic::new(
                span,
                format!(
                    "`{key}` is empty, so it tells tools nothing; give it a value or remove it."
                ),
            ));
        }
    }
}

/// `$NAME` or `${NAME}` and nothing else.
fn only_variable(value: &str) -> bool {
    let name = value
        .trim_start_matches('$')
        .trim_start_matches('{')
        .trim_end_matches('}');
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn declared_without_value(info: &InstructionInfo, value: &str) -> bool {
    let name = value
        .trim_start_matches('$')
        .trim_start_matches('{')
        .trim_end_matches('}');
    info.scope.is_defined(name) && info.scope.get(name).is_none()
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_empty_values() {
        assert_eq!(
            lines(
                "DW2051",
                "FROM debian:12\nLABEL org.opencontainers.image.version=\"\"\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW2051", "FROM debian:12\nARG V\nLABEL maintainer=$V\n"),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_filled_or_other_labels() {
        assert!(lines(
            "DW2051",
            "FROM debian:12\nLABEL org.opencontainers.image.version=1.0.0\n"
        )
        .is_empty());
        assert!(lines(
            "DW2051",
            "FROM debian:12\nARG V=1\nLABEL org.opencontainers.image.version=$V\n"
        )
        .is_empty());
        assert!(lines("DW2051", "FROM debian:12\nLABEL com.example.flag=\"\"\n").is_empty());
    }
}
