//! DL3045: `COPY` to a relative destination before any `WORKDIR`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2045",
    name: "copy-relative-without-workdir",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3045")],
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
    for info in relative_without_workdir(ctx).filter(|i| i.kind() == Keyword::Copy) {
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        if let Some(dest) = &copy.destination {
            out.push(Diagnostic::new(
                dest.span,
                format!(
                    "`{}` is relative, but no `WORKDIR` is set, so it depends on the base image's working \
                     directory; set `WORKDIR` first or use an absolute path.",
                    dest.value
                ),
            ));
        }
    }
}

/// Every `COPY` and `ADD` with a relative destination in a stage that has not set `WORKDIR` (itself or through
/// the stages it builds on). `add-instead-of-copy` reads it too: turning such an `ADD` into `COPY` would raise
/// this rule.
pub(crate) fn relative_without_workdir<'c>(
    ctx: &'c Context,
) -> impl Iterator<Item = &'c InstructionInfo<'c>> + 'c {
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
    use crate::rules::prelude::testing::lines;

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
