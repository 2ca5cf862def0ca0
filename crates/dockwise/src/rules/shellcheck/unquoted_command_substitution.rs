//! SC2046: an unquoted `$(...)` in a command's arguments.

use super::scan::{argument_words, is_declared_assignment, run_commands, scan, PartKind};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3003",
    name: "unquoted-command-substitution",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Shellcheck, "SC2046")],
    fix: FixKind::Safe(fix_safety!(
        "Safe, and offered only for substitutions whose output is one word without spaces or glob characters \
         (`$(nproc)`, `$(uname -m)`, `$(dpkg --print-architecture)`, `$(lsb_release -cs)`, `$(id -u)`, ...): \
         quoted, they give the command the same argument. Others may be lists meant to be split (`$(apt-mark \
         showmanual)`): quote or loop over them by hand."
    )),
    docs: rule_docs! {
        what: "Flags a command substitution `$(...)` used without double quotes as an argument.",
        why: "The command's output is split on spaces and expanded as globs: a path with a space becomes two \
              arguments and a `*` in the output matches files.",
        example: "FROM debian:bookworm\nRUN make -j$(nproc)\n",
        fixed: "FROM debian:bookworm\nRUN make -j\"$(nproc)\"\n",
        differences: "Backquotes are left to `legacy-backquotes` (SC2006), which rewrites them as `$(...)`. \
                      hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in run_commands(ctx) {
        for word in argument_words(cmd).filter(|w| !is_declared_assignment(info, cmd, w)) {
            for part in scan(ctx.source, word.span).parts {
                if part.kind == PartKind::CommandSub && !part.quoted {
                    let diagnostic = Diagnostic::new(
                        part.span,
                        "This command substitution is not quoted: its output is split on spaces and globbed, so \
                         the command may get other arguments than intended; wrap it in double quotes (or use \
                         `xargs`/a loop when a list is meant).",
                    );
                    out.push(match quote_fix(ctx, part.span) {
                        Some(fix) => diagnostic.with_fix(fix),
                        None => diagnostic,
                    });
                }
            }
        }
    }
}

/// Commands whose output is one word with no space or glob character: quoting their substitution changes nothing.
const ONE_WORD_OUTPUT: &[&str] = &[
    "nproc",
    "nproc --all",
    "getconf _NPROCESSORS_ONLN",
    "uname -m",
    "uname -r",
    "uname -s",
    "uname -p",
    "arch",
    "dpkg --print-architecture",
    "lsb_release -cs",
    "lsb_release -sc",
    "lsb_release -rs",
    "lsb_release -sr",
    "id -u",
    "id -g",
    "whoami",
];

/// Double quotes around `$(...)` at `span` when the command inside is one of [`ONE_WORD_OUTPUT`].
fn quote_fix(ctx: &Context, span: Span) -> Option<Fix> {
    let inner = ctx.text(span).strip_prefix("$(")?.strip_suffix(')')?;
    let words: Vec<&str> = inner.split([' ', '\t']).filter(|w| !w.is_empty()).collect();
    let command = words.join(" ");
    if !ONE_WORD_OUTPUT.contains(&command.as_str()) {
        return None;
    }
    Some(
        Fix::safe(
            "Quote the command substitution",
            vec![
                Edit::insert(span.start, "\""),
                Edit::insert(span.end, "\""),
            ],
        )
        .explained(format!(
            "`{command}` prints one word, so the quoted substitution passes the same argument and no longer depends on \
             word splitting."
        )),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn quotes_substitutions_that_print_one_word() {
        assert_eq!(
            fixed(
                "DW3003",
                "FROM a\nRUN make -j$(nproc) && mkdir /opt/$(uname  -m) $( id -u )\n"
            ),
            "FROM a\nRUN make -j\"$(nproc)\" && mkdir /opt/\"$(uname  -m)\" \"$( id -u )\"\n"
        );
        // Lists and anything else stay as they are.
        assert_unfixed(
            "DW3003",
            &[
                "FROM a\nRUN apt-mark manual $(apt-mark showmanual)\n",
                "FROM a\nRUN ls $(pwd)\n",
                "FROM a\nRUN make -j$(nproc --ignore=1 | tr -d x)\n",
                "FROM a\nRUN make -j$(nproc \\\n)\n",
            ],
        );
    }

    #[test]
    fn catches_unquoted_substitutions_in_arguments() {
        assert_eq!(lines("DW3003", "FROM a\nRUN ls a$(pwd)b\n"), vec![2]);
        assert_eq!(lines("DW3003", "FROM a\nRUN export X=$(pwd)\n"), vec![2]);
    }

    #[test]
    fn follows_bash_where_export_arguments_are_assignments() {
        assert!(lines(
            "DW3003",
            "FROM a\nSHELL [\"bash\", \"-c\"]\nRUN export X=$(pwd)\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_quoted_substitutions_assignments_or_arithmetic() {
        assert!(lines(
            "DW3003",
            "FROM a\nRUN ls \"$(pwd)\"; x=$(pwd); echo $((1+2)) `pwd`\n"
        )
        .is_empty());
    }
}
