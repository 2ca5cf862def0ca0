//! BuildKit MultipleInstructionsDisallowed: several `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in one stage.

use crate::rules::hadolint;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4008",
    name: "multiple-instructions-disallowed",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "MultipleInstructionsDisallowed")],
    docs: rule_docs! {
        what: "Flags every `CMD`, `ENTRYPOINT` or `HEALTHCHECK` of a stage except the last of its kind.",
        why: "Only the last one takes effect: the earlier ones are dead code that misleads whoever reads the \
              file about how the container starts.",
        example: "FROM node:22-slim\nCMD [\"node\", \"server.js\"]\nCMD [\"node\", \"worker.js\"]\n",
        fixed: "FROM node:22-slim\nCMD [\"node\", \"worker.js\"]\n",
        differences: "While hadolint's `multiple-cmd` (DL4003), `multiple-entrypoint` (DL4004) and \
                      `multiple-healthchecks` (DL3012) run, each kind is left to them so a problem is reported \
                      once; this rule covers the kinds whose hadolint rule is switched off.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let infos = ctx.stage_instructions(stage);
        for kind in [Keyword::Cmd, Keyword::Entrypoint, Keyword::Healthcheck] {
            // hadolint's DL4003/DL4004/DL3012 rules report these too; one finding per problem is enough.
            let covered = match kind {
                Keyword::Cmd => ctx.config.is_enabled(&hadolint::multiple_cmd::RULE),
                Keyword::Entrypoint => ctx.config.is_enabled(&hadolint::multiple_entrypoint::RULE),
                _ => ctx
                    .config
                    .is_enabled(&hadolint::multiple_healthchecks::RULE),
            };
            if covered {
                continue;
            }
            let of_kind: Vec<&InstructionInfo> =
                infos.iter().filter(|i| i.kind() == kind).collect();
            for info in of_kind.iter().rev().skip(1) {
                out.push(Diagnostic::new(
                    info.node.text_span(),
                    format!(
                        "Only the last `{}` of a stage takes effect: this one is ignored; remove it.",
                        kind.as_str()
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_all_but_the_last() {
        assert_eq!(
            lines("DW4008", "FROM a\nCMD a\nENTRYPOINT b\nCMD c\nCMD d\n"),
            vec![2, 4]
        );
    }

    #[test]
    fn leaves_each_kind_to_its_hadolint_rule_when_it_runs() {
        let src = "FROM a\nCMD a\nCMD b\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n";
        let linted = crate::lint::lint(src, &crate::config::Config::default());
        let ours: Vec<_> = linted
            .findings
            .iter()
            .filter(|f| f.rule.code == "DW4008")
            .collect();
        assert!(ours.is_empty());
    }

    #[test]
    fn does_not_catch_one_per_stage() {
        assert!(lines("DW4008", "FROM a\nCMD a\nFROM b\nCMD b\nHEALTHCHECK NONE\n").is_empty());
    }
}
