//! SC2086: an unquoted `$VAR` in a command's arguments.

use super::scan::{argument_words, is_declaration, is_declared_assignment, scan, PartKind};
use crate::rules::prelude::*;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    code: "DW3001",
    name: "unquoted-expansion",
    category: Category::Correctness,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Shellcheck, "SC2086")],
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: splitting is sometimes intended (`apt-get install $PACKAGES` passes a list); quoting then passes \
         the whole list as one argument. Not offered for a variable that holds a list: one named like a list \
         (`$buildDeps`, `$savedAptMark`, `$*_PACKAGES`, `$*_FLAGS`...), one the script assigns a value with \
         spaces, or one passed to a package manager (`apt-get`, `apt-mark`, `apk`, `pip`, `yum`, `dnf`, `npm`, \
         `gem`...). Check the other cases."
    )),
    docs: rule_docs! {
        what: "Flags a variable expanded without double quotes in a `RUN` command's arguments (`rm -rf $DIR`), \
               unless its value is known to hold no spaces or glob characters.",
        why: "An unquoted expansion is split on spaces and each piece is expanded as a glob: a value with a space \
              becomes two arguments, an empty value disappears, and `*` matches files. The command then acts on \
              something other than what was meant.",
        example: "FROM debian:bookworm\nRUN dir=\"$(mktemp -d)\" && rm -rf $dir\n",
        fixed: "FROM debian:bookworm\nRUN dir=\"$(mktemp -d)\" && rm -rf \"$dir\"\n",
        differences: "Like hadolint, variables declared by `ARG` or `ENV` count as safe, and script variables \
                      assigned only space-free literals are not flagged. hadolint shows at most one ShellCheck \
                      finding per `RUN` (the last one); we report every unquoted expansion. Heredoc `RUN` scripts \
                      are checked too.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Run) {
        // What the script assigns is read only once an unquoted expansion needs it (most `RUN`s have none).
        let mut judged: Option<(Spaceless, Vec<String>)> = None;
        for cmd in info.commands() {
            let words = argument_words(cmd).filter(|w| ctx.text(w.span).contains('$'));
            for word in words.filter(|w| !is_declared_assignment(info, cmd, w)) {
                for part in scan(ctx.source, word.span).parts {
                    let PartKind::Var(name) = &part.kind else {
                        continue;
                    };
                    if part.quoted {
                        continue;
                    }
                    let (safe, lists) = judged.get_or_insert_with(|| {
                        (spaceless_variables(ctx, info), list_variables(ctx, info))
                    });
                    if safe.is_safe(name) {
                        continue;
                    }
                    let text = ctx.text(part.span);
                    let d = Diagnostic::new(
                        part.span,
                        format!(
                            "`{text}` is not quoted: its value is split on spaces and expanded as a glob, so the \
                             command may get other arguments than intended; write `\"{text}\"`."
                        ),
                    );
                    // A list is meant to be split: quoting it would pass one argument (`apt-mark manual
                    // "$savedAptMark"` fails).
                    if lists.contains(name) {
                        out.push(d);
                        continue;
                    }
                    out.push(
                        d.with_fix(
                            Fix::unsafe_(
                                format!("Quote {text}"),
                                vec![Edit::insert(part.span.start, "\""), Edit::insert(part.span.end, "\"")],
                            )
                            .explained("The value is passed as one argument, without splitting or globbing."),
                        ),
                    );
                }
            }
        }
    }
}

/// Programs whose arguments are lists of packages (or of their options): a variable expanded there is a list.
const LIST_TAKING: &[&str] = &[
    "apt-get",
    "apt",
    "apt-mark",
    "apt-cache",
    "dpkg",
    "dpkg-query",
    "apk",
    "pip",
    "pip3",
    "yum",
    "dnf",
    "microdnf",
    "zypper",
    "npm",
    "yarn",
    "pnpm",
    "gem",
    "cargo",
    "go",
];

/// Whether a variable's name says it holds a list (`buildDeps`, `savedAptMark`, `RUNTIME_PACKAGES`, `CFLAGS`).
fn list_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "savedaptmark"
        || [
            "deps", "packages", "pkgs", "list", "flags", "args", "opts", "options", "mark",
        ]
        .iter()
        .any(|suffix| lower.ends_with(suffix))
}

/// The variables of this `RUN` that hold lists meant to be split: named like one, assigned a literal with
/// spaces in the script, or expanded in the arguments of a package manager.
fn list_variables(ctx: &Context, info: &InstructionInfo) -> Vec<String> {
    let mut lists: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !lists.iter().any(|l| l == name) {
            lists.push(name.to_string());
        }
    };
    for cmd in info.commands() {
        let declared = if is_declaration(cmd) { cmd.args() } else { &[] };
        for word in cmd.assignments.iter().chain(declared) {
            let raw = ctx.text(word.span);
            let Some(eq) = raw.find('=') else { continue };
            let scanned = scan(
                ctx.source,
                Span::new(word.span.start + eq + 1, word.span.end),
            );
            if scanned.literal_spaceful {
                add(raw.get(..eq).unwrap_or("").trim_end_matches('+'));
            }
        }
        let wrapped = cmd.words.len() - cmd.unwrapped().len();
        let takes_lists = cmd.runs_any(LIST_TAKING);
        for (i, word) in cmd.words.iter().enumerate().skip(1) {
            for part in scan(ctx.source, word.span).parts {
                if let PartKind::Var(name) = &part.kind {
                    if list_name(name) || (takes_lists && i > wrapped) {
                        add(name);
                    }
                }
            }
        }
    }
    lists
}

/// Variables whose expansion cannot split: declared by `ARG`/`ENV` (as hadolint tells ShellCheck) or assigned
/// in the script only space-free values. `true` = safe.
fn spaceless_variables<'i>(ctx: &Context, info: &'i InstructionInfo) -> Spaceless<'i> {
    let mut script_assigned: HashMap<String, bool> = HashMap::new();
    for cmd in info.commands() {
        let declared = if is_declaration(cmd) { cmd.args() } else { &[] };
        for word in cmd.assignments.iter().chain(declared) {
            let raw = ctx.text(word.span);
            let Some(eq) = raw.find('=') else { continue };
            let name = raw.get(..eq).unwrap_or("").trim_end_matches('+');
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let value = Span::new(word.span.start + eq + 1, word.span.end);
            let scanned = scan(ctx.source, value);
            let spaceless = !scanned.literal_spaceful
                && scanned.parts.iter().all(|p| match &p.kind {
                    PartKind::Special | PartKind::Arithmetic | PartKind::SingleQuoted => true,
                    PartKind::Var(v) => script_assigned
                        .get(v)
                        .copied()
                        .unwrap_or_else(|| info.scope.is_defined(v)),
                    PartKind::CommandSub | PartKind::Backquote => false,
                });
            // After `&&`/`||` the assignment may not run and the variable may stay unset, as ShellCheck sees it.
            let conditional = matches!(cmd.joined_by, Some(Joiner::And | Joiner::Or));
            let entry = script_assigned.entry(name.to_string()).or_insert(true);
            *entry = *entry && spaceless && !conditional;
        }
        if cmd.is("read") {
            for w in cmd.operands() {
                script_assigned.insert(w.value.clone(), false);
            }
        }
    }
    for script_text in script_texts(ctx, info) {
        for (name, spaceless) in for_loops(&script_text) {
            let entry = script_assigned.entry(name).or_insert(true);
            *entry = *entry && spaceless;
        }
    }
    Spaceless {
        scope: &info.scope,
        script_assigned,
    }
}

/// [`spaceless_variables`]: what the script assigns decides, else a declared `ARG`/`ENV` is safe. (The scope
/// is asked per name, not copied per `RUN`: a copy made a file of many `ENV`s and `RUN`s quadratic.)
struct Spaceless<'i> {
    scope: &'i crate::model::Scope,
    script_assigned: HashMap<String, bool>,
}

impl Spaceless<'_> {
    fn is_safe(&self, name: &str) -> bool {
        self.script_assigned
            .get(name)
            .copied()
            .unwrap_or_else(|| self.scope.is_defined(name))
    }
}

fn script_texts(ctx: &Context, info: &InstructionInfo) -> Vec<String> {
    let mut texts = Vec::new();
    if let Body::Command(Command::Shell(text)) = &info.node.body {
        texts.push(text.text.clone());
    }
    texts.extend(
        info.node
            .heredocs
            .iter()
            .map(|h| ctx.text(h.body).to_string()),
    );
    texts
}

/// `for NAME in WORDS; do`: the loop variable is space-free when every word is a plain literal.
fn for_loops(text: &str) -> Vec<(String, bool)> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if *token != "for" {
            continue;
        }
        let (Some(name), Some(&"in")) = (tokens.get(i + 1), tokens.get(i + 2)) else {
            continue;
        };
        let mut spaceless = true;
        for word in tokens.iter().skip(i + 3) {
            let (word, last) = match word.strip_suffix(';') {
                Some(w) => (w, true),
                None => (*word, false),
            };
            if word == "do" {
                break;
            }
            if word.contains(['$', '`', '*', '?', '[', '"', '\'', '\\']) {
                spaceless = false;
            }
            if last {
                break;
            }
        }
        found.push((name.to_string(), spaceless));
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn does_not_quote_lists_meant_to_be_split() {
        let official = "FROM debian:12\nRUN savedAptMark=\"$(apt-mark showmanual)\" \\\n\
                        && apt-get install -y $fetchDeps \\\n\
                        && apt-mark auto '.*' > /dev/null && apt-mark manual $savedAptMark \\\n\
                        && echo $fetchDeps $runDeps $RUNTIME_PACKAGES\n";
        assert_eq!(lines("DW3001", official).len(), 5);
        assert_eq!(fixed("DW3001", official), official);
        let assigned = "FROM alpine\nRUN want=\"gcc make\"; apk add $want && pip install $reqs\n";
        assert_eq!(lines("DW3001", assigned).len(), 2);
        assert_eq!(fixed("DW3001", assigned), assigned);
        let wrapped = "FROM debian\nRUN sudo apt-get purge -y $old\n";
        assert_eq!(fixed("DW3001", wrapped), wrapped);
    }

    #[test]
    fn still_quotes_a_single_value_beside_a_list() {
        assert_eq!(
            fixed(
                "DW3001",
                "FROM a\nRUN d=$(mktemp -d) && rm -rf $d && apt-get install -y $deps\n"
            ),
            "FROM a\nRUN d=$(mktemp -d) && rm -rf \"$d\" && apt-get install -y $deps\n"
        );
    }

    #[test]
    fn catches_an_unquoted_unknown_variable() {
        assert_eq!(lines("DW3001", "FROM a\nRUN echo $D\n"), vec![2]);
        assert_eq!(
            lines("DW3001", "FROM a\nRUN ls ${D:-x} > $OUT\n"),
            vec![2, 2]
        );
    }

    #[test]
    fn catches_variables_assigned_spaces_or_command_output() {
        assert_eq!(lines("DW3001", "FROM a\nRUN y=\"a b\"; echo $y\n"), vec![2]);
        assert_eq!(lines("DW3001", "FROM a\nRUN z=$(ls); echo $z\n"), vec![2]);
        assert_eq!(
            lines("DW3001", "FROM a\nRUN u=a; u=\"$u b\"; echo $u\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_export_arguments_and_test_operands_in_sh() {
        assert_eq!(lines("DW3001", "FROM a\nRUN export P=$D\n"), vec![2]);
        assert_eq!(lines("DW3001", "FROM a\nRUN [ -z $D ]\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_quoted_special_or_known_safe_variables() {
        let src = "FROM a\nENV A=\"x y\"\nARG C\nRUN echo \"$D\" $A $C $# $? ${#D} $((D+1)) '$D'\n\
                   RUN x=1; v=1.2.3; echo $x $v\nRUN y=$D\nRUN for i in $D; do echo \"$i\"; done\n";
        assert!(lines("DW3001", src).is_empty());
    }

    #[test]
    fn catches_variables_assigned_only_conditionally() {
        // Regression (corpus): `cd /tmp && export P="x" && curl .../$P.tar.bz2`, flagged by hadolint.
        assert_eq!(
            lines("DW3001", "FROM a\nRUN cd /tmp && P=ab && echo $P\n"),
            vec![2]
        );
        assert!(lines("DW3001", "FROM a\nRUN P=ab && cd /tmp && echo $P\n").is_empty());
    }

    #[test]
    fn checks_heredoc_scripts_and_skips_non_posix_shells() {
        assert_eq!(
            lines("DW3001", "FROM a\nRUN <<EOF\necho $D\nEOF\n"),
            vec![3]
        );
        assert!(lines("DW3001", "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo $D\n").is_empty());
    }

    #[test]
    fn loop_variables_are_safe_only_over_literal_lists() {
        assert!(lines("DW3001", "FROM a\nRUN for i in a b; do echo $i; done\n").is_empty());
        assert_eq!(
            lines("DW3001", "FROM a\nRUN for i in $(ls); do echo $i; done\n"),
            vec![2]
        );
    }

    #[test]
    fn follows_bash_where_export_arguments_are_assignments() {
        let bash = "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN export P=$D Q=x$D\nRUN echo $D\n";
        assert_eq!(lines("DW3001", bash), vec![4]);
    }

    #[test]
    fn does_not_catch_expansions_inside_quoted_command_substitutions_twice() {
        assert_eq!(lines("DW3001", "FROM a\nRUN echo \"$(cat $F)\"\n"), vec![2]);
    }

    #[test]
    fn fix_quotes_only_the_expansion() {
        assert_eq!(
            fixed("DW3001", "FROM a\nRUN cp a$D /x\n"),
            "FROM a\nRUN cp a\"$D\" /x\n"
        );
    }
}
