//! DL4006: a pipe in `RUN` without `pipefail`.

use crate::rules::common::stages::shell_set_before;
use crate::rules::prelude::*;
use dockwise_syntax::shell::Script;

pub static RULE: Rule = Rule {
    code: "DW2106",
    name: "pipefail",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL4006")],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: the fix adds `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (`/bin/ash` on Alpine) before \
         the stage's first such `RUN`, so that and every later `RUN` of the stage run in another shell and stop on \
         failures that were ignored before. It is offered only when the base image is known to have that shell. \
         When the stage already sets `SHELL [\"/bin/bash\", ..., \"-c\"]` (bash, ash, zsh or ksh), that `SHELL` \
         gets `\"-o\", \"pipefail\"` before `-c` instead, so every `RUN` after it stops on such failures."
    )),
    docs: rule_docs! {
        what: "Flags a `RUN` with a pipe (`a | b`) when the shell does not have `pipefail` set.",
        why: "A pipeline's status is that of its last command: in `curl -fsSL $URL | tar -xz` a failed download \
              still lets the build go on with an empty or partial result. With `pipefail` the build stops at the \
              first failing command.",
        example: "FROM debian:12\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n",
        fixed: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL \
                https://example.com/app.tar.gz | tar -xz -C /opt\n",
        differences: "A script that sets `set -o pipefail` itself before its pipe is not flagged; hadolint flags \
                      it. Stages whose `SHELL` is explicitly a shell without a `pipefail` option (`dash`) are \
                      not flagged: the remedy there is another shell, not this rule's advice; hadolint flags them. \
                      Stages without a shell (scratch, distroless, Windows) are skipped.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        if matches!(
            stage.distro,
            Distro::Distroless | Distro::Scratch | Distro::Windows
        ) {
            continue;
        }
        let mut fix_offered = false;
        for info in ctx
            .stage_instructions(stage)
            .iter()
            .filter(|i| i.kind() == Keyword::Run)
        {
            // The model's shell: the last `SHELL` of the stage or of the stages it builds on.
            let ShellKind::Posix { program, pipefail } = &info.shell else {
                continue;
            };
            if *pipefail || lacks_pipefail(program) {
                continue;
            }
            let Some(pipe) = info.scripts.iter().find_map(unprotected_pipe) else {
                continue;
            };
            let mut diagnostic = Diagnostic::new(
                pipe.span,
                "Only the last command of this pipe decides whether the `RUN` fails, so an earlier failure (a \
                 broken download, say) goes unnoticed; set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` \
                 first.",
            );
            if !fix_offered {
                if let Some(fix) = shell_fix(ctx, stage, info) {
                    diagnostic = diagnostic.with_fix(fix);
                    fix_offered = true;
                }
            }
            out.push(diagnostic);
        }
    }
}

/// `dash` has no `pipefail` option.
fn lacks_pipefail(program: &str) -> bool {
    program.rsplit('/').next() == Some("dash")
}

/// The first command fed by a pipe that runs before any `set -o pipefail` in the script.
fn unprotected_pipe(script: &Script) -> Option<&ShellCommand> {
    for cmd in &script.commands {
        if cmd.is("set") && sets_pipefail(cmd) {
            return None;
        }
        if cmd.joined_by == Some(Joiner::Pipe) {
            return Some(cmd);
        }
    }
    None
}

fn sets_pipefail(cmd: &ShellCommand) -> bool {
    let args = cmd.args();
    args.windows(2).any(|w| {
        w[1].value == "pipefail" && w[0].value.starts_with('-') && w[0].value.ends_with('o')
    })
}

/// `-o pipefail` given to the stage's own `SHELL ["/bin/bash", ..., "-c"]` in force at `info` (one `SHELL`, not
/// a second under it); otherwise a `SHELL` with pipefail inserted before `info`, when the stage's base is known
/// to have the shell.
fn shell_fix(ctx: &Context, stage: &Stage, info: &InstructionInfo) -> Option<Fix> {
    if let Some((set, edit)) = pipefail_in_own_shell(ctx, info) {
        let line = ctx.model.line_of(set.node.span.start);
        return Some(
            Fix::unsafe_("Add pipefail to the stage's SHELL", vec![edit]).explained(format!(
                "The `SHELL` on line {line} gets `-o pipefail`: every RUN after it fails the build when a \
                 command in a pipe fails."
            )),
        );
    }
    let shell = match stage.distro {
        Distro::Debian | Distro::Rhel | Distro::Suse => "/bin/bash",
        Distro::Alpine => "/bin/ash",
        _ => return None,
    };
    let keyword = if ctx
        .text(info.node.keyword)
        .chars()
        .any(|c| c.is_ascii_lowercase())
    {
        "shell"
    } else {
        "SHELL"
    };
    let newline = if ctx.source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let line = format!("{keyword} [\"{shell}\", \"-o\", \"pipefail\", \"-c\"]{newline}");
    Some(
        Fix::unsafe_(format!("Set SHELL to {shell} with pipefail"), vec![Edit::insert(info.node.span.start, line)])
            .explained(format!(
                "This and every later RUN of the stage run in {shell} with pipefail, so a failing command in a \
                 pipe fails the build."
            )),
    )
}

/// The stage's last `SHELL` before `info`, when it is exec form, runs a shell with a `pipefail` option by name
/// (`sh` may be dash, which has none) and ends with `-c`: the edit that puts `"-o", "pipefail"` before `-c`.
fn pipefail_in_own_shell<'c>(
    ctx: &'c Context,
    info: &InstructionInfo,
) -> Option<(&'c InstructionInfo<'c>, Edit)> {
    let set = shell_set_before(ctx, info)?;
    let Body::Command(Command::Exec(exec)) = &set.node.body else {
        return None;
    };
    let program = exec.elements.first()?.value.rsplit('/').next()?;
    let last = exec.elements.last()?;
    if !matches!(program, "bash" | "ash" | "zsh" | "ksh" | "mksh") || last.value != "-c" {
        return None;
    }
    Some((
        set,
        Edit::insert(last.span.start, "\"-o\", \"pipefail\", ".to_string()),
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_pipes_in_the_default_shell() {
        assert_eq!(
            lines("DW2106", "FROM debian:12\nRUN curl -fsSL x | sh\n"),
            vec![2]
        );
        assert_eq!(lines("DW2106", "FROM alpine:3.20\nRUN a | b\n"), vec![2]);
        assert_eq!(
            lines(
                "DW2106",
                "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a | b\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_pipefail_shells_or_scripts() {
        assert!(lines(
            "DW2106",
            "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"
        )
        .is_empty());
        assert!(lines(
            "DW2106",
            "FROM debian:12\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN a | b\n"
        )
        .is_empty());
        assert!(lines("DW2106", "FROM debian:12\nRUN set -euxo pipefail; a | b\n").is_empty());
        assert!(lines("DW2106", "FROM debian:12\nRUN a || b\n").is_empty());
        assert!(lines(
            "DW2106",
            "FROM debian:12\nSHELL [\"/bin/dash\", \"-c\"]\nRUN a | b\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_a_pipefail_shell_set_last_in_the_parent_stage() {
        let src = "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN a | b\n";
        assert!(lines("DW2106", src).is_empty());
    }

    #[test]
    fn catches_a_pipe_before_set_pipefail() {
        assert_eq!(
            lines("DW2106", "FROM debian:12\nRUN a | b && set -o pipefail\n"),
            vec![2]
        );
    }

    #[test]
    fn fix_sets_the_shell_once_per_stage() {
        let src = "FROM debian:12\nRUN a | b\nRUN c | d\n";
        let want = "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nRUN c | d\n";
        assert_eq!(fixed("DW2106", src), want);
        let alpine = "FROM alpine:3.20\nRUN a | b\n";
        assert_eq!(
            fixed("DW2106", alpine),
            "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"
        );
    }

    #[test]
    fn fix_gives_pipefail_to_the_stage_s_own_shell() {
        // One `SHELL`, not a second one under it.
        assert_eq!(
            fixed(
                "DW2106",
                "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi\nRUN a | b\n"
            ),
            "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN echo hi\nRUN a | b\n"
        );
        assert_eq!(
            fixed(
                "DW2106",
                "FROM debian:12\nSHELL [\"bash\", \"-ex\", \"-c\"]\nRUN a | b\n"
            ),
            "FROM debian:12\nSHELL [\"bash\", \"-ex\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"
        );
        // `sh` may be dash, and a shell from another stage is not this stage's to change: a new `SHELL` then.
        assert_eq!(
            fixed("DW2106", "FROM debian:12\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a | b\n"),
            "FROM debian:12\nSHELL [\"/bin/sh\", \"-c\"]\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"
        );
        assert_eq!(
            fixed(
                "DW2106",
                "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN a | b\n"
            ),
            "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"
        );
    }

    #[test]
    fn fix_is_not_offered_when_the_shell_is_unknown() {
        let src = "FROM example.com/custom:1\nRUN a | b\n";
        assert_eq!(fixed("DW2106", src), src);
    }
}
