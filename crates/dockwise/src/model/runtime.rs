//! What the container starts: a stage's `CMD`/`ENTRYPOINT` read as commands, and the servers among them
//! (which one, its host and port options, and where an option can be inserted).

use super::{InstructionInfo, Model, Scope, Stage};
use dockwise_syntax::shell;
use dockwise_syntax::{Body, Command, Keyword, LogicalText, Span, Word};

/// One command the container runs at start: from a `CMD` or `ENTRYPOINT`.
#[derive(Clone, Debug)]
pub struct Launch {
    /// Index of the `CMD`/`ENTRYPOINT` in [`Model::instructions`].
    pub instruction: usize,
    pub keyword: Keyword,
    /// The words are elements of a JSON array (insertions must be new elements); false for shell text,
    /// including a `["sh", "-c", "..."]` script.
    pub json: bool,
    /// The command's words, spans in the source.
    pub words: Vec<Word>,
    /// Its redirections (shell text only).
    pub redirects: Vec<shell::Redirect>,
    /// For an exec-form `ENTRYPOINT` joined with an exec-form `CMD`: the words before `split` are the
    /// `ENTRYPOINT`'s, the rest the `CMD`'s. Otherwise `words.len()`.
    pub split: usize,
}

impl Launch {
    /// Words `a` and `b` are written in the same instruction (edits between them stay inside it).
    pub fn same_instruction(&self, a: usize, b: usize) -> bool {
        (a < self.split) == (b < self.split)
    }
}

/// Servers Dockwise recognises.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ServerKind {
    /// `flask run`
    Flask,
    /// `python manage.py runserver`, `django-admin runserver`
    Django,
    Uvicorn,
    Gunicorn,
    Hypercorn,
    Daphne,
    /// `python -m http.server`
    HttpServer,
    /// `rails server`
    Rails,
    /// `php -S host:port`
    PhpBuiltin,
    /// `php artisan serve`
    Artisan,
    Streamlit,
    /// `nodemon app.js`
    Nodemon,
    /// `npm run dev`, `yarn dev`, `pnpm dev`, `npm run start:dev`...
    DevScript,
    /// `next dev`
    NextDev,
    /// `vite` (the dev server, not `vite build`/`preview`)
    Vite,
    /// `ng serve`
    NgServe,
}

impl ServerKind {
    pub fn name(self) -> &'static str {
        match self {
            ServerKind::Flask => "flask run",
            ServerKind::Django => "Django's runserver",
            ServerKind::Uvicorn => "uvicorn",
            ServerKind::Gunicorn => "gunicorn",
            ServerKind::Hypercorn => "hypercorn",
            ServerKind::Daphne => "daphne",
            ServerKind::HttpServer => "python -m http.server",
            ServerKind::Rails => "rails server",
            ServerKind::PhpBuiltin => "php -S",
            ServerKind::Artisan => "php artisan serve",
            ServerKind::Streamlit => "streamlit",
            ServerKind::Nodemon => "nodemon",
            ServerKind::DevScript => "a dev script",
            ServerKind::NextDev => "next dev",
            ServerKind::Vite => "vite",
            ServerKind::NgServe => "ng serve",
        }
    }

    /// The port it listens on when none is given (`None`: not known).
    pub fn default_port(self) -> Option<&'static str> {
        match self {
            ServerKind::Flask => Some("5000"),
            ServerKind::Django
            | ServerKind::Uvicorn
            | ServerKind::Gunicorn
            | ServerKind::Hypercorn
            | ServerKind::Daphne
            | ServerKind::HttpServer
            | ServerKind::Artisan => Some("8000"),
            ServerKind::Rails | ServerKind::NextDev => Some("3000"),
            ServerKind::Streamlit => Some("8501"),
            ServerKind::Vite => Some("5173"),
            ServerKind::NgServe => Some("4200"),
            ServerKind::PhpBuiltin | ServerKind::Nodemon | ServerKind::DevScript => None,
        }
    }
}

/// A recognised server inside a [`Launch`].
#[derive(Clone, Debug)]
pub struct Server<'a> {
    pub kind: ServerKind,
    pub launch: &'a Launch,
    /// Position in `launch.words` of the program word (`flask`, `gunicorn`, `manage.py`...).
    pub program: usize,
    /// Position of the last word before the options (`run` of `flask run`): options are inserted after it.
    pub anchor: usize,
}

/// A value given to a server option, or taken from its defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    pub value: String,
    /// Where it is written; `None` when it is the server's default.
    pub span: Option<Span>,
    /// The word holding it (the option's value word, or `--opt=value`).
    pub word: Option<Span>,
}

/// The commands a stage starts with: its last `ENTRYPOINT` and its last `CMD` (inherited from a parent stage
/// when the stage sets none).
pub fn launches(model: &Model, stage: &Stage) -> Vec<Launch> {
    let entry = last_of(model, stage, Keyword::Entrypoint);
    let cmd = last_of(model, stage, Keyword::Cmd);
    let exec = |info: &InstructionInfo| match &info.node.body {
        Body::Command(Command::Exec(e)) => Some(e.elements.clone()),
        _ => None,
    };
    match (entry, cmd) {
        (None, None) => Vec::new(),
        (None, Some(info)) | (Some(info), None) => launches_of(model.source, info),
        (Some(e), Some(c)) => {
            let Some(entry_words) = exec(e) else {
                // A shell-form ENTRYPOINT ignores CMD.
                return launches_of(model.source, e);
            };
            if let Some(cmd_words) = exec(c) {
                // Docker runs the ENTRYPOINT's words followed by the CMD's.
                let split = entry_words.len();
                let mut words = entry_words;
                words.extend(cmd_words);
                let combined = Launch {
                    instruction: e.index,
                    keyword: Keyword::Entrypoint,
                    json: true,
                    words,
                    redirects: Vec::new(),
                    split,
                };
                if server(&combined).is_some() {
                    return vec![combined];
                }
            }
            // An entrypoint script that ends in `exec "$@"`: look at both on their own.
            let mut out = launches_of(model.source, e);
            out.extend(launches_of(model.source, c));
            out
        }
    }
}

fn last_of<'m, 'a>(
    model: &'m Model<'a>,
    stage: &Stage,
    keyword: Keyword,
) -> Option<&'m InstructionInfo<'a>> {
    model.stage_chain(stage).find_map(|s| {
        model
            .stage_instructions(s)
            .iter()
            .rev()
            .find(|i| i.kind() == keyword)
    })
}

/// The commands one `CMD`/`ENTRYPOINT` runs.
pub fn launches_of(source: &str, info: &InstructionInfo) -> Vec<Launch> {
    let node = info.node;
    let mut out = Vec::new();
    let launch = |json: bool, words: Vec<Word>, redirects: Vec<shell::Redirect>| Launch {
        instruction: info.index,
        keyword: node.kind,
        json,
        split: words.len(),
        words,
        redirects,
    };
    match &node.body {
        Body::Command(Command::Exec(exec)) => match shell_script(source, &exec.elements) {
            Some(commands) => {
                for c in commands {
                    out.push(launch(false, c.words, c.redirects));
                }
            }
            None => out.push(launch(true, exec.elements.clone(), Vec::new())),
        },
        Body::Command(Command::Shell(_)) => {
            for c in info.scripts.iter().flat_map(|s| s.commands.iter()) {
                if c.in_substitution {
                    continue;
                }
                match shell_script(source, &c.words) {
                    Some(inner) => {
                        for i in inner {
                            out.push(launch(false, i.words, i.redirects));
                        }
                    }
                    None => out.push(launch(false, c.words.clone(), c.redirects.clone())),
                }
            }
        }
        _ => {}
    }
    out
}

/// `sh -c "script"` (exec or shell form): the script's top-level commands, when the script is one quoted word
/// without escapes (so its offsets map to the source). `Some(empty)` when it cannot be read.
fn shell_script(source: &str, words: &[Word]) -> Option<Vec<shell::ShellCommand>> {
    let first = words.first()?;
    let p = program_of(&first.value);
    if !matches!(p, "sh" | "bash" | "ash" | "dash" | "zsh") {
        return None;
    }
    let pos = words.iter().position(|w| {
        w.value.starts_with('-') && !w.value.starts_with("--") && w.value.ends_with('c')
    })?;
    let script = words.get(pos + 1)?;
    let raw = script.span.text(source);
    let quoted = raw.len() == script.value.len() + 2
        && ((raw.starts_with('"') && raw.ends_with('"'))
            || (raw.starts_with('\'') && raw.ends_with('\'')));
    if !quoted {
        return Some(Vec::new());
    }
    let text = LogicalText::from_plain(&script.value, script.span.start + 1);
    let parsed = shell::parse_script(&text);
    Some(
        parsed
            .commands
            .into_iter()
            .filter(|c| !c.in_substitution)
            .collect(),
    )
}

fn program_of(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

/// `python`, `python3`, `python3.12` (any directory): a Python interpreter as a command's program.
pub fn is_python(word: &str) -> bool {
    let p = program_of(word);
    p == "python"
        || p.strip_prefix("python")
            .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Find the server a launch starts, looking through wrappers (`exec`, `env`, `gosu`, `tini --`, `poetry run`,
/// `python -m`, `bundle exec`, `npx`...).
pub fn server(launch: &Launch) -> Option<Server<'_>> {
    let words = &launch.words;
    let mut i = 0;
    let value = |i: usize| words.get(i).map(|w| w.value.as_str());
    // Unwrap.
    let mut guard = 0;
    loop {
        guard += 1;
        if guard > 32 {
            return None;
        }
        let w = program_of(value(i)?);
        match w {
            "exec" | "nohup" | "dumb-init" | "npx" => i += 1,
            "tini" | "tini-static" => {
                i += 1;
                while value(i).is_some_and(|v| v.starts_with('-')) {
                    let stop = value(i) == Some("--");
                    i += 1;
                    if stop {
                        break;
                    }
                }
            }
            "env" => {
                i += 1;
                while value(i).is_some_and(|v| v.contains('=') || v.starts_with('-')) {
                    i += 1;
                }
            }
            "gosu" | "su-exec" => i += 2,
            "poetry" | "pipenv" | "uv" | "pdm" | "hatch" | "rye" if value(i + 1) == Some("run") => {
                i += 2
            }
            "bundle" if value(i + 1) == Some("exec") => i += 2,
            _ => break,
        }
    }
    let program = i;
    let first = program_of(value(i)?);
    let mk = |kind, anchor| {
        Some(Server {
            kind,
            launch,
            program,
            anchor,
        })
    };
    if is_python(first) {
        // python [-u ...] -m module ... | python manage.py runserver
        let mut j = i + 1;
        while let Some(v) = value(j) {
            if v == "-m" {
                let module = value(j + 1)?;
                return module_server(launch, program, module, j + 1);
            }
            if v.starts_with('-') {
                j += 1;
                continue;
            }
            if program_of(v) == "manage.py" && value(j + 1) == Some("runserver") {
                return mk(ServerKind::Django, j + 1);
            }
            return None;
        }
        return None;
    }
    match first {
        "flask" | "uvicorn" | "gunicorn" | "hypercorn" | "daphne" | "streamlit" => {
            module_server(launch, program, first, program)
        }
        "manage.py" if value(i + 1) == Some("runserver") => mk(ServerKind::Django, i + 1),
        "django-admin" if value(i + 1) == Some("runserver") => mk(ServerKind::Django, i + 1),
        "rails" if matches!(value(i + 1), Some("s" | "server")) => mk(ServerKind::Rails, i + 1),
        "php" => {
            if value(i + 1) == Some("-S") {
                mk(ServerKind::PhpBuiltin, i + 1)
            } else if value(i + 1) == Some("artisan") && value(i + 2) == Some("serve") {
                mk(ServerKind::Artisan, i + 2)
            } else {
                None
            }
        }
        "nodemon" => mk(ServerKind::Nodemon, program),
        "next" if value(i + 1) == Some("dev") => mk(ServerKind::NextDev, i + 1),
        "vite" if value(i + 1).is_none_or(|v| v.starts_with('-') || v == "dev" || v == "serve") => {
            mk(
                ServerKind::Vite,
                if matches!(value(i + 1), Some("dev" | "serve")) {
                    i + 1
                } else {
                    i
                },
            )
        }
        "ng" if value(i + 1) == Some("serve") => mk(ServerKind::NgServe, i + 1),
        "npm" | "yarn" | "pnpm" | "bun" => {
            let (script, at) = match value(i + 1) {
                Some("run") | Some("run-script") => (value(i + 2)?, i + 2),
                Some(s) => (s, i + 1),
                None => return None,
            };
            let dev = matches!(
                script,
                "dev" | "develop" | "development" | "serve:dev" | "watch"
            ) || script.starts_with("dev:")
                || script.ends_with(":dev")
                || script.ends_with(":watch");
            if dev {
                mk(ServerKind::DevScript, at)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn module_server<'l>(
    launch: &'l Launch,
    program: usize,
    module: &str,
    at: usize,
) -> Option<Server<'l>> {
    let next = launch.words.get(at + 1).map(|w| w.value.as_str());
    let (kind, anchor) = match module {
        "flask" if next == Some("run") => (ServerKind::Flask, at + 1),
        "uvicorn" => (ServerKind::Uvicorn, at),
        "gunicorn" => (ServerKind::Gunicorn, at),
        "hypercorn" => (ServerKind::Hypercorn, at),
        "daphne" => (ServerKind::Daphne, at),
        "http.server" | "SimpleHTTPServer" => (ServerKind::HttpServer, at),
        "streamlit" if next == Some("run") => (ServerKind::Streamlit, at + 1),
        "django" if next == Some("runserver") => (ServerKind::Django, at + 1),
        _ => return None,
    };
    Some(Server {
        kind,
        launch,
        program,
        anchor,
    })
}

impl<'a> Server<'a> {
    /// The server's command words (`flask run`, `python manage.py runserver`), within one instruction.
    pub fn command_span(&self) -> Option<Span> {
        let words = &self.launch.words;
        let first = words.get(self.program)?;
        let mut last = self.anchor;
        while last > self.program && !self.launch.same_instruction(self.program, last) {
            last -= 1;
        }
        Some(first.span.cover(words.get(last)?.span))
    }

    /// The words after the anchor (options and operands).
    pub fn args(&self) -> &'a [Word] {
        self.launch.words.get(self.anchor + 1..).unwrap_or(&[])
    }

    /// The value of the first of `names` given (`--host 0.0.0.0`, `--host=0.0.0.0`, `-b0.0.0.0` for
    /// single-letter names).
    pub fn option(&self, names: &[&str]) -> Option<Setting> {
        let args = self.args();
        for (k, w) in args.iter().enumerate() {
            let v = w.value.as_str();
            if v == "--" {
                return None;
            }
            for name in names {
                if v == *name {
                    let value = args.get(k + 1)?;
                    return Some(Setting {
                        value: value.value.clone(),
                        span: Some(value.span),
                        word: Some(value.span),
                    });
                }
                if let Some(rest) = v.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
                    return Some(Setting {
                        value: rest.to_string(),
                        span: Some(w.span),
                        word: Some(w.span),
                    });
                }
            }
        }
        None
    }

    pub fn has_option(&self, names: &[&str]) -> bool {
        self.args().iter().any(|w| {
            names.iter().any(|n| {
                w.value == *n || w.value.strip_prefix(n).is_some_and(|r| r.starts_with('='))
            })
        })
    }

    /// Positional operands after the anchor (words not starting with `-` and not an option's value for the
    /// options in `valued`).
    fn operands(&self, valued: &[&str]) -> Vec<&'a Word> {
        let valued: Vec<&str> = valued
            .iter()
            .copied()
            .chain(["--settings", "--pythonpath", "--host", "--port", "-h", "-p"])
            .collect();
        let mut out = Vec::new();
        let mut skip = false;
        for w in self.args() {
            if skip {
                skip = false;
                continue;
            }
            if w.value.starts_with('-') {
                skip = valued.contains(&w.value.as_str()) && !w.value.contains('=');
                continue;
            }
            out.push(w);
        }
        out
    }

    /// Options that read a socket or a config file the host may come from: the rules stay quiet then.
    pub fn configured_elsewhere(&self, scope: &Scope) -> bool {
        let env = |names: &[&str]| names.iter().any(|n| scope.is_defined(n));
        match self.kind {
            ServerKind::Flask => env(&["FLASK_RUN_HOST"]),
            ServerKind::Uvicorn => self.has_option(&["--uds", "--fd"]) || env(&["UVICORN_HOST"]),
            ServerKind::Gunicorn => {
                self.has_option(&["-c", "--config"]) || env(&["GUNICORN_CMD_ARGS", "PORT"])
            }
            ServerKind::Hypercorn => self.has_option(&["-c", "--config"]),
            ServerKind::Daphne => {
                self.has_option(&["-u", "--unix-socket", "-e", "--endpoint", "--fd"])
            }
            ServerKind::Rails => env(&["BINDING", "HOST"]),
            _ => false,
        }
    }

    /// Where the server listens (host part), as given; `None` when not given.
    pub fn host(&self) -> Option<Setting> {
        match self.kind {
            ServerKind::Flask => self.option(&["--host", "-h"]),
            ServerKind::Uvicorn | ServerKind::Artisan | ServerKind::Vite | ServerKind::NgServe => {
                self.option(&["--host"])
            }
            ServerKind::Gunicorn
            | ServerKind::Hypercorn
            | ServerKind::Daphne
            | ServerKind::HttpServer => self.option(&["--bind", "-b"]).map(|s| host_part(&s)),
            ServerKind::Rails => self.option(&["--binding", "-b"]),
            ServerKind::NextDev => self.option(&["--hostname", "-H"]),
            ServerKind::Streamlit => self.option(&["--server.address"]),
            ServerKind::Django if self.has_option(&["--host", "-h"]) => {
                self.option(&["--host", "-h"])
            }
            ServerKind::Django => self.operands(&[]).first().and_then(|w| {
                let (host, _) = split_host_port(&w.value)?;
                Some(Setting {
                    value: host.to_string(),
                    span: Some(w.span),
                    word: Some(w.span),
                })
            }),
            ServerKind::PhpBuiltin => self.args().first().map(|w| {
                let host = split_host_port(&w.value).map_or(w.value.as_str(), |(h, _)| h);
                Setting {
                    value: host.to_string(),
                    span: Some(w.span),
                    word: Some(w.span),
                }
            }),
            ServerKind::Nodemon | ServerKind::DevScript => None,
        }
    }

    /// True when the server listens only on the loopback interface: its default is localhost and no host is
    /// given, or the host given is `127.0.0.1`/`localhost`.
    pub fn listens_on_localhost(&self, scope: &Scope) -> bool {
        if self.configured_elsewhere(scope) {
            return false;
        }
        match self.host() {
            Some(h) => is_loopback(&h.value),
            None => {
                matches!(
                    self.kind,
                    ServerKind::Flask
                        | ServerKind::Django
                        | ServerKind::Uvicorn
                        | ServerKind::Gunicorn
                        | ServerKind::Hypercorn
                        | ServerKind::Daphne
                        | ServerKind::Artisan
                ) || (self.kind == ServerKind::Rails
                    && scope.get("RAILS_ENV").is_none_or(|e| e == "development"))
            }
        }
    }

    /// The port the server binds: given on the command line, from its environment variable, or its default.
    pub fn port(&self, scope: &Scope) -> Option<Setting> {
        let given = match self.kind {
            ServerKind::Flask => self.option(&["--port", "-p"]),
            ServerKind::Uvicorn | ServerKind::Artisan | ServerKind::Vite | ServerKind::NgServe => {
                self.option(&["--port"])
            }
            ServerKind::Gunicorn | ServerKind::Hypercorn => {
                self.option(&["--bind", "-b"]).and_then(|s| port_part(&s))
            }
            ServerKind::Daphne => self
                .option(&["--port", "-p"])
                .or_else(|| self.option(&["--bind", "-b"]).and_then(|s| port_part(&s))),
            ServerKind::Rails | ServerKind::NextDev => self.option(&["--port", "-p"]),
            ServerKind::Streamlit => self.option(&["--server.port"]),
            ServerKind::HttpServer => self
                .operands(&["--bind", "-b", "--directory", "-d", "--protocol", "-p"])
                .first()
                .map(|w| Setting {
                    value: w.value.clone(),
                    span: Some(w.span),
                    word: Some(w.span),
                }),
            ServerKind::Django if self.has_option(&["--port", "-p"]) => {
                self.option(&["--port", "-p"])
            }
            ServerKind::Django => self.operands(&[]).first().map(|w| Setting {
                value: split_host_port(&w.value)
                    .map_or(w.value.as_str(), |(_, p)| p)
                    .to_string(),
                span: Some(w.span),
                word: Some(w.span),
            }),
            ServerKind::PhpBuiltin => self.args().first().and_then(|w| {
                let (_, p) = split_host_port(&w.value)?;
                Some(Setting {
                    value: p.to_string(),
                    span: Some(w.span),
                    word: Some(w.span),
                })
            }),
            ServerKind::Nodemon | ServerKind::DevScript => None,
        };
        if given.is_some() {
            return given;
        }
        let env = match self.kind {
            ServerKind::Flask => Some("FLASK_RUN_PORT"),
            ServerKind::Uvicorn => Some("UVICORN_PORT"),
            ServerKind::Gunicorn | ServerKind::Rails | ServerKind::NextDev => Some("PORT"),
            _ => None,
        };
        if let Some(name) = env {
            if scope.is_defined(name) {
                let value = scope.get(name).unwrap_or("").to_string();
                if value.is_empty() {
                    return None;
                }
                return Some(Setting {
                    value,
                    span: None,
                    word: None,
                });
            }
        }
        if matches!(
            self.kind,
            ServerKind::Gunicorn | ServerKind::Hypercorn | ServerKind::Uvicorn
        ) && self.has_option(&["-c", "--config", "--uds", "--fd"])
        {
            return None;
        }
        self.kind.default_port().map(|p| Setting {
            value: p.to_string(),
            span: None,
            word: None,
        })
    }

    /// The text to insert after the anchor word so that the server listens on all interfaces, or `None`.
    pub fn all_interfaces_option(&self, scope: &Scope) -> Option<Vec<&'static str>> {
        let _ = scope;
        match self.kind {
            ServerKind::Flask | ServerKind::Uvicorn | ServerKind::Artisan => {
                Some(vec!["--host", "0.0.0.0"])
            }
            ServerKind::Rails => Some(vec!["-b", "0.0.0.0"]),
            _ => None,
        }
    }

    /// Text and position to add an option (or several words) after the anchor, in the launch's style.
    pub fn insertion(&self, source: &str, words: &[String]) -> Option<(usize, String)> {
        let anchor = self.launch.words.get(self.anchor)?;
        if self.launch.json {
            let next = self.launch.words.get(self.anchor + 1);
            let separator = match next {
                Some(n) => source
                    .get(anchor.span.end..n.span.start)
                    .unwrap_or(", ")
                    .to_string(),
                None => ", ".to_string(),
            };
            let separator = if separator.contains(',') && !separator.contains('\n') {
                separator
            } else {
                ", ".into()
            };
            let mut text = String::new();
            for w in words {
                text.push_str(&separator);
                text.push('"');
                text.push_str(w);
                text.push('"');
            }
            Some((anchor.span.end, text))
        } else {
            let mut text = String::new();
            for w in words {
                text.push(' ');
                text.push_str(w);
            }
            Some((anchor.span.end, text))
        }
    }
}

fn host_part(bind: &Setting) -> Setting {
    let host = split_host_port(&bind.value).map_or(bind.value.as_str(), |(h, _)| h);
    Setting {
        value: host.to_string(),
        ..bind.clone()
    }
}

fn port_part(bind: &Setting) -> Option<Setting> {
    if bind.value.starts_with("unix:") || bind.value.starts_with("fd://") {
        return None;
    }
    let (_, port) = split_host_port(&bind.value)?;
    Some(Setting {
        value: port.to_string(),
        ..bind.clone()
    })
}

/// `host:port`, `[::1]:port`, `:port`; `None` without a `:` (or only inside brackets).
pub fn split_host_port(text: &str) -> Option<(&str, &str)> {
    let text = text
        .strip_prefix("tcp://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let colon = text.rfind(':')?;
    if text.rfind(']').is_some_and(|b| b > colon) {
        return None;
    }
    Some((text.get(..colon)?, text.get(colon + 1..)?))
}

/// `127.0.0.1`, `localhost`, `::1`, `[::1]`.
pub fn is_loopback(host: &str) -> bool {
    let h = host.trim_matches(|c| c == '[' || c == ']');
    h.eq_ignore_ascii_case("localhost") || h == "::1" || h.starts_with("127.")
}

/// A port value that is a plain number.
pub fn is_literal_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    fn first_server(src: &str) -> Option<(ServerKind, Option<String>, Option<String>, bool)> {
        let (file, errors) = dockwise_syntax::parse(src);
        let model = Model::new(src, &file, &errors);
        let stage = model.final_stage()?;
        let launches = launches(&model, stage);
        let l = launches.iter().find_map(server)?;
        let scope = &stage.end_scope;
        Some((
            l.kind,
            l.host().map(|h| h.value),
            l.port(scope).map(|p| p.value),
            l.listens_on_localhost(scope),
        ))
    }

    #[test]
    fn reads_servers_through_wrappers() {
        let s = first_server(
            "FROM python\nCMD [\"python\", \"-m\", \"flask\", \"run\", \"--port=8080\"]\n",
        )
        .unwrap();
        assert_eq!(s, (ServerKind::Flask, None, Some("8080".into()), true));
        let s = first_server("FROM python\nCMD exec gunicorn -b 0.0.0.0:8000 app:app\n").unwrap();
        assert_eq!(
            s,
            (
                ServerKind::Gunicorn,
                Some("0.0.0.0".into()),
                Some("8000".into()),
                false
            )
        );
        let s = first_server(
            "FROM python\nCMD [\"sh\", \"-c\", \"poetry run uvicorn main:app --port $PORT\"]\n",
        );
        assert_eq!(
            s.unwrap(),
            (ServerKind::Uvicorn, None, Some("$PORT".into()), true)
        );
        let s =
            first_server("FROM python\nCMD python3 manage.py runserver 0.0.0.0:8000\n").unwrap();
        assert_eq!(
            s,
            (
                ServerKind::Django,
                Some("0.0.0.0".into()),
                Some("8000".into()),
                false
            )
        );
    }

    #[test]
    fn inherits_cmd_from_a_parent_stage_and_ignores_other_commands() {
        let s = first_server("FROM python AS base\nCMD flask run\nFROM base\nRUN true\n").unwrap();
        assert_eq!(s.0, ServerKind::Flask);
        assert!(first_server("FROM python\nCMD [\"python\", \"app.py\"]\n").is_none());
        assert!(first_server("FROM node\nCMD npm run build\n").is_none());
    }

    #[test]
    fn joins_an_exec_entrypoint_with_the_cmd() {
        let src = "FROM python\nENTRYPOINT [\"python\", \"manage.py\"]\nCMD [\"runserver\", \"0.0.0.0:8000\"]\n";
        let s = first_server(src).unwrap();
        assert_eq!(
            s,
            (
                ServerKind::Django,
                Some("0.0.0.0".into()),
                Some("8000".into()),
                false
            )
        );
        let wrapper =
            "FROM python\nENTRYPOINT [\"/entrypoint.sh\"]\nCMD [\"gunicorn\", \"app:app\"]\n";
        assert_eq!(first_server(wrapper).unwrap().0, ServerKind::Gunicorn);
        let shell_entry = "FROM python\nENTRYPOINT ./start.sh\nCMD [\"gunicorn\", \"app:app\"]\n";
        assert!(first_server(shell_entry).is_none());
    }

    #[test]
    fn reads_sh_c_scripts_in_shell_form_and_flask_script_runserver() {
        let src =
            "FROM python\nCMD /bin/sh -c \"./manage.py migrate && ./manage.py runserver 0:8000\"\n";
        assert_eq!(first_server(src).unwrap().2.as_deref(), Some("8000"));
        let fs = "FROM python\nCMD [\"python\", \"manage.py\", \"runserver\", \"--host\", \"0.0.0.0\", \"--port\", \"8080\"]\n";
        assert_eq!(
            first_server(fs).unwrap(),
            (
                ServerKind::Django,
                Some("0.0.0.0".into()),
                Some("8080".into()),
                false
            )
        );
    }

    #[test]
    fn gunicorn_reads_port_from_the_environment() {
        let s = first_server("FROM python\nENV PORT=9000\nCMD gunicorn app:app\n").unwrap();
        assert_eq!(s, (ServerKind::Gunicorn, None, Some("9000".into()), false));
    }
}
