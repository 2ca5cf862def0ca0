//! Server images without a `HEALTHCHECK`.

use crate::model::{launches, server};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1020",
    name: "missing-healthcheck",
    category: Category::Runtime,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Checkov, "CKV_DOCKER_2"), Alias(Peer::Trivy, "DS026")],
    enabled_by_default: true,
    fix: FixKind::None,
    docs: Docs {
        what: "Flags a final stage that runs a server (it `EXPOSE`s a port or its command starts a recognised \
               server) and has no `HEALTHCHECK`, neither its own nor from a stage it builds on.",
        why: "Without a health check, Docker and Compose only know whether the process is alive, not whether it \
              answers: a hung server keeps receiving traffic and is never restarted. `HEALTHCHECK NONE` says \
              on purpose that the orchestrator (for example Kubernetes probes) handles it.",
        example: "FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n",
        fixed: "FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n\
                HEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider http://localhost/ || exit 1\n",
        fix_safety: "",
        differences: "Checkov and Trivy flag every Dockerfile without `HEALTHCHECK`; Dockwise flags only images that \
                      serve something (an `EXPOSE` or a known server command), so build-only and CLI images stay \
                      quiet.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let mut current = Some(stage);
    let mut guard = 0;
    let mut expose = None;
    while let Some(s) = current {
        for info in ctx.stage_instructions(s) {
            match info.kind() {
                Keyword::Healthcheck => return,
                Keyword::Expose if expose.is_none() && s.index == stage.index => {
                    expose = Some(info.node.text_span())
                }
                _ => {}
            }
        }
        guard += 1;
        current = match s.base {
            Base::Stage(p) if p < s.index && guard < 64 => ctx.stages.get(p),
            _ => None,
        };
    }
    let launches = launches(ctx, stage);
    let served = launches
        .iter()
        .find_map(|l| server(l).map(|s| (l.instruction, s.kind.name())));
    let (span, what) = match (expose, served) {
        (Some(span), _) => (span, "exposes a port".to_string()),
        (None, Some((index, name))) => match ctx.instructions.get(index) {
            Some(info) => (info.node.text_span(), format!("runs `{name}`")),
            None => return,
        },
        (None, None) => return,
    };
    out.push(Diagnostic::new(
        span,
        format!(
            "This image {what} but has no `HEALTHCHECK`: Docker cannot tell a hung server from a healthy one. Add a \
             `HEALTHCHECK CMD ...` that probes it (or `HEALTHCHECK NONE` if your orchestrator probes it)."
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_an_exposed_port_or_a_server_command_without_healthcheck() {
        assert_eq!(lines("DW1020", "FROM nginx\nEXPOSE 80\n"), vec![2]);
        assert_eq!(
            lines(
                "DW1020",
                "FROM python\nCMD gunicorn -b 0.0.0.0:80 app:app\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_images_with_healthcheck_none_or_no_server() {
        assert!(lines("DW1020", "FROM nginx\nEXPOSE 80\nHEALTHCHECK NONE\n").is_empty());
        assert!(lines(
            "DW1020",
            "FROM nginx\nHEALTHCHECK CMD curl -f localhost\nEXPOSE 80\n"
        )
        .is_empty());
        assert!(lines("DW1020", "FROM alpine\nCMD [\"mytool\", \"--help\"]\n").is_empty());
    }

    #[test]
    fn reads_healthcheck_of_the_parent_stage_and_ignores_builder_stages() {
        assert!(lines(
            "DW1020",
            "FROM nginx AS b\nHEALTHCHECK NONE\nFROM b\nEXPOSE 80\n"
        )
        .is_empty());
        assert!(lines(
            "DW1020",
            "FROM node AS build\nEXPOSE 3000\nFROM scratch\nCOPY --from=build /a /a\n"
        )
        .is_empty());
    }
}
