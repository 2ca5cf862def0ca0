//! DL3003: `cd` in a `RUN` instead of `WORKDIR`.

use crate::model::VarKind;
use crate::rewrite::{as_lines, keyword_like};
use crate::rules::common::commands::is_plain;
use crate::rules::common::cwd::{
    current_dir, ignores_directory, is_within, path_arguments, without_trailing_slash,
};
use crate::rules::common::stages::runs_as_root;
use crate::rules::prelude::*;
use dockwise_syntax::shell::Script;

pub static RULE: Rule = Rule {
    code: "DW2003",
    name: "cd-instead-of-workdir",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3003"), Alias(Peer::Trivy, "DS013")],
    fix: FixKind::Sometimes(fix_safety!(
        "Safe where only the `cd` changes, unsafe where steps are added or split. A `RUN` that starts with `cd /absolute/dir &&` (after any `set` of shell options; \
         `;` counts as `&&` under `set -e` or after `cd dir || exit`; a relative directory is resolved \
         against the known current one; `cd $DIR`, DIR an `ENV` holding an absolute path, becomes \
         `WORKDIR $DIR`) becomes `WORKDIR \
         /absolute/dir` before the `RUN`, when nothing after it depends on the directory before the \
         next absolute `WORKDIR` (or the directory was already the current one); when the build \
         succeeded the directory existed, so `WORKDIR` creates nothing. When later instructions use the \
         directory and it is known (the stage's `WORKDIR`, or `/` on official images that set none), \
         an unsafe fix also sets it back after the `RUN`. When commands that use no file of the \
         directory they run in (package installs, `mkdir -p`/`rm`/`chmod` of absolute paths) come \
         before the `cd`, an unsafe fix moves it to a `WORKDIR` too, in a step that runs as root: \
         those commands then run in that directory, which `WORKDIR` creates before them (a `mkdir` \
         of it goes). A `cd` after commands that only write files (`git clone`, `curl | tar`, `mkdir`, `cp`, package \
         installs) splits the `RUN` (unsafe): those commands keep a `RUN` of their own, the `cd` becomes a \
         `WORKDIR` and the rest a second `RUN`; not when a command after the `cd` removes, moves or re-owns files \
         (they would stay in the first layer), nor when anything else could carry over (variables, services). \
         A `RUN` that is only a `cd`, a `cd` that ends a `RUN` and a `cd` to the directory the `RUN` already \
         runs in change nothing in the image and are removed (safe)."
    )),
    docs: rule_docs! {
        what: "Flags `cd` in a `RUN`.",
        why: "`cd` lasts only until the end of its `RUN`, so the next instruction silently runs elsewhere; \
              `WORKDIR` sets the directory for every following instruction and documents it.",
        example: "FROM node:22\nCOPY . /app\nRUN cd /app && npm ci\nWORKDIR /app\n",
        fixed: "FROM node:22\nCOPY . /app\nWORKDIR /app\nRUN npm ci\n",
        differences: "Reported once per `RUN`, on its first `cd`, like hadolint (which also counts `cd` inside \
                      sub-shells and command substitutions).",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| crate::rules::common::commands::is_run(i))
    {
        let Some(cmd) = info.commands().find(|c| c.is("cd")) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            cmd.span,
            "`cd` only lasts until the end of this `RUN`, so later instructions quietly run somewhere else; set \
             the directory with `WORKDIR` instead.",
        );
        if let Some(fix) = fix(ctx, info) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

/// A trailing `cd` goes; a leading one becomes `WORKDIR`; one after commands that only write files splits the
/// `RUN`.
fn fix(ctx: &Context, info: &InstructionInfo) -> Option<Fix> {
    if info.scripts.len() != 1 || !info.node.heredocs.is_empty() {
        return None;
    }
    let script = info.scripts.first()?;
    if script.error.is_some() {
        return None;
    }
    trailing_cd(script)
        .or_else(|| leading_cd(ctx, info, script))
        .or_else(|| split_at_cd(ctx, info, script))
}

/// How many of a script's first commands only set shell options (`set -eux && cd /dir && ...`, the official
/// images' opening: they do not depend on the directory), and whether they turn on `errexit`.
fn option_commands(script: &Script) -> (usize, bool) {
    let options = script
        .commands
        .iter()
        .take_while(|c| is_plain(c) && sets_only_options(c))
        .count();
    let errexit = script.commands[..options].iter().any(|c| {
        c.args().iter().any(|a| {
            (a.value.starts_with('-') && !a.value.starts_with("-o") && a.value.contains('e'))
                || a.value == "errexit"
        })
    });
    (options, errexit)
}

/// A `cd` target as `WORKDIR` may write it, and the absolute directory it leads to.
struct CdTarget {
    /// What `WORKDIR` is given: the resolved directory, or the `ENV` variable the `cd` names.
    written: String,
    /// The absolute directory, without a trailing slash (`/` for the root).
    resolved: String,
}

/// Where `cd DIR` leads when that is known without running anything: an absolute DIR, a relative one below the
/// directory the `RUN` starts in (when known), or `$DIR`, an `ENV` holding an absolute path.
fn cd_target(ctx: &Context, info: &InstructionInfo, cd: &ShellCommand) -> Option<CdTarget> {
    let [dir] = cd.args() else { return None };
    if ctx.text(dir.span) != dir.value {
        return None;
    }
    // `cd $DIR`, DIR an `ENV` holding a plain absolute path: `WORKDIR $DIR` reads the same variable.
    let variable = env_directory(info, &dir.value);
    let value = variable.clone().unwrap_or_else(|| dir.value.clone());
    if value.contains(['$', '"', '\'', '\\', ' ', '*', '~']) {
        return None;
    }
    // A relative directory is resolved against the one the `RUN` starts in, when that is known.
    let absolute = if value.starts_with('/') {
        value
    } else if value.split('/').any(|part| part == "." || part == "..") {
        return None;
    } else {
        format!(
            "{}/{}",
            current_dir(ctx, info)?.trim_end_matches('/'),
            value
        )
    };
    let resolved = without_trailing_slash(&absolute).to_string();
    let written = if variable.is_some() {
        dir.value.clone()
    } else {
        resolved.clone()
    };
    Some(CdTarget { written, resolved })
}

/// `RUN cd /dir && ...`, after any shell options and commands that use no file of the directory they run in:
/// `WORKDIR /dir` before the `RUN`.
fn leading_cd(ctx: &Context, info: &InstructionInfo, script: &Script) -> Option<Fix> {
    let (options, errexit) = option_commands(script);
    // Commands that do the same in any directory may come before the `cd` (`apt-get install ... && cd /src`):
    // they then run in the directory `WORKDIR` sets.
    let at = options
        + script
            .commands
            .get(options..)?
            .iter()
            .position(|c| c.is("cd"))?;
    let first = &script.commands[at];
    let before = &script.commands[options..at];
    if !is_plain(first) {
        return None;
    }
    let rest = script.commands.get(at + 1..).unwrap_or(&[]);
    if rest.is_empty() && before.is_empty() {
        return Some(
            Fix::safe(
                "Remove the RUN that only changes directory",
                vec![Edit::delete(info.node.span)],
            )
            .explained("A `RUN` that only runs `cd` leaves nothing in the image."),
        );
    }
    let [dir] = first.args() else { return None };
    // `cd dir || exit; ...` (what ShellCheck asks for) stops the script when the `cd` fails, as `&&` does.
    let guarded = rest
        .first()
        .filter(|c| exits_with_failure(c) && c.joined_by == Some(Joiner::Or));
    let (cd_end, rest) = match guarded {
        Some(exit) => (exit.span.end, rest.get(1..).unwrap_or(&[])),
        None => (first.span.end, rest),
    };
    let next = rest.first()?;
    // What follows must run only if the `cd` succeeded: `&&`, or `;` under `set -e` or after `|| exit`.
    let checked = match next.joined_by {
        Some(Joiner::And) => true,
        Some(Joiner::Sequence) => errexit || guarded.is_some(),
        _ => false,
    };
    if !checked {
        return None;
    }
    // The `cd`, its joiner and the blanks after it go; what follows may be a compound (`if`, `(`, `for` ...),
    // whose first inner command starts after its keyword.
    let resume = after_joiner(ctx.source, cd_end)?;
    let between = ctx.source.get(resume..next.span.start)?;
    if next.depth > 0 && !starts_compound(between) || next.depth == 0 && !between.is_empty() {
        return None;
    }
    let CdTarget { written, resolved } = cd_target(ctx, info, first)?;
    let (target, resolved) = (written.as_str(), resolved.as_str());
    // Where the `RUN` already runs (its stage's `WORKDIR`, or the base image's): the `cd` alone goes.
    let already_there = current_dir(ctx, info)
        .as_deref()
        .map(without_trailing_slash)
        == Some(resolved);
    let mut edits = Vec::new();
    if !before.is_empty() {
        // `WORKDIR` creates the directory as root before those commands run: a `mkdir` of it goes.
        let made = moved_before_cd(ctx, info, before, first, &dir.value, resolved)?;
        // A `mkdir` without `-p` fails when the folder exists, and then what follows a `;` (without `set -e`)
        // still ran: without the `mkdir`, the commands up to it would run too.
        let may_fail = made
            .iter()
            .any(|m| !m.args().iter().any(|a| a.value == "-p"));
        let runs_anyway = rest
            .iter()
            .any(|c| c.depth == 0 && c.joined_by == Some(Joiner::Sequence));
        if may_fail && runs_anyway && !errexit {
            return None;
        }
        for mkdir in made {
            edits.push(Edit::delete(Span::new(
                mkdir.span.start,
                after_joiner(ctx.source, mkdir.span.end)?,
            )));
        }
    }
    edits.push(Edit::delete(Span::new(first.span.start, resume)));
    let mut restore = None;
    let mut replaces_later = false;
    if !already_there {
        // Later instructions that use the directory get it back with a second WORKDIR, when it is known.
        if !later_instructions_ignore_workdir(ctx, info) {
            restore = Some(current_dir(ctx, info)?);
        }
        let keyword = keyword_like(ctx.text(info.node.keyword), Keyword::Workdir);
        let style = ctx.style();
        let at = info.node.span.start;
        edits.push(Edit::insert(
            at,
            as_lines(ctx.source, at, &[format!("{keyword} {target}")], style),
        ));
        if let Some(back) = &restore {
            let after = info.node.span.end;
            edits.push(Edit::insert(
                after,
                as_lines(ctx.source, after, &[format!("{keyword} {back}")], style),
            ));
        } else if let Some(repeated) = same_workdir_next(ctx, info, resolved) {
            // The file's own `WORKDIR` of the same folder follows: the one written here takes its place.
            edits.push(Edit::delete(repeated));
            replaces_later = true;
        }
    }
    if !before.is_empty() {
        let back = restore
            .map(|back| format!(" `WORKDIR {back}` after the `RUN` restores the directory."))
            .unwrap_or_default();
        return Some(
            Fix::unsafe_("Set the directory with WORKDIR before the RUN", edits).explained(format!(
                "`WORKDIR {target}` replaces the `cd`, so the commands before it, which use no file of the \
                 directory they run in, run there too (`WORKDIR` creates it: a `mkdir` of it goes).{back}"
            )),
        );
    }
    Some(match restore {
        None => Fix::safe("Set the directory with WORKDIR", edits).explained(format!(
            "`WORKDIR {target}` replaces the `cd` at the start of the `RUN`.{}",
            if replaces_later {
                " It also takes the place of the same `WORKDIR` after the `RUN`."
            } else {
                ""
            }
        )),
        Some(back) => Fix::unsafe_("Set the directory with WORKDIR, then set it back", edits)
            .explained(format!(
                "`WORKDIR {target}` replaces the leading `cd`; `WORKDIR {back}` after the `RUN` restores the directory."
            )),
    })
}

/// Programs whose only lasting effect is the files they write: nothing they do carries over to a later `RUN`
/// but files (no variable, no process left running).
const FILE_WRITERS: &[&str] = &[
    "curl", "wget", "tar", "unzip", "gunzip", "mkdir", "cp", "ln", "touch", "chmod", "chown",
    "echo", "printf",
];

/// Programs of which only these subcommands just write files.
const FILE_WRITING_SUBCOMMANDS: &[(&str, &[&str])] = &[
    (
        "git",
        &[
            "clone",
            "checkout",
            "fetch",
            "pull",
            "submodule",
            "config",
            "init",
            "apply",
            "reset",
        ],
    ),
    ("apt-get", &["update", "install"]),
    ("apk", &["update", "add"]),
    ("pip", &["install"]),
    ("pip3", &["install"]),
    ("gem", &["install"]),
    ("npm", &["install", "ci", "i"]),
    ("go", &["install", "get", "build", "mod"]),
];

/// Whether `cmd` only writes files ([`FILE_WRITERS`], [`FILE_WRITING_SUBCOMMANDS`]), with no variable set for it.
fn only_writes_files(cmd: &ShellCommand) -> bool {
    if !cmd.assignments.is_empty() {
        return false;
    }
    if FILE_WRITERS.iter().any(|name| cmd.is(name)) {
        return true;
    }
    let subcommand = cmd.subcommand();
    FILE_WRITING_SUBCOMMANDS.iter().any(|(name, subcommands)| {
        cmd.is(name) && subcommand.is_some_and(|s| subcommands.contains(&s))
    })
}

/// Whether `cmd` removes, moves or re-owns files: after a split, what it changes of the files the first `RUN`
/// wrote would stay in that layer as well (the image grows by them).
fn rewrites_earlier_files(cmd: &ShellCommand) -> bool {
    let subcommand = || cmd.subcommand().unwrap_or("");
    match cmd.program().unwrap_or("") {
        "rm" | "rmdir" | "unlink" | "mv" | "shred" => true,
        "chown" | "chmod" | "chgrp" => cmd.has_flag("-R") || cmd.has_flag("--recursive"),
        "find" => cmd
            .args()
            .iter()
            .any(|a| matches!(a.value.as_str(), "-delete" | "-exec" | "-execdir")),
        "apt-get" | "apt" | "yum" | "dnf" | "microdnf" | "zypper" => matches!(
            subcommand(),
            "purge" | "remove" | "autoremove" | "clean" | "erase"
        ),
        "apk" => subcommand() == "del",
        "pip" | "pip3" | "npm" => matches!(subcommand(), "uninstall" | "prune" | "cache"),
        "git" | "make" => matches!(subcommand(), "clean" | "distclean" | "uninstall"),
        _ => false,
    }
}

/// `git clone URL app && cd app && make install`: the commands before the `cd` only write files
/// ([`only_writes_files`]), so they keep a `RUN` of their own, the `cd` becomes a `WORKDIR` and what follows it a
/// second `RUN` (with the script's shell options again); `WORKDIR` back after it when later instructions use
/// the directory. Not when a command after the `cd` removes, moves or re-owns files: they would stay in the
/// first layer.
fn split_at_cd(ctx: &Context, info: &InstructionInfo, script: &Script) -> Option<Fix> {
    let node = info.node;
    if !node.flags.is_empty()
        || !info.shell.is_posix()
        || !matches!(node.body, Body::Command(Command::Shell(_)))
    {
        return None;
    }
    let (options, errexit) = option_commands(script);
    let commands = &script.commands;
    let at = options + commands.get(options..)?.iter().position(|c| c.is("cd"))?;
    let (before, cd, after) = (commands.get(options..at)?, &commands[at], script.after(at));
    let (first, last, next) = (before.first()?, before.last()?, after.first()?);
    // What follows a command runs only if it succeeded: `&&`, or `;` under `set -e`.
    let checked = |c: &ShellCommand| match c.joined_by {
        Some(Joiner::And) => true,
        Some(Joiner::Sequence) => errexit,
        _ => false,
    };
    let opens = matches!(first.joined_by, None | Some(Joiner::And | Joiner::Sequence));
    let before_ok = before.iter().enumerate().all(|(i, c)| {
        let joined = i == 0 || checked(c) || c.joined_by == Some(Joiner::Pipe);
        joined && c.at_top_level() && only_writes_files(c)
    });
    // After the `cd`: no `||` at the top level (`... || echo failed` would have run after a failure before the
    // `cd` too) other than `|| exit N`, nor `;` without `set -e` (what follows it ran whatever came before: a
    // failed `mkdir` would now stop the build), nothing sent to the background, nothing that rewrites earlier files.
    let after_ok = after.iter().all(|c| {
        let joiner_ok = match c.joined_by {
            Some(Joiner::Background) => false,
            Some(Joiner::Or) => c.depth > 0 || exits_with_failure(c),
            Some(Joiner::Sequence) => c.depth > 0 || errexit,
            _ => true,
        };
        joiner_ok && !rewrites_earlier_files(c)
    });
    if !opens
        || !before_ok
        || !after_ok
        || !is_plain(cd)
        || !checked(cd)
        || !checked(next)
        || !next.at_top_level()
    {
        return None;
    }
    // Only joiners and blanks between the last command before the `cd`, the `cd` and the command after it.
    let source = ctx.source;
    if after_joiner(source, last.span.end)? != cd.span.start
        || after_joiner(source, cd.span.end)? != next.span.start
    {
        return None;
    }
    let target = cd_target(ctx, info, cd)?;
    let here = current_dir(ctx, info);
    if here.as_deref().map(without_trailing_slash) == Some(target.resolved.as_str()) {
        return Some(
            Fix::safe(
                "Remove the cd to the current directory",
                vec![Edit::delete(Span::new(cd.span.start, next.span.start))],
            )
            .explained("The `RUN` already runs in that directory: the `cd` changes nothing."),
        );
    }
    let restore = if later_instructions_ignore_workdir(ctx, info) {
        None
    } else {
        Some(here?)
    };
    let run = ctx.text(node.keyword);
    let workdir = keyword_like(run, Keyword::Workdir);
    let style = ctx.style();
    let newline = style.newline;
    // The shell options, as written up to the first command before the `cd`, open the second `RUN` too.
    let options_text = match commands.first() {
        Some(opening) if options > 0 => source.get(opening.span.start..first.span.start)?,
        _ => "",
    };
    let written = &target.written;
    // The whole instruction is replaced, so that no other fix of this `RUN` applies in the same round (an
    // `rm -rf /var/lib/apt/lists/*` appended to it would land in the second `RUN`, after the first kept the lists).
    let mut text = format!(
        "{}{newline}{workdir} {written}{newline}{run} {options_text}{}",
        source.get(node.span.start..last.span.end)?,
        source.get(next.span.start..node.span.end)?
    );
    if let Some(back) = &restore {
        text.push_str(&as_lines(
            &text,
            text.len(),
            &[format!("{workdir} {back}")],
            style,
        ));
    }
    let edits = vec![Edit::replace(node.span, text)];
    let back = restore
        .map(|back| {
            format!(" `WORKDIR {back}` after them restores the directory for later instructions.")
        })
        .unwrap_or_default();
    Some(
        Fix::unsafe_("Split the RUN at the cd, with WORKDIR between", edits).explained(format!(
            "The commands before the `cd` only fetch, unpack or copy files, so they keep a `RUN` of their own; \
             `WORKDIR {written}` replaces the `cd`, and the commands after it run in a second `RUN`.{back}"
        )),
    )
}

/// The `mkdir`s of the directory among `before`, the commands between a `RUN`'s shell options and its `cd`, when
/// they may all run in that directory instead: the step runs as root (a `mkdir` by another user would own the
/// directory), each is a top-level command joined by `&&` or `;` that ignores the directory it runs in (or a plain
/// `mkdir [-p]` of the directory, which `WORKDIR` replaces), and none writes the directory or a parent of it
/// (`WORKDIR` made it first: `mkdir` without `-p` would fail, `ln`/`cp` would write into it).
fn moved_before_cd<'s>(
    ctx: &Context,
    info: &InstructionInfo,
    before: &'s [ShellCommand],
    cd: &ShellCommand,
    written: &str,
    resolved: &str,
) -> Option<Vec<&'s ShellCommand>> {
    let joined =
        |c: &ShellCommand| matches!(c.joined_by, None | Some(Joiner::And | Joiner::Sequence));
    if !runs_as_root(ctx, info) || !joined(cd) {
        return None;
    }
    // The directory as the `cd` wrote it (`mkdir build && cd build`) or resolved.
    let names_dir = |path: &str| path == written || path.trim_end_matches('/') == resolved;
    let mut made = Vec::new();
    for command in before {
        if command.depth > 0 || command.in_substitution || !joined(command) {
            return None;
        }
        let paths = path_arguments(command).unwrap_or_default();
        let plain_mkdir = command.is("mkdir")
            && command.assignments.is_empty()
            && command.redirects.is_empty()
            && command
                .args()
                .iter()
                .all(|a| !a.value.starts_with('-') || a.value == "-p");
        if plain_mkdir && !paths.is_empty() && paths.iter().all(|p| names_dir(&p.value)) {
            made.push(command);
            continue;
        }
        let parents = command.is("mkdir") && command.args().iter().any(|a| a.value == "-p");
        let writes_dir = paths
            .iter()
            .any(|p| names_dir(&p.value) || is_within(resolved, &p.value));
        if !ignores_directory(command) || writes_dir && !parents {
            return None;
        }
    }
    Some(made)
}

/// The value of `$NAME` or `${NAME}` when NAME is an `ENV` set before this `RUN` to an absolute path (an `ARG`
/// could be empty or another path at build time; `WORKDIR` and the shell read an `ENV` alike).
fn env_directory(info: &InstructionInfo, word: &str) -> Option<String> {
    let name = word.strip_prefix('$')?;
    let name = name
        .strip_prefix('{')
        .and_then(|n| n.strip_suffix('}'))
        .unwrap_or(name);
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    if info.scope.kind(name) != Some(VarKind::Env) {
        return None;
    }
    let value = info.scope.get(name)?;
    value.starts_with('/').then(|| value.to_string())
}

/// Where the command after a `cd` ending at `from` begins: past the `&&` or `;` that follows and the blanks and
/// line continuations around it. `None` when something else (a comment line, a redirect) is in between.
fn after_joiner(source: &str, from: usize) -> Option<usize> {
    let blanks = |text: &str, newlines: bool| {
        let mut at = 0;
        loop {
            let rest = text.get(at..).unwrap_or("");
            if rest.starts_with([' ', '\t']) || newlines && rest.starts_with('\n') {
                at += 1;
            } else if let Some(n) = ["\\\n", "\\\r\n"].iter().find(|c| rest.starts_with(**c)) {
                at += n.len();
            } else {
                return at;
            }
        }
    };
    let text = source.get(from..)?;
    let mut at = blanks(text, false);
    let rest = text.get(at..)?;
    at += if rest.starts_with("&&") {
        2
    } else if rest.starts_with(';') && !rest.starts_with(";;") {
        1
    } else {
        return None;
    };
    at += blanks(text.get(at..)?, true);
    Some(from + at)
}

/// Text that opens a compound command, up to its first inner command.
fn starts_compound(text: &str) -> bool {
    let word = text.split([' ', '\t', '\\', '\n']).next().unwrap_or("");
    matches!(word, "if" | "while" | "until" | "for" | "case" | "{") || text.starts_with('(')
}

/// `exit` or `exit N` with N other than 0: ends the script with a failure.
fn exits_with_failure(cmd: &ShellCommand) -> bool {
    cmd.is("exit")
        && cmd.depth == 0
        && match cmd.args() {
            [] => true,
            [code] => code.value.parse::<u8>().is_ok_and(|n| n != 0),
            _ => false,
        }
}

/// `set -eux`, `set -o pipefail`: a `set` that changes shell options and no positional parameters.
fn sets_only_options(cmd: &ShellCommand) -> bool {
    let args = cmd.args();
    cmd.is("set")
        && !args.is_empty()
        && args.iter().enumerate().all(|(i, a)| {
            let option = a.value.len() > 1 && a.value.starts_with(['-', '+']) && a.value != "--";
            let named = i > 0 && matches!(args[i - 1].value.as_str(), "-o" | "+o");
            (option || named) && !a.value.contains(['$', '`'])
        })
}

/// `make && cd /x` ending a `RUN` (what merging a lone `RUN cd /x` into the one before leaves): the `cd`
/// changes nothing in the image, so it goes.
fn trailing_cd(script: &dockwise_syntax::shell::Script) -> Option<Fix> {
    let [.., before, last] = script.commands.as_slice() else {
        return None;
    };
    let plain = |c: &ShellCommand| c.at_top_level() && c.redirects.is_empty();
    if !last.is("cd") || !plain(last) || !plain(before) || last.joined_by != Some(Joiner::And) {
        return None;
    }
    Some(
        Fix::safe(
            "Remove the cd that ends the RUN",
            vec![Edit::delete(Span::new(before.span.end, last.span.end))],
        )
        .explained(
            "A `cd` at the end of a `RUN` has no effect on the image or on later instructions.",
        ),
    )
}

/// Nothing after `run` in its stage runs in, copies to or starts from the current directory before the next
/// absolute `WORKDIR`, and there is one: the directory `WORKDIR` leaves behind is then never seen. A `COPY` or
/// `ADD` to an absolute destination and a `RUN` that first `cd`s to an absolute directory do not see it either.
fn later_instructions_ignore_workdir(ctx: &Context, run: &InstructionInfo) -> bool {
    for later in steps_after(ctx, run) {
        match (later.kind(), &later.node.body) {
            (Keyword::Workdir, Body::Words(words)) => {
                return words.first().is_some_and(|w| w.value.starts_with('/'));
            }
            (kind, _) if never_reads_the_directory(kind) => {}
            (Keyword::Copy | Keyword::Add, Body::Copy(copy))
                if copy
                    .destination
                    .as_ref()
                    .is_some_and(|d| d.value.starts_with('/')) => {}
            (Keyword::Run, _) if starts_with_absolute_cd(later) => {}
            _ => return false,
        }
    }
    false
}

/// The instructions after `run` in its stage, in order (none before the first `FROM`).
fn steps_after<'c>(ctx: &'c Context, run: &InstructionInfo) -> &'c [InstructionInfo<'c>] {
    let Some(stage) = run.stage.and_then(|s| ctx.stages.get(s)) else {
        return &[];
    };
    let instructions = ctx.stage_instructions(stage);
    // In order of index: start right after the RUN rather than filtering every instruction of the stage.
    let after = instructions.partition_point(|i| i.index <= run.index);
    instructions.get(after..).unwrap_or(&[])
}

/// Instructions that never read the working directory.
fn never_reads_the_directory(kind: Keyword) -> bool {
    matches!(
        kind,
        Keyword::Env
            | Keyword::Arg
            | Keyword::Label
            | Keyword::Expose
            | Keyword::User
            | Keyword::Maintainer
            | Keyword::Stopsignal
    )
}

/// The span of the next `WORKDIR` after `run` when it sets `dir` again and only instructions that ignore the
/// directory (`ENV`, `LABEL`, `USER`, ...) come between: the `WORKDIR` a fix writes before `run` makes it a
/// repeat.
fn same_workdir_next(ctx: &Context, run: &InstructionInfo, dir: &str) -> Option<Span> {
    for later in steps_after(ctx, run) {
        match (later.kind(), &later.node.body) {
            (Keyword::Workdir, Body::Words(words)) => {
                let word = words.first()?;
                let value = word.value.trim_end_matches('/');
                let literal = ctx.text(word.span) == word.value && !value.contains('$');
                return (literal && value == dir).then_some(later.node.span);
            }
            (kind, _) if never_reads_the_directory(kind) => {}
            _ => return None,
        }
    }
    None
}

/// A shell-form `RUN` (no flags, no heredocs) whose first command is `cd /absolute` followed by `&&`, `|| exit`
/// or nothing: nothing in it reads the directory it starts in.
fn starts_with_absolute_cd(info: &InstructionInfo) -> bool {
    let node = info.node;
    if !node.flags.is_empty()
        || !node.heredocs.is_empty()
        || !info.shell.is_posix()
        || !matches!(node.body, Body::Command(Command::Shell(_)))
    {
        return false;
    }
    let mut commands = info.commands();
    let Some(cd) = commands.next() else {
        return false;
    };
    let absolute = matches!(cd.args(), [target] if target.value.starts_with('/') && !target.value.contains('$'));
    // `&&`, or the `|| exit` guard ShellCheck asks for: what follows runs only where the `cd` led.
    let then = commands.next().is_none_or(|next| {
        next.joined_by == Some(Joiner::And)
            || (next.joined_by == Some(Joiner::Or) && exits_with_failure(next))
    });
    cd.is("cd") && is_plain(cd) && absolute && then
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{
        assert_flagged_once_unfixed, assert_unfixed, fixed, lines,
    };

    #[test]
    fn fix_turns_a_leading_cd_into_workdir() {
        assert_eq!(
            fixed("DW2003", "FROM a:1\nCOPY . /app\nRUN cd /app && \\\n    make\nENV X=1\nWORKDIR /app\nCMD x\n"),
            "FROM a:1\nCOPY . /app\nWORKDIR /app\nRUN make\nENV X=1\nCMD x\n"
        );
        // The file's own WORKDIR of the folder is kept when a step that reads the directory comes first.
        assert_eq!(
            fixed(
                "DW2003",
                "FROM python:3.12\nRUN cd /app && make\nCOPY x .\nWORKDIR /app\n"
            ),
            "FROM python:3.12\nWORKDIR /app\nRUN make\nWORKDIR /\nCOPY x .\nWORKDIR /app\n"
        );
        // Already there: the `cd` goes, nothing else changes.
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nWORKDIR /app\nRUN cd /app/ && make\nCMD x\n"
            ),
            "FROM a:1\nWORKDIR /app\nRUN make\nCMD x\n"
        );
        assert_eq!(
            fixed("DW2003", "FROM a:1\nRUN cd /app\nCMD x\n"),
            "FROM a:1\nCMD x\n"
        );
    }

    /// On a base whose directory is unknown, a `cd` still becomes `WORKDIR` when nothing after it reads the
    /// directory before an absolute `WORKDIR`: `RUN`s that first `cd` to an absolute directory, and `COPY`/`ADD`
    /// to absolute destinations, do not.
    #[test]
    fn later_steps_that_cd_first_or_copy_to_absolute_paths_ignore_the_directory() {
        assert_eq!(
            fixed(
                "DW2003",
                "FROM example/base:1\nRUN cd /src/a && make\nCOPY x /etc/x\nRUN cd /src/b && make\nWORKDIR /app\nCMD x\n"
            ),
            "FROM example/base:1\nWORKDIR /src/a\nRUN make\nCOPY x /etc/x\nWORKDIR /src/b\nRUN make\nWORKDIR /app\nCMD x\n"
        );
        for later in [
            "COPY x etc/x",
            "RUN make && cd /src/b",
            "RUN cd /src/b; make",
            "RUN cd /src/b || true; make",
            "RUN cd src/b && make",
            "RUN cd /src/b > log && make",
            "RUN [\"make\"]",
        ] {
            let src = format!(
                "FROM example/base:1\nRUN cd /src/a && make\n{later}\nWORKDIR /app\nCMD x\n"
            );
            assert!(
                fixed("DW2003", &src).contains("RUN cd /src/a && make"),
                "{later}"
            );
        }
    }

    #[test]
    fn a_later_cd_guarded_by_exit_ignores_the_directory_too() {
        let ignores = |later: &str| {
            let src =
                format!("FROM example/base:1\nRUN cd /src/a && make\n{later}\nWORKDIR /app\n");
            crate::rules::common::with_context(&src, |ctx| {
                super::later_instructions_ignore_workdir(ctx, &ctx.instructions[1])
            })
        };
        assert!(ignores("RUN cd /src/b || exit 1; make"));
        assert!(ignores("RUN cd /src/b && make"));
        assert!(!ignores("RUN cd /src/b || true; make"));
        assert!(!ignores("RUN cd /src/b; make"));
    }

    /// httpd's image sets `WORKDIR /usr/local/apache2` (golang's `/go`): setting the directory back must return
    /// there, not to `/`, or a later relative `COPY` lands elsewhere (it once restored `/` for httpd).
    #[test]
    fn the_directory_set_back_is_the_base_image_s_own() {
        assert_eq!(
            fixed("DW2003", "FROM httpd:2.4\nRUN cd /tmp && make\nCOPY my.conf conf/\n"),
            "FROM httpd:2.4\nWORKDIR /tmp\nRUN make\nWORKDIR /usr/local/apache2\nCOPY my.conf conf/\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM golang:1.26\nRUN cd /go/src/x && go install ./...\nCMD [\"x\"]\n"
            ),
            "FROM golang:1.26\nWORKDIR /go/src/x\nRUN go install ./...\nWORKDIR /go\nCMD [\"x\"]\n"
        );
        // An unofficial image's directory is unknown: no fix that would need it.
        let src = "FROM example/httpd:2.4\nRUN cd /tmp && make\nCOPY my.conf conf/\n";
        assert_eq!(fixed("DW2003", src), src);
    }

    #[test]
    fn a_cd_into_an_env_directory_becomes_a_workdir_of_the_same_variable() {
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nENV APP=/srv/app\nRUN cd $APP && make\nWORKDIR /x\n"
            ),
            "FROM a:1\nENV APP=/srv/app\nWORKDIR $APP\nRUN make\nWORKDIR /x\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM alpine:3.22\nENV APP /srv/\nRUN cd ${APP} && make\nCMD [\"./x\"]\n"
            ),
            "FROM alpine:3.22\nENV APP /srv/\nWORKDIR ${APP}\nRUN make\nWORKDIR /\nCMD [\"./x\"]\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nENV APP=/srv\nWORKDIR /srv\nRUN cd $APP && make\n"
            ),
            "FROM a:1\nENV APP=/srv\nWORKDIR /srv\nRUN make\n"
        );
        // An ARG may be empty or another path at build time; a value with a space splits in the shell; an
        // unknown variable; a relative value; a longer word.
        assert_unfixed(
            "DW2003",
            &[
                "FROM a:1\nARG APP=/srv\nRUN cd $APP && make\nWORKDIR /x\n",
                "FROM a:1\nENV APP=\"/a b\"\nRUN cd $APP && make\nWORKDIR /x\n",
                "FROM a:1\nRUN cd $APP && make\nWORKDIR /x\n",
                "FROM a:1\nENV APP=srv\nRUN cd $APP && make\nWORKDIR /x\n",
                "FROM a:1\nENV APP=/srv\nRUN cd $APP/sub && make\nWORKDIR /x\n",
                "FROM a:1\nENV APP=/srv\nRUN cd \"$APP\" && make\nWORKDIR /x\n",
            ],
        );
    }

    #[test]
    fn shell_options_before_the_cd_stay_in_the_run() {
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nRUN set -ex \\\n\t&& cd /usr/local/etc \\\n\t&& make\nWORKDIR /x\n"
            ),
            "FROM a:1\nWORKDIR /usr/local/etc\nRUN set -ex \\\n\t&& make\nWORKDIR /x\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nRUN set -eux; set -o pipefail; cd /opt; make\nWORKDIR /x\n"
            ),
            "FROM a:1\nWORKDIR /opt\nRUN set -eux; set -o pipefail; make\nWORKDIR /x\n"
        );
        // Without `set -e`, `;` runs the next command even when the `cd` failed: no fix.
        assert_unfixed(
            "DW2003",
            &[
                "FROM a:1\nRUN set -x; cd /opt; make\nWORKDIR /x\n",
                "FROM a:1\nRUN set -o pipefail; cd /opt; make\nWORKDIR /x\n",
                "FROM a:1\nRUN set -- a b && cd /opt && make\nWORKDIR /x\n",
                "FROM a:1\nRUN set -e > /log && cd /opt && make\nWORKDIR /x\n",
            ],
        );
    }

    #[test]
    fn relative_directories_resolve_and_exit_guards_count_as_and() {
        assert_eq!(
            fixed("DW2003", "FROM a:1\nWORKDIR /build\nRUN set -ex && cd rootfs && tar -cf ../r.tar .\nWORKDIR /x\n"),
            "FROM a:1\nWORKDIR /build\nWORKDIR /build/rootfs\nRUN set -ex && tar -cf ../r.tar .\nWORKDIR /x\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nWORKDIR /w\nRUN cd /src || exit; python setup.py install\nWORKDIR /x\n"
            ),
            "FROM a:1\nWORKDIR /w\nWORKDIR /src\nRUN python setup.py install\nWORKDIR /x\n"
        );
        assert_unfixed(
            "DW2003",
            &[
                // The directory the RUN starts in is unknown (a base image that may set its own WORKDIR).
                "FROM acme/app:1\nRUN cd rootfs && make\nWORKDIR /x\n",
                "FROM a:1\nWORKDIR /w\nRUN cd ../up && make\nWORKDIR /x\n",
                // `exit 0` would end the build successfully: not a guard.
                "FROM a:1\nWORKDIR /w\nRUN cd /src || exit 0; make\nWORKDIR /x\n",
            ],
        );
    }

    #[test]
    fn a_compound_after_the_cd_keeps_its_keyword() {
        assert_eq!(
            fixed("DW2003", "FROM a:1\nWORKDIR /w\nRUN set -ex \\\n\t&& cd /usr/local/etc \\\n\t&& if [ -d d ]; then \\\n\t\techo a; \\\n\tfi\nCMD x\n"),
            "FROM a:1\nWORKDIR /w\nWORKDIR /usr/local/etc\nRUN set -ex \\\n\t&& if [ -d d ]; then \\\n\t\techo a; \\\n\tfi\nWORKDIR /w\nCMD x\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nRUN cd /src && (make && make install)\nWORKDIR /x\n"
            ),
            "FROM a:1\nWORKDIR /src\nRUN (make && make install)\nWORKDIR /x\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nRUN cd /src && for f in *; do echo \"$f\"; done\nWORKDIR /x\n"
            ),
            "FROM a:1\nWORKDIR /src\nRUN for f in *; do echo \"$f\"; done\nWORKDIR /x\n"
        );
        // A comment line between the `cd` and what follows: not rewritten.
        let src = "FROM a:1\nRUN cd /src && \\\n# build it\n  make\nWORKDIR /x\n";
        assert_eq!(fixed("DW2003", src), src);
    }

    #[test]
    fn sets_the_directory_back_when_later_instructions_use_it() {
        assert_eq!(
            fixed("DW2003", "FROM alpine:3.20\nRUN cd /usr/local/bin && ln -s python3 python\nRUN wget -O x.py https://x\n"),
            "FROM alpine:3.20\nWORKDIR /usr/local/bin\nRUN ln -s python3 python\nWORKDIR /\nRUN wget -O x.py https://x\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM a:1\nWORKDIR /src\nRUN cd /opt && make\nCOPY x .\n"
            ),
            "FROM a:1\nWORKDIR /src\nWORKDIR /opt\nRUN make\nWORKDIR /src\nCOPY x .\n"
        );
        // At the end of a file without a final newline.
        assert_eq!(
            fixed(
                "DW2003",
                "FROM debian:12\nRUN cd /opt && make\nCMD make test"
            ),
            "FROM debian:12\nWORKDIR /opt\nRUN make\nWORKDIR /\nCMD make test"
        );
    }

    #[test]
    fn no_fix_when_later_instructions_use_the_directory() {
        assert_flagged_once_unfixed(
            "DW2003",
            &[
                "FROM a:1\nRUN cd /app && make\nCOPY x .\nWORKDIR /app\n",
                "FROM a:1\nRUN cd /app && make\nCMD x\n",
                "FROM a:1\nRUN cd app && make\nWORKDIR /app\n",
                "FROM a:1\nRUN cd /app; make\nWORKDIR /app\n",
                "FROM a:1\nRUN make; cd /app\nWORKDIR /app\n",
                "FROM a:1\nRUN (make) && cd /app\nWORKDIR /app\n",
            ],
        );
    }

    #[test]
    fn commands_that_ignore_the_directory_may_come_before_the_cd() {
        assert_eq!(
            fixed(
                "DW2003",
                "FROM debian:12\nRUN apt-get update && apt-get install -y make \\\n  && cd /src \\\n  && make\nWORKDIR /x\n"
            ),
            "FROM debian:12\nWORKDIR /src\nRUN apt-get update && apt-get install -y make \\\n  && make\nWORKDIR /x\n"
        );
        // `WORKDIR` creates the directory: its `mkdir` goes (relative too, when the directory is known).
        assert_eq!(
            fixed(
                "DW2003",
                "FROM debian:12\nRUN mkdir -p /tmp/src && cd /tmp/src && make\nCMD [\"x\"]\n"
            ),
            "FROM debian:12\nWORKDIR /tmp/src\nRUN make\nWORKDIR /\nCMD [\"x\"]\n"
        );
        assert_eq!(
            fixed(
                "DW2003",
                "FROM debian:12\nWORKDIR /app\nRUN set -ex; apk add gcc; mkdir build; cd build; cmake ..\nWORKDIR /x\n"
            ),
            "FROM debian:12\nWORKDIR /app\nWORKDIR /app/build\nRUN set -ex; apk add gcc; cmake ..\nWORKDIR /x\n"
        );
        // A parent made with `-p` stays.
        assert_eq!(
            fixed(
                "DW2003",
                "FROM debian:12\nRUN mkdir -p /opt /var/log/x && cd /opt/src && make\nWORKDIR /x\n"
            ),
            "FROM debian:12\nWORKDIR /opt/src\nRUN mkdir -p /opt /var/log/x && make\nWORKDIR /x\n"
        );
    }

    #[test]
    fn no_move_past_commands_that_use_the_directory() {
        assert_unfixed(
            "DW2003",
            &[
            // They read the directory they run in, and the commands after the `cd` remove files (a split would
            // keep those in the first layer).
            "FROM debian:12\nRUN wget https://x/a.tgz && cd /src && make && rm -rf /src\nWORKDIR /x\n",
            "FROM debian:12\nRUN pip install -r requirements.txt && cd /src && make && mv a /b\nWORKDIR /x\n",
            // A user other than root would own what `mkdir` made, and `chown -R` rewrites every file.
            "FROM debian:12\nUSER app\nRUN mkdir -p /tmp/s && cd /tmp/s && chown -R app .\nWORKDIR /x\n",
            // Joined to the `cd` by a pipe or `||`, or inside a compound.
            "FROM debian:12\nRUN apt-get update || cd /src && make\nWORKDIR /x\n",
            "FROM debian:12\nRUN (apt-get update) && cd /src && make\nWORKDIR /x\n",
            // Nothing after the `cd` under `;` without `set -e`: the RUN stays.
            "FROM debian:12\nRUN apt-get update; cd /src\nWORKDIR /x\n",
            ],
        );
    }

    /// Commands before the `cd` that only write files keep a `RUN` of their own; the `cd` becomes a `WORKDIR`
    /// and the rest a second `RUN`.
    #[test]
    fn a_cd_after_commands_that_write_files_splits_the_run() {
        for (src, split) in [
            (
                "FROM debian:12\nRUN git clone https://x/app.git /src/app && cd /src/app && make install\nCMD x\n",
                "FROM debian:12\nRUN git clone https://x/app.git /src/app\nWORKDIR /src/app\nRUN make install\nWORKDIR /\nCMD x\n",
            ),
            // Relative to a known WORKDIR; continuation lines and the shell options kept; nothing later reads the
            // directory before an absolute WORKDIR.
            (
                "FROM debian:12\nWORKDIR /opt\nRUN set -eux; \\\n    curl -fsSL https://x/t.tgz | tar -xz; \\\n    cd tool-1; \\\n    ./configure && make\nWORKDIR /app\n",
                "FROM debian:12\nWORKDIR /opt\nRUN set -eux; \\\n    curl -fsSL https://x/t.tgz | tar -xz\nWORKDIR /opt/tool-1\nRUN set -eux; \\\n    ./configure && make\nWORKDIR /app\n",
            ),
            (
                "FROM debian:12\nRUN mkdir /opt/a && cd /opt/a/b && make\nWORKDIR /x\n",
                "FROM debian:12\nRUN mkdir /opt/a\nWORKDIR /opt/a/b\nRUN make\nWORKDIR /x\n",
            ),
            (
                "FROM debian:12\nUSER app\nRUN mkdir -p /tmp/s && cd /tmp/s && make\nWORKDIR /x\n",
                "FROM debian:12\nUSER app\nRUN mkdir -p /tmp/s\nWORKDIR /tmp/s\nRUN make\nWORKDIR /x\n",
            ),
        ] {
            assert_eq!(fixed("DW2003", src), split, "{src}");
        }
        // A `cd` to the directory the `RUN` already runs in just goes.
        assert_eq!(
            fixed("DW2003", "FROM debian:12\nWORKDIR /w\nRUN git clone https://x/a.git && cd /w && make\nCMD x\n"),
            "FROM debian:12\nWORKDIR /w\nRUN git clone https://x/a.git && make\nCMD x\n"
        );
    }

    /// The split replaces the whole `RUN`, so no other fix of it lands in the same round: the apt lists'
    /// cleanup goes to the `RUN` that runs `apt-get update`, not after the `cd`.
    #[test]
    fn the_split_applies_alone() {
        let src = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends git \\\n    && git clone https://x/a.git /a && cd /a && make\nWORKDIR /x\n";
        let out = crate::fix::fix(src, &crate::config::Config::default(), true).text;
        let (first, second) = out.split_once("WORKDIR /a\n").expect(&out);
        assert!(
            first.contains("git clone https://x/a.git /a && rm -rf /var/lib/apt/lists/*"),
            "{out}"
        );
        assert!(second.starts_with("RUN make\n"), "{out}");
    }

    #[test]
    fn no_split_when_state_or_processes_could_carry_over() {
        assert_unfixed(
            "DW2003",
            &[
            // A variable, a sourced file, a started service: the second `RUN` would not see them.
            "FROM debian:12\nRUN V=1 && cd /src && make\nWORKDIR /x\n",
            "FROM debian:12\nRUN . /etc/profile && cd /src && make\nWORKDIR /x\n",
            "FROM debian:12\nRUN service mysql start && cd /src && make\nWORKDIR /x\n",
            "FROM debian:12\nRUN curl -fsSL https://x | sh && cd /src && make\nWORKDIR /x\n",
            // A fallback after the `cd` would have caught a failure before it, and what follows a `;` ran anyway.
            "FROM debian:12\nRUN git clone https://x/a.git /a && cd /a && make || echo failed\nWORKDIR /x\n",
            "FROM debian:12\nRUN git clone https://x/a.git /a && cd /a && make; echo done\nWORKDIR /x\n",
            "FROM debian:12\nRUN mkdir /a && cd /a && make; echo done\nWORKDIR /x\n",
            // Later instructions read the directory, and the one to set back is unknown.
            "FROM example/base:1\nRUN git clone https://x/a.git /a && cd /a && make\nCOPY x .\n",
            // `RUN` flags.
            "FROM debian:12\nRUN --mount=type=cache,target=/c git clone https://x/a.git /a && cd /a && make\nWORKDIR /x\n",
            ],
        );
    }

    /// A leading `cd` to the directory the `RUN` already runs in, known from the stage's `WORKDIR` or from the
    /// base image's own, just goes (a `WORKDIR /` used to be written, then removed again by DW1033).
    #[test]
    fn a_leading_cd_to_where_the_run_already_is_goes() {
        for (before, after) in [
            (
                "FROM debian:12\nRUN cd / && make\nCOPY x .\n",
                "FROM debian:12\nRUN make\nCOPY x .\n",
            ),
            (
                "FROM debian:12\nWORKDIR /\nRUN cd / && make\nCOPY x .\n",
                "FROM debian:12\nWORKDIR /\nRUN make\nCOPY x .\n",
            ),
            (
                "FROM golang:1.25\nRUN cd /go/ && go build ./...\nCOPY x .\n",
                "FROM golang:1.25\nRUN go build ./...\nCOPY x .\n",
            ),
        ] {
            assert_eq!(fixed("DW2003", before), after, "{before}");
        }
    }

    #[test]
    fn catches_cd_once_per_run() {
        assert_eq!(
            lines("DW2003", "FROM a:1\nRUN cd /x && make && cd /y\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_cd_in_subshells_and_conditionals() {
        assert_eq!(lines("DW2003", "FROM a:1\nRUN (cd x; make)\n"), vec![2]);
        assert_eq!(
            lines("DW2003", "FROM a:1\nRUN if true; then cd /x; fi\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_cd_as_an_argument_or_in_cmd() {
        assert!(lines("DW2003", "FROM a:1\nRUN echo cd\nCMD cd /x && run\n").is_empty());
    }
}
