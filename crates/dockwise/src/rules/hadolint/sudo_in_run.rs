//! DL3004: `sudo` in a `RUN`.

use super::cli::run_commands_with_exec;
use crate::rewrite::{as_lines, keyword_like};
use crate::rules::common::commands::is_plain;
use crate::rules::common::stages::runs_as_root;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2004",
    name: "sudo-in-run",
    category: Category::Security,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3004"), Alias(Peer::Trivy, "DS010")],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: where the step is known to run as root (no `USER` before it and a base image known to start as \
         root, or `USER root`/`0`), `sudo` and its `-E`/`-H`/`-n` options are dropped. The command runs as the \
         same user, but in the step's environment: `sudo` reset `PATH` to its secure path and dropped variables \
         set with `ENV`. Where the step runs as a non-root `USER` and every command of it is `sudo` (`set` aside), \
         without expansions, substitutions or redirections (which the calling shell would make as that user), \
         the step runs as `USER 0` and the user is restored after it: the same commands as root, in the step's \
         environment. Not offered for `sudo -u`, `-i`, `-s` or other options, in exec form, or where the user is \
         unknown."
    )),
    docs: rule_docs! {
        what: "Flags `sudo` in a `RUN`.",
        why: "Build steps already run as the current `USER`; `sudo` needs a TTY and a sudoers setup, behaves \
              differently across images and keeps a privilege-escalation tool in the image. Switch with `USER` \
              (or use `gosu`/`su-exec` in an entrypoint).",
        example: "FROM ubuntu:24.04\nRUN sudo make install\n",
        fixed: "FROM ubuntu:24.04\nRUN make install\n",
        differences: "A path to sudo (`/usr/bin/sudo`) is caught too; hadolint matches the bare name only.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // The `RUN` whose switch to root was offered: one fix for all its `sudo`s, on the first.
    let mut switched: Option<usize> = None;
    for (info, cmd) in &run_commands_with_exec(ctx) {
        if !cmd.is("sudo") {
            continue;
        }
        let span = cmd.words.first().map_or(cmd.span, |w| w.span);
        let mut diagnostic = Diagnostic::new(
            span,
            "`sudo` in a build step depends on a sudoers setup, behaves unpredictably without a TTY and leaves \
             an escalation tool in the image; run the step under the right `USER` instead.",
        );
        if let Some(fix) = drop_sudo(ctx, info, cmd) {
            diagnostic = diagnostic.with_fix(fix);
        } else if switched != Some(info.index) {
            if let Some(fix) = switch_to_root(ctx, info) {
                switched = Some(info.index);
                diagnostic = diagnostic.with_fix(fix);
            }
        }
        out.push(diagnostic);
    }
}

/// The `sudo` word and its options, up to the command it runs, when dropping them keeps the command running as
/// root (`sudo [-E|-H|-n] command`, the command written plainly).
fn sudo_prefix(ctx: &Context, cmd: &ShellCommand) -> Option<Span> {
    let sudo = cmd.words.first()?;
    let command = cmd
        .words
        .iter()
        .skip(1)
        .find(|w| !w.value.starts_with('-'))?;
    let options_kept = cmd
        .words
        .iter()
        .skip(1)
        .take_while(|w| w.value.starts_with('-'))
        .all(|w| ROOT_KEEPING_OPTIONS.contains(&w.value.as_str()));
    (options_kept && ctx.text(command.span) == command.value)
        .then(|| Span::new(sudo.span.start, command.span.start))
}

/// A step of a non-root `USER` made only of `sudo` commands: `USER 0` before it, the `sudo`s dropped, and the
/// user back after it. `None` when a command is not `sudo` (`set` aside) or runs nested, in a substitution or
/// with a redirection, when the script expands anything (`$HOME`, `~`: the calling shell's user's values), or
/// when the user is root, unknown or not literal.
fn switch_to_root(ctx: &Context, info: &InstructionInfo) -> Option<Fix> {
    let user = info.user.as_deref()?;
    if runs_as_root(ctx, info) || user.is_empty() || user.contains(['$', ' ']) {
        return None;
    }
    let Body::Command(Command::Shell(_)) = &info.node.body else {
        return None;
    };
    if !info.node.heredocs.is_empty() || ctx.text(info.node.args).contains(['$', '`', '~']) {
        return None;
    }
    let mut edits = Vec::new();
    for cmd in info.commands() {
        if !is_plain(cmd) {
            return None;
        }
        if cmd.is("set") {
            continue;
        }
        if !cmd.is("sudo") {
            return None;
        }
        edits.push(Edit::delete(sudo_prefix(ctx, cmd)?));
    }
    let keyword = keyword_like(ctx.text(info.node.keyword), Keyword::User);
    let style = ctx.style();
    let (before, after) = (info.node.span.start, info.node.span.end);
    edits.push(Edit::insert(
        before,
        as_lines(ctx.source, before, &[format!("{keyword} 0")], style),
    ));
    edits.push(Edit::insert(
        after,
        as_lines(ctx.source, after, &[format!("{keyword} {user}")], style),
    ));
    Some(
        Fix::unsafe_("Run the step as root with USER, without sudo", edits).explained(format!(
            "Every command of this step runs through `sudo`: the step runs as `USER 0` (root) instead, and \
             `USER {user}` after it gives the following steps their user back. Unsafe: `sudo` reset the \
             environment (`PATH` to its secure path, variables from `ENV` dropped), which the commands now see \
             as the step's own; the image no longer needs sudo for them."
        )),
    )
}

/// Options of `sudo` that keep the command running as root with the caller's groups: dropping `sudo` with them
/// runs the same command as the same user.
const ROOT_KEEPING_OPTIONS: [&str; 5] = ["-E", "-H", "-n", "--preserve-env", "--non-interactive"];

/// `sudo [-E|-H|-n] command` as `command` when the step already runs as root; `None` for exec forms, `sudo` with
/// other options (`-u app`, `-i`, `-s`) or without a command, and steps whose user is not known to be root.
fn drop_sudo(ctx: &Context, info: &InstructionInfo, cmd: &ShellCommand) -> Option<Fix> {
    if !matches!(info.node.body, Body::Command(Command::Shell(_))) || !runs_as_root(ctx, info) {
        return None;
    }
    let prefix = sudo_prefix(ctx, cmd)?;
    Some(
        Fix::unsafe_(
            "Drop sudo: the step already runs as root",
            vec![Edit::delete(prefix)],
        )
        .explained(
            "The step runs as root already, so `sudo` only added a dependency on the sudo package. Unsafe: \
             `sudo` resets the environment (`PATH` to its secure path, variables from `ENV` dropped), which \
             the command now sees as the other commands of the step do.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn catches_sudo() {
        assert_eq!(lines("DW2004", "FROM a:1\nRUN sudo -u app make\n"), vec![2]);
        assert_eq!(
            lines("DW2004", "FROM a:1\nRUN true && /usr/bin/sudo make\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_sudo_as_an_argument() {
        assert!(lines(
            "DW2004",
            "FROM a:1\nRUN apt-get install -y sudo && echo sudo\n"
        )
        .is_empty());
    }

    /// Where the step runs as root, `sudo` (with `-E`, `-H` or `-n`) only adds a dependency: dropped (unsafe).
    #[test]
    fn drops_sudo_where_the_step_runs_as_root() {
        assert_eq!(
            fixed(
                "DW2004",
                "FROM ubuntu:24.04\nRUN sudo -E apt-get update && sudo mkdir /srv\n"
            ),
            "FROM ubuntu:24.04\nRUN apt-get update && mkdir /srv\n"
        );
        assert_eq!(
            fixed(
                "DW2004",
                "FROM python:3.12\nUSER app\nUSER root\nRUN sudo pip install x\n"
            ),
            "FROM python:3.12\nUSER app\nUSER root\nRUN pip install x\n"
        );
        assert_eq!(
            fixed(
                "DW2004",
                "FROM debian:12 AS base\nFROM base\nRUN sudo make install\n"
            ),
            "FROM debian:12 AS base\nFROM base\nRUN make install\n"
        );
    }

    /// A non-root user's step made only of `sudo` commands runs as root with `USER`, and the user comes back.
    #[test]
    fn switches_to_root_for_a_step_of_sudo_commands() {
        assert_eq!(
            fixed(
                "DW2004",
                "FROM ubuntu:24.04\nUSER app\nRUN set -e; sudo -E apt-get update && sudo mkdir /srv\nCMD [\"x\"]\n"
            ),
            "FROM ubuntu:24.04\nUSER app\nUSER 0\nRUN set -e; apt-get update && mkdir /srv\nUSER app\nCMD [\"x\"]\n"
        );
        // Inherited from the stage built on, written in the file's keyword case, at the end of a file.
        assert_eq!(
            fixed(
                "DW2004",
                "from ubuntu:24.04 as base\nuser 10001:10001\nfrom base\nrun sudo make install"
            ),
            "from ubuntu:24.04 as base\nuser 10001:10001\nfrom base\nuser 0\nrun make install\nuser 10001:10001\n"
        );
    }

    #[test]
    fn keeps_sudo_where_the_calling_user_still_acts() {
        assert_unfixed(
            "DW2004",
            &[
                // A command without sudo, an expansion or a redirection made by the user's shell, a nested command.
                "FROM ubuntu:24.04\nUSER app\nRUN sudo make install && make test\n",
                "FROM ubuntu:24.04\nUSER app\nRUN sudo cp conf $HOME/.conf\n",
                "FROM ubuntu:24.04\nUSER app\nRUN sudo cp conf ~/.conf\n",
                "FROM ubuntu:24.04\nUSER app\nRUN sudo make install > log\n",
                "FROM ubuntu:24.04\nUSER app\nRUN if true; then sudo make install; fi\n",
                "FROM ubuntu:24.04\nUSER app\nRUN sudo cp \"$(pwd)/a\" /b\n",
                "FROM ubuntu:24.04\nUSER app\nRUN sudo -u other make\n",
                "FROM ubuntu:24.04\nUSER app\nRUN <<EOF\nsudo make install\nEOF\n",
            ],
        );
    }

    #[test]
    fn keeps_sudo_for_other_users_options_or_unknown_images() {
        assert_unfixed(
            "DW2004",
            &[
                "FROM ubuntu:24.04\nRUN sudo -u app make\n",
                "FROM ubuntu:24.04\nRUN sudo -i\n",
                "FROM example/builder:1\nRUN sudo make install\n",
                "FROM ubuntu:24.04\nRUN [\"sudo\", \"make\"]\n",
            ],
        );
    }
}
