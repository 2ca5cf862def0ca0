//! DL3047: `wget` without `--progress` (or a quiet flag).

use super::cli::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2047",
    name: "wget-progress",
    category: Category::Style,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3047")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: only the build log changes; the same file is downloaded. On Alpine and `busybox` images, whose \
         `wget` is BusyBox's (it has no `--progress` and stops with \"unrecognized option\"), the fix adds `-q` \
         instead, unless the stage installs GNU wget (`apk add wget`)."
    )),
    docs: rule_docs! {
        what: "Flags `wget` without `--progress=...`, `-q`/`--quiet` or `-nv`/`--no-verbose`.",
        why: "Without a terminal, wget's default progress display prints a line for every few kilobytes: a large \
              download floods the build log with thousands of lines and hides the output that matters.",
        example: "FROM debian:12\nRUN wget https://example.com/app.tar.gz\n",
        fixed: "FROM debian:12\nRUN wget --progress=dot:giga https://example.com/app.tar.gz\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in run_commands(ctx) {
        if !cmd.is("wget") || is_quiet(cmd) {
            continue;
        }
        let Some(program) = cmd.words.first() else {
            continue;
        };
        out.push(
            Diagnostic::new(
                cmd.span,
                "`wget` without `--progress` prints thousands of progress lines into the build log; add \
                 `--progress=dot:giga` (or `-q`).",
            )
            .with_fix(if busybox_wget(ctx, info) {
                Fix::safe("Add -q", vec![Edit::insert(program.span.end, " -q")]).explained(
                    "BusyBox's wget (Alpine, busybox) has no `--progress`: `-q` leaves out its progress \
                     meter; errors are still printed.",
                )
            } else {
                Fix::safe(
                    "Add --progress=dot:giga",
                    vec![Edit::insert(program.span.end, " --progress=dot:giga")],
                )
                .explained("wget prints one dot per large chunk instead of a progress line every few KB.")
            }),
        );
    }
}

/// Whether `wget` in this `RUN` is BusyBox's: the stage is Alpine (or the `busybox` image) and installs no GNU
/// wget with `apk add wget`.
fn busybox_wget(ctx: &Context, info: &InstructionInfo) -> bool {
    let Some(stage) = info.stage.and_then(|s| ctx.stages.get(s)) else {
        return false;
    };
    let busybox_image =
        matches!(ctx.root_base(stage), Base::Image(image) if image.repository() == "busybox");
    (stage.distro == Distro::Alpine || busybox_image)
        && !ctx.stage_chain(stage).any(|s| {
            // GNU wget installed by this `RUN` or an earlier one (one installed later does not help here).
            ctx.stage_instructions(s)
                .iter()
                .filter(|i| i.index <= info.index)
                .flat_map(|i| i.commands())
                .filter(|c| c.runs("apk"))
                .any(|c| {
                    c.operands()
                        .any(|w| w.value.split('=').next() == Some("wget"))
                })
        })
}

fn is_quiet(cmd: &ShellCommand) -> bool {
    cmd.args()
        .iter()
        .map(|w| w.value.as_str())
        .take_while(|a| *a != "--")
        .any(|a| {
            a.starts_with("--progress")
                || a == "--quiet"
                || a == "--no-verbose"
                || a == "-nv"
                // The log (progress included) goes to a file, not the build output.
                || a.starts_with("--output-file")
                || a.starts_with("--append-output")
                || a == "-o"
                || a == "-a"
                || (a.starts_with('-')
                    && !a.starts_with("--")
                    && a[1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .any(|c| c == 'q'))
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_wget_without_progress() {
        assert_eq!(
            lines("DW2047", "FROM debian:12\nRUN wget https://x/y\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2047", "FROM debian:12\nRUN wget -O /tmp/y https://x/y\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_progress_or_quiet_flags() {
        for flags in [
            "--progress=bar",
            "-q",
            "-qO-",
            "--quiet",
            "-nv",
            "--no-verbose",
            "-o /tmp/wget.log",
            "--output-file=/tmp/wget.log",
            "-a /tmp/wget.log",
            "--append-output=/tmp/wget.log",
        ] {
            let src = format!("FROM debian:12\nRUN wget {flags} https://x/y\n");
            assert!(lines("DW2047", &src).is_empty(), "{flags}");
        }
    }

    #[test]
    fn fix_adds_the_progress_flag() {
        assert_eq!(
            fixed(
                "DW2047",
                "FROM debian:12\nRUN wget -O- https://x/y | tar x\n"
            ),
            "FROM debian:12\nRUN wget --progress=dot:giga -O- https://x/y | tar x\n"
        );
    }

    /// BusyBox's wget has no `--progress`: the safe fix broke Alpine builds with "unrecognized option".
    #[test]
    fn busybox_wget_gets_quiet_instead() {
        for image in ["alpine:3.21", "busybox:1.37", "node:22-alpine"] {
            assert_eq!(
                fixed(
                    "DW2047",
                    &format!("FROM {image}\nRUN wget -O /x https://x/y\n")
                ),
                format!("FROM {image}\nRUN wget -q -O /x https://x/y\n")
            );
        }
        // GNU wget installed only after the call does not help that call.
        assert_eq!(
            fixed(
                "DW2047",
                "FROM alpine:3.21\nRUN wget https://x/y\nRUN apk add --no-cache wget\n"
            ),
            "FROM alpine:3.21\nRUN wget -q https://x/y\nRUN apk add --no-cache wget\n"
        );
        // GNU wget installed on Alpine takes `--progress`.
        assert_eq!(
            fixed(
                "DW2047",
                "FROM alpine:3.21\nRUN apk add --no-cache wget && wget https://x/y\n"
            ),
            "FROM alpine:3.21\nRUN apk add --no-cache wget && wget --progress=dot:giga https://x/y\n"
        );
    }
}
