//! DL4003: more than one `CMD` in a stage.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2103",
    name: "multiple-cmd",
    category: Category::Correctness,
    severity: Severity::Warning,
    // BuildKit's check defers to this rule while it runs, so `# check=skip=MultipleInstructionsDisallowed` must silence it too.
    aliases: &[
        Alias(Peer::Hadolint, "DL4003"),
        Alias(Peer::Buildkit, "MultipleInstructionsDisallowed"),
        Alias(Peer::Trivy, "DS016"),
    ],
    docs: rule_docs! {
        what: "Flags every `CMD` after the first in the same stage.",
        why: "Only the last `CMD` takes effect; the earlier ones do nothing and mislead the reader about what \
              the container runs.",
        example: "FROM python:3.12-slim\nCMD [\"python\", \"-V\"]\nCMD [\"python\", \"app.py\"]\n",
        fixed: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    repeated(ctx, out, Keyword::Cmd);
}

/// Every `keyword` instruction after the first one of its stage.
pub(super) fn repeated(ctx: &Context, out: &mut Vec<Diagnostic>, keyword: Keyword) {
    for stage in &ctx.stages {
        let found: Vec<&InstructionInfo> = ctx
            .stage_instructions(stage)
            .iter()
            .filter(|i| i.kind() == keyword)
            .collect();
        for info in found.iter().skip(1) {
            let name = ctx.text(info.node.keyword);
            out.push(Diagnostic::new(
                info.node.text_span(),
                format!(
                    "This stage has more than one `{name}`; only the last one takes effect, so keep just that \
                     one."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_repeated_cmd() {
        assert_eq!(
            lines("DW2103", "FROM debian:12\nCMD a\nCMD b\nCMD c\n"),
            vec![3, 4]
        );
    }

    #[test]
    fn does_not_catch_one_cmd_per_stage() {
        assert!(lines("DW2103", "FROM debian:12\nCMD a\nFROM debian:12\nCMD b\n").is_empty());
    }
}
