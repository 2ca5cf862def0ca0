//! DL3059: consecutive `RUN` instructions that would read better, and build one layer fewer, as one.

use crate::rewrite::Style;
use crate::rules::common::run_edits::ends_the_shell;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2059",
    name: "consecutive-run",
    category: Category::ImageSize,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3059")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: the commands run in the same order, in the same shell, and the merged `RUN` stops at the first \
         failing command as the separate ones did. Not offered when a command changes the shell state of the next \
         one (`cd`, `set`, `export`, `source`, `umask`, assignments), when a `RUN` uses flags (`--mount`, \
         `--network`) or a heredoc, or when a line ends with a shell comment. An exec-form `RUN` joins as the \
         shell words that read back as its elements (`[\"make\", \"install\"]` as `make install`, `[\"sh\", \
         \"-c\", \"a b\"]` as `sh -c 'a b'`; never one holding a single quote). A closing `;` gives way to the \
         `&&`. Comments between the instructions move into the continuation, which BuildKit ignores."
    )),
    docs: rule_docs! {
        what: "Flags a `RUN` that directly follows another `RUN` when both run a single command (comments between \
               them do not count; any other instruction does).",
        why: "Every `RUN` is a layer with its own metadata and cache entry; a row of one-command `RUN`s builds more \
              layers than needed, and files deleted in a later one still ship in the earlier layer.",
        example: "FROM alpine:3.21\nRUN mkdir -p /app/data\nRUN touch /app/data/.keep\n",
        fixed: "FROM alpine:3.21\nRUN mkdir -p /app/data && \\\n    touch /app/data/.keep\n",
        differences: "The fix merges the longest part of the row of `RUN`s around a flagged pair, longer \
                      ones included, in which meaning is kept (the same conditions); a `RUN` that cannot join \
                      ends the part. The part's first finding carries that one fix (the others of the part are \
                      resolved by it). Like hadolint, only `RUN`s of at most one command are \
                      flagged (a `[ ... ]` test and a \
                      command named by a variable, `$CABAL build`, do not count), so long, already-combined \
                      scripts are left alone. `RUN`s with flags (`--mount`, `--network`) or heredocs are not \
                      counted: merging them would share one mount or network setting across both commands; hadolint \
                      counts them.",
    },
    check,
    ..Rule::DEFAULTS
};

/// Commands that change the shell state seen by the commands after them.
const STATEFUL: [&str; 12] = [
    "cd", "pushd", "popd", "set", "export", "source", ".", "umask", "shopt", "alias", "unset",
    "ulimit",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let style = ctx.style();
    // Whether each instruction joins the next one. Whether a part of a row merges is decided pair by pair
    // (`merge_fix` checks each `RUN` against its neighbours only), so this is computed once, and a `RUN` that
    // cannot join ends a part without keeping the rest of the row apart.
    let joins_next: Vec<bool> = (0..ctx.instructions.len())
        .map(|at| joins(ctx, style, at, at + 1))
        .collect();
    // The first instruction of the joinable part the current one belongs to, and the first instruction of the
    // last part whose fix was built. The part's first flagged `RUN` alone carries the fix, which merges the whole
    // part: a copy on every finding would make a row of n `RUN`s hold n copies of an O(n) text.
    let mut part_start = 0;
    let mut fixed_part: Option<usize> = None;
    let mut previous: Option<&InstructionInfo> = None;
    for info in &ctx.instructions {
        if info.index == 0 || !joins_next.get(info.index - 1).copied().unwrap_or(false) {
            part_start = info.index;
        }
        let pair = previous.filter(|p| {
            // Instructions before the first `FROM` count as one unnamed stage, as hadolint reads them.
            p.stage == info.stage && is_single_run(p) && is_single_run(info)
        });
        if let Some(p) = pair {
            let mut diagnostic = Diagnostic::new(
                info.node.text_span(),
                "This `RUN` follows another one-command `RUN`: each adds a layer and a cache entry. Combine them \
                 into one `RUN` with `&&`.",
            );
            if joins_next.get(p.index).copied().unwrap_or(false) && fixed_part != Some(part_start) {
                fixed_part = Some(part_start);
                let mut end = info.index;
                while joins_next.get(end).copied().unwrap_or(false) {
                    end += 1;
                }
                let part: Vec<usize> = (part_start..=end).collect();
                if let Some(fix) = merge_fix(ctx, style, &part) {
                    diagnostic = diagnostic.with_fix(fix);
                }
            }
            out.push(diagnostic);
        }
        previous = Some(info);
    }
}

/// Whether this rule's fix merges instruction `at` with the one after it (both one-command `RUN`s that join):
/// other rules whose fix would rewrite the pair apart defer to the merge.
pub(crate) fn merges_with_next(ctx: &Context, at: usize) -> bool {
    let single = |i: usize| ctx.instructions.get(i).is_some_and(is_single_run);
    single(at) && single(at + 1) && joins(ctx, ctx.style(), at, at + 1)
}

/// Whether instruction `b` can be appended to instruction `a` in one `RUN` with meaning kept: both plain `RUN`s
/// (no flags, no heredoc, whatever their length) of the same stage that `merge_fix` accepts as a pair.
fn joins(ctx: &Context, style: &Style, a: usize, b: usize) -> bool {
    let plain = |at: usize| {
        ctx.instructions.get(at).is_some_and(|i| {
            i.node.kind == Keyword::Run && i.node.flags.is_empty() && i.node.heredocs.is_empty()
        })
    };
    let same_stage =
        ctx.instructions.get(a).map(|i| i.stage) == ctx.instructions.get(b).map(|i| i.stage);
    plain(a) && plain(b) && same_stage && merge_fix(ctx, style, &[a, b]).is_some()
}

/// A `RUN` without flags or heredocs whose script holds at most one command (`[ ... ]` tests do not count).
fn is_single_run(info: &InstructionInfo) -> bool {
    let node = info.node;
    if node.kind != Keyword::Run || !node.flags.is_empty() || !node.heredocs.is_empty() {
        return false;
    }
    match &node.body {
        Body::Command(Command::Exec(_)) => true,
        Body::Command(Command::Shell(_)) => {
            info.commands()
                .filter(|c| {
                    !matches!(c.name(), Some("[" | "[["))
                        && !c.name().is_some_and(|n| n.starts_with('$'))
                })
                .count()
                <= 1
        }
        _ => false,
    }
}

/// One `RUN` from the chain `indices`: `RUN a && \` + newline + indentation + `b`, comments between kept.
fn merge_fix(ctx: &Context, style: &Style, indices: &[usize]) -> Option<Fix> {
    let infos: Vec<&InstructionInfo> = indices
        .iter()
        .filter_map(|&i| ctx.instructions.get(i))
        .collect();
    if infos.len() < 2 || infos.len() != indices.len() {
        return None;
    }
    // Each `RUN`'s script as it will read in the merged one (an exec form written as its plain words).
    let mut scripts: Vec<String> = Vec::new();
    // Where each `RUN` but the last ends in the source once a closing `;` is dropped.
    let mut ends: Vec<usize> = Vec::new();
    for (n, info) in infos.iter().enumerate() {
        if !info.shell.is_posix() {
            return None;
        }
        let args = match &info.node.body {
            Body::Command(Command::Shell(_)) => ctx.text(info.node.args).to_string(),
            Body::Command(Command::Exec(exec)) => exec_as_shell(exec)?,
            _ => return None,
        };
        scripts.push(args.trim_start().to_string());
        let args = args.as_str();
        if args.trim().is_empty() {
            return None;
        }
        let last = n + 1 == infos.len();
        // Appended after `&&`, a `RUN` must be one and-list: `x && a; b` would run `b` after `x` failed.
        if n > 0
            && info.commands().skip(1).any(|c| {
                c.at_top_level() && !matches!(c.joined_by, Some(Joiner::And | Joiner::Pipe))
            })
        {
            return None;
        }
        if !last {
            let kept = joinable_end(args)?;
            let keep = kept.saturating_sub(args.len() - args.trim_start().len());
            scripts[n].truncate(keep);
            ends.push(info.node.args.start + kept);
            // After an `exit` or `exec` that is not a `|| exit` guard, the joined commands would never run.
            if info.commands().any(|c| {
                c.words.is_empty()
                    || c.program().is_some_and(|p| STATEFUL.contains(&p))
                    || c.depth > 0
                    || (ends_the_shell(c) && c.joined_by != Some(Joiner::Or))
            }) {
                return None;
            }
        }
    }
    let first = infos.first()?;
    let last = infos.last()?;
    // An exec-form first `RUN` is rewritten too; a shell-form one is kept as written.
    let (start, mut text) = match &first.node.body {
        Body::Command(Command::Exec(_)) => (first.node.args.start, scripts[0].clone()),
        _ => (*ends.first()?, String::new()),
    };
    for (n, pair) in infos.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        text.push_str(" && \\");
        text.push_str(style.newline);
        // Comment lines between the two instructions, kept in order inside the continuation.
        let between = ctx.source.get(a.node.span.end..b.node.span.start)?;
        for line in between.lines() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim_start().starts_with('#') {
                text.push_str(line);
                text.push_str(style.newline);
            } else if !line.trim().is_empty() {
                return None;
            }
        }
        text.push_str(&style.indent);
        text.push_str(&scripts[n + 1]);
    }
    let span = Span::new(start, last.node.args.end);
    Some(
        Fix::safe(
            format!("Merge {} RUN instructions", infos.len()),
            vec![Edit::replace(span, text)],
        )
        .explained(format!(
            "{} consecutive `RUN`s become one: {} fewer layers.",
            infos.len(),
            infos.len() - 1
        )),
    )
}

/// How many bytes of a script to keep when ` && \\` is appended to it: all but a closing `;` (`a;` then `&& b`
/// runs `b` only when `a` succeeded, as the separate `RUN`s did), or `None` when appending would change its
/// meaning: a shell comment (it would swallow the `&&`), a trailing `\\`, `&`, `|` or `;;`.
fn joinable_end(script: &str) -> Option<usize> {
    if dockwise_syntax::shell::has_comment(script) {
        return None;
    }
    let trimmed = script.trim_end();
    if trimmed.ends_with("\\;") {
        return Some(trimmed.len());
    }
    if trimmed.ends_with(['\\', '&', '|']) || trimmed.ends_with(";;") {
        return None;
    }
    match trimmed.strip_suffix(';') {
        Some(before) => Some(before.trim_end().len()),
        None => Some(trimmed.len()),
    }
}

/// `["node", "server"]` as `node server`: each element as the one word the shell reads back as that element,
/// plain characters as they are and anything else in single quotes (`["sh", "-c", "a b"]` as `sh -c 'a b'`);
/// `None` when an element is empty or holds a single quote or a control character. Exec form starts the program
/// without a shell; in a POSIX-shell stage the shell form starts the same program with the same arguments.
fn exec_as_shell(exec: &dockwise_syntax::ast::ExecForm) -> Option<String> {
    let word = |w: &Word| {
        let value = w.value.as_str();
        if value.is_empty() || value.contains('\'') || value.chars().any(char::is_control) {
            None
        } else if value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./:=@%+,".contains(&b))
        {
            Some(value.to_string())
        } else {
            Some(format!("'{value}'"))
        }
    };
    if exec.elements.is_empty() {
        return None;
    }
    let words: Option<Vec<String>> = exec.elements.iter().map(word).collect();
    Some(words?.join(" "))
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    /// hadolint counts an exec-form `RUN` as a one-command `RUN` (corpus: `RUN ["node", "server"]` followed by
    /// the `RUN chown` of the non-root fix).
    #[test]
    fn merges_an_exec_form_run_written_in_plain_words() {
        assert_eq!(
            fixed(
                "DW2059",
                "FROM a\nRUN [\"node\", \"server\"]\nRUN chown 1000 /app\n"
            ),
            "FROM a\nRUN node server && \\\n    chown 1000 /app\n"
        );
        assert_eq!(
            fixed("DW2059", "FROM a\nRUN make\nRUN [\"make\", \"install\"]\n"),
            "FROM a\nRUN make && \\\n    make install\n"
        );
        // Anything but plain characters is single-quoted: the shell reads it back as the same one argument.
        assert_eq!(
            fixed(
                "DW2059",
                "FROM a\nRUN [\"echo\", \"$HOME\", \"*\"]\nRUN [\"sh\", \"-c\", \"a b\"]\n"
            ),
            "FROM a\nRUN echo '$HOME' '*' && \\\n    sh -c 'a b'\n"
        );
        for exec in ["[\"echo\", \"it's\"]", "[\"echo\", \"\"]", "[\"a\\tb\"]"] {
            let src = format!("FROM a\nRUN {exec}\nRUN b\n");
            assert_eq!(fixed("DW2059", &src), src, "{exec}");
        }
    }

    /// Instructions before the first `FROM` form one unnamed stage (hadolint reads them so).
    #[test]
    fn reads_instructions_before_the_first_from_as_a_stage() {
        assert_eq!(lines("DW2059", "RUN a\nRUN b\nFROM x\nRUN c\n"), vec![2]);
    }

    #[test]
    fn catches_the_second_of_two_one_command_runs() {
        assert_eq!(lines("DW2059", "FROM a\nRUN a\nRUN b\n"), vec![3]);
        assert_eq!(lines("DW2059", "FROM a\nRUN a\nRUN b\nRUN c\n"), vec![3, 4]);
        assert_eq!(lines("DW2059", "FROM a\nRUN a\n# why\n\nRUN b\n"), vec![5]);
        assert_eq!(
            lines(
                "DW2059",
                "FROM a\nRUN apk add x\nRUN [ -e /e ] && echo h > /e\n"
            ),
            vec![3]
        );
        assert_eq!(lines("DW2059", "FROM a\nRUN [\"a\"]\nRUN b\n"), vec![3]);
        // Like hadolint, a command named by a variable does not count.
        assert_eq!(
            lines("DW2059", "FROM a\nRUN cd $D && $CABAL clean\nRUN c\n"),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_combined_flagged_heredoc_or_separated_runs() {
        for src in [
            "FROM a\nRUN a && b\nRUN c\n",
            "FROM a\nRUN a\nRUN b && c\n",
            "FROM a\nRUN a | b\nRUN c\n",
            "FROM a\nRUN a\nCOPY x y\nRUN b\n",
            "FROM a\nRUN a\nFROM b\nRUN c\n",
            "FROM a\nRUN --mount=type=cache,target=/x a\nRUN --mount=type=cache,target=/x b\n",
            "FROM a\nRUN <<EOF\na\nEOF\nRUN c\n",
            "FROM a\nRUN echo $(date)\nRUN c\n",
        ] {
            assert!(lines("DW2059", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn the_first_finding_of_each_part_carries_its_one_fix() {
        // Two parts (the `RUN` ending in a comment cannot be joined after): one fix each, not one per finding.
        let src = "FROM a\nRUN a\nRUN b\nRUN c\nRUN d # why\nRUN e\nRUN f\n";
        let index = dockwise_syntax::LineIndex::new(src);
        let fixes: Vec<(usize, Option<String>)> = crate::lint::lint(src, &Config::only("DW2059"))
            .findings
            .iter()
            .map(|f| {
                let line = index.line_col(src, f.diagnostic.span.start).line;
                (line, f.diagnostic.fix.as_ref().map(|x| x.title.clone()))
            })
            .collect();
        let titled = |line: usize, title: Option<&str>| (line, title.map(str::to_string));
        assert_eq!(
            fixes,
            [
                titled(3, Some("Merge 4 RUN instructions")),
                titled(4, None),
                titled(5, None),
                // `d # why` cannot have `&&` appended: this pair does not merge, the next one does.
                titled(6, None),
                titled(7, Some("Merge 2 RUN instructions"))
            ]
        );
    }

    #[test]
    fn fix_merges_the_whole_row_keeping_comments_case_and_line_endings() {
        assert_eq!(
            fixed("DW2059", "FROM a\nRUN a\n# why b\n\nRUN b\nrun c\nCMD x\n"),
            "FROM a\nRUN a && \\\n# why b\n    b && \\\n    c\nCMD x\n"
        );
        assert_eq!(
            fixed("DW2059", "from a\r\nrun a \\\r\n\t--x\r\nrun b\r\n"),
            "from a\r\nrun a \\\r\n\t--x && \\\r\n\tb\r\n"
        );
        assert_eq!(
            fixed("DW2059", "FROM a\nRUN a\nRUN b"),
            "FROM a\nRUN a && \\\n    b"
        );
    }

    #[test]
    fn fix_merges_longer_runs_of_the_row_when_meaning_is_kept() {
        assert_eq!(
            fixed("DW2059", "FROM a\nRUN a; b\nRUN c\nRUN d\nRUN e | f && g\n"),
            "FROM a\nRUN a; b && \\\n    c && \\\n    d && \\\n    e | f && g\n"
        );
        // Appended after `&&`, `e; f` would run `f` after an earlier command failed: only the pair merges.
        assert_eq!(
            fixed("DW2059", "FROM a\nRUN c\nRUN d\nRUN e || f\n"),
            "FROM a\nRUN c && \\\n    d\nRUN e || f\n"
        );
        // A `cd` in a longer `RUN` would move the commands after it: only the one-command pair merges.
        assert_eq!(
            fixed("DW2059", "FROM a\nRUN cd /x && make\nRUN c\nRUN d\n"),
            "FROM a\nRUN cd /x && make\nRUN c && \\\n    d\n"
        );
        // A trailing `cd` in the last `RUN` matters to nothing after it.
        assert_eq!(
            fixed("DW2059", "FROM a\nRUN c\nRUN d\nRUN make && cd /x\n"),
            "FROM a\nRUN c && \\\n    d && \\\n    make && cd /x\n"
        );
    }

    /// A `RUN` that cannot join (a loop ending in `;` before the row) no longer keeps the rest of the row from
    /// merging (corpus: `RUN for d in ...; done;` then `RUN chmod`, `RUN adduser`, `RUN chown`).
    #[test]
    fn fix_merges_the_part_of_the_row_that_can_join() {
        assert_eq!(
            fixed(
                "DW2059",
                "FROM a\nRUN for d in x; do echo $d; done;\nRUN b\nRUN c\nRUN d\n"
            ),
            "FROM a\nRUN for d in x; do echo $d; done;\nRUN b && \\\n    c && \\\n    d\n"
        );
        assert_eq!(
            fixed("DW2059", "FROM a\nRUN b\nRUN c # why\nRUN d\nRUN e\n"),
            "FROM a\nRUN b && \\\n    c # why\nRUN d && \\\n    e\n"
        );
        // A closing `;` gives way to the `&&`; a `#` in quotes or a `\;` argument is no comment or separator.
        assert_eq!(
            fixed(
                "DW2059",
                "FROM a\nRUN yum -y update ;\nRUN yum clean all;\n"
            ),
            "FROM a\nRUN yum -y update && \\\n    yum clean all;\n"
        );
        assert_eq!(
            fixed(
                "DW2059",
                "FROM a\nRUN echo '# x' >> /f\nRUN find / -exec ls {} \\;\nRUN b\n"
            ),
            "FROM a\nRUN echo '# x' >> /f && \\\n    find / -exec ls {} \\; && \\\n    b\n"
        );
    }

    #[test]
    fn fix_is_not_offered_when_the_first_command_changes_the_shell_or_ends_in_a_comment() {
        assert_unfixed(
            "DW2059",
            &[
                // Nothing after `exit` or `exec` runs (corpus: `RUN dpkg -i x.deb; exit 0` then `RUN apt-get -f install`).
                "FROM a\nRUN dpkg -i x.deb; exit 0\nRUN apt-get install -f\n",
                "FROM a\nRUN exec make\nRUN b\n",
                "FROM a\nRUN cd /src\nRUN make\n",
                "FROM a\nRUN make # build\nRUN b\n",
                "FROM a\nRUN x &\nRUN b\n",
            ],
        );
    }
}
