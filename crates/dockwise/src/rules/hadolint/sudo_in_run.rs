//! DL3004: `sudo` in a `RUN`.

use super::cli::run_commands_with_exec;
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
         set with `ENV`. Not offered for `sudo -u`, `-i`, `-s` or other options, in exec form, or where the user \
         is unknown."
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
        }
        out.push(diagnostic);
    }
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
    if !options_kept || ctx.text(command.span) != command.value {
        return None;
    }
    Some(
        Fix::unsafe_(
            "Drop sudo: the step already runs as root",
            vec![Edit::delete(Span::new(sudo.span.start, command.span.start))],
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
    use crate::rules::prelude::testing::{fixed, lines};

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

    #[test]
    fn keeps_sudo_for_other_users_options_or_unknown_images() {
        for src in [
            "FROM ubuntu:24.04\nUSER app\nRUN sudo make install\n",
            "FROM ubuntu:24.04 AS base\nUSER app\nFROM base\nRUN sudo make install\n",
            "FROM ubuntu:24.04\nRUN sudo -u app make\n",
            "FROM ubuntu:24.04\nRUN sudo -i\n",
            "FROM example/builder:1\nRUN sudo make install\n",
            "FROM ubuntu:24.04\nRUN [\"sudo\", \"make\"]\n",
        ] {
            assert_eq!(fixed("DW2004", src), src, "{src}");
        }
    }
}
