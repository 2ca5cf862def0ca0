//! Server images without a `HEALTHCHECK`.

use crate::model::{launches, server, stage_facts, Language, StageFacts};
use crate::rules::common::expose::without_protocol;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1020",
    name: "missing-healthcheck",
    category: Category::Runtime,
    severity: Severity::Info,
    aliases: &[
        Alias(Peer::Checkov, "CKV_DOCKER_2"),
        Alias(Peer::Trivy, "DS026"),
    ],
    docs: rule_docs! {
        what: "Flags a final stage that runs a server (it `EXPOSE`s a port or its command starts a recognised \
               server) and has no `HEALTHCHECK`, neither its own nor from a stage it builds on.",
        why: "Without a health check, Docker and Compose only know whether the process is alive, not whether it \
              answers: a hung server keeps receiving traffic and is never restarted. `HEALTHCHECK NONE` says \
              on purpose that the orchestrator (for example Kubernetes probes) handles it.",
        example: "FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n",
        fixed: "FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n\
                HEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider http://localhost/ || exit 1\n",
        differences: "Checkov and Trivy flag every Dockerfile without `HEALTHCHECK`; Dockwise flags only images that \
                      serve something (an `EXPOSE` or a known server command), so build-only and CLI images stay \
                      quiet.",
    },
    check,
    ..Rule::DEFAULTS
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
    let port = ctx
        .stage_instructions(stage)
        .iter()
        .filter(|i| i.kind() == Keyword::Expose)
        .find_map(|i| match &i.node.body {
            Body::Words(words) => words
                .first()
                .map(|w| without_protocol(&w.value).to_string()),
            _ => None,
        })
        .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or_else(|| "PORT".to_string());
    let (span, what) = match (expose, served) {
        (Some(span), _) => (span, "exposes a port".to_string()),
        (None, Some((index, name))) => match ctx.instructions.get(index) {
            Some(info) => (info.node.text_span(), format!("runs `{name}`")),
            None => return,
        },
        (None, None) => return,
    };
    let probe = probe_advice(&stage_facts(ctx.model, stage), &port);
    out.push(Diagnostic::new(
        span,
        format!(
            "This image {what} but has no `HEALTHCHECK`: Docker cannot tell a hung server from a healthy one. \
             {probe} (or `HEALTHCHECK NONE` if your orchestrator probes it)."
        ),
    ));
}

/// A probe the final stage can actually run: without a shell (distroless, scratch) there is no `curl` or
/// `wget`, so the check must be exec form and use the runtime the image has, or a binary the build copies in.
fn probe_advice(facts: &StageFacts, port: &str) -> String {
    let url = format!("http://127.0.0.1:{port}/");
    if facts.shell != Some(false) {
        return "Add a `HEALTHCHECK CMD ...` that probes it".to_string();
    }
    let runtime = facts.runtime.as_ref().map(|r| r.language);
    let python = runtime == Some(Language::Python) || facts.entrypoint == Some("/usr/bin/python3");
    if python {
        format!(
            "This stage has no shell, `curl` or `wget`, so probe with its own Python in exec form: \
             `HEALTHCHECK CMD [\"/usr/bin/python3\", \"-c\", \"import urllib.request; \
             urllib.request.urlopen('{url}')\"]`"
        )
    } else if runtime == Some(Language::Node) {
        format!(
            "This stage has no shell, `curl` or `wget`, so probe with its own Node.js in exec form: \
             `HEALTHCHECK CMD [\"/nodejs/bin/node\", \"-e\", \"require('http').get('{url}', r => \
             process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))\"]`"
        )
    } else {
        "This stage has no shell, `curl` or `wget`: give the app a health flag and call it in exec form \
         (`HEALTHCHECK CMD [\"/app\", \"-healthcheck\"]`), or copy a small static probe binary from the build \
         stage"
            .to_string()
    }
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
    fn the_advice_fits_a_stage_without_a_shell() {
        let message = |src: &str| {
            crate::lint::lint(src, &crate::config::Config::only("DW1020")).findings[0]
                .diagnostic
                .message
                .clone()
        };
        let python =
            message("FROM gcr.io/distroless/python3-debian12\nEXPOSE 5000/tcp\nCMD [\"app.py\"]\n");
        assert!(python.contains("[\"/usr/bin/python3\", \"-c\""), "{python}");
        assert!(python.contains("http://127.0.0.1:5000/"), "{python}");
        assert!(!python.contains("curl -f"), "{python}");
        let node = message("FROM gcr.io/distroless/nodejs22-debian12\nEXPOSE 3000\n");
        assert!(node.contains("/nodejs/bin/node"), "{node}");
        let go = message("FROM scratch\nCOPY app /app\nEXPOSE 8080\n");
        assert!(go.contains("exec form") && !go.contains("python"), "{go}");
        let full = message("FROM python:3.12-slim\nEXPOSE 5000\n");
        assert!(full.contains("`HEALTHCHECK CMD ...`"), "{full}");
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
