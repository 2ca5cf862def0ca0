//! DL3043: `ONBUILD ONBUILD`, `ONBUILD FROM`, `ONBUILD MAINTAINER`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2043",
    name: "onbuild-forbidden-trigger",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3043")],
    docs: rule_docs! {
        what: "Flags `ONBUILD` whose trigger is `ONBUILD`, `FROM` or `MAINTAINER`.",
        why: "Docker refuses these triggers: chaining `ONBUILD ONBUILD` is not allowed, and `FROM` or \
              `MAINTAINER` cannot run as a trigger. The image builds, but every image built from it fails.",
        example: "FROM debian:12\nONBUILD FROM alpine:3.20\n",
        fixed: "FROM debian:12\nONBUILD RUN echo \"building on top of me\"\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        let Body::Onbuild(inner) = &info.node.body else {
            continue;
        };
        if matches!(
            inner.kind,
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer
        ) {
            out.push(Diagnostic::new(
                inner.keyword,
                format!(
                    "`ONBUILD {}` is not allowed: Docker rejects it when a child image builds; remove it or use \
                     another trigger.",
                    ctx.text(inner.keyword)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_forbidden_triggers() {
        assert_eq!(
            lines("DW2043", "FROM debian:12\nONBUILD ONBUILD RUN x\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2043", "FROM debian:12\nONBUILD MAINTAINER me\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_allowed_triggers() {
        assert!(lines(
            "DW2043",
            "FROM debian:12\nONBUILD RUN make\nONBUILD COPY . /src\n"
        )
        .is_empty());
    }
}
