//! DL3027: `apt` in a `RUN`.

use super::cli::{subcommand, APT_GET_VALUE_OPTIONS};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2027",
    name: "apt-instead-of-apt-get",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Hadolint, "DL3027"),
        Alias(Peer::Checkov, "CKV_DOCKER_9"),
    ],
    fix: FixKind::Safe(fix_safety!(
        "Safe: for `install`, `update`, `upgrade`, `remove`, `purge`, `autoremove`, `clean` and `dist-upgrade`, \
         `apt-get` does the same thing. Other subcommands (`search`, `list`, `show`) have no `apt-get` twin and \
         are not rewritten."
    )),
    docs: rule_docs! {
        what: "Flags `apt` in a `RUN`.",
        why: "`apt` is the interactive front end for people at a terminal: its output and behaviour may change \
              between releases and it warns that it has no stable command-line interface. Scripts should use \
              `apt-get` and `apt-cache`.",
        example: "FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n",
        fixed: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n",
    },
    check,
    ..Rule::DEFAULTS
};

const SAME_IN_APT_GET: &[&str] = &[
    "install",
    "update",
    "upgrade",
    "remove",
    "purge",
    "autoremove",
    "clean",
    "autoclean",
    "dist-upgrade",
];

fn is_apt(word: &Word) -> bool {
    word.value == "apt" || word.value.ends_with("/apt")
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| crate::rules::common::commands::is_run(i))
    {
        let apts: Vec<&ShellCommand> = info
            .commands()
            .filter(|c| c.words.first().is_some_and(is_apt))
            .collect();
        let Some(first) = apts.first().and_then(|c| c.words.first()) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            first.span,
            "`apt` is meant for people at a terminal and has no stable scripting interface; use `apt-get` (or \
             `apt-cache` for queries) in a Dockerfile.",
        );
        // Rewrite only plain `apt` words (not a path or a quoted/escaped spelling) with an `apt-get` twin.
        let edits: Vec<Edit> = apts
            .iter()
            .filter(|c| {
                subcommand(c, 0, APT_GET_VALUE_OPTIONS)
                    .is_some_and(|(_, w)| SAME_IN_APT_GET.contains(&w.value.as_str()))
            })
            .filter_map(|c| c.words.first())
            .filter(|w| ctx.text(w.span) == "apt")
            .map(|w| Edit::replace(w.span, "apt-get"))
            .collect();
        if !edits.is_empty() {
            diagnostic =
                diagnostic.with_fix(Fix::safe("Use apt-get", edits).explained(
                    "Runs the same package operations through apt's scripting interface.",
                ));
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_apt() {
        assert_eq!(
            lines("DW2027", "FROM debian:12\nRUN apt install -y curl\n"),
            vec![2]
        );
    }

    #[test]
    fn reports_once_per_run() {
        assert_eq!(
            lines(
                "DW2027",
                "FROM debian:12\nRUN apt update && \\\n  apt install -y curl\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_apt_get_apt_cache_or_the_word_as_an_argument() {
        let src = "FROM debian:12\nRUN apt-get update && apt-cache policy curl && echo apt\n";
        assert!(lines("DW2027", src).is_empty());
    }

    #[test]
    fn fixes_package_operations() {
        assert_eq!(
            fixed(
                "DW2027",
                "FROM debian:12\nRUN apt update && apt install -y curl\n"
            ),
            "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"
        );
    }

    #[test]
    fn does_not_fix_subcommands_apt_get_lacks() {
        let src = "FROM debian:12\nRUN apt list --installed\n";
        assert_eq!(fixed("DW2027", src), src);
    }
}
