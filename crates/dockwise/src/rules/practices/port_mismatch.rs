//! The port a server binds, and the port the image documents with `EXPOSE`.

use crate::model::{expand, is_literal_port, launches, server, ServerKind, VarKind};
use crate::rewrite::as_lines;
use crate::rules::common::expose::without_protocol;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1018",
    name: "port-mismatch",
    category: Category::Runtime,
    severity: Severity::Info,
    fix: FixKind::Safe(fix_safety!(
        "Safe: `EXPOSE` is documentation (only `docker run -P` reads it). A stage without `EXPOSE` gets `EXPOSE \
         <port>` before the command when the port the server binds is a literal (written or the server's default); \
         a single `EXPOSE` of a single other literal port is changed to it."
    )),
    docs: rule_docs! {
        what: "Flags a final stage whose command starts a recognised server (gunicorn, uvicorn, flask, Django, \
               rails, ...) while the stage has no `EXPOSE`; a server that binds a port the stage does not \
               `EXPOSE`; a port hard-coded in the command when the stage sets `ENV PORT`; and a `$PORT` in an \
               exec-form command, where no shell expands it.",
        why: "`EXPOSE` is the image's documentation of where the app listens: `docker run -P`, Compose and \
              orchestrators read it. A port that differs from the one the app binds sends traffic to a closed \
              port; a hard-coded port defeats `docker run -e PORT=...`.",
        example: "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nEXPOSE 8080\n\
                  CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n",
        fixed: "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nEXPOSE 8000\n\
                CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let scope = &stage.end_scope;
    // EXPOSEd ports of the stage and the stages it builds on, variables expanded.
    let mut exposed: Vec<String> = Vec::new();
    let mut any_expose = false;
    let mut current = Some(stage);
    let mut guard = 0;
    while let Some(s) = current {
        for info in ctx
            .stage_instructions(s)
            .iter()
            .filter(|i| i.kind() == Keyword::Expose)
        {
            any_expose = true;
            if let Body::Words(words) = &info.node.body {
                for w in words {
                    let value = expand(&w.value, &info.scope);
                    let port = without_protocol(&value).to_string();
                    exposed.push(port);
                }
            }
        }
        guard += 1;
        current = match s.base {
            Base::Stage(p) if p < s.index && guard < 64 => ctx.stages.get(p),
            _ => None,
        };
    }
    for launch in launches(ctx, stage) {
        let Some(server) = server(&launch) else {
            continue;
        };
        if matches!(server.kind, ServerKind::Nodemon | ServerKind::DevScript) {
            continue;
        }
        let Some(command_span) = server.command_span() else {
            continue;
        };
        let name = server.kind.name();
        let port = server.port(scope);
        // A gunicorn config the image copies may set `bind`: the default port is not known to apply.
        let default_port = port.as_ref().is_none_or(|p| p.span.is_none());
        if server.kind == ServerKind::Gunicorn
            && default_port
            && super::listen_on_localhost::copies_gunicorn_config(ctx)
        {
            continue;
        }
        // Exec form passes `$PORT` to the server as four literal characters.
        if let Some(p) = port
            .as_ref()
            .filter(|p| launch.json && p.value.contains('$'))
        {
            if let Some(span) = p.span {
                out.push(Diagnostic::new(
                    span,
                    format!(
                        "`{}` is passed to `{name}` literally: the exec form (`[\"...\"]`) runs no shell, so \
                         variables are not expanded and the server gets no valid port. Use the shell form or \
                         `[\"sh\", \"-c\", \"exec ...\"]` so `$PORT` is expanded.",
                        p.value
                    ),
                ));
                continue;
            }
        }
        let port_value = port.as_ref().map(|p| expand(&p.value, scope));
        if !any_expose {
            let literal = port_value.as_deref().filter(|p| is_literal_port(p));
            let on = port_value
                .as_deref()
                .filter(|p| is_literal_port(p))
                .map(|p| format!(" on port {p}"))
                .unwrap_or_default();
            let mut d = Diagnostic::new(
                command_span,
                format!(
                    "`{name}` listens{on} but the image has no `EXPOSE`: users and tools cannot tell which port to \
                     publish. Add `EXPOSE{}` to the final stage.",
                    if on.is_empty() { " <port>".to_string() } else { on.replacen(" on port", "", 1) }
                ),
            );
            if let (Some(port), Some(info)) = (literal, ctx.instructions.get(launch.instruction)) {
                let keyword = if ctx
                    .text(info.node.keyword)
                    .starts_with(|c: char| c.is_ascii_lowercase())
                {
                    "expose"
                } else {
                    "EXPOSE"
                };
                let at = info.node.span.start;
                let line = as_lines(ctx.source, at, &[format!("{keyword} {port}")], ctx.style());
                d = d.with_fix(
                    Fix::safe(format!("Add EXPOSE {port}"), vec![Edit::insert(at, line)])
                        .explained(format!(
                            "The image documents the port {name} listens on: {port}."
                        )),
                );
            }
            out.push(d);
            continue;
        }
        let (Some(port), Some(value)) = (port, port_value) else {
            continue;
        };
        let all_literal = exposed.iter().all(|p| p.split('-').all(is_literal_port));
        if is_literal_port(&value) && all_literal && !exposed.iter().any(|p| covers(p, &value)) {
            let mut d = Diagnostic::new(
                port.span.unwrap_or(command_span),
                format!(
                    "`{name}` listens on port {value} but the image exposes {}: publishing the exposed port \
                     reaches nothing. Make `EXPOSE` and the server's port agree.",
                    exposed.join(", ")
                ),
            );
            if let Some(word) = single_exposed_word(ctx, stage) {
                d = d.with_fix(
                    Fix::safe(
                        format!("Expose {value}"),
                        vec![Edit::replace(word, value.clone())],
                    )
                    .explained(format!(
                        "`EXPOSE` names the port {name} listens on: {value}."
                    )),
                );
            }
            out.push(d);
            continue;
        }
        // A literal port on the command line while the image sets ENV PORT.
        if let Some(span) = port.span {
            let written = expand(&port.value, &crate::model::Scope::default());
            if is_literal_port(&written) && scope.kind("PORT") == Some(VarKind::Env) {
                out.push(Diagnostic::new(
                    span,
                    format!(
                        "The port {written} is hard-coded although the image sets `ENV PORT`: `docker run -e PORT=...` \
                         changes nothing. Use `$PORT` (in shell form, or through `sh -c` in exec form)."
                    ),
                ));
            }
        }
    }
}

/// `8000` covers `8000`; `8000-8010` covers `8005`.
fn covers(exposed: &str, port: &str) -> bool {
    match exposed.split_once('-') {
        Some((a, b)) => match (a.parse::<u32>(), b.parse::<u32>(), port.parse::<u32>()) {
            (Ok(a), Ok(b), Ok(p)) => a <= p && p <= b,
            _ => false,
        },
        None => exposed == port,
    }
}

/// The span of the port in the stage's only `EXPOSE`, when it names exactly one literal port (no protocol).
fn single_exposed_word(ctx: &Context, stage: &Stage) -> Option<Span> {
    let mut exposes = ctx
        .stage_instructions(stage)
        .iter()
        .filter(|i| i.kind() == Keyword::Expose);
    let only = exposes.next()?;
    if exposes.next().is_some() || matches!(stage.base, Base::Stage(_)) {
        return None;
    }
    match &only.node.body {
        Body::Words(words) if words.len() == 1 => {
            let w = words.first()?;
            (is_literal_port(&w.value) && ctx.text(w.span) == w.value).then_some(w.span)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_a_server_without_expose() {
        assert_eq!(
            lines(
                "DW1018",
                "FROM python\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_a_bound_port_that_is_not_exposed_including_defaults() {
        assert_eq!(
            lines(
                "DW1018",
                "FROM python\nEXPOSE 80\nCMD gunicorn -b 0.0.0.0:8000 app:app\n"
            ),
            vec![3]
        );
        assert_eq!(
            lines(
                "DW1018",
                "FROM python\nEXPOSE 8000\nCMD flask run --host 0.0.0.0\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn fix_adds_or_corrects_the_expose() {
        assert_eq!(
            fixed(
                "DW1018",
                "FROM python\nCMD gunicorn -b 0.0.0.0:8000 app:app\n"
            ),
            "FROM python\nEXPOSE 8000\nCMD gunicorn -b 0.0.0.0:8000 app:app\n"
        );
        assert_eq!(
            fixed(
                "DW1018",
                "FROM python\nEXPOSE 80\nCMD gunicorn -b 0.0.0.0:8000 app:app\n"
            ),
            "FROM python\nEXPOSE 8000\nCMD gunicorn -b 0.0.0.0:8000 app:app\n"
        );
        let two = "FROM python\nEXPOSE 80 443\nCMD gunicorn -b 0.0.0.0:8000 app:app\n";
        assert_eq!(fixed("DW1018", two), two);
    }

    #[test]
    fn catches_a_hard_coded_port_when_env_port_exists() {
        let src = "FROM python\nENV PORT=8000\nEXPOSE $PORT\nCMD uvicorn main:app --host 0.0.0.0 --port 8000\n";
        assert_eq!(lines("DW1018", src), vec![4]);
    }

    #[test]
    fn does_not_catch_matching_ports_variables_or_unknown_commands() {
        assert!(lines(
            "DW1018",
            "FROM python\nEXPOSE 8000/tcp\nCMD gunicorn -b 0.0.0.0:8000 app:app\n"
        )
        .is_empty());
        let src = "FROM python\nENV PORT=5000\nEXPOSE ${PORT}\nCMD flask run --host 0.0.0.0 --port $PORT\n";
        assert!(lines("DW1018", src).is_empty());
        assert!(lines(
            "DW1018",
            "FROM python\nARG P\nEXPOSE $P\nCMD gunicorn -b :8000 app:app\n"
        )
        .is_empty());
        assert!(lines("DW1018", "FROM node\nCMD [\"node\", \"server.js\"]\n").is_empty());
        assert!(lines(
            "DW1018",
            "FROM python\nEXPOSE 7000-9000\nCMD uvicorn main:app --host 0.0.0.0\n"
        )
        .is_empty());
    }

    #[test]
    fn catches_a_variable_port_in_exec_form() {
        let src = "FROM python\nENV PORT=8000\nEXPOSE 8000\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:$PORT\", \"app:app\"]\n";
        assert_eq!(lines("DW1018", src), vec![4]);
        let shell = "FROM python\nENV PORT=8000\nEXPOSE 8000\nCMD [\"sh\", \"-c\", \"gunicorn -b 0.0.0.0:$PORT app:app\"]\n";
        assert!(lines("DW1018", shell).is_empty());
    }

    #[test]
    fn reads_expose_of_the_parent_stage() {
        let src =
            "FROM python AS base\nEXPOSE 8000\nFROM base\nCMD gunicorn -b 0.0.0.0:8000 app:app\n";
        assert!(lines("DW1018", src).is_empty());
    }
}
