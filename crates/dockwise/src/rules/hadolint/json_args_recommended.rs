//! DL3025: shell-form `CMD`/`ENTRYPOINT`.

use crate::rules::common::stages::shell_set_before;
use crate::rules::prelude::*;
use dockwise_syntax::shell::{parse_script, Script};
use dockwise_syntax::LogicalText;

pub static RULE: Rule = Rule {
    code: "DW2025",
    name: "json-args-recommended",
    category: Category::Runtime,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Hadolint, "DL3025"),
        Alias(Peer::Buildkit, "JSONArgsRecommended"),
    ],
    fix: FixKind::Sometimes(fix_safety!(
        "Safe. When every word is one the shell passes on unchanged (plain, single-quoted, or \
         double-quoted without `$`, backquotes or backslashes) and the first names a program rather \
         than a shell builtin, the JSON form holds the same program and arguments, without the shell \
         in between (a leading `exec` is dropped, since that is what it did). Otherwise the JSON form \
         writes out what Docker runs for the shell form: the stage's shell (`SHELL`, or `/bin/sh -c`) \
         and the script, with `exec` before the script's last command so that program replaces the \
         shell and receives the stop signals (a last command that already starts with `exec` keeps \
         it); offered only when that command is a program run last, at the top level, outside a \
         pipeline, not in the background and not a function the script defines (`HEALTHCHECK` keeps \
         its script as it is), and for an `ENTRYPOINT` only when the script reads no positional \
         parameters (the JSON form hands it the `docker run` arguments). No fix is offered when the \
         change would alter how `CMD` and `ENTRYPOINT` combine: a shell-form `ENTRYPOINT` in a stage \
         that also sets `CMD` (the exec form would append the `CMD`), or a `CMD` next to an exec-form \
         `ENTRYPOINT` (which would receive other arguments), nor when the stage inherits its `SHELL` \
         from another stage. An `ENTRYPOINT` inherited from the base image is not known here. An \
         array written with single quotes (`['make']`, shell form to Docker: it cannot start) is \
         rewritten with double quotes, an unsafe fix only because the program then starts."
    )),
    docs: rule_docs! {
        what: "Flags `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` written in shell form (`CMD python app.py`).",
        why: "The shell form runs the program under `/bin/sh -c`: the shell is PID 1 and does not pass on \
              `SIGTERM`, so `docker stop` waits ten seconds and kills the app without a clean shutdown. The JSON \
              (exec) form runs the program directly.",
        example: "FROM python:3.12-slim\nCMD python app.py\n",
        fixed: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
        differences: "As in hadolint, `HEALTHCHECK CMD` is checked too and `ONBUILD CMD` is not. Nothing is \
                      reported in stages whose `SHELL` is not a POSIX shell. BuildKit's `JSONArgsRecommended` also \
                      stays quiet when a stage sets any `SHELL` explicitly; a POSIX `SHELL` does not silence this \
                      rule, since `bash -c` has the same signal problem.",
    },
    check,
    ..Rule::DEFAULTS
};

/// The argument a word's source text stands for when the shell passes it on unchanged: plain characters,
/// single-quoted text, and double-quoted text without `$`, backquotes or backslashes. `None` for anything the
/// shell would expand or split (a variable, a glob, `~`, an escape).
fn literal_word(source: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => loop {
                match chars.next()? {
                    '\'' => break,
                    c => out.push(c),
                }
            },
            '"' => loop {
                match chars.next()? {
                    '"' => break,
                    '$' | '`' | '\\' => return None,
                    c => out.push(c),
                }
            },
            c if c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c) => out.push(c),
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A JSON array of these strings, on one line.
fn json_array<S: AsRef<str>>(elements: &[S]) -> String {
    let quoted: Vec<String> = elements
        .iter()
        .map(|e| serde_json::to_string(e.as_ref()).unwrap_or_default())
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// The source span of a shell-form command's text.
fn text_span(text: &LogicalText) -> Span {
    text.span_of(0, text.text.len())
}

const SHELL_BUILTINS: &[&str] = &[
    ".", ":", "alias", "cd", "command", "eval", "exec", "exit", "export", "read", "readonly",
    "return", "set", "shift", "source", "trap", "ulimit", "umask", "unset", "wait",
];

/// Whether switching this `CMD`/`ENTRYPOINT` to the exec form changes how the two combine: a shell-form
/// `ENTRYPOINT` ignores `CMD`, an exec-form one takes it as arguments, and an exec-form `ENTRYPOINT` receives a
/// shell-form `CMD` as `/bin/sh -c "..."`.
fn changes_pairing(ctx: &Context, info: &InstructionInfo) -> bool {
    let Some(stage) = info.stage.and_then(|s| ctx.stages.get(s)) else {
        return true;
    };
    let mut others = ctx.stage_instructions(stage).iter();
    match info.kind() {
        Keyword::Entrypoint => others
            .filter(|i| i.index != info.index)
            .any(|i| i.kind() == Keyword::Cmd),
        Keyword::Healthcheck => false,
        _ => others.any(|i| {
            i.kind() == Keyword::Entrypoint
                && matches!(i.node.body, Body::Command(Command::Exec(_)))
        }),
    }
}

/// The same program with the same arguments, in the JSON form: when every word is one the shell passes on
/// unchanged.
fn words_fix(
    ctx: &Context,
    info: &InstructionInfo,
    script: &Script,
    text: &LogicalText,
) -> Option<Fix> {
    // `app &`: the shell starts the program in the background and ends, which the JSON form cannot say.
    if changes_pairing(ctx, info) || text.text.trim_end().ends_with('&') {
        return None;
    }
    let [cmd] = script.commands.as_slice() else {
        return None;
    };
    if script.error.is_some()
        || !cmd.assignments.is_empty()
        || !cmd.redirects.is_empty()
        || cmd.depth != 0
    {
        return None;
    }
    let words: Vec<String> = cmd
        .words
        .iter()
        .map(|w| literal_word(ctx.text(w.span)))
        .collect::<Option<_>>()?;
    // `exec prog args` is what the JSON form does anyway; shell builtins have no program to run directly.
    let words = match words.split_first() {
        Some((first, rest)) if first == "exec" => rest,
        _ => words.as_slice(),
    };
    if SHELL_BUILTINS.contains(&words.first()?.as_str()) {
        return None;
    }
    Some(
        Fix::safe(
            "Use the JSON form",
            vec![Edit::replace(text_span(text), json_array(words))],
        )
        .explained(
            "Runs the same program with the same arguments directly, so it receives stop signals.",
        ),
    )
}

/// The stage's shell as a JSON form needs it: the `SHELL` set earlier in the stage, or `/bin/sh -c` when none is
/// in force. `None` when one is inherited from another stage (not known here).
fn shell_words(ctx: &Context, info: &InstructionInfo) -> Option<Vec<String>> {
    info.stage?;
    match shell_set_before(ctx, info).map(|i| &i.node.body) {
        Some(Body::Command(Command::Exec(exec))) => {
            Some(exec.elements.iter().map(|w| w.value.clone()).collect())
        }
        Some(_) => None,
        None => matches!(&info.shell, ShellKind::Posix { program, pipefail: false } if program == "/bin/sh")
            .then(|| vec!["/bin/sh".to_string(), "-c".to_string()]),
    }
}

/// The script on one line, `exec ` inserted at `exec_at`: the blanks that indented a continuation line become
/// one space where they sat outside quotes (there they only separate words); inside quotes they are part of a
/// word and stay.
fn one_line(text: &LogicalText, exec_at: Option<usize>) -> String {
    let continued: Vec<usize> = text.segments.iter().skip(1).map(|&(at, _, _)| at).collect();
    let mut out = String::new();
    let (mut single, mut double, mut escaped) = (false, false, false);
    let (mut skipping, mut skipped) = (false, false);
    for (at, c) in text.text.char_indices() {
        if continued.contains(&at) && !single && !double && !escaped {
            skipping = true;
        }
        if skipping {
            if matches!(c, ' ' | '\t') {
                skipped = true;
                continue;
            }
            if skipped && !out.ends_with([' ', '\t']) {
                out.push(' ');
            }
            (skipping, skipped) = (false, false);
        }
        if Some(at) == exec_at {
            out.push_str("exec ");
        }
        if escaped {
            escaped = false;
        } else {
            match c {
                '\\' if !single => escaped = true,
                '\'' if !double => single = !single,
                '"' if !single => double = !double,
                _ => {}
            }
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// Whether a script reads its positional parameters (`$1`, `$@`, `${#}` ...), which the JSON form would fill
/// with the `CMD` or the `docker run` arguments.
fn reads_positional(script: &str) -> bool {
    let bytes = script.as_bytes();
    bytes.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'$'
            && (w[1].is_ascii_digit()
                || matches!(w[1], b'@' | b'*' | b'#')
                || w[1] == b'{'
                    && bytes
                        .get(i + 2)
                        .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'@' | b'*' | b'#')))
    })
}

/// What Docker runs for the shell form, written as JSON: `["/bin/sh", "-c", "script"]`, with `exec` before the
/// script's last command (a program run last, at the top level, outside a pipeline) so that the program gets
/// the stop signals. `HEALTHCHECK` keeps its script as it is (nothing to stop). `None` when `exec` cannot go in
/// (the fix would then only hide the finding) or the JSON form would hand the script arguments it reads.
fn shell_fix(
    ctx: &Context,
    info: &InstructionInfo,
    script: &Script,
    text: &LogicalText,
) -> Option<Fix> {
    let health = info.kind() == Keyword::Healthcheck;
    // A script that starts with `[` is a JSON array gone wrong, not a command to keep.
    if script.error.is_some()
        || changes_pairing(ctx, info)
        || text.text.trim_start().starts_with('[')
    {
        return None;
    }
    if info.kind() == Keyword::Entrypoint && reads_positional(&text.text) {
        return None;
    }
    let mut exec_at = None;
    if !health {
        let top: Vec<&ShellCommand> = script
            .commands
            .iter()
            .filter(|c| !c.in_substitution)
            .collect();
        let last = top.last()?;
        let alone = !top
            .iter()
            .rev()
            .skip(1)
            .any(|c| c.pipeline == last.pipeline);
        let program = last.words.first()?.value.as_str();
        // `exec app $PORT` already hands the program the signals: the script stays as written.
        let execs = program == "exec" && last.words.len() > 1;
        // `A=1 exec app` would not hand every shell `A` to the program: a command with assignments stays. A
        // script that defines a function may call it last, which `exec` cannot run.
        if last.depth != 0
            || text.text.contains("()")
            || !alone
            || !last.assignments.is_empty()
            || matches!(last.joined_by, Some(Joiner::Pipe | Joiner::Background))
            || SHELL_BUILTINS.contains(&program) && !execs
            || text.text.trim_end().ends_with('&')
        {
            return None;
        }
        if !execs {
            exec_at = Some(text.to_logical(last.span.start)?);
        }
    }
    let body = one_line(text, exec_at);
    let mut words = shell_words(ctx, info)?;
    words.push(body);
    let array = json_array(&words);
    let shell = words[..words.len() - 1].join(" ");
    let fix = Fix::safe(
        "Use the JSON form",
        vec![Edit::replace(text_span(text), array)],
    );
    Some(if health {
        fix.explained(format!(
            "Writes out what Docker runs for the shell form (`{shell}` and the script), so the check runs the same."
        ))
    } else if exec_at.is_some() {
        fix.explained(format!(
            "Writes out the shell Docker runs for the shell form (`{shell}`) and starts the last command with \
             `exec`, so that program replaces the shell and receives the stop signals."
        ))
    } else {
        fix.explained(format!(
            "Writes out the shell Docker runs for the shell form (`{shell}`) and the script, whose `exec` already \
             hands the last program the stop signals."
        ))
    })
}

/// The elements of a would-be JSON array written with single quotes (`['bundle', 'exec']`), which Docker reads
/// as shell form: the shell then runs a program named `[bundle,`. `None` for anything else.
fn single_quoted_array(text: &str) -> Option<Vec<&str>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut elements = Vec::new();
    let mut rest = inner.trim_start();
    loop {
        let quoted = rest.strip_prefix('\'')?;
        let end = quoted.find('\'')?;
        elements.push(&quoted[..end]);
        rest = quoted[end + 1..].trim_start();
        match rest.strip_prefix(',') {
            Some(after) => rest = after.trim_start(),
            None if rest.is_empty() => return Some(elements),
            None => return None,
        }
    }
}

/// `['a', 'b']` rewritten as the JSON array `["a", "b"]` it was meant to be.
fn double_quoted_fix(elements: &[&str], text_span: Span) -> Fix {
    Fix::unsafe_(
        "Write the array with double quotes",
        vec![Edit::replace(text_span, json_array(elements))],
    )
    .explained(
        "JSON strings take double quotes: with single quotes Docker ran the text in a shell, which looked for a \
         program named like the first element with its bracket and comma, so the container could not start. \
         Unsafe only because it changes what runs: the program the array names now starts.",
    )
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        if !info.shell.is_posix() {
            continue;
        }
        let command = match (&info.node.kind, &info.node.body) {
            (Keyword::Cmd | Keyword::Entrypoint, Body::Command(c)) => c,
            (Keyword::Healthcheck, Body::Healthcheck(Healthcheck::Cmd { command, .. })) => command,
            _ => continue,
        };
        let Command::Shell(text) = command else {
            continue;
        };
        if text.text.trim().is_empty() {
            continue;
        }
        let span = text_span(text);
        let keyword = ctx.text(info.node.keyword).to_ascii_uppercase();
        if let Some(elements) = single_quoted_array(&text.text) {
            out.push(
                Diagnostic::new(
                    span,
                    format!(
                        "This `{keyword}` looks like a JSON array but uses single quotes, which JSON does not \
                         allow: Docker runs it in a shell, which reads `{}` as the program to run; write it with \
                         double quotes.",
                        text.text.split_whitespace().next().unwrap_or("[").replace('\'', "")
                    ),
                )
                .with_fix(double_quoted_fix(&elements, span)),
            );
            continue;
        }
        // `HEALTHCHECK CMD` has no script in the model (only `RUN`, `CMD` and `ENTRYPOINT` do).
        let parsed;
        let script = match info.scripts.as_slice() {
            [script] => Some(script),
            [] if info.kind() == Keyword::Healthcheck => {
                parsed = parse_script(text);
                Some(&parsed)
            }
            _ => None,
        };
        let direct = script.and_then(|script| words_fix(ctx, info, script, text));
        let runs_directly = direct.is_some();
        let fix = direct.or_else(|| script.and_then(|script| shell_fix(ctx, info, script, text)));
        // A health check is never stopped: what the shell costs it is one more process and the image's `sh`.
        let message = match (info.kind() == Keyword::Healthcheck, runs_directly) {
            (true, true) => format!(
                "`{keyword}` in shell form runs the check under `/bin/sh -c` every interval (and needs a shell in \
                 the image); write it as a JSON array (`[\"program\", \"arg\"]`) to run it directly."
            ),
            (true, false) => format!(
                "`{keyword}` in shell form hides that the check needs the image's `/bin/sh` (its shell syntax, \
                 such as `||` or a pipe, runs there); write it as a JSON array that names the shell, or drop the \
                 shell syntax to run the program directly."
            ),
            _ => format!(
                "`{keyword}` in shell form runs under `/bin/sh -c`, which does not forward `SIGTERM`, so the app \
                 is killed instead of stopped cleanly; write it as a JSON array (`[\"program\", \"arg\"]`)."
            ),
        };
        let mut diagnostic = Diagnostic::new(span, message);
        if let Some(fix) = fix {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

use dockwise_syntax::Healthcheck;

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn catches_shell_form_cmd_entrypoint_and_healthcheck() {
        let src = "FROM a:1\nCMD python app.py\nENTRYPOINT exec app\nHEALTHCHECK CMD curl -f http://x/ || exit 1\n";
        assert_eq!(lines("DW2025", src), vec![2, 3, 4]);
    }

    #[test]
    fn does_not_catch_json_form_or_onbuild() {
        assert!(lines(
            "DW2025",
            "FROM a:1\nCMD [\"python\", \"app.py\"]\nONBUILD CMD x\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_non_posix_shells() {
        let src = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nCMD Write-Host hi\n";
        assert!(lines("DW2025", src).is_empty());
    }

    #[test]
    fn fixes_a_plain_word_list() {
        assert_eq!(
            fixed("DW2025", "FROM a:1\nCMD gunicorn -b 0.0.0.0:8000 app:app\n"),
            "FROM a:1\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n"
        );
    }

    #[test]
    fn drops_a_leading_exec_when_fixing() {
        assert_eq!(
            fixed("DW2025", "FROM a:1\nENTRYPOINT exec nginx -g daemon\n"),
            "FROM a:1\nENTRYPOINT [\"nginx\", \"-g\", \"daemon\"]\n"
        );
    }

    #[test]
    fn does_not_fix_when_cmd_and_entrypoint_would_combine_differently() {
        let both = "FROM a:1\nENTRYPOINT app serve\nCMD [\"--port\", \"80\"]\n";
        assert_eq!(lines("DW2025", both), vec![2]);
        assert_eq!(fixed("DW2025", both), both);
        let exec_entrypoint = "FROM a:1\nENTRYPOINT [\"tini\", \"--\"]\nCMD app serve\n";
        assert_eq!(fixed("DW2025", exec_entrypoint), exec_entrypoint);
    }

    #[test]
    fn does_not_fix_shell_builtins() {
        for cmd in [
            "CMD cd /app",
            "CMD exec",
            "CMD source env.sh",
            "CMD ulimit -n 1024",
        ] {
            let src = format!("FROM a:1\n{cmd}\n");
            assert_eq!(fixed("DW2025", &src), src, "{cmd}");
        }
    }

    #[test]
    fn quoted_words_the_shell_passes_on_unchanged_are_copied() {
        assert_eq!(
            fixed("DW2025", "FROM a:1\nCMD nginx -g 'daemon off;'\nHEALTHCHECK CMD python3 \"/code/check.py\"\n"),
            "FROM a:1\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\nHEALTHCHECK CMD [\"python3\", \"/code/check.py\"]\n"
        );
        assert_eq!(
            fixed("DW2025", "FROM a:1\nCMD python -m colaboratory --ip='*' --name=\"a \\\"b\\\"\"\n"),
            "FROM a:1\nCMD [\"/bin/sh\", \"-c\", \"exec python -m colaboratory --ip='*' --name=\\\"a \\\\\\\"b\\\\\\\"\\\"\"]\n"
        );
    }

    /// A script that needs the shell keeps it, written out; `exec` hands the last program the stop signals.
    #[test]
    fn commands_that_need_a_shell_keep_it_and_exec_their_last_program() {
        for (cmd, json) in [
            (
                "CMD gunicorn --bind 0.0.0.0:$PORT app:app",
                r#"["/bin/sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app:app"]"#,
            ),
            (
                "CMD rm -f tmp/pids/server.pid && \\\n    rails server",
                r#"["/bin/sh", "-c", "rm -f tmp/pids/server.pid && exec rails server"]"#,
            ),
            // A script that already ends with `exec`.
            (
                "CMD python3 -m pip check && exec gunicorn --bind :$PORT app:app",
                r#"["/bin/sh", "-c", "python3 -m pip check && exec gunicorn --bind :$PORT app:app"]"#,
            ),
            // Blanks that indent a continuation line inside quotes are part of the word.
            (
                "CMD app --a=$A\\\n    --b=\"x \\\n  y\"",
                r#"["/bin/sh", "-c", "exec app --a=$A --b=\"x   y\""]"#,
            ),
            (
                "CMD ls *.txt > /tmp/list",
                r#"["/bin/sh", "-c", "exec ls *.txt > /tmp/list"]"#,
            ),
            (
                "HEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1",
                r#"["/bin/sh", "-c", "curl -f http://localhost/ || exit 1"]"#,
            ),
        ] {
            let keyword = if cmd.starts_with("HEALTHCHECK") {
                "HEALTHCHECK --interval=5s CMD"
            } else {
                "CMD"
            };
            assert_eq!(
                fixed("DW2025", &format!("FROM a:1\n{cmd}\n")),
                format!("FROM a:1\n{keyword} {json}\n"),
                "{cmd}"
            );
        }
        // The stage's SHELL runs the shell form, so it runs the JSON form too.
        assert_eq!(
            fixed("DW2025", "FROM a:1\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nCMD echo $HOME\n"),
            "FROM a:1\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nCMD [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"exec echo $HOME\"]\n"
        );
        // An ENTRYPOINT that reads no arguments ignores those `docker run` hands the JSON form.
        assert_eq!(
            fixed("DW2025", "FROM a:1\nENTRYPOINT app --port $PORT\n"),
            "FROM a:1\nENTRYPOINT [\"/bin/sh\", \"-c\", \"exec app --port $PORT\"]\n"
        );
    }

    #[test]
    fn no_fix_where_exec_cannot_go_in_or_the_shell_is_unknown() {
        assert_unfixed(
            "DW2025",
            &[
                // The last command is in a pipeline, in the background, a builtin, or inside a compound.
                "FROM a:1\nCMD app 2>&1 | tee /log\n",
                "FROM a:1\nCMD app &\n",
                "FROM a:1\nCMD app; cd /x\n",
                "FROM a:1\nCMD PYTHONPATH=. server.py --port $PORT\n",
                "FROM a:1\nCMD serve() { app --port $PORT; }; serve\n",
                "FROM a:1\nCMD if [ -n \"$W\" ]; then celery; else uwsgi; fi\n",
                // An ENTRYPOINT that reads its arguments would receive the CMD's.
                "FROM a:1\nENTRYPOINT app \"$@\"\n",
                "FROM a:1\nENTRYPOINT app ${1:-x}\n",
                // A SHELL set in the stage this one builds on.
                "FROM a:1 AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nCMD echo $HOME\n",
                // A CMD handed to an exec-form ENTRYPOINT; a shell-form ENTRYPOINT that ignores the stage's CMD.
                "FROM a:1\nENTRYPOINT app --port $PORT\nCMD [\"x\"]\n",
                "FROM a:1\nENTRYPOINT [\"tini\", \"--\"]\nCMD app $X\n",
            ],
        );
    }

    /// `CMD ['make']` is shell form to Docker (the shell runs `[make]`): the fix writes the JSON it meant.
    #[test]
    fn rewrites_a_single_quoted_array_with_double_quotes() {
        assert_eq!(
            fixed(
                "DW2025",
                "FROM a\nCMD ['bundle', 'exec', 'rackup', '-o', '0.0.0.0']\n"
            ),
            "FROM a\nCMD [\"bundle\", \"exec\", \"rackup\", \"-o\", \"0.0.0.0\"]\n"
        );
        assert_eq!(
            fixed(
                "DW2025",
                "FROM a\nENTRYPOINT [ '/bin/sh', '-c', 'echo \"$HOME\"' ]\n"
            ),
            "FROM a\nENTRYPOINT [\"/bin/sh\", \"-c\", \"echo \\\"$HOME\\\"\"]\n"
        );
        assert_eq!(lines("DW2025", "FROM a\nCMD ['make']\n"), vec![2]);
        for not_an_array in ["CMD ['a' 'b']", "CMD ['a', b]", "CMD ['a',]", "CMD []"] {
            let src = format!("FROM a\n{not_an_array}\n");
            assert_eq!(fixed("DW2025", &src), src, "{not_an_array}");
        }
    }

    /// The message said "run it directly" where the fix kept `/bin/sh -c` (the check used `||`).
    #[test]
    fn a_health_check_that_needs_the_shell_is_told_so() {
        let review = |src: &str| crate::lint::lint(src, &crate::Config::default()).findings;
        let needs_shell = review("FROM a:1\nHEALTHCHECK CMD curl -f http://x/ || exit 1\n");
        let message = &needs_shell
            .iter()
            .find(|f| f.rule.code == "DW2025")
            .expect("flagged")
            .diagnostic
            .message;
        assert!(
            message.contains("names the shell") && !message.contains("run it directly"),
            "{message}"
        );
        let plain = review("FROM a:1\nHEALTHCHECK CMD curl -f http://x/\n");
        let message = &plain
            .iter()
            .find(|f| f.rule.code == "DW2025")
            .expect("flagged")
            .diagnostic
            .message;
        assert!(message.contains("run it directly"), "{message}");
    }
}
