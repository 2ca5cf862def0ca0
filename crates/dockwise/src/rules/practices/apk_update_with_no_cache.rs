//! DW1034: `apk update` before `apk add --no-cache`: an index downloaded for nothing, kept in the layer.

use super::edits::has_cache_mount;
use crate::model::stage_image::later_runs;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1034",
    name: "apk-update-with-no-cache",
    category: Category::ImageSize,
    severity: Severity::Info,
    fix: FixKind::Safe(fix_safety!(
        "Safe: `apk add --no-cache` fetches a fresh index itself, so the same packages are installed; only the \
         unused index files are no longer left in the layer. Not offered when anything after it in the `RUN`, or \
         in a later `RUN` of the stage or of a stage built on it, reads the index without `--no-cache` or its \
         own update (`apk upgrade`, `apk add` without the flag): that command needs the downloaded index."
    )),
    docs: rule_docs! {
        what: "Flags `apk update` in a `RUN` whose installs all use `apk add --no-cache`.",
        why: "`apk update` stores the package index in `/var/cache/apk` (a few MB), and `apk add --no-cache` \
              ignores that cache and downloads the index again: the update only adds an unused index to the \
              layer. `--no-cache` alone is the whole idiom.",
        example: "FROM alpine:3.22\nRUN apk update && apk add --no-cache curl\n",
        fixed: "FROM alpine:3.22\nRUN apk add --no-cache curl\n",
        differences: "hadolint and BuildKit have no such check; hadolint's DL3019 asks for `--no-cache` and says \
                      it makes `apk update` unnecessary, without flagging the update.",
    },
    check,
    ..Rule::DEFAULTS
};

/// apk's subcommands that neither read the package index nor need it.
const NO_INDEX: &[&str] = &["update", "del", "cache", "stats", "audit", "verify"];

/// The apk subcommand of `cmd` (its first word that is not an option), when it is apk.
fn apk_subcommand(cmd: &ShellCommand) -> Option<&str> {
    cmd.is("apk").then(|| cmd.subcommand()).flatten()
}

/// An apk command that reads the index a previous `apk update` left: one without `--no-cache` or its own update.
fn reads_cached_index(cmd: &ShellCommand) -> bool {
    apk_subcommand(cmd).is_some_and(|sub| !NO_INDEX.contains(&sub))
        && !cmd.has_flag("--no-cache")
        && !cmd.has_flag("--update")
        && !cmd.has_flag("-U")
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Run) {
        if has_cache_mount(info.node) {
            continue;
        }
        let commands: Vec<&ShellCommand> = info.commands().collect();
        for (k, update) in commands.iter().enumerate() {
            if apk_subcommand(update) != Some("update") || !update.at_top_level() {
                continue;
            }
            let after = &commands[k + 1..];
            let installs = after
                .iter()
                .any(|c| apk_subcommand(c) == Some("add") && c.has_flag("--no-cache"));
            // What comes after in the `RUN`, or in a later one that sees this layer, may use the index.
            let needed = after.iter().any(|c| reads_cached_index(c))
                || later_runs(ctx.model, info).any(|later| {
                    // A later `RUN` that updates before reading has an index of its own.
                    later
                        .commands()
                        .find(|c| apk_subcommand(c) == Some("update") || reads_cached_index(c))
                        .is_some_and(reads_cached_index)
                });
            if !installs || needed {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                update.span,
                "`apk update` downloads a package index that `apk add --no-cache` does not use: it only stays in \
                 this layer (`/var/cache/apk`). Drop it; `--no-cache` fetches a fresh index.",
            );
            if let Some(fix) = removal(update, after.first().copied()) {
                diagnostic = diagnostic.with_fix(fix);
            }
            out.push(diagnostic);
        }
    }
}

/// The update and what joins it to the next command (`&&` or `;`), when it leads a plain chain.
fn removal(update: &ShellCommand, next: Option<&ShellCommand>) -> Option<Fix> {
    let next = next?;
    if !matches!(next.joined_by, Some(Joiner::And | Joiner::Sequence))
        || !next.at_top_level()
        || !update.redirects.is_empty()
    {
        return None;
    }
    Some(
        Fix::safe(
            "Remove apk update",
            vec![Edit::delete(Span::new(update.span.start, next.span.start))],
        )
        .explained(
            "`apk add --no-cache` fetches a fresh index itself; the update's copy only took space.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn catches_an_update_before_no_cache_installs() {
        assert_eq!(
            lines(
                "DW1034",
                "FROM alpine:3.22\nRUN apk update && apk add --no-cache curl\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1034",
                "FROM alpine:3.22\nRUN set -e; apk update; apk --no-cache add curl; apk del .x\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn fix_removes_the_update() {
        assert_eq!(
            fixed(
                "DW1034",
                "FROM alpine:3.22\nRUN apk update && \\\n    apk add --no-cache curl\n"
            ),
            "FROM alpine:3.22\nRUN apk add --no-cache curl\n"
        );
        assert_eq!(
            fixed(
                "DW1034",
                "FROM alpine:3.22\nRUN set -e; apk update; apk add --no-cache git\n"
            ),
            "FROM alpine:3.22\nRUN set -e; apk add --no-cache git\n"
        );
    }

    #[test]
    fn does_not_catch_an_update_something_uses() {
        for src in [
            // Installs without --no-cache, here or later, read the downloaded index.
            "FROM alpine:3.22\nRUN apk update && apk add curl\n",
            "FROM alpine:3.22\nRUN apk update && apk upgrade && apk add --no-cache curl\n",
            "FROM alpine:3.22\nRUN apk update && apk add --no-cache curl\nRUN apk add git\n",
            "FROM alpine:3.22 AS base\nRUN apk update && apk add --no-cache curl\nFROM base\nRUN apk add git\n",
            "FROM alpine:3.22\nRUN apk update && apk add --no-cache curl\nRUN apk add git && apk update\n",
            // Nothing installed after it (DW1050's case), or a cache mount keeps it out of the layer.
            "FROM alpine:3.22\nRUN apk add --no-cache curl && apk update\n",
            "FROM alpine:3.22\nRUN --mount=type=cache,target=/var/cache/apk apk update && apk add --no-cache curl\n",
        ] {
            assert!(lines("DW1034", src).is_empty(), "{src}");
        }
        // A later RUN with its own update, or with --no-cache, does not need this one.
        for later in [
            "RUN apk update && apk add git",
            "RUN apk add --no-cache git",
        ] {
            let src =
                format!("FROM alpine:3.22\nRUN apk update && apk add --no-cache curl\n{later}\n");
            assert_eq!(lines("DW1034", &src), vec![2], "{later}");
        }
    }

    #[test]
    fn no_fix_when_the_update_is_not_a_plain_step_of_the_chain() {
        assert_unfixed(
            "DW1034",
            &[
                "FROM alpine:3.22\nRUN apk update > /dev/null && apk add --no-cache curl\n",
                "FROM alpine:3.22\nRUN apk update || true && apk add --no-cache curl\n",
            ],
        );
    }
}
