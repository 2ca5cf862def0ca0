//! DL3048: label keys that break Docker's key format.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2048",
    name: "label-key-format",
    category: Category::Style,
    severity: Severity::Style,
    aliases: &[Alias(Peer::Hadolint, "DL3048")],
    docs: rule_docs! {
        what: "Flags `LABEL` keys that are not lower-case letters, digits, `.`, `-`, `_` and `/`, that do not \
               start with a letter and end with a letter or digit, that repeat `.` or `-`, or that use Docker's \
               reserved `com.docker.`, `io.docker.` and `org.dockerproject.` namespaces.",
        why: "Tools that read labels (registries, scanners, `docker inspect --format`) expect keys in reverse-DNS \
              form such as `org.opencontainers.image.version`; `Version` and `version` end up as two different \
              labels, and reserved namespaces belong to Docker itself.",
        example: "FROM debian:12\nLABEL Version=1.2.3\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.version=1.2.3\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Label)
    {
        let Body::KeyValues(pairs) = &info.node.body else {
            continue;
        };
        for pair in pairs.iter().filter(|p| !valid(&p.key.value)) {
            out.push(Diagnostic::new(
                pair.key.span,
                format!(
                    "Label key `{}` does not follow Docker's key format, so tools may not find it; use lower-case \
                     reverse-DNS keys such as `org.opencontainers.image.title`.",
                    pair.key.value
                ),
            ));
        }
    }
}

fn valid(key: &str) -> bool {
    const RESERVED: [&str; 3] = ["com.docker.", "io.docker.", "org.dockerproject."];
    let allowed = |c: char| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '/')
    };
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && key.chars().all(allowed)
        && !key.contains("..")
        && !key.contains("--")
        && !RESERVED.iter().any(|r| key.starts_with(r))
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_bad_keys() {
        for key in [
            "Version",
            "a..b",
            "a--b",
            "1a",
            "a-",
            "com.docker.x",
            "che:server",
            "\"my key\"",
        ] {
            assert_eq!(
                lines("DW2048", &format!("FROM debian:12\nLABEL {key}=1\n")),
                vec![2],
                "{key}"
            );
        }
    }

    #[test]
    fn catches_each_bad_key_of_a_label() {
        assert_eq!(
            lines("DW2048", "FROM debian:12\nLABEL a=1 \\\n  B=2\n"),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_good_keys() {
        for key in [
            "maintainer",
            "org.opencontainers.image.title",
            "a_b",
            "a/b",
            "a.-b",
            "com.docker",
        ] {
            assert!(
                lines("DW2048", &format!("FROM debian:12\nLABEL {key}=1\n")).is_empty(),
                "{key}"
            );
        }
    }
}
