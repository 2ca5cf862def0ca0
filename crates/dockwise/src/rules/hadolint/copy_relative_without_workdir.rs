//! DL3045: `COPY` to a relative destination before any `WORKDIR`.

use crate::model::stage_facts;
use crate::rewrite::{as_lines, keyword_like};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2045",
    name: "copy-relative-without-workdir",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3045")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: the fix sets `WORKDIR` to the directory the base image already uses (official images: `/` \
         unless they set their own), before the first such `COPY` of the stage, so every file lands where it \
         did (the docs' example moves them to a folder of the app's own instead, `/app`, a change you make). \
         Offered only when Dockwise knows that directory."
    )),
    docs: rule_docs! {
        what: "Flags `COPY` to a relative destination in a stage that has not set `WORKDIR` (itself or through \
               the stage it builds on).",
        why: "A relative destination is resolved against the base image's working directory, which you did not \
              choose and which can change when the base image is updated: files land somewhere unexpected.",
        example: "FROM node:20-slim\nCOPY package.json .\n",
        fixed: "FROM node:20-slim\nWORKDIR /app\nCOPY package.json .\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut fixed_stages = Vec::new();
    for info in relative_without_workdir(ctx).filter(|i| i.kind() == Keyword::Copy) {
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        let Some(dest) = &copy.destination else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            dest.span,
            format!(
                "`{}` is relative, but no `WORKDIR` is set, so it depends on the base image's working \
                 directory; set `WORKDIR` first or use an absolute path.",
                dest.value
            ),
        );
        // One `WORKDIR` per stage, before its first such `COPY`: it covers the ones after it.
        if !fixed_stages.contains(&info.stage) {
            fixed_stages.push(info.stage);
            if let Some(fix) = fix(ctx, info) {
                diagnostic = diagnostic.with_fix(fix);
            }
        }
        out.push(diagnostic);
    }
}

/// `WORKDIR` the base image's own working directory, when Dockwise knows it (official images: `/` unless they
/// set one), before the `COPY`: the files land where they did, and no longer move if the base image changes it.
fn fix(ctx: &Context, info: &InstructionInfo) -> Option<Fix> {
    let stage = ctx.stages.get(info.stage?)?;
    if !matches!(stage.base, Base::Image(_)) {
        return None;
    }
    let dir = stage_facts(ctx.model, stage).workdir?;
    let keyword = keyword_like(ctx.text(info.node.keyword), Keyword::Workdir);
    let at = info.node.span.start;
    let line = as_lines(ctx.source, at, &[format!("{keyword} {dir}")], ctx.style());
    Some(
        Fix::safe(format!("Set WORKDIR {dir}, the base image's directory"), vec![Edit::insert(at, line)])
            .explained(format!(
                "`{dir}` is where the base image already put the files: the image is the same, and it no \
                 longer depends on the base image's choice. A folder of the app's own (`WORKDIR /app`) would \
                 keep its files apart from the system's, if you move them there."
            )),
    )
}

/// Every `COPY` and `ADD` with a relative destination in a stage that has not set `WORKDIR` (itself or through
/// the stages it builds on). `add-instead-of-copy` reads it too: turning such an `ADD` into `COPY` would raise
/// this rule.
pub(crate) fn relative_without_workdir<'c, 'a>(
    ctx: &'c Context<'a>,
) -> impl Iterator<Item = &'c InstructionInfo<'a>> + 'c {
    // Whether a `WORKDIR` came earlier in each stage or anywhere in the stages it builds on, kept in one pass.
    // (Read from the instructions because the model's `workdir` for the first instructions of `FROM parent`
    // misses a `WORKDIR` that is the parent's last line.) Before the first `FROM` (an unnamed stage) only the
    // model's `workdir` can hold one.
    let mut workdir_seen = vec![false; ctx.stages.len()];
    ctx.instructions.iter().filter(move |info| {
        let mut seen = false;
        if let Some(s) = info.stage.filter(|&s| s < workdir_seen.len()) {
            let stage = &ctx.stages[s];
            if info.index == stage.from {
                // A parent is an earlier stage, so its flag is final here.
                workdir_seen[s] = match stage.base {
                    Base::Stage(parent) => workdir_seen.get(parent).copied().unwrap_or(false),
                    _ => false,
                };
            }
            seen = workdir_seen[s];
            if info.kind() == Keyword::Workdir {
                workdir_seen[s] = true;
            }
        }
        if !matches!(info.kind(), Keyword::Copy | Keyword::Add) || info.workdir.is_some() || seen {
            return false;
        }
        match &info.node.body {
            Body::Copy(copy) => copy
                .destination
                .as_ref()
                .is_some_and(|d| is_relative(&d.value)),
            _ => false,
        }
    })
}

fn is_relative(dest: &str) -> bool {
    let windows_drive =
        dest.len() >= 2 && dest.as_bytes()[1] == b':' && dest.as_bytes()[0].is_ascii_alphabetic();
    !(dest.is_empty()
        || dest.starts_with('/')
        || dest.starts_with('$')
        || dest.starts_with('\\')
        || windows_drive)
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn fix_sets_the_base_image_s_own_directory_once_per_stage() {
        assert_eq!(
            fixed(
                "DW2045",
                "FROM node:18\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
            ),
            "FROM node:18\nWORKDIR /\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
        );
        assert_eq!(
            fixed("DW2045", "from golang:1.25\ncopy . src\n"),
            "from golang:1.25\nworkdir /go\ncopy . src\n"
        );
        // The base image's directory is unknown, or the stage builds on another.
        assert_unfixed(
            "DW2045",
            &[
                "FROM acme/app:1\nCOPY a b\n",
                "FROM node:18 AS base\nRUN true\nFROM base\nCOPY a b\n",
            ],
        );
    }

    /// Instructions before the first `FROM` form one unnamed stage (hadolint reads them so).
    #[test]
    fn reads_instructions_before_the_first_from_as_a_stage() {
        assert_eq!(
            lines("DW2045", "COPY a b\nWORKDIR /app\nCOPY c d\nFROM x\n"),
            vec![1]
        );
    }

    #[test]
    fn catches_relative_destinations_without_workdir() {
        assert_eq!(lines("DW2045", "FROM debian:12\nCOPY a b\n"), vec![2]);
        assert_eq!(
            lines("DW2045", "FROM debian:12\nCOPY [\"a\", \"./\"]\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_absolute_variables_or_after_workdir() {
        assert!(lines("DW2045", "FROM debian:12\nCOPY a /b\n").is_empty());
        assert!(lines("DW2045", "FROM debian:12\nCOPY a $HOME/b\n").is_empty());
        assert!(lines("DW2045", "FROM debian:12\nWORKDIR /app\nCOPY a b\n").is_empty());
        assert!(lines(
            "DW2045",
            "FROM debian:12 AS base\nWORKDIR /app\nFROM base\nCOPY a b\n"
        )
        .is_empty());
        assert!(lines("DW2045", "FROM debian:12\nADD a b\n").is_empty());
    }

    #[test]
    fn a_workdir_in_a_grandparent_stage_counts_but_not_one_in_a_sibling() {
        let chain = "FROM debian:12 AS a\nWORKDIR /app\nFROM a AS b\nRUN true\nFROM b\nCOPY x y\n";
        assert!(lines("DW2045", chain).is_empty());
        let sibling =
            "FROM debian:12 AS a\nWORKDIR /app\nFROM debian:12 AS b\nCOPY x y\nFROM a\nCOPY x y\n";
        assert_eq!(lines("DW2045", sibling), vec![4]);
    }
}
