//! BuildKit NoEmptyContinuation: an empty line inside a continued instruction.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4003",
    name: "no-empty-continuation",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "NoEmptyContinuation")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: Docker already ignores the empty line; removing it builds the same instruction."
    )),
    docs: rule_docs! {
        what: "Flags an empty line in the middle of an instruction continued with `\\`.",
        why: "Docker skips the empty line and carries on with the same instruction, which is easy to misread as \
              the end of it; BuildKit announces that such lines will become errors.",
        example: "FROM debian:bookworm\nRUN apt-get update && \\\n\n    apt-get install -y --no-install-recommends curl\n",
        fixed: "FROM debian:bookworm\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        let node = info.node;
        let start = node.keyword.start;
        let text = ctx.text(Span::new(start, node.args.end));
        let mut empty = Vec::new();
        let mut offset = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            if n > 0 && line.trim().is_empty() && offset + line.len() < text.len() {
                empty.push(Span::new(start + offset, start + offset + line.len()));
            }
            offset += line.len();
        }
        let Some(first) = empty.first() else { continue };
        out.push(
            Diagnostic::new(
                Span::new(first.start, first.end.saturating_sub(1).max(first.start)),
                "Empty line inside a continued instruction: Docker silently joins what follows to this \
                 instruction, and future versions will reject it; remove the empty line.",
            )
            .with_fix(
                Fix::safe("Remove the empty continuation line", empty.iter().map(|s| Edit::delete(*s)).collect())
                    .explained("The instruction is unchanged; only the blank line goes."),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_an_empty_line_inside_a_continuation() {
        assert_eq!(lines("DW4003", "FROM a\nRUN echo a \\\n\n  b\n"), vec![3]);
    }

    #[test]
    fn does_not_catch_blank_lines_between_instructions_or_comment_lines() {
        assert!(lines("DW4003", "FROM a\n\nRUN echo a \\\n# note\n  b\n\nRUN x\n").is_empty());
    }

    #[test]
    fn fix_removes_every_empty_line_once() {
        assert_eq!(
            fixed("DW4003", "FROM a\nRUN a \\\n\n \n  b\n"),
            "FROM a\nRUN a \\\n  b\n"
        );
    }
}
