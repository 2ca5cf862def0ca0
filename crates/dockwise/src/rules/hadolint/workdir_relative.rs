//! DL3000: `WORKDIR` with a relative path.

use crate::rules::common::cwd::current_dir;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2000",
    name: "workdir-relative-path",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[
        Alias(Peer::Hadolint, "DL3000"),
        Alias(Peer::Buildkit, "WorkdirRelativePath"),
        Alias(Peer::Trivy, "DS009"),
        Alias(Peer::Checkov, "CKV_DOCKER_10"),
    ],
    fix: FixKind::Safe(fix_safety!(
        "Safe when the directory it is relative to is known: an earlier absolute `WORKDIR` in the stage (or the \
         stage it is built on), or the one an official base image sets (`/` for most, `/go` for `golang`). The \
         fix writes the path that is already used. Not offered after `FROM` of another image, whose own \
         `WORKDIR` is not known here."
    )),
    docs: rule_docs! {
        what: "Flags a `WORKDIR` with a relative path (`WORKDIR app`).",
        why: "A relative `WORKDIR` is resolved against whatever directory is current, which after `FROM` is the \
              base image's `WORKDIR`: change the base and your files land somewhere else.",
        example: "FROM node:22\nWORKDIR /srv\nWORKDIR app\n",
        fixed: "FROM node:22\nWORKDIR /srv\nWORKDIR /srv/app\n",
        differences: "Like hadolint, every relative `WORKDIR` is reported; BuildKit's `WorkdirRelativePath` only \
                      reports one that comes before any absolute `WORKDIR` in the stage. Paths starting with a \
                      variable (`$HOME/app`) and Windows paths (`C:\\\\app`) are not reported.",
    },
    check,
    ..Rule::DEFAULTS
};

fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('$')
        || path.starts_with('\\')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Workdir)
    {
        let Body::Words(words) = &info.node.body else {
            continue;
        };
        let Some(word) = words.first() else { continue };
        let path = word.value.trim_matches(['"', '\'']);
        if path.is_empty() || is_absolute(path) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            word.span,
            format!(
                "`WORKDIR {path}` is relative to the current directory, which the base image decides; write the \
                 absolute path (`/{path}` or wherever you mean)."
            ),
        );
        if let Some(fix) = resolved(ctx, info, word) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

/// The absolute path when the directory before is known: set by this file (absolute, without variables), or the
/// one the official base image sets.
fn resolved(ctx: &Context, info: &InstructionInfo, word: &Word) -> Option<Fix> {
    let base = current_dir(ctx, info)?;
    if word.value.contains(['$', '"', '\'', '\\', ' ']) {
        return None;
    }
    let relative = word.value.trim_start_matches("./");
    let path = if relative.is_empty() || relative == "." {
        base.to_string()
    } else {
        format!("{}/{relative}", base.trim_end_matches('/'))
    };
    Some(
        Fix::safe(
            "Write the absolute path",
            vec![Edit::replace(word.span, path.clone())],
        )
        .explained(format!(
            "`WORKDIR {}` is `{path}`: the same directory, said plainly.",
            word.value
        )),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_flagged_once_unfixed, fixed, lines};

    #[test]
    fn fix_resolves_against_the_workdir_before() {
        assert_eq!(
            fixed(
                "DW2000",
                "FROM a:1\nWORKDIR /srv/\nWORKDIR app\nWORKDIR ./x\n"
            ),
            "FROM a:1\nWORKDIR /srv/\nWORKDIR /srv/app\nWORKDIR /srv/app/x\n"
        );
        assert_eq!(
            fixed("DW2000", "FROM a:1 AS b\nWORKDIR /b\nFROM b\nWORKDIR c\n"),
            "FROM a:1 AS b\nWORKDIR /b\nFROM b\nWORKDIR /b/c\n"
        );
    }

    #[test]
    fn fix_resolves_against_an_official_image_s_own_workdir() {
        assert_eq!(
            fixed("DW2000", "FROM node:22\nWORKDIR app\n"),
            "FROM node:22\nWORKDIR /app\n"
        );
        assert_eq!(
            fixed(
                "DW2000",
                "FROM golang:1.25 AS b\nWORKDIR ./src\nFROM b\nWORKDIR .\n"
            ),
            "FROM golang:1.25 AS b\nWORKDIR /go/src\nFROM b\nWORKDIR /go/src\n"
        );
    }

    #[test]
    fn no_fix_when_the_directory_before_is_unknown() {
        assert_flagged_once_unfixed(
            "DW2000",
            &[
                "FROM example/base:1\nWORKDIR app\n",
                "FROM a:1\nWORKDIR $D\nWORKDIR app\n",
            ],
        );
    }

    #[test]
    fn catches_a_relative_workdir() {
        assert_eq!(
            lines("DW2000", "FROM a:1\nWORKDIR app\nWORKDIR \"src\"\n"),
            vec![2, 3]
        );
    }

    #[test]
    fn does_not_catch_absolute_variable_or_windows_paths() {
        let src = "FROM a:1\nWORKDIR /app\nWORKDIR $HOME/app\nWORKDIR ${DIR}\nWORKDIR C:\\\\app\n";
        assert!(lines("DW2000", src).is_empty());
    }
}
