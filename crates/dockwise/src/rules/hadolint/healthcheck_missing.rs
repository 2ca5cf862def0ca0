//! DL3057: no `HEALTHCHECK` in the image (off by default, as in hadolint).

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2057",
    name: "healthcheck-missing",
    category: Category::Runtime,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3057")],
    enabled_by_default: false,
    docs: rule_docs! {
        what: "Flags a final stage with no `HEALTHCHECK`, neither its own nor from a stage it builds on. Off by \
               default.",
        why: "Without a health check, Docker and Swarm only know whether the process is running, not whether it \
              answers: a hung server keeps receiving traffic. (Kubernetes ignores `HEALTHCHECK` and uses its own \
              probes, which is why this rule is off by default.)",
        example: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n",
        fixed: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nHEALTHCHECK CMD curl -fsS http://localhost/ || \
                exit 1\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(last) = ctx.final_stage() else {
        return;
    };
    let inherited = ctx.model.stage_chain(last).any(|s| {
        ctx.stage_instructions(s)
            .iter()
            .any(|i| i.kind() == Keyword::Healthcheck)
    });
    if inherited {
        return;
    }
    let Some(from) = ctx.instructions.get(last.from) else {
        return;
    };
    out.push(Diagnostic::new(
        from.node.text_span(),
        "The image has no `HEALTHCHECK`, so Docker cannot tell a hung container from a healthy one; add one that \
         probes the service.",
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_an_image_without_healthcheck() {
        assert_eq!(lines("DW2057", "FROM nginx:1\nCMD x\n"), vec![1]);
    }

    #[test]
    fn does_not_catch_own_or_inherited_healthchecks() {
        assert!(lines("DW2057", "FROM nginx:1\nHEALTHCHECK NONE\n").is_empty());
        assert!(lines("DW2057", "FROM nginx:1 AS a\nHEALTHCHECK CMD x\nFROM a\n").is_empty());
    }
}
