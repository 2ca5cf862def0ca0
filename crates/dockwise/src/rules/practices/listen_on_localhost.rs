//! Servers that listen only on the container's loopback interface.

use crate::model::{is_python, launches, server, Launch, Server, ServerKind};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1017",
    name: "listen-on-localhost",
    category: Category::Runtime,
    severity: Severity::Warning,
    fix: FixKind::Safe(fix_safety!(
        "Safe: it only adds the host option (or replaces the loopback address) so the server accepts connections \
         on every interface of the container, which is what publishing a port expects. The port stays the same."
    )),
    docs: rule_docs! {
        what: "Flags a `CMD`/`ENTRYPOINT` that starts a server which listens on `127.0.0.1` by default (`flask run`, \
               `uvicorn`, `gunicorn`, `hypercorn`, `daphne`, Django's `runserver`, `rails server`, \
               `php artisan serve`) without a host, or that binds it to `127.0.0.1`/`localhost` explicitly \
               (`python -m http.server --bind 127.0.0.1`, `php -S localhost:8000`). With the build context at \
               hand (the CLI reads the Python files beside the Dockerfile), also flags `python app.py` when \
               `app.py` imports Flask and calls `app.run()` without `host` (no fix: the address is in the script).",
        why: "Inside a container, `127.0.0.1` is the container's own loopback: `docker run -p` forwards to the \
              container's network interface, so a server bound to localhost is unreachable from outside and the \
              port looks dead.",
        example: "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD [\"flask\", \"run\"]\n",
        fixed: "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD [\"flask\", \"run\", \"--host\", \"0.0.0.0\"]\n",
        differences: "Stays quiet when the host can come from elsewhere: `FLASK_RUN_HOST`, `UVICORN_HOST`, \
                      `GUNICORN_CMD_ARGS`, `PORT` (gunicorn then binds `0.0.0.0:$PORT`), a gunicorn/hypercorn \
                      `--config` file (or a copied `gunicorn.conf.py`, which gunicorn reads by default), a Unix \
                      socket, or `RAILS_ENV` other than development.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let scope = &stage.end_scope;
    let launches = launches(ctx, stage);
    for launch in &launches {
        let Some(server) = server(launch) else {
            continue;
        };
        if !server.listens_on_localhost(scope) {
            continue;
        }
        if server.kind == ServerKind::Gunicorn && copies_gunicorn_config(ctx) {
            continue;
        }
        out.push(diagnostic(ctx, &server));
    }
    for launch in &launches {
        if let Some(d) = flask_script_on_localhost(ctx, stage, launch) {
            out.push(d);
        }
    }
}

/// `python app.py` where the build context's `app.py` (when the front end read it) starts Flask with
/// `app.run()` and no `host`: Flask's server then binds 127.0.0.1. No fix: the address is in the script.
fn flask_script_on_localhost(ctx: &Context, stage: &Stage, launch: &Launch) -> Option<Diagnostic> {
    let words = &launch.words;
    let python = words.iter().position(|w| is_python(&w.value))?;
    let mut script = None;
    for w in &words[python + 1..] {
        match w.value.as_str() {
            "-m" | "-c" => return None,
            v if v.starts_with('-') => continue,
            v if v.ends_with(".py") => {
                script = Some(w);
                break;
            }
            _ => return None,
        }
    }
    let script = script?;
    let written = script.value.trim_start_matches("./");
    let path = match written.strip_prefix('/') {
        Some(_) => {
            let workdir = stage.end_workdir.as_deref()?.trim_end_matches('/');
            written.strip_prefix(workdir)?.strip_prefix('/')?
        }
        None => written,
    };
    let text = ctx.config.context_files.get(path)?;
    let line = flask_run_without_host(text)?;
    Some(Diagnostic::new(
        script.span,
        format!(
            "`{path}` line {line} starts Flask with `app.run()` and no `host`, so Flask's server listens on \
             `127.0.0.1`: inside a container that address is the container's own loopback, so nothing outside it \
             can connect, even through a published port. Pass `host=\"0.0.0.0\"` there (or serve the app with \
             gunicorn)."
        ),
    ))
}

/// The line of the first `NAME.run(...)` without a `host` argument in a Python file that imports Flask, where
/// NAME is assigned `Flask(...)` or is `app`. Comment lines are skipped.
fn flask_run_without_host(text: &str) -> Option<usize> {
    if !text.contains("from flask import") && !text.contains("import flask") {
        return None;
    }
    let mut apps = vec!["app".to_string()];
    for line in text.lines() {
        if let Some((name, value)) = line.split_once('=') {
            let value = value.trim_start();
            if value.starts_with("Flask(") || value.starts_with("flask.Flask(") {
                apps.push(name.trim().to_string());
            }
        }
    }
    let mut offset = 0;
    for (n, line) in text.lines().enumerate() {
        let start = offset;
        offset += line.len() + 1;
        let code = line.trim_start();
        if code.starts_with('#') {
            continue;
        }
        let Some(at) = apps.iter().find_map(|app| call_after(code, app)) else {
            continue;
        };
        let from = start + (line.len() - code.len()) + at;
        let args = call_arguments(text.get(from..)?);
        if !args.contains("host") {
            return Some(n + 1);
        }
    }
    None
}

/// Where the arguments of `NAME.run(` start in `code`, NAME a whole identifier (not the end of `myapp`).
fn call_after(code: &str, name: &str) -> Option<usize> {
    let call = format!("{name}.run(");
    code.match_indices(&call).map(|(i, _)| i).find_map(|i| {
        let before = code[..i].chars().next_back();
        let whole = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
        whole.then_some(i + call.len())
    })
}

/// The text of a call's arguments: from just after `(` to its matching `)` (or the end).
fn call_arguments(after_paren: &str) -> &str {
    let mut depth = 1usize;
    for (i, c) in after_paren.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &after_paren[..i];
                }
            }
            _ => {}
        }
    }
    after_paren
}

/// gunicorn reads `./gunicorn.conf.py` by default: a file that copies one may set `bind` there, by name or with
/// the whole context when the front end saw one in it (DW1018 then cannot know the port either).
pub(crate) fn copies_gunicorn_config(ctx: &Context) -> bool {
    let in_context = ctx.config.context_files.contains_key("gunicorn.conf.py");
    ctx.instructions.iter().any(|info| match &info.node.body {
        Body::Copy(copy) if matches!(info.kind(), Keyword::Copy | Keyword::Add) => {
            copy.sources.iter().any(|w| {
                let name = w.value.rsplit('/').next().unwrap_or("");
                let whole_context = matches!(w.value.as_str(), "." | "./" | "*");
                name.starts_with("gunicorn") && name.ends_with(".py") || in_context && whole_context
            })
        }
        _ => false,
    })
}

fn diagnostic(ctx: &Context, server: &Server) -> Diagnostic {
    let words = &server.launch.words;
    let name = server.kind.name();
    let command_span = server
        .command_span()
        .or_else(|| words.first().map(|w| w.span))
        .unwrap_or_default();
    let why = "inside a container that address is the container's own loopback, so nothing outside it can \
               connect, even through a published port";
    if let Some(host) = server.host() {
        // An explicit loopback address: replace it in place.
        let span = host.word.unwrap_or(command_span);
        let text = ctx.text(span);
        let found = ["127.0.0.1", "localhost", "::1"]
            .iter()
            .filter_map(|h| text.find(h).map(|at| (at, h.len())))
            .min();
        let mut d = Diagnostic::new(
            span,
            format!(
                "`{name}` is bound to `{}`: {why}. Bind it to `0.0.0.0` instead.",
                host.value
            ),
        );
        if let Some((at, len)) = found {
            if ctx.text(span).get(at..at + len).is_some() && host.value != "::1" {
                let edit_span = Span::new(span.start + at, span.start + at + len);
                d = d.with_fix(
                    Fix::safe(
                        "Listen on 0.0.0.0",
                        vec![Edit::replace(edit_span, "0.0.0.0")],
                    )
                    .explained(
                        "The server accepts connections on every interface of the container.",
                    ),
                );
            }
        }
        return d;
    }
    let port = server
        .port(
            &ctx.final_stage()
                .map(|s| s.end_scope.clone())
                .unwrap_or_default(),
        )
        .map(|p| p.value)
        .unwrap_or_else(|| "8000".into());
    let words_to_add: Vec<String> = match server.kind {
        ServerKind::Flask | ServerKind::Uvicorn | ServerKind::Artisan => {
            vec!["--host".into(), "0.0.0.0".into()]
        }
        ServerKind::Rails => vec!["-b".into(), "0.0.0.0".into()],
        ServerKind::Daphne => vec!["-b".into(), "0.0.0.0".into()],
        ServerKind::Gunicorn | ServerKind::Hypercorn => {
            vec!["--bind".into(), format!("0.0.0.0:{port}")]
        }
        ServerKind::Django => vec![format!("0.0.0.0:{port}")],
        _ => Vec::new(),
    };
    let shown = words_to_add.join(" ");
    let mut d = Diagnostic::new(
        command_span,
        format!("`{name}` listens on 127.0.0.1 unless told otherwise: {why}. Add `{shown}`."),
    );
    if words_to_add.is_empty() {
        return d;
    }
    // Django: a bare port operand (`runserver 8000`) becomes `0.0.0.0:8000`.
    if server.kind == ServerKind::Django {
        if let Some(port_word) = server.args().iter().find(|w| !w.value.starts_with('-')) {
            let raw = ctx.text(port_word.span);
            if let Some(at) = raw.find(port_word.value.as_str()) {
                if port_word.value.chars().all(|c| c.is_ascii_digit()) {
                    return d.with_fix(
                        Fix::safe(
                            "Listen on 0.0.0.0",
                            vec![Edit::insert(port_word.span.start + at, "0.0.0.0:")],
                        )
                        .explained(
                            "The server accepts connections on every interface of the container.",
                        ),
                    );
                }
            }
            return d;
        }
    }
    if let Some((at, text)) = server.insertion(ctx.source, &words_to_add) {
        d = d.with_fix(
            Fix::safe(format!("Add {shown}"), vec![Edit::insert(at, text)])
                .explained("The server accepts connections on every interface of the container, on the same port."),
        );
    }
    d
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    /// The findings' lines and messages when the build context holds `files`.
    fn with_files(src: &str, files: &[(&str, &str)]) -> Vec<(usize, String)> {
        let mut config = crate::config::Config::for_example("DW1017", src);
        for (path, text) in files {
            config
                .context_files
                .insert(path.to_string(), text.to_string());
        }
        let index = dockwise_syntax::LineIndex::new(src);
        crate::lint::lint(src, &config)
            .findings
            .iter()
            .map(|f| {
                let line = index.line_col(src, f.diagnostic.span.start).line;
                (line, f.diagnostic.message.clone())
            })
            .collect()
    }

    const FLASK_APP: &str = "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef hi():\n    \
                             return 'hi'\n\nif __name__ == '__main__':\n    app.run(debug=True, port=5000)\n";

    #[test]
    fn catches_a_flask_script_that_runs_on_localhost() {
        for src in [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD python3 ./app.py\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"-u\", \"/app/app.py\"]\n",
        ] {
            let found = with_files(src, &[("app.py", FLASK_APP)]);
            assert_eq!(found.len(), 1, "{src}: {found:?}");
            assert_eq!(found[0].0, 4, "{src}");
            assert!(found[0].1.contains("app.py` line 9"), "{}", found[0].1);
            assert!(fixed("DW1017", src) == src, "no fix: the script is not the Dockerfile's");
        }
    }

    #[test]
    fn a_flask_script_with_a_host_or_an_unknown_script_is_quiet() {
        let src = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n";
        for text in [
            "from flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0')\n",
            "from flask import Flask\napp = Flask(__name__)\napp.run(\n    host=os.environ['HOST'],\n)\n",
            "import asyncio\nasyncio.run(main())\n",
            "from flask import Flask\nmyapp.run()\n",
            "from flask import Flask\napp = Flask(__name__)\n# app.run()\nimport subprocess\nsubprocess.run(['x'])\n",
        ] {
            assert!(with_files(src, &[("app.py", text)]).is_empty(), "{text}");
        }
        assert!(with_files(src, &[]).is_empty());
        assert!(with_files(src, &[("other.py", FLASK_APP)]).is_empty());
    }

    #[test]
    fn catches_and_fixes_a_server_split_over_entrypoint_and_cmd() {
        let src = "FROM python\nENTRYPOINT [\"python\", \"manage.py\", \"runserver\"]\nENV A=1\nCMD [\"8000\"]\n";
        assert_eq!(lines("DW1017", src), vec![2]);
        assert_eq!(
            fixed("DW1017", src),
            "FROM python\nENTRYPOINT [\"python\", \"manage.py\", \"runserver\"]\nENV A=1\nCMD [\"0.0.0.0:8000\"]\n"
        );
        let flask = "FROM python\nENTRYPOINT [\"flask\"]\nCMD [\"run\"]\n";
        assert_eq!(
            fixed("DW1017", flask),
            "FROM python\nENTRYPOINT [\"flask\"]\nCMD [\"run\", \"--host\", \"0.0.0.0\"]\n"
        );
    }

    #[test]
    fn catches_flask_run_without_host_in_exec_and_shell_form() {
        assert_eq!(
            lines("DW1017", "FROM python\nCMD [\"flask\", \"run\"]\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1017",
                "FROM python\nCMD python -m flask run --port 5000\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_uvicorn_gunicorn_django_and_explicit_loopback() {
        assert_eq!(
            lines("DW1017", "FROM python\nCMD uvicorn main:app\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW1017", "FROM python\nCMD [\"gunicorn\", \"app:app\"]\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW1017", "FROM python\nCMD python manage.py runserver\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1017",
                "FROM python\nCMD python -m http.server --bind 127.0.0.1\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW1017", "FROM php\nCMD php -S localhost:8000 -t public\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_servers_bound_to_all_interfaces_or_configured_elsewhere() {
        assert!(lines("DW1017", "FROM python\nCMD flask run --host=0.0.0.0\n").is_empty());
        assert!(lines(
            "DW1017",
            "FROM python\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:80\", \"app:app\"]\n"
        )
        .is_empty());
        assert!(lines(
            "DW1017",
            "FROM python\nCMD gunicorn -c gunicorn.conf.py app:app\n"
        )
        .is_empty());
        let config = "FROM python\nCOPY gunicorn.conf.py .\nCMD gunicorn app:app\n";
        assert!(lines("DW1017", config).is_empty());
        assert!(lines(
            "DW1017",
            "FROM python\nENV PORT=8080\nCMD gunicorn app:app\n"
        )
        .is_empty());
        assert!(lines(
            "DW1017",
            "FROM python\nENV FLASK_RUN_HOST=0.0.0.0\nCMD flask run\n"
        )
        .is_empty());
        assert!(lines("DW1017", "FROM python\nCMD python -m http.server 8000\n").is_empty());
        assert!(lines(
            "DW1017",
            "FROM python\nCMD python manage.py runserver 0.0.0.0:8000\n"
        )
        .is_empty());
        assert!(lines(
            "DW1017",
            "FROM ruby\nENV RAILS_ENV=production\nCMD rails server\n"
        )
        .is_empty());
        assert!(lines(
            "DW1017",
            "FROM python\nCMD uvicorn --uds /tmp/u.sock main:app\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_a_server_in_an_earlier_stage_only() {
        assert!(lines(
            "DW1017",
            "FROM python AS dev\nCMD flask run\nFROM python\nCMD [\"app\"]\n"
        )
        .is_empty());
    }

    #[test]
    fn fix_adds_a_json_element_keeping_the_separator() {
        assert_eq!(
            fixed(
                "DW1017",
                "FROM python\nCMD [\"flask\",\"run\",\"--port\",\"80\"]\n"
            ),
            "FROM python\nCMD [\"flask\",\"run\",\"--host\",\"0.0.0.0\",\"--port\",\"80\"]\n"
        );
    }

    #[test]
    fn fix_in_shell_form_and_inside_sh_c() {
        assert_eq!(
            fixed("DW1017", "FROM python\nCMD uvicorn main:app --port 80\n"),
            "FROM python\nCMD uvicorn --host 0.0.0.0 main:app --port 80\n"
        );
        assert_eq!(
            fixed(
                "DW1017",
                "FROM python\nCMD [\"sh\", \"-c\", \"gunicorn app:app\"]\n"
            ),
            "FROM python\nCMD [\"sh\", \"-c\", \"gunicorn --bind 0.0.0.0:8000 app:app\"]\n"
        );
    }

    #[test]
    fn fix_replaces_an_explicit_loopback_and_completes_a_django_port() {
        assert_eq!(
            fixed("DW1017", "FROM python\nCMD [\"python\", \"-m\", \"http.server\", \"--bind\", \"127.0.0.1\"]\n"),
            "FROM python\nCMD [\"python\", \"-m\", \"http.server\", \"--bind\", \"0.0.0.0\"]\n"
        );
        assert_eq!(
            fixed(
                "DW1017",
                "FROM python\nCMD python manage.py runserver 8000\n"
            ),
            "FROM python\nCMD python manage.py runserver 0.0.0.0:8000\n"
        );
        assert_eq!(
            fixed("DW1017", "FROM python\nCMD python manage.py runserver\n"),
            "FROM python\nCMD python manage.py runserver 0.0.0.0:8000\n"
        );
    }

    /// `COPY . .` of a context holding `gunicorn.conf.py` (`bind = "0.0.0.0:5000"`): the fix's `--bind
    /// 0.0.0.0:8000` moved the server off the port the config and `EXPOSE 5000` named.
    #[test]
    fn a_gunicorn_config_in_the_copied_context_may_bind() {
        let source = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 5000\nCMD [\"gunicorn\", \"app:app\"]\n";
        let mut config = crate::Config::for_example("DW1018", source);
        config.enable.push("DW1017".into());
        config.context_files.insert(
            "gunicorn.conf.py".into(),
            "bind = \"0.0.0.0:5000\"\n".into(),
        );
        let findings = crate::lint::lint(source, &config).findings;
        let codes: Vec<&str> = findings.iter().map(|f| f.rule.code).collect();
        assert!(
            !codes.contains(&"DW1017") && !codes.contains(&"DW1018"),
            "{codes:?}"
        );
        // Without the file in the context, gunicorn's default applies.
        assert_eq!(lines("DW1017", source).len(), 1);
    }
}
