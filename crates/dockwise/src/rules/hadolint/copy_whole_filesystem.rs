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
        if source.value == "/" && dest.value == "/" && !copies_helper_scripts(ctx, info) {
            out.push(Diagnostic::new(
                info.node.text_span(),
                "This copies the other stage's entire filesystem, caches, tools and secrets included; copy only \
                 the paths the image needs.",
            ));
        }
    }
}

/// Images made of helper files meant to be copied whole: `tonistiigi/xx` (cross-compilation scripts on
/// scratch), whose documented use is `COPY --from=xx / /`.
const HELPER_IMAGES: [&str; 1] = ["tonistiigi/xx"];

/// Whether the copy's source is a [`HELPER_IMAGES`] image, named directly or as the base of the stage it names.
fn copies_helper_scripts(ctx: &Context, info: &InstructionInfo) -> bool {
    let Some(from) = info.node.flag("from").and_then(|f| f.value.as_ref()) else {
        return false;
    };
    let image = match ctx.stage_named(&from.value).and_then(|s| ctx.stages.get(s)) {
        Some(stage) => match ctx.root_base(stage) {
            Base::Image(image) => image.repository(),
            _ => return false,
        },
        None => crate::model::ImageName::parse(&from.value).repository(),
    };
    HELPER_IMAGES.contains(&image.as_str())
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

    /// `tonistiigi/xx` is a scratch image of cross-compilation scripts: `COPY --from=xx / /` is its documented use.
    #[test]
    fn does_not_catch_the_xx_helper_image() {
        for source in [
            "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6 AS xx\nFROM golang:1.26\nCOPY --from=xx / /\n",
            "FROM golang:1.26\nCOPY --from=tonistiigi/xx / /\n",
        ] {
            assert!(lines("DW2067", source).is_empty(), "{source}");
        }
    }
}
