//! DL4000: the deprecated `MAINTAINER` instruction.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2100",
    name: "maintainer-deprecated",
    category: Category::Style,
    severity: Severity::Error,
    aliases: &[
        Alias(Peer::Hadolint, "DL4000"),
        Alias(Peer::Buildkit, "MaintainerDeprecated"),
        Alias(Peer::Trivy, "DS022"),
        Alias(Peer::Checkov, "CKV_DOCKER_6"),
    ],
    fix: FixKind::Safe(fix_safety!(
        "Safe: nothing that runs changes; the contact moves from the legacy `Author` field to a `maintainer` \
         label."
    )),
    docs: rule_docs! {
        what: "Flags the `MAINTAINER` instruction.",
        why: "`MAINTAINER` has been deprecated since Docker 1.13: it fills the image's legacy `Author` field, \
              which tools no longer read. A `maintainer` label (or `org.opencontainers.image.authors`) is where \
              registries and scanners look.",
        example: "FROM debian:12\nMAINTAINER Jane Doe <jane@example.com>\n",
        fixed: "FROM debian:12\nLABEL maintainer=\"Jane Doe <jane@example.com>\"\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Maintainer)
    {
        let node = info.node;
        let mut diagnostic = Diagnostic::new(
            node.keyword,
            "`MAINTAINER` is deprecated and its `Author` field is ignored by today's tools; use `LABEL \
             maintainer=\"...\"` instead.",
        );
        if let Body::Words(words) = &node.body {
            let who: Vec<&str> = words.iter().map(|w| w.value.as_str()).collect();
            if !who.is_empty() {
                let keyword = if ctx
                    .text(node.keyword)
                    .chars()
                    .any(|c| c.is_ascii_lowercase())
                {
                    "label"
                } else {
                    "LABEL"
                };
                let text = format!("{keyword} maintainer=\"{}\"", quote(&who.join(" ")));
                let span = Span::new(node.keyword.start, node.args.end.max(node.keyword.end));
                diagnostic = diagnostic.with_fix(
                    Fix::safe("Replace MAINTAINER with a maintainer label", vec![Edit::replace(span, text)])
                        .explained("The image carries a `maintainer` label instead of the legacy Author field."),
                );
            }
        }
        out.push(diagnostic);
    }
}

/// Escape for a double-quoted `LABEL` value: backslash, quote and `$` (labels expand variables).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '"' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_maintainer() {
        assert_eq!(lines("DW2100", "FROM debian:12\nMAINTAINER me\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_a_maintainer_label() {
        assert!(lines("DW2100", "FROM debian:12\nLABEL maintainer=me\n").is_empty());
    }

    #[test]
    fn fix_writes_a_label_keeping_case_and_escaping_quotes() {
        assert_eq!(
            fixed("DW2100", "from debian:12\nmaintainer Jane \"JD\" Doe\n"),
            "from debian:12\nlabel maintainer=\"Jane \\\"JD\\\" Doe\"\n"
        );
        assert_eq!(
            fixed("DW2100", "FROM debian:12\r\nMAINTAINER a@b.c\r\nRUN x\r\n"),
            "FROM debian:12\r\nLABEL maintainer=\"a@b.c\"\r\nRUN x\r\n"
        );
    }
}
