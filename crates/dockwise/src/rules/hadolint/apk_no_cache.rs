//! DL3019: `apk add` without `--no-cache`.

use super::apk_version_pin::APK_VALUE_OPTIONS;
use super::cli::{insert_after, invocation, mounts_cache_over, run_commands};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2019",
    name: "apk-no-cache",
    category: Category::ImageSize,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3019"), Alias(Peer::Trivy, "DS025")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: the same packages are installed; only the index cache is not kept in the image."
    )),
    docs: rule_docs! {
        what: "Flags `apk add` without `--no-cache`.",
        why: "Without it apk keeps its package index in `/var/cache/apk` inside the layer. `--no-cache` fetches \
              a fresh index and keeps nothing, so no `apk update` or cache cleanup is needed.",
        example: "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n",
        fixed: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
        differences: "As in hadolint, removing `/var/cache/apk` afterwards does not count (the flag is simpler \
                      and needs no `apk update`), but a cache mount over `/var/cache/apk` does.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in run_commands(ctx) {
        let Some((_, sub)) = invocation(cmd, "apk", &["add"], APK_VALUE_OPTIONS) else {
            continue;
        };
        if cmd.has_flag("--no-cache") || mounts_cache_over(info, "/var/cache/apk") {
            continue;
        }
        out.push(
            Diagnostic::new(
                cmd.words.first().map_or(cmd.span, |w| w.span.cover(sub.span)),
                "`apk add` without `--no-cache` leaves the package index in `/var/cache/apk` in this layer; add \
                 `--no-cache` (it also makes a separate `apk update` unnecessary).",
            )
            .with_fix(
                Fix::safe("Add --no-cache", vec![insert_after(sub, "--no-cache")])
                    .explained("Installs the same packages without keeping apk's index cache in the image."),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_add_without_no_cache() {
        assert_eq!(
            lines(
                "DW2019",
                "FROM alpine:3\nRUN apk update && apk add curl=8\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2019",
                "FROM alpine:3\nRUN apk add curl=8 && rm -rf /var/cache/apk/*\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_the_flag_anywhere_or_a_cache_mount() {
        assert!(lines("DW2019", "FROM alpine:3\nRUN apk --no-cache add curl=8\n").is_empty());
        let mount = "FROM alpine:3\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8\n";
        assert!(lines("DW2019", mount).is_empty());
    }

    #[test]
    fn fixes_by_adding_the_flag() {
        assert_eq!(
            fixed("DW2019", "FROM alpine:3\nRUN apk add -t .deps curl=8\n"),
            "FROM alpine:3\nRUN apk add --no-cache -t .deps curl=8\n"
        );
    }
}
