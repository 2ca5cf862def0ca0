//! DL3000: `WORKDIR` with a relative path.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2000",
    name: "workdir-relative-path",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3000"), Alias(Peer::Buildkit, "WorkdirRelativePath"), Alias(Peer::Trivy, "DS009"), Alias(Peer::Checkov, "CKV_DOCKER_10")],
    enabled_by_default: true,
    fix: FixKind::None,
    docs: Docs {
        what: "Flags a `WORKDIR` with a relative path (`WORKDIR app`).",
        why: "A relative `WORKDIR` is resolved against whatever directory is current, which after `FROM` is the \
              base image's `WORKDIR`: change the base and your files land somewhere else.",
        example: "FROM node:22\nWORKDIR app\n",
        fixed: "FROM node:22\nWORKDIR /app\n",
        fix_safety: "",
        differences: "Like hadolint, every relative `WORKDIR` is reported; BuildKit's `WorkdirRelativePath` only \
                      reports one that comes before any absolute `WORKDIR` in the stage. Paths starting with a \
                      variable (`$HOME/app`) and Windows paths (`C:\\\\app`) are not reported.",
    },
    check,
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
        out.push(Diagnostic::new(
            word.span,
            format!(
                "`WORKDIR {path}` is relative to the current directory, which the base image decides; write the \
                 absolute path (`/{path}` or wherever you mean)."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

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
