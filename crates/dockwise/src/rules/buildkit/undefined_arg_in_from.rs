//! BuildKit UndefinedArgInFrom: `FROM` uses a variable no global `ARG` declares.

use super::vars::{references, PREDEFINED};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4006",
    name: "undefined-arg-in-from",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "UndefinedArgInFrom")],
    docs: rule_docs! {
        what: "Flags a variable in `FROM` (image or `--platform`) that no `ARG` before the first `FROM` declares \
               and that is not one of BuildKit's predefined arguments.",
        why: "Only global `ARG`s are visible to `FROM`: an undeclared variable expands to an empty string, so the \
              build pulls another image than intended or fails with an invalid reference.",
        example: "FROM python:${PYTHON_VERSION}-slim\nCMD [\"python\"]\n",
        fixed: "ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\nCMD [\"python\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        let node = info.node;
        let Body::From(from) = &node.body else {
            continue;
        };
        let mut spans = vec![from.image.span];
        spans.extend(
            node.flag("platform")
                .and_then(|f| f.value.as_ref())
                .map(|v| v.span),
        );
        for span in spans {
            for var in references(ctx.source, span, ctx.file.escape) {
                let declared = ctx.global_args.iter().any(|(k, _)| *k == var.name);
                if declared || PREDEFINED.contains(&var.name.as_str()) {
                    continue;
                }
                out.push(Diagnostic::new(
                    var.span,
                    format!(
                        "`{}` is not declared by an `ARG` before the first `FROM`, so it expands to an empty \
                         string here; declare it (`ARG {}=...`) at the top of the file.",
                        var.name, var.name
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_undeclared_variables_in_from() {
        assert_eq!(lines("DW4006", "FROM node:$V\n"), vec![1]);
        assert_eq!(lines("DW4006", "FROM a\nARG V=1\nFROM node:$V\n"), vec![3]);
    }

    #[test]
    fn does_not_catch_global_or_predefined_args() {
        assert!(lines(
            "DW4006",
            "ARG V\nFROM --platform=$BUILDPLATFORM node:${V:-20}\n"
        )
        .is_empty());
    }
}
