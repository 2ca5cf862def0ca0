//! "Explain this line": what one instruction does, in plain words for a beginner, and the practices that apply
//! to it (each tied to the rule that checks it, so a front end can link to the rule reference).
//!
//! [`instruction_at`] finds the instruction under a cursor; [`explain_instruction`] explains a keyword and its
//! arguments as written. Both are pure functions of text. The findings that touch the instruction are the front
//! end's to pick (it has the review; the span is here).

use dockwise_syntax::{Body, Command, Healthcheck, Instruction, Keyword};
use serde::Serialize;

/// The instruction under a cursor: its byte span (the whole instruction, continuation lines included), its
/// 1-based first line, its keyword and its arguments as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InstructionAt {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub keyword: String,
    pub args: String,
}

/// What an instruction does and what to watch for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The canonical keyword (`RUN`), or the word as written when it is not an instruction.
    pub keyword: String,
    /// What the instruction does, in one or two sentences. Inline code in backticks.
    pub summary: String,
    /// What this line does with its arguments, one sentence each.
    pub details: Vec<String>,
    /// Good practices for this instruction, each with the rule that checks it.
    pub practices: Vec<Practice>,
    /// The Dockerfile reference's section for the instruction.
    pub reference: String,
}

/// One practice: the advice and the rule code that checks it (for a link to the rule reference).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Practice {
    pub text: String,
    pub rule: &'static str,
}

/// The instruction whose text holds byte `offset` (an offset at the end of a line belongs to that line's
/// instruction). `None` on blank lines, comments, directives, or an offset past the text.
pub fn instruction_at(source: &str, offset: usize) -> Option<InstructionAt> {
    if offset > source.len() {
        return None;
    }
    let (file, _) = dockwise_syntax::parse(source);
    let index = dockwise_syntax::LineIndex::new(source);
    let found = file.instructions().find(|i| {
        let end = i.span.end.max(i.args.end);
        i.span.start <= offset && offset < end
            || (offset == end && !source[i.span.start..end].ends_with('\n'))
    })?;
    let start = found.span.start;
    // The instruction's leading whitespace is not part of what is shown.
    let keyword = source
        .get(found.keyword.start..found.keyword.end)?
        .to_string();
    let args = source
        .get(found.args.start..found.args.end)
        .unwrap_or("")
        .to_string();
    Some(InstructionAt {
        start,
        end: found.span.end,
        line: index.line_col(source, found.keyword.start).line,
        keyword,
        args,
    })
}

/// Explain `keyword` with `args` (the text after the keyword, as written; continuation lines allowed).
pub fn explain_instruction(keyword: &str, args: &str) -> Explanation {
    let Some(kind) = Keyword::parse(keyword.trim()) else {
        return Explanation {
            keyword: keyword.trim().to_string(),
            summary: format!(
                "`{}` is not a Dockerfile instruction: Docker stops the build here. Check the spelling; \
                 instructions are words like `FROM`, `RUN`, `COPY` and `CMD`.",
                keyword.trim()
            ),
            details: Vec::new(),
            practices: Vec::new(),
            reference: "https://docs.docker.com/reference/dockerfile/".into(),
        };
    };
    let text = format!("{} {}\n", kind.as_str(), args);
    let (file, _) = dockwise_syntax::parse(&text);
    let parsed = file.instructions().next().filter(|i| i.kind == kind);
    let details = parsed.map(|i| details(&text, i)).unwrap_or_default();
    Explanation {
        keyword: kind.as_str().to_string(),
        summary: summary(kind).to_string(),
        details,
        practices: practices(kind)
            .iter()
            .map(|&(rule, text)| Practice {
                text: text.to_string(),
                rule,
            })
            .collect(),
        reference: format!(
            "https://docs.docker.com/reference/dockerfile/#{}",
            kind.as_str().to_ascii_lowercase()
        ),
    }
}

fn summary(kind: Keyword) -> &'static str {
    match kind {
        Keyword::From => "Starts a build stage from a base image: everything after it builds on that image's files. \
             A Dockerfile with several `FROM` lines has several stages; only the last one becomes the image.",
        Keyword::Run => "Runs commands while the image is built and saves the files they change as a new layer. \
             It does not run when the container starts (that is `CMD`).",
        Keyword::Copy => "Copies files from the build context (the folder you build from) or from an earlier \
             stage into the image.",
        Keyword::Add => "Copies files into the image like `COPY`, but also unpacks local archives and downloads \
             URLs, which makes it harder to predict.",
        Keyword::Workdir => "Sets the directory the following instructions (and the container) run in, creating \
             it if needed. Like `cd`, but it lasts.",
        Keyword::Env => "Sets environment variables for the rest of the build and for the running container.",
        Keyword::Arg => "Declares a build argument: a variable you can set with `docker build --build-arg`. It \
             exists only while building; the running container does not see it.",
        Keyword::Expose => "Documents the port the application listens on. It does not publish the port: \
             `docker run -p` does that.",
        Keyword::User => "Sets the user (and optionally group) the following instructions and the container run \
             as. Without it, the container runs as root.",
        Keyword::Cmd => "Sets the default command the container runs when it starts. `docker run IMAGE args` \
             replaces it.",
        Keyword::Entrypoint => "Sets the program the container always runs; `CMD` (or `docker run` arguments) \
             become its arguments.",
        Keyword::Healthcheck => "Tells Docker how to check that the running container still works, so \
             orchestrators can restart it when it does not.",
        Keyword::Label => "Adds metadata (key and value pairs) to the image, such as its source or version.",
        Keyword::Volume => "Marks a directory as a mount point for data that should outlive the container.",
        Keyword::Shell => "Changes the shell that runs the shell form of `RUN`, `CMD` and `ENTRYPOINT`.",
        Keyword::Stopsignal => "Sets the signal Docker sends to stop the container.",
        Keyword::Maintainer => "Names the image's author. It is deprecated: use `LABEL` instead.",
        Keyword::Onbuild => "Stores an instruction that runs later, when another Dockerfile uses this image in its \
             `FROM`.",
    }
}

/// Practices per instruction, each with the rule that checks it.
fn practices(kind: Keyword) -> &'static [(&'static str, &'static str)] {
    match kind {
        Keyword::From => &[
            ("DW1004", "Pin a specific version tag (`python:3.12-slim`), not `latest`, so rebuilds are repeatable."),
            ("DW1005", "Prefer a small base (`-slim`, `-alpine`, distroless): fewer files, fewer vulnerabilities."),
            ("DW1006", "Build in one stage and copy only the result into a small final stage."),
            ("DW1021", "Use a base that still gets security updates."),
        ],
        Keyword::Run => &[
            ("DW1009", "Leave no package-manager cache in the layer (`pip --no-cache-dir`, `apt-get clean`)."),
            ("DW1008", "Delete temporary files in the same `RUN` that creates them: a later layer cannot shrink an earlier one."),
            ("DW2059", "Join related commands with `&&` in one `RUN` instead of many layers."),
            ("DW1050", "Run `apt-get update` in the same `RUN` as `apt-get install`."),
        ],
        Keyword::Copy => &[
            ("DW1010", "Copy the dependency manifest (`requirements.txt`, `package.json`) and install before copying the rest, so code changes do not reinstall everything."),
            ("DW1011", "Keep the build context small with a `.dockerignore`; copy only what the image needs."),
            ("DW1012", "Use `COPY --chown=user:group` instead of a later `chown`, which duplicates the files in a new layer."),
        ],
        Keyword::Add => &[("DW2020", "Use `COPY` unless you need `ADD`'s archive unpacking.")],
        Keyword::Workdir => &[("DW2000", "Use an absolute path."),
            ("DW2003", "Use `WORKDIR` instead of `RUN cd`."),
            ("DW1033", "Set each folder once: a `WORKDIR` of the folder already in force changes nothing."),
        ],
        Keyword::Env => &[
            ("DW1013", "For Python, set `PYTHONUNBUFFERED=1` so logs appear at once."),
            ("DW1015", "Do not ship development settings (`FLASK_DEBUG=1`, `NODE_ENV=development`)."),
            ("DW5008", "Never put secrets in `ENV`: anyone with the image can read them."),
        ],
        Keyword::Arg => &[("DW5008", "Never pass secrets as build arguments: they stay in the image history.")],
        Keyword::Expose => &[("DW1018", "Expose the port the application really listens on.")],
        Keyword::User => &[
            ("DW1001", "Run the final stage as a non-root user."),
            ("DW1003", "Use numeric ids (`USER 10001:10001`): Kubernetes can only verify a numeric user is not root."),
            ("DW1002", "Create the user before switching to it."),
        ],
        Keyword::Cmd | Keyword::Entrypoint => &[
            ("DW2025", "Use the exec (JSON) form, `[\"python\", \"app.py\"]`, so the process gets stop signals."),
            ("DW1016", "Run a production server (gunicorn, `node`), not a development server."),
            ("DW1017", "Listen on `0.0.0.0`, not `localhost`, or nothing outside the container can connect."),
        ],
        Keyword::Healthcheck => &[("DW1020", "Give long-running services a `HEALTHCHECK`.")],
        Keyword::Maintainer => &[("DW2100", "Use `LABEL org.opencontainers.image.authors=...` instead.")],
        Keyword::Label | Keyword::Volume | Keyword::Shell | Keyword::Stopsignal | Keyword::Onbuild => &[],
    }
}

fn words(text: &str, i: &Instruction) -> Vec<String> {
    match &i.body {
        Body::Words(w) => w.iter().map(|w| w.value.clone()).collect(),
        _ => text
            .get(i.args.start..i.args.end)
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    }
}

fn command_details(command: &Command, what: &str, out: &mut Vec<String>) {
    match command {
        Command::Exec(exec) => {
            let shown: Vec<&str> = exec.elements.iter().map(|w| w.value.as_str()).collect();
            out.push(format!(
                "{what} `{}` directly (exec form): no shell in between, so it receives stop signals.",
                shown.join(" ")
            ));
        }
        Command::Shell(script) => {
            let script = script.text.trim();
            let parts: Vec<&str> = script
                .split("&&")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() > 1 {
                out.push(format!(
                    "{what} {} commands through `/bin/sh -c` (shell form), each only if the one before succeeded (`&&`): {}.",
                    parts.len(),
                    parts
                        .iter()
                        .map(|p| format!("`{}`", first_words(p, 3)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            } else {
                out.push(format!(
                    "{what} `{}` through `/bin/sh -c` (shell form).",
                    first_words(script, 8)
                ));
            }
        }
    }
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > n {
        format!("{} …", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}

fn details(text: &str, i: &Instruction) -> Vec<String> {
    let mut out = Vec::new();
    match (&i.kind, &i.body) {
        (Keyword::From, Body::From(from)) => {
            let image = from.image.value.as_str();
            if image.eq_ignore_ascii_case("scratch") {
                out.push("`scratch` is an empty image: no shell, no files. Only what you copy in exists.".into());
            } else if let Some(r) = &from.reference {
                let name = &r.name.value;
                match (&r.tag, &r.digest) {
                    (_, Some(d)) => out.push(format!(
                        "Uses the image `{name}` pinned by its digest `{}`: always exactly the same files.",
                        first_words(&d.value, 1)
                    )),
                    (Some(t), None) if t.value == "latest" => out.push(format!(
                        "Uses the image `{name}` at `latest`, which changes whenever a new version is published."
                    )),
                    (Some(t), None) => out.push(format!(
                        "Uses the image `{name}` at the tag `{}`.",
                        t.value
                    )),
                    (None, None) => out.push(format!(
                        "Uses the image `{name}` with no tag, which means `latest`: it changes whenever a new version is published."
                    )),
                }
            }
            if let Some(stage) = &from.stage_name {
                out.push(format!(
                    "Names this stage `{}`, so a later stage can take files from it with `COPY --from={}`.",
                    stage.value, stage.value
                ));
            }
            if let Some(p) = i.flag("platform").and_then(|f| f.value.as_ref()) {
                out.push(format!("Builds for the platform `{}`.", p.value));
            }
        }
        (Keyword::Run, Body::Command(c)) => {
            command_details(c, "Runs", &mut out);
            if let Some(m) = i.flag("mount").and_then(|f| f.value.as_ref()) {
                out.push(format!(
                    "Mounts `{}` only while this command runs (not saved in the image).",
                    m.value
                ));
            }
        }
        (Keyword::Cmd, Body::Command(c)) => {
            command_details(c, "When the container starts, runs", &mut out)
        }
        (Keyword::Entrypoint, Body::Command(c)) => {
            command_details(c, "When the container starts, always runs", &mut out)
        }
        (Keyword::Shell, Body::Command(c)) => {
            command_details(c, "Shell-form commands now go through", &mut out)
        }
        (Keyword::Copy | Keyword::Add, Body::Copy(c)) => {
            let sources: Vec<String> = c.sources.iter().map(|w| format!("`{}`", w.value)).collect();
            let from = i
                .flag("from")
                .and_then(|f| f.value.as_ref())
                .map(|v| v.value.clone());
            let origin = match &from {
                Some(stage) => format!("from the stage (or image) `{stage}`"),
                None => "from the build context".to_string(),
            };
            if let Some(dest) = &c.destination {
                out.push(format!(
                    "Copies {} {origin} to `{}` in the image{}.",
                    sources.join(", "),
                    dest.value,
                    if dest.value.starts_with('/') {
                        ""
                    } else {
                        " (relative to the `WORKDIR`)"
                    }
                ));
            }
            if c.sources.iter().any(|s| s.value == "." || s.value == "./") && from.is_none() {
                out.push(
                    "`.` is the whole build context: everything not excluded by `.dockerignore`."
                        .into(),
                );
            }
            if let Some(owner) = i.flag("chown").and_then(|f| f.value.as_ref()) {
                out.push(format!("The copied files belong to `{}`.", owner.value));
            }
            if i.kind == Keyword::Add
                && c.sources
                    .iter()
                    .any(|s| s.value.starts_with("http://") || s.value.starts_with("https://"))
            {
                out.push("Downloads a URL at build time; the download is not checked unless you pass `--checksum`.".into());
            }
        }
        (Keyword::Env | Keyword::Arg | Keyword::Label, Body::KeyValues(pairs)) => {
            for kv in pairs {
                let key = &kv.key.value;
                match (&i.kind, &kv.value) {
                    (Keyword::Arg, None) => out.push(format!("Declares `{key}` with no default: empty unless `--build-arg {key}=...` is given.")),
                    (Keyword::Arg, Some(v)) => out.push(format!("Declares `{key}`, `{}` unless `--build-arg` says otherwise.", v.value)),
                    (Keyword::Label, Some(v)) => out.push(format!("Labels the image `{key}` = `{}`.", v.value)),
                    (_, Some(v)) => out.push(format!("Sets `{key}` to `{}`.", v.value)),
                    (_, None) => out.push(format!("Sets `{key}`.")),
                }
            }
        }
        (Keyword::Expose, _) => {
            for port in words(text, i) {
                out.push(format!("Documents port `{port}`."));
            }
        }
        (Keyword::User, _) => {
            let user = words(text, i).join(" ");
            let name = user.split(':').next().unwrap_or("");
            if name == "root" || name == "0" {
                out.push(format!(
                    "`{user}` is root: everything after runs with full rights."
                ));
            } else if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
                out.push(format!(
                    "Runs as the numeric user `{user}`, which is not root."
                ));
            } else if !name.is_empty() {
                out.push(format!("Runs as the user `{user}`, which must exist in the image (`useradd`, `adduser`)."));
            }
        }
        (Keyword::Workdir, _) => {
            let dir = words(text, i).join(" ");
            if dir.starts_with('/') || dir.starts_with('$') {
                out.push(format!(
                    "Later instructions and the container run in `{dir}`."
                ));
            } else if !dir.is_empty() {
                out.push(format!(
                    "`{dir}` is relative to the previous `WORKDIR`; an absolute path is clearer."
                ));
            }
        }
        (Keyword::Volume, _) => {
            for dir in words(text, i) {
                out.push(format!("`{dir}` becomes a volume: changes to it after this line in the build are lost."));
            }
        }
        (Keyword::Healthcheck, Body::Healthcheck(Healthcheck::None(_))) => {
            out.push("Switches off any health check inherited from the base image.".into());
        }
        (Keyword::Healthcheck, Body::Healthcheck(Healthcheck::Cmd { command, .. })) => {
            command_details(command, "Every interval, runs", &mut out);
            out.push("Exit status 0 means healthy, 1 unhealthy.".into());
        }
        (Keyword::Onbuild, Body::Onbuild(inner)) => {
            out.push(format!(
                "Later, in the image built `FROM` this one: {}",
                summary(inner.kind)
                    .split(". ")
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase()
            ));
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_instruction_under_the_cursor_across_continuation_lines() {
        let source = "# comment\nFROM python:3.12\n\nRUN apt-get update \\\n    && apt-get install -y curl\nCMD [\"python\"]";
        assert_eq!(instruction_at(source, 0), None, "a comment");
        let from = instruction_at(source, 12).expect("FROM");
        assert_eq!(
            (from.keyword.as_str(), from.args.as_str(), from.line),
            ("FROM", "python:3.12", 2)
        );
        assert_eq!(&source[from.start..from.end], "FROM python:3.12\n");
        assert_eq!(instruction_at(source, 27), None, "the blank line");
        let run = instruction_at(source, source.find("install").unwrap()).expect("RUN");
        assert_eq!((run.keyword.as_str(), run.line), ("RUN", 4));
        assert!(run.args.contains("apt-get install"), "{}", run.args);
        let cmd = instruction_at(source, source.len()).expect("the end of the last line");
        assert_eq!(cmd.keyword, "CMD");
        assert_eq!(instruction_at(source, source.len() + 1), None);
    }

    #[test]
    fn explains_from_with_its_tag_and_stage_name() {
        let e = explain_instruction("from", "python:3.12-slim AS build");
        assert_eq!(e.keyword, "FROM");
        assert!(
            e.summary.starts_with("Starts a build stage"),
            "{}",
            e.summary
        );
        assert_eq!(
            e.details[0],
            "Uses the image `python` at the tag `3.12-slim`."
        );
        assert!(
            e.details[1].contains("COPY --from=build"),
            "{:?}",
            e.details
        );
        assert!(e.practices.iter().any(|p| p.rule == "DW1004"));
        assert!(e.reference.ends_with("#from"));
        let bare = explain_instruction("FROM", "ubuntu");
        assert!(
            bare.details[0].contains("no tag, which means `latest`"),
            "{:?}",
            bare.details
        );
    }

    #[test]
    fn explains_run_cmd_copy_user_and_env_from_their_arguments() {
        let run = explain_instruction("RUN", "apt-get update && apt-get install -y curl");
        assert!(run.details[0].contains("2 commands"), "{:?}", run.details);
        let cmd = explain_instruction("CMD", "[\"gunicorn\", \"app:app\"]");
        assert!(
            cmd.details[0].contains("`gunicorn app:app` directly (exec form)"),
            "{:?}",
            cmd.details
        );
        let shell = explain_instruction("CMD", "flask run");
        assert!(
            shell.details[0].contains("shell form"),
            "{:?}",
            shell.details
        );
        let copy = explain_instruction("COPY", "--chown=app:app . .");
        assert!(
            copy.details[0].contains("relative to the `WORKDIR`"),
            "{:?}",
            copy.details
        );
        assert!(copy
            .details
            .iter()
            .any(|d| d.contains("whole build context")));
        assert!(copy.details.iter().any(|d| d.contains("`app:app`")));
        assert!(explain_instruction("USER", "root").details[0].contains("is root"));
        assert!(explain_instruction("USER", "10001:10001").details[0].contains("not root"));
        let env = explain_instruction("ENV", "A=1 B=2");
        assert_eq!(env.details, vec!["Sets `A` to `1`.", "Sets `B` to `2`."]);
    }

    #[test]
    fn an_unknown_word_is_said_to_be_no_instruction() {
        let e = explain_instruction("FORM", "python");
        assert_eq!(e.keyword, "FORM");
        assert!(
            e.summary.contains("not a Dockerfile instruction"),
            "{}",
            e.summary
        );
        assert!(e.practices.is_empty());
    }

    #[test]
    fn every_practice_names_a_rule_that_exists() {
        for kind in Keyword::ALL {
            for (rule, _) in practices(kind) {
                assert!(crate::rules::find(rule).is_some(), "{kind:?}: {rule}");
            }
        }
    }
}
