//! Development servers as the container's command.

use crate::model::{launches, server, Launch, Server, ServerKind};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1016",
    name: "development-server",
    category: Category::Runtime,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe, and offered only where the production equivalent is obvious: `--reload` is removed from \
         uvicorn/gunicorn/hypercorn, `nodemon app.js` becomes `node app.js`, and `flask run` becomes `gunicorn \
         --bind 0.0.0.0:PORT module:app` when `FLASK_APP` names the module, and Django's `runserver` becomes \
         `gunicorn --bind 0.0.0.0:PORT project.wsgi` when `DJANGO_SETTINGS_MODULE` is `project.settings...`, both \
         only when a `RUN` installs gunicorn by name (a requirements file is not visible to us: add `pip install \
         gunicorn` or name it; gunicorn serves no static files). Other cases are advice."
    )),
    docs: rule_docs! {
        what: "Flags a final stage whose `CMD`/`ENTRYPOINT` starts a development server: `flask run`, Django's \
               `runserver`, `php artisan serve`, `php -S`, `nodemon`, `next dev`, `vite`, `ng serve`, \
               `npm run dev` (and other dev scripts), or a server with auto-reload (`uvicorn --reload`, \
               `gunicorn --reload`, `hypercorn --reload`).",
        why: "Development servers are built for one developer: they handle requests one or few at a time, are not \
              hardened, may expose an interactive debugger, watch the file system and rebuild on change. In an \
              image meant to run, use a production server (gunicorn, uvicorn without `--reload`, `node`, a \
              static file server for built front ends).",
        example: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0\n\
                  ENV FLASK_APP=app.py\nCOPY . /app\nWORKDIR /app\n\
                  CMD [\"flask\", \"run\", \"--host\", \"0.0.0.0\"]\n",
        fixed: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0\n\
                ENV FLASK_APP=app.py\nCOPY . /app\nWORKDIR /app\n\
                CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:5000\", \"app:app\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let scope = &stage.end_scope;
    for launch in launches(ctx, stage) {
        let Some(server) = server(&launch) else {
            continue;
        };
        let words = &launch.words;
        let Some(command_span) = server.command_span() else {
            continue;
        };
        let command = ctx.text(command_span);
        let d = match server.kind {
            ServerKind::Gunicorn | ServerKind::Uvicorn | ServerKind::Hypercorn => {
                let Some(reload) = server.args().iter().position(|w| w.value == "--reload") else { continue };
                let at = server.anchor + 1 + reload;
                let Some(word) = words.get(at) else { continue };
                let mut d = Diagnostic::new(
                    word.span,
                    format!(
                        "`{}` runs with `--reload`: it watches the files and restarts the server on change, a \
                         development feature that costs CPU and can restart the app under load. Remove `--reload` \
                         from the image's command.",
                        server.kind.name()
                    ),
                );
                if let Some(edit) = remove_word(&launch, at) {
                    d = d.with_fix(
                        Fix::unsafe_("Remove --reload", vec![edit])
                            .explained("The server no longer restarts when files change."),
                    );
                }
                d
            }
            ServerKind::Flask => {
                let mut d = Diagnostic::new(
                    command_span,
                    "`flask run` starts Flask's development server, which is not built for production traffic \
                     and may run the interactive debugger. Serve the app with a WSGI server such as gunicorn \
                     (`gunicorn --bind 0.0.0.0:5000 app:app`).",
                );
                if let Some(fix) = flask_fix(ctx, &server, scope) {
                    d = d.with_fix(fix);
                }
                d
            }
            ServerKind::Django => {
                let mut d = Diagnostic::new(
                    command_span,
                    "Django's `runserver` is a development server: Django's own docs say not to use it in \
                     production (not security-audited, not built for load). Serve the project with gunicorn or \
                     uvicorn (`gunicorn --bind 0.0.0.0:8000 project.wsgi`).",
                );
                // Flask-Script's `manage.py runserver --host` is not Django's.
                if !server.has_option(&["--host", "-h", "--port", "-p"]) {
                    if let Some(fix) = django_fix(ctx, &server, scope) {
                        d = d.with_fix(fix);
                    }
                }
                d
            }
            ServerKind::Artisan | ServerKind::PhpBuiltin => Diagnostic::new(
                command_span,
                format!(
                    "`{command}` starts PHP's built-in development server, which serves one request at a time and \
                     is not meant for a public network. Use php-fpm behind a web server (or an image such as \
                     `php:apache`)."
                ),
            ),
            ServerKind::Nodemon => {
                let mut d = Diagnostic::new(
                    command_span,
                    "`nodemon` restarts the app whenever files change: a development tool that adds a watcher \
                     and a dev dependency to the image. Start the app with `node` instead.",
                );
                let only_script = server.args().iter().all(|w| !w.value.starts_with('-'));
                if let (true, Some(word)) = (only_script, words.get(server.program)) {
                    let raw = ctx.text(word.span);
                    if let Some(at) = raw.rfind("nodemon") {
                        let span = Span::new(word.span.start + at, word.span.start + at + "nodemon".len());
                        d = d.with_fix(
                            Fix::unsafe_("Start with node", vec![Edit::replace(span, "node")])
                                .explained("The app no longer restarts when files change."),
                        );
                    }
                }
                d
            }
            ServerKind::DevScript | ServerKind::NextDev | ServerKind::Vite | ServerKind::NgServe => Diagnostic::new(
                command_span,
                format!(
                    "`{command}` starts a development server (file watching, unoptimised builds, dev dependencies \
                     in the image). Build the app in a build stage and run the production start command (`npm \
                     start`, `next start`, `node server.js`) or serve the built files with a web server."
                ),
            ),
            _ => continue,
        };
        out.push(d);
    }
}

/// Remove the word at `index` of the launch with the separator before it.
fn remove_word(launch: &Launch, index: usize) -> Option<Edit> {
    let word = launch.words.get(index)?;
    let before = launch.words.get(index.checked_sub(1)?)?;
    if !launch.same_instruction(index - 1, index) {
        return None;
    }
    Some(Edit::delete(Span::new(before.span.end, word.span.end)))
}

/// `flask run [--host H] [--port P]` with a known `FLASK_APP` becomes `gunicorn --bind 0.0.0.0:P module:app`.
fn flask_fix(ctx: &Context, server: &Server, scope: &crate::model::Scope) -> Option<Fix> {
    let app = scope.get("FLASK_APP")?;
    let module = app.strip_suffix(".py").unwrap_or(app);
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    };
    let target = match module.split_once(':') {
        Some((m, v)) if valid(m) && valid(v) => module.to_string(),
        None if valid(module) => format!("{module}:app"),
        _ => return None,
    };
    // Only host/port options, which gunicorn's --bind replaces.
    let args = server.args();
    let mut k = 0;
    while let Some(w) = args.get(k) {
        let v = w.value.as_str();
        if matches!(v, "--host" | "-h" | "--port" | "-p") {
            k += 2;
        } else if v.starts_with("--host=") || v.starts_with("--port=") {
            k += 1;
        } else {
            return None;
        }
    }
    gunicorn_fix(ctx, server, scope, target, "")
}

/// `manage.py runserver [addr:port]` with `DJANGO_SETTINGS_MODULE=project.settings[...]` becomes
/// `gunicorn --bind 0.0.0.0:PORT project.wsgi`.
fn django_fix(ctx: &Context, server: &Server, scope: &crate::model::Scope) -> Option<Fix> {
    let settings = scope.get("DJANGO_SETTINGS_MODULE")?;
    let (project, rest) = settings.split_once('.')?;
    let valid = !project.is_empty()
        && project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid || !(rest == "settings" || rest.starts_with("settings.")) {
        return None;
    }
    let args = server.args();
    let operands = args.iter().filter(|w| !w.value.starts_with('-')).count();
    let flags_ok = args.iter().filter(|w| w.value.starts_with('-')).all(|w| {
        matches!(
            w.value.as_str(),
            "--noreload" | "--nothreading" | "--insecure"
        )
    });
    if operands > 1 || !flags_ok {
        return None;
    }
    gunicorn_fix(
        ctx,
        server,
        scope,
        format!("{project}.wsgi"),
        " Unlike runserver, gunicorn does not serve static files: serve them with whitenoise or a web server.",
    )
}

/// Whether a `RUN` installs gunicorn by name (`pip install gunicorn==22.0`, `uv pip install gunicorn`,
/// `poetry add gunicorn`). A requirements file may list it too, but the file is not visible here.
fn gunicorn_installed(ctx: &Context) -> bool {
    ctx.instructions
        .iter()
        .flat_map(|i| i.commands())
        .filter(|c| {
            ["pip", "pip3", "uv", "poetry", "pipenv", "pdm"]
                .iter()
                .any(|p| c.runs(p))
                || c.has_word("pip")
        })
        .any(|c| {
            c.args().iter().any(|w| {
                let name = w
                    .value
                    .split(['=', '<', '>', '~', '[', '!'])
                    .next()
                    .unwrap_or("");
                name.eq_ignore_ascii_case("gunicorn")
            })
        })
}

/// Replace the server's words (up to the end of the command) with `gunicorn --bind 0.0.0.0:PORT target`.
fn gunicorn_fix(
    ctx: &Context,
    server: &Server,
    scope: &crate::model::Scope,
    target: String,
    note: &str,
) -> Option<Fix> {
    // Switching to gunicorn only works when the image has it: a pip (uv, poetry...) install that names it.
    if !gunicorn_installed(ctx) {
        return None;
    }
    let port = server.port(scope)?.value;
    if !crate::model::is_literal_port(&port) {
        return None;
    }
    let launch = server.launch;
    let first = launch.words.get(server.program)?;
    let last = launch.words.last()?;
    if !launch.same_instruction(server.program, launch.words.len().checked_sub(1)?) {
        return None;
    }
    let new_words = [
        "gunicorn".to_string(),
        "--bind".into(),
        format!("0.0.0.0:{port}"),
        target,
    ];
    let text = if launch.json {
        let separator = match launch.words.get(server.program + 1) {
            Some(next) => ctx
                .source
                .get(first.span.end..next.span.start)
                .unwrap_or(", "),
            None => ", ",
        };
        let separator = if separator.contains(',') && !separator.contains('\n') {
            separator
        } else {
            ", "
        };
        new_words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(separator)
    } else {
        new_words.join(" ")
    };
    Some(
        Fix::unsafe_("Serve with gunicorn", vec![Edit::replace(first.span.cover(last.span), text)]).explained(
            format!(
                "The app is served by gunicorn on all interfaces, same port. gunicorn must be installed in the \
                 image (add it to your requirements).{note}"
            ),
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn fix_serves_a_django_project_with_gunicorn_when_its_settings_module_is_known() {
        let src = "FROM python\nRUN pip install django gunicorn==22.0\nENV DJANGO_SETTINGS_MODULE=shop.settings.prod\n\
                   CMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8080\"]\n";
        assert_eq!(
            fixed("DW1016", src),
            "FROM python\nRUN pip install django gunicorn==22.0\nENV DJANGO_SETTINGS_MODULE=shop.settings.prod\n\
             CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8080\", \"shop.wsgi\"]\n"
        );
        let unknown = "FROM python\nCMD python manage.py runserver\n";
        assert_eq!(fixed("DW1016", unknown), unknown);
    }

    #[test]
    fn never_fixes_across_entrypoint_and_cmd() {
        let src = "FROM python\nENV FLASK_APP=app\nENTRYPOINT [\"flask\"]\nCMD [\"run\"]\n";
        assert_eq!(lines("DW1016", src), vec![3]);
        assert_eq!(fixed("DW1016", src), src);
        let reload = "FROM python\nENTRYPOINT [\"uvicorn\", \"main:app\"]\nCMD [\"--reload\"]\n";
        assert_eq!(fixed("DW1016", reload), reload);
    }

    #[test]
    fn catches_flask_django_php_and_node_dev_servers() {
        assert_eq!(
            lines("DW1016", "FROM python\nCMD flask run --host=0.0.0.0\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1016",
                "FROM python\nCMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:80\"]\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW1016", "FROM php\nCMD php artisan serve --host=0.0.0.0\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW1016", "FROM node\nCMD [\"npm\", \"run\", \"dev\"]\n"),
            vec![2]
        );
        assert_eq!(lines("DW1016", "FROM node\nCMD yarn dev\n"), vec![2]);
        assert_eq!(
            lines("DW1016", "FROM node\nCMD [\"nodemon\", \"index.js\"]\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_reload_on_production_servers() {
        assert_eq!(
            lines(
                "DW1016",
                "FROM python\nCMD uvicorn main:app --host 0.0.0.0 --reload\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_production_commands_or_dev_servers_in_builder_stages() {
        assert!(lines(
            "DW1016",
            "FROM python\nCMD uvicorn main:app --host 0.0.0.0\n"
        )
        .is_empty());
        assert!(lines("DW1016", "FROM node\nCMD [\"npm\", \"start\"]\n").is_empty());
        assert!(lines("DW1016", "FROM node\nCMD [\"npm\", \"run\", \"build\"]\n").is_empty());
        assert!(lines("DW1016", "FROM node AS dev\nCMD npm run dev\nFROM nginx\n").is_empty());
        assert!(lines("DW1016", "FROM node\nRUN npx vite build\n").is_empty());
    }

    #[test]
    fn fix_removes_reload() {
        assert_eq!(
            fixed(
                "DW1016",
                "FROM python\nCMD [\"uvicorn\", \"main:app\", \"--reload\"]\n"
            ),
            "FROM python\nCMD [\"uvicorn\", \"main:app\"]\n"
        );
        assert_eq!(
            fixed("DW1016", "FROM node\nCMD nodemon app.js\n"),
            "FROM node\nCMD node app.js\n"
        );
    }

    #[test]
    fn fix_turns_flask_run_into_gunicorn_only_when_the_module_is_known() {
        assert_eq!(
            fixed(
                "DW1016",
                "FROM python\nENV FLASK_APP=server:create_app()\nCMD flask run -p 8080\n"
            ),
            "FROM python\nENV FLASK_APP=server:create_app()\nCMD flask run -p 8080\n"
        );
        assert_eq!(
            fixed(
                "DW1016",
                "FROM python\nRUN pip install flask gunicorn\nENV FLASK_APP=server\nCMD python -m flask run -p 8080\n"
            ),
            "FROM python\nRUN pip install flask gunicorn\nENV FLASK_APP=server\nCMD gunicorn --bind 0.0.0.0:8080 server:app\n"
        );
        // gunicorn not known to be installed (a requirements file we cannot read, or nothing): no switch.
        assert_unfixed(
            "DW1016",
            &[
            "FROM python\nENV FLASK_APP=server\nCMD python -m flask run -p 8080\n",
            "FROM python\nRUN pip install -r requirements.txt\nENV FLASK_APP=server\nCMD flask run -p 8080\n",
            ],
        );
        let no_app = "FROM python\nCMD flask run\n";
        assert_eq!(fixed("DW1016", no_app), no_app);
    }
}
