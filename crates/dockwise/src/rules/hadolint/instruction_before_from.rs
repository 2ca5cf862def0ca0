//! DL3061: an instruction other than `ARG` before the first `FROM`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2061",
    name: "instruction-before-from",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3061")],
    docs: rule_docs! {
        what: "Flags instructions other than `ARG` that come before the first `FROM`.",
        why: "Only `ARG` (and parser directives and comments) may precede `FROM`; anything else makes \
              `docker build` fail.",
        example: "LABEL org.opencontainers.image.title=app\nFROM debian:12\n",
        fixed: "FROM debian:12\nLABEL org.opencontainers.image.title=app\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .take_while(|i| i.kind() != Keyword::From)
    {
        if info.kind() != Keyword::Arg {
            out.push(Diagnostic::new(
                info.node.keyword,
                format!(
                    "`{}` comes before the first `FROM`, where only `ARG` is allowed, so the build fails; move it \
                     after `FROM`.",
                    ctx.text(info.node.keyword)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_instructions_before_from() {
        assert_eq!(
            lines("DW2061", "# c\nARG X\nENV A=b\nFROM debian:12\n"),
            vec![3]
        );
        assert_eq!(
            lines("DW2061", "LABEL a=b\nRUN x\nFROM debian:12\n"),
            vec![1, 2]
        );
    }

    #[test]
    fn does_not_catch_args_or_instructions_after_from() {
        assert!(lines(
            "DW2061",
            "# syntax=docker/dockerfile:1\nARG V=1\nFROM debian:$V\nRUN x\n"
        )
        .is_empty());
    }
}
