//! DL3009: `apt-get update` without removing `/var/lib/apt/lists` in the same `RUN`.

use super::cli::{mounts_cache_over, run_commands, subcommand, APT_GET_VALUE_OPTIONS};
use super::run_edits::append_to_run;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2009",
    name: "apt-lists-not-removed",
    category: Category::ImageSize,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3009")],
    fix: FixKind::Sometimes(fix_safety!(
        "Safe when no later `RUN` reads the lists: appends `&& rm -rf /var/lib/apt/lists/*` to the same `RUN`; \
         only the downloaded package lists go, installed packages stay (a `RUN` that only ran `apt-get update` is \
         removed: nothing of it would be left). Unsafe when later `RUN`s of the stage install without their own \
         `apt-get update`: each gets one in front of its first install (wrapper kept: `sudo apt-get update && sudo \
         apt-get install`), so it may install newer package versions; a `RUN` that only ran `apt-get update` is \
         then removed (when the next `RUN` merges with it, DW2059's merge goes first instead, if that rule runs). \
         Not offered when a later reader cannot be given its own update (another stage, a pipeline, after `||`, \
         inside a block), nor when the script does not end in a command or a closed compound (a trailing `&`, a \
         redirection after `done`, a comment or a heredoc)."
    )),
    docs: rule_docs! {
        what: "Flags a `RUN` that runs `apt-get update` but does not delete `/var/lib/apt/lists` before it ends, \
               in a stage that ends up in the image (the final stage or a stage another builds `FROM`).",
        why: "The package lists weigh tens of megabytes and are stale a day later; removing them in a later `RUN` \
              does not help because the layer that holds them is already written.",
        example: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
        fixed: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n",
        differences: "hadolint accepts any `rm -rf` in the `RUN` as cleanup (`apt-get update && rm -rf /tmp/*` \
                      passes); we require the removal to reach `/var/lib/apt/lists` (the lists, a path inside \
                      them or a parent such as `/var/lib/apt`). As in hadolint, stages only copied from (`COPY --from`) are not checked, since their \
                      layers never reach the image; a cache mount over `/var/lib/apt/lists` counts as cleanup. \
                      Not yet read as hadolint does (open differences, not choices): `aptitude update && aptitude \
                      install`; a `RUN` that deletes `docker-clean` under a cache mount of `/var/cache/apt`; and \
                      `ONBUILD RUN` in a stage only copied from (hadolint checks those, we skip the stage).",
    },
    check,
    ..Rule::DEFAULTS
};

const LISTS: &str = "/var/lib/apt/lists";

fn cleans_lists(info: &InstructionInfo) -> bool {
    mounts_cache_over(info, "/var/lib/apt/lists")
        || info.commands().any(|c| {
            c.runs("rm")
                && c.operands().any(|w| {
                    let path = w.value.trim_end_matches(['/', '*']);
                    // The lists, something inside them, or a directory above them (`rm -rf /var/lib/apt`).
                    path.starts_with(LISTS)
                        || (path.len() > 1 && LISTS.starts_with(&format!("{path}/")))
                })
        })
}

/// The subcommand of an `apt-get`/`apt` command (`update`, `install`, ...).
/// Wrappers count (`sudo`, `env`, `eatmydata`, `DEBIAN_FRONTEND=... apt-get`): a wrapped later install still
/// reads the lists.
fn apt_subcommand(cmd: &ShellCommand) -> Option<&str> {
    if !(cmd.runs("apt-get") || cmd.runs("apt")) {
        return None;
    }
    let program = cmd.words.len() - cmd.unwrapped().len();
    subcommand(cmd, program, APT_GET_VALUE_OPTIONS).map(|(_, w)| w.value.as_str())
}

/// Subcommands that read the package lists.
const READS_LISTS: &[&str] = &[
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "build-dep",
    "source",
    "download",
];

/// Who reads the package lists that `info` downloads, after it ends.
enum LaterReaders<'c> {
    /// Nobody: removing them at the end of `info` changes nothing but the layer's size.
    None,
    /// The first list-reading `apt-get` command of each later `RUN` of the stage that reads without its own
    /// `apt-get update`, where one can be put in front of it (`prefix`: the wrapper written before `apt-get`).
    Editable(Vec<(&'c ShellCommand, String)>),
    /// Some later reader cannot be given its own update (another stage, a pipeline, after `||`, in a
    /// sub-shell): the lists must stay.
    Fixed,
}

/// The later `RUN`s that read the lists `info` downloads without running `apt-get update` first.
fn later_readers<'c>(ctx: &'c Context, info: &InstructionInfo) -> LaterReaders<'c> {
    let mut readers = Vec::new();
    for later in ctx.instructions[info.index + 1..]
        .iter()
        .filter(|i| crate::rules::common::commands::is_run(i))
    {
        if let Body::Command(Command::Exec(exec)) = &later.node.body {
            // An exec form is not read as commands; one that runs apt may read the lists.
            if exec
                .elements
                .iter()
                .any(|w| matches!(w.value.rsplit('/').next().unwrap_or(""), "apt-get" | "apt"))
            {
                return LaterReaders::Fixed;
            }
            continue;
        }
        let first_use = later.commands().find_map(|cmd| match apt_subcommand(cmd) {
            Some("update") => Some(None),
            Some(sub) if READS_LISTS.contains(&sub) => Some(Some(cmd)),
            _ => None,
        });
        let reader = match first_use {
            Some(Some(reader)) => reader,
            // A later `RUN` of the stage that surely updates the lists again: the `RUN`s after it read its lists.
            Some(None) if later.stage == info.stage && surely_updates(later) => break,
            _ => continue,
        };
        match update_prefix(ctx, info, later, reader) {
            Some(prefix) => readers.push((reader, prefix)),
            None => return LaterReaders::Fixed,
        }
    }
    if readers.is_empty() {
        LaterReaders::None
    } else {
        LaterReaders::Editable(readers)
    }
}

/// Whether the first `apt-get update` of `info` always runs (see [`runs_in_sequence`]).
fn surely_updates(info: &InstructionInfo) -> bool {
    update_command(info).is_some_and(runs_in_sequence)
}

/// A command at the top level of its script, not in a substitution, and not after `||`, `|` or `&`: it runs
/// whenever the commands before it succeeded, and `x && ` put in front of it keeps that meaning.
fn runs_in_sequence(cmd: &ShellCommand) -> bool {
    cmd.at_top_level() && matches!(cmd.joined_by, None | Some(Joiner::And | Joiner::Sequence))
}

/// What goes before `apt-get update` put in front of `reader` (`sudo `, `DEBIAN_FRONTEND=noninteractive `), or
/// `None` when `<prefix>apt-get update && ` cannot go right before it with the same meaning: another stage, an
/// exec form or heredoc, a command nested in a block or substitution, or one joined by `||`, `|` or `&` (`a ||
/// b && c` runs `c` after `a` succeeded).
fn update_prefix(
    ctx: &Context,
    info: &InstructionInfo,
    later: &InstructionInfo,
    reader: &ShellCommand,
) -> Option<String> {
    let shell_form = matches!(later.node.body, Body::Command(Command::Shell(_)));
    if later.stage != info.stage || !shell_form || !later.shell.is_posix() {
        return None;
    }
    if !runs_in_sequence(reader) {
        return None;
    }
    let program = reader.unwrapped().first()?;
    let prefix = ctx.source.get(reader.span.start..program.span.start)?;
    (!prefix.contains('\n') && !prefix.contains('#'))
        .then(|| format!("{prefix}{} update && ", program.value))
}

/// Whether `info` is a shell-form `RUN` whose one script runs nothing but `apt-get update` (no comment or heredoc
/// inside it): once later readers update for themselves, it has no effect left to keep.
fn only_updates(info: &InstructionInfo) -> bool {
    matches!(info.node.body, Body::Command(Command::Shell(_)))
        && info.node.comments.is_empty()
        && info.node.heredocs.is_empty()
        && info.scripts.len() == 1
        && info.commands().count() > 0
        && info
            .commands()
            .all(|cmd| runs_in_sequence(cmd) && apt_subcommand(cmd) == Some("update"))
}

/// The first `apt-get update` of `info`.
fn update_command<'i>(info: &'i InstructionInfo) -> Option<&'i ShellCommand> {
    info.commands()
        .find(|cmd| apt_subcommand(cmd) == Some("update"))
}

/// Whether `info` itself reads the lists after updating them (`apt-get update && apt-get install ...`).
fn installs_after_update(info: &InstructionInfo) -> bool {
    let mut updated = false;
    info.commands().any(|cmd| match apt_subcommand(cmd) {
        Some("update") => {
            updated = true;
            false
        }
        Some(sub) => updated && READS_LISTS.contains(&sub),
        None => false,
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let reaches_image = |stage: usize| {
        ctx.stages.get(stage).is_some_and(|s| s.is_final)
            || ctx.stages.iter().any(|s| s.base == Base::Stage(stage))
    };
    let mut seen = Vec::new();
    for (info, cmd) in run_commands(ctx) {
        if seen.contains(&info.index) || !info.stage.is_some_and(reaches_image) {
            continue;
        }
        if apt_subcommand(cmd) != Some("update") || cleans_lists(info) {
            continue;
        }
        seen.push(info.index);
        let mut diagnostic = Diagnostic::new(
            cmd.span,
            "This `RUN` downloads the apt package lists and leaves them in the layer (tens of MB, useless at \
             run time); end the same `RUN` with `rm -rf /var/lib/apt/lists/*`.",
        );
        if let Some(fix) = cleanup_fix(ctx, info) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

fn cleanup_fix(ctx: &Context, info: &InstructionInfo) -> Option<Fix> {
    // An update run through `sudo` (a non-root `USER`) needs `sudo` to remove what it wrote.
    let sudo = update_command(info)
        .is_some_and(|cmd| cmd.words.first().is_some_and(|w| w.value == "sudo"));
    let remove = if sudo {
        "sudo rm -rf /var/lib/apt/lists/*"
    } else {
        "rm -rf /var/lib/apt/lists/*"
    };
    let cleanup = append_to_run(ctx, info, remove)?;
    let only_updates = only_updates(info);
    match later_readers(ctx, info) {
        // Lists nobody reads, downloaded by a RUN that does nothing else: the RUN goes (removing the lists at its
        // end would leave the same files, in one more layer).
        LaterReaders::None if only_updates => Some(
            Fix::safe(
                "Remove the RUN that only downloads unread package lists",
                vec![Edit::delete(info.node.span)],
            )
            .explained(
                "This `RUN` only runs `apt-get update` and no later `RUN` installs from the lists, so removing \
                 them at its end would leave nothing of it: the `RUN` goes, and with it a layer and a download.",
            ),
        ),
        LaterReaders::None => Some(
            Fix::safe("Remove the apt lists in the same RUN", vec![cleanup]).explained(
                if installs_after_update(info) {
                    "Deletes the downloaded package lists before the layer is written."
                } else {
                    "Deletes the downloaded package lists before the layer is written: no later `RUN` reads them."
                },
            ),
        ),
        LaterReaders::Editable(readers) => {
            let count = readers.len();
            // `RUN apt-get update` then one-command `RUN apt-get install ...`: DW2059 (when it runs) merges them
            // into the one `RUN` this fix aims at, with one update; updating in every later `RUN` would repeat it.
            if only_updates
                && ctx.config.is_enabled(&super::consecutive_run::RULE)
                && super::consecutive_run::merges_with_next(ctx, info.index)
            {
                return None;
            }
            let mut edits = vec![if only_updates {
                Edit::delete(info.node.span)
            } else {
                cleanup
            }];
            edits.extend(
                readers
                    .into_iter()
                    .map(|(reader, prefix)| Edit::insert(reader.span.start, prefix)),
            );
            let later = if count == 1 {
                "the later `RUN`".to_string()
            } else {
                format!("the {count} later `RUN`s")
            };
            let fix = if only_updates {
                Fix::unsafe_("Update the lists where they are read", edits).explained(format!(
                    "Removes this `RUN`, which only downloads the package lists, and runs `apt-get update` before \
                     the install of {later} that read them, as Docker's best practices ask (`update` and \
                     `install` in one `RUN`, the lists removed in it). Unsafe: the install reads lists \
                     downloaded when it runs, so it may get newer package versions."
                ))
            } else {
                Fix::unsafe_("Remove the apt lists; later installs update their own", edits).explained(format!(
                    "Deletes the downloaded package lists before the layer is written, and runs `apt-get update` \
                     before the install of {later} that relied on them, as Docker's best practices ask (`update` \
                     and `install` in one `RUN`). Unsafe: the later install reads freshly downloaded lists, so \
                     it may get newer package versions, and the build downloads the lists more than once."
                ))
            };
            Some(fix)
        }
        LaterReaders::Fixed => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, fixed_safely, lines};

    #[test]
    fn catches_update_without_cleanup() {
        assert_eq!(
            lines(
                "DW2009",
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_apt_update_too() {
        assert_eq!(lines("DW2009", "FROM debian:12\nRUN apt update\n"), vec![2]);
    }

    #[test]
    fn does_not_accept_cleanup_in_a_later_run() {
        let src = "FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n";
        assert_eq!(lines("DW2009", src), vec![2]);
    }

    #[test]
    fn does_not_catch_cleanup_in_the_same_run_or_a_cache_mount() {
        assert!(lines(
            "DW2009",
            "FROM debian:12\nRUN apt-get update && rm -rf /var/lib/apt/lists\n"
        )
        .is_empty());
        let mount =
            "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n";
        assert!(lines("DW2009", mount).is_empty());
    }

    #[test]
    fn does_not_accept_removing_unrelated_files_as_cleanup() {
        assert_eq!(
            lines(
                "DW2009",
                "FROM debian:12\nRUN apt-get update && rm -rf /tmp/*\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn accepts_removing_a_parent_directory() {
        assert!(lines(
            "DW2009",
            "FROM debian:12\nRUN apt-get update && rm -rf /var/lib/apt\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_stages_that_are_only_copied_from() {
        let src = "FROM debian:12 AS build\nRUN apt-get update\nFROM debian:12\nCOPY --from=build /x /x\n";
        assert!(lines("DW2009", src).is_empty());
    }

    #[test]
    fn catches_stages_that_the_image_is_built_from() {
        let src = "FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN true\n";
        assert_eq!(lines("DW2009", src), vec![2]);
    }

    #[test]
    fn fixes_by_appending_the_cleanup() {
        assert_eq!(
            fixed("DW2009", "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n"),
            "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"
        );
    }

    /// A later `RUN` that installs from the lists of an earlier one gets its own `apt-get update` (unsafe), so
    /// both can remove them; safe fixes leave both alone.
    #[test]
    fn a_later_install_without_update_gets_its_own_update_unsafely() {
        let cases = [
            (
                "FROM debian:12\nRUN apt-get update && touch /a\nRUN apt-get install -y curl\n",
                "FROM debian:12\nRUN apt-get update && touch /a && rm -rf /var/lib/apt/lists/*\n\
                 RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
            ),
            (
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY a /a\nRUN a; apt-get install -y git\n",
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n\
                 COPY a /a\nRUN a; apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(lines("DW2009", src), vec![2]);
            assert_eq!(fixed("DW2009", src), want);
            assert_eq!(fixed_safely("DW2009", src), src);
        }
    }

    /// A `RUN` that only updates the lists does nothing once each later reader updates for itself: the unsafe
    /// fix removes it (comments before it stay) rather than leave `apt-get update && rm -rf ...`, a layer that
    /// downloads and deletes.
    #[test]
    fn a_run_that_only_updates_goes_when_later_readers_update_themselves() {
        for update in [
            "apt-get update",
            "apt-get -qq update",
            "sudo apt-get update",
            "apt update && apt-get update",
        ] {
            let src = format!(
                "FROM debian:12\n# lists\nRUN {update}\n# python\nRUN apt-get install -y python3 && python3 -V\n"
            );
            assert_eq!(lines("DW2009", &src), vec![3], "{update}");
            assert_eq!(
                fixed("DW2009", &src),
                "FROM debian:12\n# lists\n# python\n\
                 RUN apt-get update && apt-get install -y python3 && python3 -V && rm -rf /var/lib/apt/lists/*\n",
                "{update}"
            );
            assert_eq!(fixed_safely("DW2009", &src), src, "{update}");
        }
        // Followed by one-command RUNs that merge with it: the merge (DW2059) goes first, one update for all.
        let src = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y a\nRUN apt-get install -y b\n";
        // With DW2059 off, each install updates for itself.
        assert_eq!(
            fixed("DW2009", src),
            "FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\n\
             RUN apt-get update && apt-get install -y b && rm -rf /var/lib/apt/lists/*\n"
        );
        assert_eq!(
            crate::fix::fix(
                src,
                &crate::config::Config {
                    only: vec!["DW2009".into(), "DW2059".into()],
                    ..crate::config::Config::default()
                },
                true
            )
            .text,
            "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y a && \\\n    apt-get install -y b && rm -rf /var/lib/apt/lists/*\n"
        );
        // Anything else in the RUN, a comment inside it or an exec form keeps the RUN (the cleanup is appended).
        let src = "FROM debian:12\nRUN apt-get update && \\\n# keep\n    true\nRUN apt-get install -y git\n";
        assert!(
            fixed("DW2009", src).contains("RUN apt-get update && \\\n# keep\n    true && rm -rf")
        );
    }

    /// A `RUN` that only updates lists no later `RUN` reads is removed, safely (the lists would be gone either way).
    #[test]
    fn a_run_that_only_updates_lists_nobody_reads_goes() {
        let src = "FROM debian:12\nRUN apt-get -y update\nCOPY . /app\nRUN make -C /app\n";
        assert_eq!(
            fixed_safely("DW2009", src),
            "FROM debian:12\nCOPY . /app\nRUN make -C /app\n"
        );
        // Something else in the RUN: it stays, with the cleanup.
        let src = "FROM debian:12\nRUN apt-get -y update && touch /a\n";
        assert_eq!(
            fixed_safely("DW2009", src),
            "FROM debian:12\nRUN apt-get -y update && touch /a && rm -rf /var/lib/apt/lists/*\n"
        );
    }

    /// The wrapper of the later install is repeated before its update; a `sudo` update removes with `sudo`.
    #[test]
    fn a_wrapped_later_install_gets_a_wrapped_update() {
        for (later, update) in [
            ("sudo apt-get install -y git", "sudo apt-get update"),
            (
                "eatmydata apt-get install -y git",
                "eatmydata apt-get update",
            ),
            (
                "env DEBIAN_FRONTEND=noninteractive apt-get install -y git",
                "env DEBIAN_FRONTEND=noninteractive apt-get update",
            ),
            (
                "DEBIAN_FRONTEND=noninteractive apt-get install -y git",
                "DEBIAN_FRONTEND=noninteractive apt-get update",
            ),
            (
                "sudo -E eatmydata apt-get -q install -y git",
                "sudo -E eatmydata apt-get update",
            ),
            ("apt install -y git", "apt update"),
        ] {
            let src = format!(
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN {later}\n"
            );
            let sudo = if update.starts_with("sudo") {
                "sudo "
            } else {
                ""
            };
            assert_eq!(
                fixed("DW2009", &src),
                format!(
                    "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n\
                     RUN {update} && {later} && {sudo}rm -rf /var/lib/apt/lists/*\n"
                ),
                "{later}"
            );
            assert_eq!(fixed_safely("DW2009", &src), src, "{later}");
        }
        let src =
            "FROM debian:12\nUSER 1000\nRUN sudo apt-get update && sudo apt-get install -y curl\n";
        assert_eq!(
            fixed_safely("DW2009", src),
            "FROM debian:12\nUSER 1000\nRUN sudo apt-get update && sudo apt-get install -y curl && sudo rm -rf /var/lib/apt/lists/*\n"
        );
    }

    /// A later `RUN` that updates again owns the lists the `RUN`s after it read: this one cleans up safely.
    #[test]
    fn the_runs_after_a_later_update_read_its_lists_not_these() {
        let src = "FROM debian:12\nRUN apt-get update && apt-get install -y a\n\
                   RUN apt-get update && apt-get install -y b\nRUN apt-get install -y c\n";
        assert_eq!(
            fixed_safely("DW2009", src),
            "FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\n\
             RUN apt-get update && apt-get install -y b\nRUN apt-get install -y c\n"
        );
        // An update that may not run (after `||`) does not own the lists.
        let maybe = "FROM debian:12\nRUN apt-get update && apt-get install -y a\n\
                     RUN test -e /x || apt-get update\nRUN apt-get install -y c\n";
        assert_eq!(fixed_safely("DW2009", maybe), maybe);
    }

    /// Where `apt-get update && ` cannot go in front of the later install with the same meaning, the lists stay.
    #[test]
    fn keeps_the_lists_when_a_later_reader_cannot_update_itself() {
        for later in [
            "RUN test -e /x || apt-get install -y git",
            "RUN if true; then apt-get install -y git; fi",
            "RUN [\"apt-get\", \"install\", \"-y\", \"git\"]",
            "FROM debian:12 AS other\nRUN apt-get install -y git",
        ] {
            let src =
                format!("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n{later}\n");
            assert_eq!(fixed("DW2009", &src), src, "{later}");
        }
    }

    #[test]
    fn reads_heredoc_scripts_but_does_not_fix_them() {
        let src = "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n";
        assert_eq!(lines("DW2009", src), vec![3]);
        assert_eq!(fixed("DW2009", src), src);
        let cleaned = "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n";
        assert!(lines("DW2009", cleaned).is_empty());
    }

    #[test]
    fn fixes_a_script_ending_in_a_loop_after_its_done() {
        let src =
            "FROM debian:12\nRUN apt-get update && for p in a b; do apt-get install -y $p; done\n";
        assert_eq!(
            fixed("DW2009", src),
            "FROM debian:12\nRUN apt-get update && for p in a b; do apt-get install -y $p; done && rm -rf /var/lib/apt/lists/*\n"
        );
        let redirected = "FROM debian:12\nRUN apt-get update && for p in a b; do apt-get install -y $p; done > /log\n";
        assert_eq!(fixed("DW2009", redirected), redirected);
    }
}
