//! A `WORKDIR` that changes nothing: it names the folder already in force, or the next instruction sets
//! another folder before anything runs in it.

use crate::rules::common::cwd::{is_within, without_trailing_slash};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1033",
    name: "redundant-workdir",
    category: Category::Style,
    severity: Severity::Style,
    fix: FixKind::Safe(fix_safety!(
        "Safe: the `WORKDIR` goes only where the folder it names already exists and no step runs in it: it is \
         the folder already in force (and no step since removes or moves it), or the next instruction is another \
         `WORKDIR` and the folder is `/` or a parent of that one's (which `WORKDIR` creates anyway)."
    )),
    docs: rule_docs! {
        what: "Flags a `WORKDIR` that sets the folder already in force, and a `WORKDIR` right before another \
               `WORKDIR` when its folder is `/` or a parent of the next one's.",
        why: "Such a line does nothing but make the reader look for a reason: every step still runs where it did. \
              They pile up when a file is edited step by step (`WORKDIR /app` before each `RUN`).",
        example: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nWORKDIR /app\nRUN pip install --no-cache-dir .\n",
        fixed: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// The folder a `WORKDIR` names, when it is absolute and written plainly (no variable, no quotes); `/` stays
/// `/`, a trailing `/` goes.
fn plain_folder<'i>(ctx: &Context, info: &'i InstructionInfo) -> Option<&'i str> {
    let (Keyword::Workdir, Body::Words(words)) = (info.kind(), &info.node.body) else {
        return None;
    };
    let word = words.first()?;
    let value = word.value.as_str();
    let plain = value.starts_with('/')
        && ctx.text(word.span) == value
        && !value.contains(['$', '"', '\'', '\\', '*', ' ']);
    plain.then(|| without_trailing_slash(value))
}
/// Whether a `RUN` among `steps` may remove or move `folder`: `rm`, `rmdir` or `mv` of it or a parent, of a
/// path not written plainly, or of a relative path where the step's folder is not known.
fn may_remove(steps: &[InstructionInfo], folder: &str) -> bool {
    steps.iter().any(|step| {
        let moves = step.commands().any(|c| c.is("cd") || c.is("pushd"));
        step.commands()
            .filter(|c| c.is("rm") || c.is("rmdir") || c.is("mv"))
            .flat_map(|c| c.args())
            .filter(|a| !a.value.starts_with('-'))
            .any(|a| {
                if a.value.contains(['$', '*', '?', '[', '`']) || a.value.contains("..") {
                    return true;
                }
                let path = match (a.value.starts_with('/'), &step.workdir) {
                    (true, _) => a.value.clone(),
                    (false, Some(dir)) if !moves => {
                        format!("{}/{}", dir.trim_end_matches('/'), a.value)
                    }
                    (false, _) => return true,
                };
                is_within(folder, &path)
            })
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in ctx.stages.iter() {
        let steps = ctx.stage_instructions(stage);
        // Where the folder in force was last set (an index into `steps`), for the steps since.
        let mut set_at: Option<usize> = None;
        for (at, info) in steps.iter().enumerate() {
            if info.kind() != Keyword::Workdir {
                continue;
            }
            let Some(folder) = plain_folder(ctx, info) else {
                set_at = Some(at);
                continue;
            };
            let in_force = info.workdir.as_deref().map(without_trailing_slash);
            let repeated = in_force == Some(folder)
                && set_at.is_some_and(|from| !may_remove(&steps[from..at], folder));
            let next = steps
                .get(at + 1)
                .and_then(|n| plain_folder(ctx, n))
                .filter(|next| *next != folder && is_within(next, folder));
            set_at = Some(at);
            let message = match (repeated, next) {
                (true, _) => format!(
                    "`WORKDIR {folder}` sets the folder already in force: every step runs where it did without \
                     it."
                ),
                (false, Some(next)) => format!(
                    "`WORKDIR {folder}` is followed by `WORKDIR {next}` before anything runs in it, and the folder \
                     exists anyway: the line changes nothing."
                ),
                (false, None) => continue,
            };
            out.push(
                Diagnostic::new(info.node.text_span(), message).with_fix(
                    Fix::safe("Remove the WORKDIR that changes nothing", vec![Edit::delete(info.node.span)])
                        .explained("Every step runs in the same folder without it, and the folder still exists."),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn removes_a_workdir_of_the_folder_in_force() {
        assert_eq!(
            fixed(
                "DW1033",
                "FROM python:3.12\nWORKDIR /app/\nCOPY . .\nRUN make\nWORKDIR /app\nCMD [\"x\"]\n"
            ),
            "FROM python:3.12\nWORKDIR /app/\nCOPY . .\nRUN make\nCMD [\"x\"]\n"
        );
        // Of equal lines in a row, the first stays.
        assert_eq!(
            fixed(
                "DW1033",
                "FROM debian:12\nWORKDIR /app\nWORKDIR /app\nRUN make\nWORKDIR /app\n"
            ),
            "FROM debian:12\nWORKDIR /app\nRUN make\n"
        );
    }

    #[test]
    fn removes_a_workdir_right_before_one_of_a_folder_inside_it() {
        assert_eq!(
            fixed(
                "DW1033",
                "FROM debian:12\nWORKDIR /tmp\nRUN make\nWORKDIR /\nWORKDIR /tmp\nRUN make\nWORKDIR /root\nWORKDIR /root/ws\n"
            ),
            // Then the second `WORKDIR /tmp` repeats the folder in force, and goes too.
            "FROM debian:12\nWORKDIR /tmp\nRUN make\nRUN make\nWORKDIR /root/ws\n"
        );
    }

    #[test]
    fn keeps_workdirs_that_make_or_change_a_folder() {
        for src in [
            // A folder of its own (a volume, say), made by WORKDIR and needed later.
            "FROM debian:12\nWORKDIR /data\nWORKDIR /app\n",
            // The folder may be gone: the WORKDIR makes it again.
            "FROM debian:12\nWORKDIR /app\nRUN rm -rf /app\nWORKDIR /app\n",
            "FROM debian:12\nWORKDIR /app\nRUN rm -rf \"$DIR\"\nWORKDIR /app\n",
            "FROM debian:12\nWORKDIR /\nRUN rm -rf app\nWORKDIR /app\n",
            "FROM debian:12\nWORKDIR /app\nRUN cd / && rm -rf app\nWORKDIR /app\n",
            // Another folder, a variable, a relative path, another stage.
            "FROM debian:12\nWORKDIR /app\nWORKDIR /srv\n",
            "FROM debian:12\nWORKDIR /app\nRUN make\nWORKDIR $APP\n",
            "FROM debian:12\nWORKDIR /app\nRUN make\nWORKDIR app\n",
            "FROM debian:12 AS a\nWORKDIR /app\nFROM debian:12\nWORKDIR /app\n",
        ] {
            assert!(lines("DW1033", src).is_empty(), "{src}");
        }
    }
}
