//! DW1024: `RUN`, or a shell-form `CMD`/`ENTRYPOINT`/`HEALTHCHECK`, or a health check calling `curl`/`wget`, in
//! a stage without a shell (`scratch`, distroless without `:debug`).

use crate::model::{stage_facts, stage_label, Language, StageFacts};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1024",
    name: "shell-in-shellless-stage",
    category: Category::Correctness,
    severity: Severity::Error,
    fix: FixKind::None(fix_safety!(
        "No automatic fix: the work belongs in a builder stage, or the command must be rewritten in exec form with \
         an absolute path, which depends on what the image holds."
    )),
    docs: rule_docs! {
        what: "Flags, in a stage built on `scratch` or a distroless image (which have no `/bin/sh`): any `RUN`, \
               shell-form `CMD`, `ENTRYPOINT` and `HEALTHCHECK`, and health checks that call `curl`, `wget` or a \
               shell.",
        why: "Docker runs shell forms as `/bin/sh -c ...`: without a shell a `RUN` fails the build and a shell-form \
              `CMD` or health check fails at run time (a health check that can never pass marks the container \
              unhealthy). Distroless images have no `curl` either: probe with the app's own runtime (Python's \
              `urllib`, Node's `fetch`) or a static health-check binary copied from the builder.",
        example: "FROM python:3.11-slim-bookworm AS build\nRUN pip install --target=/deps flask\n\
                  FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /deps /deps\n\
                  HEALTHCHECK CMD curl -f http://localhost:8000/\n",
        fixed: "FROM python:3.11-slim-bookworm AS build\nRUN pip install --target=/deps flask\n\
                FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /deps /deps\n\
                HEALTHCHECK CMD [\"/usr/bin/python3\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://localhost:8000/')\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let facts = stage_facts(ctx.model, stage);
        if facts.shell != Some(false) {
            continue;
        }
        let what = format!(
            "{} (`{}`) has no shell",
            stage_label(stage),
            stage.base_resolved
        );
        for info in ctx.stage_instructions(stage) {
            let node = info.node;
            let message = match (&node.body, node.kind) {
                (Body::Command(Command::Shell(_)), Keyword::Run) => format!(
                    "{what}, so this shell-form `RUN` fails the build; do the work in a builder stage and \
                     `COPY --from` the result."
                ),
                (Body::Command(_), Keyword::Run) => format!(
                    "{what} and no package manager: `RUN` here can only start binaries you copied in; install and \
                     build in a builder stage and `COPY --from` the result."
                ),
                (Body::Command(Command::Shell(_)), Keyword::Cmd | Keyword::Entrypoint) => format!(
                    "{what}: Docker runs this shell-form `{}` as `/bin/sh -c ...` and the container fails to \
                     start; use the exec form (`[\"/absolute/path\", \"arg\"]`).",
                    node.kind.as_str()
                ),
                (Body::Healthcheck(check), _) => match healthcheck_problem(check) {
                    Some(problem) => format!("{what}: {problem} {}", probe_advice(&facts)),
                    None => continue,
                },
                _ => continue,
            };
            out.push(Diagnostic::new(node.text_span(), message));
        }
    }
}

fn healthcheck_problem(check: &dockwise_syntax::Healthcheck) -> Option<String> {
    let dockwise_syntax::Healthcheck::Cmd { command, .. } = check else {
        return None;
    };
    match command {
        Command::Shell(_) => Some(
            "this shell-form health check runs `/bin/sh -c ...` and can never pass, so the container is \
             reported unhealthy."
                .to_string(),
        ),
        Command::Exec(exec) => {
            let program = exec.elements.first()?.value.as_str();
            let name = program.rsplit('/').next().unwrap_or(program);
            matches!(name, "curl" | "wget" | "sh" | "bash" | "nc").then(|| {
                format!("the health check calls `{name}`, which this image does not ship, so it can never pass.")
            })
        }
    }
}

/// A probe that works without a shell, fitting the stage's runtime.
fn probe_advice(facts: &StageFacts) -> String {
    match facts.runtime.as_ref().map(|r| r.language) {
        Some(Language::Python) => "Probe with the image's own Python: `HEALTHCHECK CMD [\"/usr/bin/python3\", \"-c\", \
                                   \"import urllib.request; urllib.request.urlopen('http://localhost:PORT/')\"]`."
            .to_string(),
        Some(Language::Node) => "Probe with the image's own Node.js: `HEALTHCHECK CMD [\"/nodejs/bin/node\", \"-e\", \
                                 \"fetch('http://localhost:PORT/').then(r => process.exit(r.ok ? 0 : 1), () => \
                                 process.exit(1))\"]`."
            .to_string(),
        _ => "Give the app a health probe of its own (`[\"/app\", \"-health\"]`) or copy a static health-check \
              binary in from the builder, and call it in exec form."
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_shell_forms_and_runs_without_a_shell() {
        let src = "FROM golang:1.26 AS b\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\n\
                   COPY --from=b /app /app\nRUN chmod +x /app\nRUN [\"/app\", \"migrate\"]\nCMD /app serve\n\
                   HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\n";
        assert_eq!(lines("DW1024", src), vec![5, 6, 7, 8]);
        assert_eq!(
            lines("DW1024", "FROM scratch\nCOPY app /app\nENTRYPOINT /app\n"),
            vec![3]
        );
    }

    #[test]
    fn health_check_advice_fits_the_runtime() {
        let src = "FROM gcr.io/distroless/python3-debian12\nHEALTHCHECK CMD wget -q localhost\n";
        let linted = crate::lint::lint(src, &crate::Config::only("DW1024"));
        assert!(linted.findings[0]
            .diagnostic
            .message
            .contains("/usr/bin/python3"));
        let src = "FROM gcr.io/distroless/nodejs22-debian12\nHEALTHCHECK CMD [\"curl\", \"x\"]\n";
        let linted = crate::lint::lint(src, &crate::Config::only("DW1024"));
        assert!(linted.findings[0].diagnostic.message.contains("fetch("));
    }

    #[test]
    fn stages_with_a_shell_and_exec_forms_are_quiet() {
        for src in [
            "FROM python:3.12-slim\nRUN pip install x\nCMD python app.py\n",
            "FROM gcr.io/distroless/base-debian12:debug\nRUN [\"/busybox/sh\", \"-c\", \"ls\"]\nCMD /app\n",
            "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT [\"/app\"]\n\
             HEALTHCHECK CMD [\"/app\", \"-health\"]\n",
            "FROM myorg/base\nRUN make\n",
        ] {
            assert!(lines("DW1024", src).is_empty(), "{src}");
        }
    }
}
