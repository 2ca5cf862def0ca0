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
    enabled_by_default: true,
    fix: FixKind::Safe,
    docs: rule_docs! {
        what: "Flags a `RUN` that runs `apt-get update` but does not delete `/var/lib/apt/lists` before it ends, \
               in a stage that ends up in the image (the final stage or a stage another builds `FROM`).",
        why: "The package lists weigh tens of megabytes and are stale a day later; removing them in a later `RUN` \
              does not help because the layer that holds them is already written.",
        example: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
        fixed: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n",
        fix_safety: "Safe: appends `&& rm -rf /var/lib/apt/lists/*` to the same `RUN`; only the downloaded package \
                     lists go, installed packages stay. Not offered when a later `RUN` still needs the lists (it \
                     installs without its own `apt-get update`, or this `RUN` only updates), nor when the script \
                     does not end in a plain command (a trailing `;`, `&`, loop or heredoc).",
        differences: "hadolint accepts any `rm -rf` in the `RUN` as cleanup (`apt-get update && rm -rf /tmp/*` \
                      passes); we require the removal to reach `/var/lib/apt/lists` (the lists, a path inside \
                      them or a parent such as `/var/lib/apt`). As in hadolint, stages only copied from (`COPY --from`) are not checked, since their \
                      layers never reach the image; a cache mount over `/var/lib/apt/lists` counts as cleanup. \
                      Not yet read as hadolint does (open differences, not choices): `aptitude update && aptitude \
                      install`; a `RUN` that deletes `docker-clean` under a cache mount of `/var/cache/apt`; and \
                      `ONBUILD RUN` in a stage only copied from (hadolint checks those, we skip the stage).",
    },
    check,
};

const LISTS: &str = "/var/lib/apt/lists";

fn cleans_lists(info: &InstructionInfo) -> bool {
    mounts_cache_over(info, "/var/lib/apt/lists")
        || info.commands().any(|c| {
            c.is("rm")
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

/// True when removing the lists at the end of `info` could break the build: this `RUN` installs nothing after
/// its update (so the update was meant for a later `RUN`), or some later `RUN` reads the lists without running
/// its own `apt-get update` first.
fn lists_needed_later(ctx: &Context, info: &InstructionInfo) -> bool {
    let mut updated = false;
    let mut used_here = false;
    for cmd in info.commands() {
        match apt_subcommand(cmd) {
            Some("update") => updated = true,
            Some(sub) if updated && READS_LISTS.contains(&sub) => used_here = true,
            _ => {}
        }
    }
    if !used_here {
        return true;
    }
    ctx.instructions[info.index + 1..]
        .iter()
        .filter(|i| crate::rules::common::commands::is_run(i))
        .any(|later| {
            for cmd in later.commands() {
                match apt_subcommand(cmd) {
                    Some("update") => return false,
                    Some(sub) if READS_LISTS.contains(&sub) => return true,
                    _ => {}
                }
            }
            false
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
        let fix = if lists_needed_later(ctx, info) {
            None
        } else {
            append_to_run(ctx, info, "rm -rf /var/lib/apt/lists/*")
        };
        if let Some(edit) = fix {
            diagnostic = diagnostic.with_fix(
                Fix::safe("Remove the apt lists in the same RUN", vec![edit])
                    .explained("Deletes the downloaded package lists before the layer is written."),
            );
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

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

    #[test]
    fn does_not_fix_an_update_meant_for_a_later_run() {
        let src = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n";
        assert_eq!(lines("DW2009", src), vec![2]);
        assert_eq!(fixed("DW2009", src), src);
    }

    #[test]
    fn does_not_fix_when_a_later_run_installs_without_updating() {
        let src = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git\n";
        assert_eq!(fixed("DW2009", src), src);
    }

    #[test]
    fn fixes_when_the_later_run_updates_again() {
        let src = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get update && apt-get install -y git\n";
        assert_eq!(
            fixed("DW2009", src),
            "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n\
             RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n"
        );
    }

    #[test]
    fn does_not_fix_when_a_wrapped_later_run_installs_without_updating() {
        for later in [
            "sudo apt-get install -y git",
            "eatmydata apt-get install -y git",
            "env DEBIAN_FRONTEND=noninteractive apt-get install -y git",
            "DEBIAN_FRONTEND=noninteractive apt-get install -y git",
            "sudo -E eatmydata apt-get -q install -y git",
        ] {
            let src = format!(
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN {later}\n"
            );
            assert_eq!(fixed("DW2009", &src), src, "{later}");
        }
    }

    #[test]
    fn a_wrapped_update_counts_too() {
        let src = "FROM debian:12\nRUN sudo apt-get update\nRUN apt-get install -y curl\n";
        assert_eq!(fixed("DW2009", src), src);
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
    fn does_not_fix_a_script_ending_in_a_loop() {
        let src =
            "FROM debian:12\nRUN apt-get update && for p in a b; do apt-get install -y $p; done\n";
        assert_eq!(fixed("DW2009", src), src);
    }
}
