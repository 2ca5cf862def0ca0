//! DL3012: more than one `HEALTHCHECK` in a stage.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2012",
    name: "multiple-healthchecks",
    category: Category::Correctness,
    severity: Severity::Error,
    // BuildKit's check defers to this rule while it runs, so `# check=skip=MultipleInstructionsDisallowed` must silence it too.
    aliases: &[
        Alias(Peer::Hadolint, "DL3012"),
        Alias(Peer::Buildkit, "MultipleInstructionsDisallowed"),
        Alias(Peer::Trivy, "DS023"),
    ],
    docs: rule_docs! {
        what: "Flags every `HEALTHCHECK` after the first in the same stage.",
        why: "Only the last `HEALTHCHECK` takes effect; the earlier ones are dead text that readers will believe.",
        example: "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/health\"]\n",
        fixed: "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/health\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let checks = ctx
            .stage_instructions(stage)
            .iter()
            .filter(|i| i.kind() == Keyword::Healthcheck);
        for info in checks.skip(1) {
            out.push(Diagnostic::new(
                info.node.keyword,
                "This stage already has a `HEALTHCHECK`; only the last one counts, so the earlier ones mislead. \
                 Keep a single `HEALTHCHECK`.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_second_healthcheck() {
        assert_eq!(
            lines(
                "DW2012",
                "FROM a:1\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"x\"]\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_one_per_stage() {
        assert!(lines(
            "DW2012",
            "FROM a:1\nHEALTHCHECK NONE\nFROM b:1\nHEALTHCHECK NONE\n"
        )
        .is_empty());
    }
}
