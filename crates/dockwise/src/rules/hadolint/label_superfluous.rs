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
    fix: FixKind::None,
    docs: Docs {
        what: "Flags labels outside the OCI annotation keys (`org.opencontainers.image.*`) and `maintainer`. Off \
               by default: for teams that want one label vocabulary.",
        why: "Ad-hoc keys (`version`, `Description`, `com.example.build`) mean every tool and team reads \
              different labels; the OCI keys are the ones registries and scanners understand.",
        example: "FROM debian:12\nLABEL version=1.2.0\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.version=1.2.0\n",
        fix_safety: "",
        differences: "hadolint flags labels outside a schema given in its configuration (in strict mode), and \
                      nothing without one; Dockwise uses the OCI keys as the schema when the rule is enabled.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, pair) in labels(ctx) {
        let key = pair.key.value.as_str();
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
