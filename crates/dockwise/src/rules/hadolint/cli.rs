//! Reading package-manager command lines for the hadolint-parity rules: the subcommand, the operands (options and
//! their values skipped) and the small tests the pinning rules share.

use crate::rules::prelude::*;
use std::borrow::Cow;

/// The subcommand of the program at `words[program]`: the first later word that is neither an option nor the
/// value of an option listed in `takes_value` (given as a separate word). Returns its index in `words`.
pub fn subcommand<'a>(
    cmd: &'a ShellCommand,
    program: usize,
    takes_value: &[&str],
) -> Option<(usize, &'a Word)> {
    let mut skip_next = false;
    for (i, word) in cmd.words.iter().enumerate().skip(program + 1) {
        if skip_next {
            skip_next = false;
            continue;
        }
        let value = word.value.as_str();
        if value == "--" {
            return None;
        }
        if value.starts_with('-') && value.len() > 1 {
            skip_next = takes_value.contains(&value);
            continue;
        }
        return Some((i, word));
    }
    None
}

/// The operands after `words[from]`: words that are not options nor values of the options in `takes_value`.
/// Everything after `--` is an operand.
pub fn operands_after<'a>(
    cmd: &'a ShellCommand,
    from: usize,
    takes_value: &[&str],
) -> Vec<&'a Word> {
    let mut out = Vec::new();
    let mut skip_next = false;
    let mut after_dashes = false;
    for word in cmd.words.iter().skip(from + 1) {
        let value = word.value.as_str();
        if after_dashes {
            out.push(word);
            continue;
        }
        if skip_next {
            skip_next = false;
            continue;
        }
        if value == "--" {
            after_dashes = true;
            continue;
        }
        if value.starts_with('-') && value.len() > 1 {
            skip_next = takes_value.contains(&value);
            continue;
        }
        out.push(word);
    }
    out
}

/// `program [options] subcommand ...` where the program is `name` and the subcommand one of `subs`: the
/// subcommand's index in `words`.
pub fn invocation<'a>(
    cmd: &'a ShellCommand,
    name: &str,
    subs: &[&str],
    takes_value: &[&str],
) -> Option<(usize, &'a Word)> {
    if !cmd.is(name) {
        return None;
    }
    subcommand(cmd, 0, takes_value).filter(|(_, w)| subs.contains(&w.value.as_str()))
}

/// `apt-get [options] install ...`.
pub const APT_GET_VALUE_OPTIONS: &[&str] = &[
    "-t",
    "--target-release",
    "--default-release",
    "-o",
    "--option",
    "-c",
    "--config-file",
];

pub fn apt_get_install(cmd: &ShellCommand) -> Option<(usize, &Word)> {
    invocation(cmd, "apt-get", &["install"], APT_GET_VALUE_OPTIONS)
}

/// Every shell command of every `RUN`, with its instruction (shared with the ShellCheck-parity rules).
pub use crate::rules::common::commands::run_commands;

/// Like [`run_commands`], plus one command per exec-form `RUN` (`RUN ["gem", "install", "rails"]`) made from its
/// elements and the commands of `ONBUILD RUN`, for the rules that only read commands (never for fixes: the
/// exec-form spans are JSON strings).
pub fn run_commands_with_exec<'c>(
    ctx: &'c Context,
) -> Vec<(&'c InstructionInfo<'c>, Cow<'c, ShellCommand>)> {
    let mut out = Vec::new();
    for info in ctx
        .instructions
        .iter()
        .filter(|i| matches!(i.kind(), Keyword::Run | Keyword::Onbuild))
    {
        match &info.node.body {
            // `ONBUILD RUN ...` runs in every image built from this one: its packages matter as much.
            Body::Onbuild(inner) if inner.kind == Keyword::Run && info.shell.is_posix() => {
                if let Body::Command(Command::Shell(text)) = &inner.body {
                    let script = dockwise_syntax::shell::parse_script(text);
                    out.extend(script.commands.into_iter().map(|c| (info, Cow::Owned(c))));
                }
            }
            Body::Onbuild(_) => {}
            Body::Command(Command::Exec(exec)) if info.kind() == Keyword::Run => {
                if exec.elements.is_empty() {
                    continue;
                }
                let command = ShellCommand {
                    span: exec.span,
                    assignments: Vec::new(),
                    words: exec.elements.clone(),
                    program_name: dockwise_syntax::shell::ProgramName::of(&exec.elements),
                    redirects: Vec::new(),
                    joined_by: None,
                    pipeline: 0,
                    depth: 0,
                    in_substitution: false,
                };
                out.push((info, Cow::Owned(command)));
            }
            _ => out.extend(info.commands().map(|c| (info, Cow::Borrowed(c)))),
        }
    }
    out
}

/// The operands with variables resolved: `$PKGS` becomes the words of its value when an `ARG`/`ENV` default or
/// an earlier assignment in the same `RUN` gives it one (`deps="curl=7.88 git=1:2.39" && apt-get install $deps`).
/// Resolved words keep the span of the operand they came from; operands that stay unresolved (or hold a command
/// substitution) are returned as written.
pub fn resolve_operands(
    info: &InstructionInfo,
    cmd: &ShellCommand,
    operands: Vec<&Word>,
) -> Vec<Word> {
    if !operands.iter().any(|w| w.value.contains('$')) {
        return operands.into_iter().cloned().collect();
    }
    let mut scope = info.scope.clone();
    for earlier in info
        .commands()
        .filter(|c| c.span.start < cmd.span.start && c.words.is_empty())
    {
        for assignment in &earlier.assignments {
            if let Some((name, value)) = assignment.value.split_once('=') {
                let value = crate::model::expand(value, &scope);
                scope.set(name, Some(value));
            }
        }
    }
    let mut out = Vec::new();
    for word in operands {
        let value = &word.value;
        if !value.contains('$') || value.contains("$(") || value.contains('`') {
            out.push(word.clone());
            continue;
        }
        let expanded = crate::model::expand(value, &scope);
        if expanded.contains('$') {
            out.push(word.clone());
            continue;
        }
        out.extend(expanded.split_whitespace().map(|v| Word {
            span: word.span,
            value: v.to_string(),
        }));
    }
    out
}

/// True when the `RUN` mounts a cache (or tmpfs) over `path` (or a directory above it), so nothing written there
/// stays in the image.
pub fn mounts_cache_over(info: &InstructionInfo, path: &str) -> bool {
    let node = match &info.node.body {
        Body::Onbuild(inner) => inner,
        _ => info.node,
    };
    node.flags
        .iter()
        .filter(|f| f.name_text == "mount")
        .any(|f| {
            let Some(value) = &f.value else { return false };
            let parts: Vec<&str> = value.value.split(',').map(str::trim).collect();
            let kind = parts.iter().find_map(|p| p.strip_prefix("type="));
            let target = parts.iter().find_map(|p| {
                p.strip_prefix("target=")
                    .or_else(|| p.strip_prefix("dst="))
                    .or_else(|| p.strip_prefix("destination="))
            });
            matches!(kind, Some("cache" | "tmpfs"))
                && target.is_some_and(|t| {
                    let t = t.trim_end_matches('/');
                    !t.is_empty() && (path == t || path.starts_with(&format!("{t}/")))
                })
        })
}

/// Text to insert before the first package so a flag lands right after the subcommand: ` flag`.
pub fn insert_after(word: &Word, text: &str) -> Edit {
    Edit::insert(word.span.end, format!(" {text}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::common::with_context;
    use dockwise_syntax::ast::LogicalText;
    use dockwise_syntax::shell::parse_script;

    fn command(text: &str) -> ShellCommand {
        parse_script(&LogicalText::from_plain(text, 0))
            .commands
            .remove(0)
    }

    #[test]
    fn finds_the_subcommand_after_options_with_values() {
        let cmd = command("apt-get -t buster -y install curl");
        assert_eq!(apt_get_install(&cmd).map(|(i, _)| i), Some(4));
        let values: Vec<_> = operands_after(&cmd, 4, APT_GET_VALUE_OPTIONS)
            .iter()
            .map(|w| w.value.clone())
            .collect();
        assert_eq!(values, ["curl"]);
    }

    #[test]
    fn makes_a_command_of_an_exec_form_run() {
        let src = "FROM a:1\nRUN [\"gem\", \"install\", \"rails\"]\nRUN gem install x && true\n";
        let names: Vec<String> = with_context(src, |ctx| {
            run_commands_with_exec(ctx)
                .iter()
                .map(|(_, c)| {
                    c.words
                        .iter()
                        .map(|w| w.value.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        });
        assert_eq!(names, ["gem install rails", "gem install x", "true"]);
    }

    #[test]
    fn reads_the_commands_of_onbuild_run() {
        let src = "FROM a:1\nONBUILD RUN apk add curl && true\nONBUILD COPY . /app\n";
        with_context(src, |ctx| {
            let commands = run_commands_with_exec(ctx);
            let names: Vec<&str> = commands.iter().filter_map(|(_, c)| c.name()).collect();
            assert_eq!(names, ["apk", "true"]);
            assert_eq!(
                commands.first().map(|(_, c)| ctx.text(c.span)),
                Some("apk add curl")
            );
        });
    }

    #[test]
    fn does_not_take_an_option_value_for_the_subcommand() {
        assert!(apt_get_install(&command("apt-get -o install=1 update")).is_none());
        assert!(apt_get_install(&command("apt-get update")).is_none());
    }
}
