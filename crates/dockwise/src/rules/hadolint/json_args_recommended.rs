//! DL3025: shell-form `CMD`/`ENTRYPOINT`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2025",
    name: "json-args-recommended",
    category: Category::Runtime,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Hadolint, "DL3025"),
        Alias(Peer::Buildkit, "JSONArgsRecommended"),
    ],
    fix: FixKind::Sometimes,
    docs: rule_docs! {
        what: "Flags `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` written in shell form (`CMD python app.py`).",
        why: "The shell form runs the program under `/bin/sh -c`: the shell is PID 1 and does not pass on \
              `SIGTERM`, so `docker stop` waits ten seconds and kills the app without a clean shutdown. The JSON \
              (exec) form runs the program directly.",
        example: "FROM python:3.12-slim\nCMD python app.py\n",
        fixed: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
        fix_safety: "Safe when the command is a plain list of words (no variables, quotes, globs, redirections or \
                     operators) naming a program rather than a shell builtin: the same program gets the same \
                     arguments, only without the shell in between (a leading `exec` is dropped, since that is \
                     what it did). No fix is offered when the change would alter how `CMD` and `ENTRYPOINT` \
                     combine: a shell-form `ENTRYPOINT` in a stage that also sets `CMD` (the exec form would \
                     append the `CMD`), or a `CMD` next to an exec-form `ENTRYPOINT` (which would receive other \
                     arguments). An `ENTRYPOINT` inherited from the base image is not known here. Other commands \
                     are left for you (e.g. `[\"sh\", \"-c\", \"...\"]`). An array written with single quotes \
                     (`['make']`, shell form to Docker: it cannot start) is rewritten with double quotes, an \
                     unsafe fix only because the program then starts.",
        differences: "As in hadolint, `HEALTHCHECK CMD` is checked too and `ONBUILD CMD` is not. Nothing is \
                      reported in stages whose `SHELL` is not a POSIX shell. BuildKit's `JSONArgsRecommended` also \
                      stays quiet when a stage sets any `SHELL` explicitly; a POSIX `SHELL` does not silence this \
                      rule, since `bash -c` has the same signal problem.",
    },
    check,
    ..Rule::DEFAULTS
};

/// Characters a word may hold to be copied into JSON unchanged and mean the same without a shell.
fn plain_word(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
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
        _ => others.any(|i| {
            i.kind() == Keyword::Entrypoint
                && matches!(i.node.body, Body::Command(Command::Exec(_)))
        }),
    }
}

fn json_fix(ctx: &Context, info: &InstructionInfo, text_span: Span) -> Option<Fix> {
    if changes_pairing(ctx, info) {
        return None;
    }
    let [script] = info.scripts.as_slice() else {
        return None;
    };
    if script.error.is_some() {
        return None;
    }
    let [cmd] = script.commands.as_slice() else {
        return None;
    };
    if !cmd.assignments.is_empty() || !cmd.redirects.is_empty() || cmd.depth != 0 {
        return None;
    }
    if !cmd
        .words
        .iter()
        .all(|w| plain_word(ctx.text(w.span)) && w.value == ctx.text(w.span))
    {
        return None;
    }
    // `exec prog args` is what the JSON form does anyway; shell builtins have no program to run directly.
    let words = match cmd.words.split_first() {
        Some((first, rest)) if first.value == "exec" => rest,
        _ => cmd.words.as_slice(),
    };
    let program = words.first()?.value.as_str();
    if SHELL_BUILTINS.contains(&program) {
        return None;
    }
    let words: Vec<String> = words.iter().map(|w| format!("\"{}\"", w.value)).collect();
    Some(
        Fix::safe(
            "Use the JSON form",
            vec![Edit::replace(text_span, format!("[{}]", words.join(", ")))],
        )
        .explained(
            "Runs the same program with the same arguments directly, so it receives stop signals.",
        ),
    )
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
    let json: Vec<String> = elements
        .iter()
        .map(|e| format!("\"{}\"", e.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    Fix::unsafe_(
        "Write the array with double quotes",
        vec![Edit::replace(text_span, format!("[{}]", json.join(", ")))],
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
        let span = text.span_of(0, text.text.len());
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
        let mut diagnostic = Diagnostic::new(
            span,
            format!(
                "`{keyword}` in shell form runs under `/bin/sh -c`, which does not forward `SIGTERM`, so the app \
                 is killed instead of stopped cleanly; write it as a JSON array (`[\"program\", \"arg\"]`)."
            ),
        );
        if info.node.kind != Keyword::Healthcheck {
            if let Some(fix) = json_fix(ctx, info, span) {
                diagnostic = diagnostic.with_fix(fix);
            }
        }
        out.push(diagnostic);
    }
}

use dockwise_syntax::Healthcheck;

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

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
    fn does_not_fix_commands_that_need_a_shell() {
        for cmd in [
            "CMD echo $HOME",
            "CMD a && b",
            "CMD echo \"hi there\"",
            "CMD ls *.txt",
            "CMD a > log",
        ] {
            let src = format!("FROM a:1\n{cmd}\n");
            assert_eq!(fixed("DW2025", &src), src, "{cmd}");
        }
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
}
