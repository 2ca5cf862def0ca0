//! DL3067: `COPY --from=<stage> / /`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2067",
    name: "copy-whole-filesystem",
    category: Category::ImageSize,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3067")],
    docs: rule_docs! {
        what: "Flags `COPY --from=... / /`, which copies another stage's or image's entire filesystem.",
        why: "It brings everything along: package caches, compilers, shells and credentials left in the other \
              stage, and it overwrites the base's own files. Copy only the paths the image needs.",
        example: "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build / /\n",
        fixed: "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Copy)
    {
        if info.node.flag("from").is_none() {
            continue;
        }
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        let (Some(dest), [source]) = (&copy.destination, copy.sources.as_slice()) else {
            continue;
        };
        if source.value == "/" && dest.value == "/" {
            out.push(Diagnostic::new(
                info.node.text_span(),
                "This copies the other stage's entire filesystem, caches, tools and secrets included; copy only \
                 the paths the image needs.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_whole_filesystem_copies() {
        assert_eq!(
            lines(
                "DW2067",
                "FROM debian:12 AS a\nFROM scratch\nCOPY --from=a / /\n"
            ),
            vec![3]
        );
        assert_eq!(
            lines(
                "DW2067",
                "FROM scratch\nCOPY --from=debian:12 [\"/\", \"/\"]\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_partial_copies() {
        assert!(lines(
            "DW2067",
            "FROM debian:12 AS a\nFROM scratch\nCOPY --from=a /usr /usr\n"
        )
        .is_empty());
        assert!(lines(
            "DW2067",
            "FROM debian:12 AS a\nFROM scratch\nCOPY --from=a / /x\n"
        )
        .is_empty());
        assert!(lines("DW2067", "FROM scratch\nCOPY / /\n").is_empty());
    }
}
