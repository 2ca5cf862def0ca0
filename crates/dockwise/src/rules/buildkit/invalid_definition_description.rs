//! BuildKit InvalidDefinitionDescription: a comment above `ARG`/`FROM ... AS` that does not start with the name.

use crate::rules::prelude::*;
use dockwise_syntax::Item;

pub static RULE: Rule = Rule {
    code: "DW4014",
    name: "invalid-definition-description",
    category: Category::Style,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Buildkit, "InvalidDefinitionDescription")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags a comment directly above a global `ARG NAME` or a `FROM ... AS name` that does not start with \
               `NAME`/`name` (off by default, as in BuildKit).",
        why: "Build tools (`docker buildx build --call=outline`) show such comments as the description of the \
              build argument or target only when they start with its name.",
        example: "# the Go version to build with\nARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}\n",
        fixed: "# GO_VERSION is the Go version to build with\nARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut comments: Vec<Span> = Vec::new();
    let mut seen_from = false;
    for item in &ctx.file.items {
        match item {
            Item::Comment(c) => comments.push(c.text),
            Item::Instruction(node) => {
                let name = match (&node.body, node.kind) {
                    (Body::KeyValues(pairs), Keyword::Arg) if !seen_from && pairs.len() == 1 => {
                        pairs.first().map(|p| p.key.value.clone())
                    }
                    (Body::From(from), _) => from.stage_name.as_ref().map(|n| n.value.clone()),
                    _ => None,
                };
                if node.kind == Keyword::From {
                    seen_from = true;
                }
                if let (Some(name), Some(first)) = (name, comments.first()) {
                    let text = ctx.text(*first).trim_start_matches('#').trim_start();
                    let pragma = text.starts_with("hadolint") || text.starts_with("dockwise");
                    let first_word = text.split_whitespace().next().unwrap_or("");
                    if !pragma && first_word != name {
                        out.push(Diagnostic::new(
                            *first,
                            format!(
                                "This comment describes `{name}` but does not start with its name, so build \
                                 tools will not show it as the description; start it with `{name}`."
                            ),
                        ));
                    }
                }
                comments.clear();
            }
            _ => comments.clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_descriptions_not_starting_with_the_name() {
        assert_eq!(
            lines(
                "DW4014",
                "# version\nARG V=1\n# the build stage\nFROM a AS build\n"
            ),
            vec![1, 3]
        );
    }

    #[test]
    fn does_not_catch_good_descriptions_or_detached_comments() {
        let src = "# V is the version\nARG V=1\n# note\n\nFROM a AS build\nRUN x\n# hi\nARG W\n";
        assert!(lines("DW4014", src).is_empty());
    }
}
