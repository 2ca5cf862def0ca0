//! DL1001: inline ignore pragmas.

use crate::rules::prelude::*;
use dockwise_syntax::Item;

pub static RULE: Rule = Rule {
    code: "DW2201",
    name: "inline-ignore-pragma",
    category: Category::Style,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL1001")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Off by default. Flags inline ignore comments (`# hadolint ignore=DL3008`, `# dockwise \
               ignore=DW2008`) for teams that want every exception in the configuration file.",
        why: "Inline ignores are easy to add and easy to forget: they hide findings without review. Keeping \
              exceptions in one configuration file makes them visible.",
        example: "FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y --no-install-recommends curl\n",
        fixed: "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n",
        differences: "Also flags Dockwise's own `# dockwise ignore=` comments. File-wide `global ignore` comments \
                      are not flagged, as in hadolint.",
    },
    check,
    ..Rule::DEFAULTS
};

fn is_inline_ignore(comment: &str) -> bool {
    let text = comment.trim_start_matches('#').trim();
    let Some(rest) = text
        .strip_prefix("hadolint")
        .or_else(|| text.strip_prefix("dockwise"))
    else {
        return false;
    };
    rest.trim_start()
        .strip_prefix("ignore")
        .is_some_and(|r| r.trim_start().starts_with('='))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for item in &ctx.file.items {
        let Item::Comment(comment) = item else {
            continue;
        };
        if !is_inline_ignore(ctx.text(comment.text)) {
            continue;
        }
        out.push(Diagnostic::new(
            comment.text,
            "This inline ignore hides a finding where nobody reviews it; move the exception to the \
             configuration file (`disable`) or fix the finding.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_hadolint_and_dockwise_inline_ignores() {
        let src =
            "FROM a:1\n# hadolint ignore=DL3008\nRUN true\n# dockwise ignore=DW2008\nRUN true\n";
        assert_eq!(lines("DW2201", src), vec![2, 4]);
    }

    #[test]
    fn does_not_catch_global_ignores_or_plain_comments() {
        let src = "# hadolint global ignore=DL3008\nFROM a:1\n# ignore this\nRUN true\n";
        assert!(lines("DW2201", src).is_empty());
    }
}
