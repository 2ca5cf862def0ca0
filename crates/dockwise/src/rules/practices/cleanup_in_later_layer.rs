//! DW1008: package removal or `rm` in a later `RUN` than the one that installed or downloaded the files.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1008",
    name: "cleanup-in-later-layer",
    category: Category::ImageSize,
    severity: Severity::Warning,
    fix: FixKind::Safe(fix_safety!(
        "Safe: offered only when no other `RUN` sits between the two, the cleanup is the first command of its \
         `RUN`, both run with the same user and working directory, and the cleanup uses no variables; so nothing \
         that ran between could have needed the removed files. The cleanup is appended to the creating `RUN` with \
         `&&` and removed from the later one (the whole `RUN` when nothing else remains)."
    )),
    docs: rule_docs! {
        what: "Flags a cleanup in a later `RUN` than the one that created what it removes: `apk del` or \
               `apt-get purge`/`remove` of packages an earlier `RUN` installed, `rm -rf /var/lib/apt/lists/*` \
               after an earlier `apt-get update`, and `rm` of an archive an earlier `RUN` downloaded.",
        why: "Each `RUN` is a layer and layers only add: removing files in a later layer hides them but the \
              bytes still ship in the earlier one. The cleanup only shrinks the image in the same `RUN`.",
        example: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n\
                  RUN rm -rf /var/lib/apt/lists/*\n",
        fixed: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm \
                -rf /var/lib/apt/lists/*\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// What a cleanup command removes.
enum Cleanup {
    Packages(Vec<String>),
    AptLists,
    Files(Vec<String>),
}

fn package_name(word: &str) -> String {
    word.split(['=', '>', '<'])
        .next()
        .unwrap_or(word)
        .to_string()
}

fn cleanup_of(c: &ShellCommand, workdir: Option<&str>) -> Option<Cleanup> {
    let sub = c.subcommand();
    let names = |skip: &str| -> Vec<String> {
        c.operands()
            .filter(|w| w.value != skip)
            .map(|w| package_name(&w.value))
            .collect()
    };
    if c.is("apk") && sub == Some("del") {
        return Some(Cleanup::Packages(names("del")));
    }
    if (c.is("apt-get") || c.is("apt")) && matches!(sub, Some("purge" | "remove")) {
        return Some(Cleanup::Packages(names(sub.unwrap_or(""))));
    }
    if c.is("rm") {
        let paths: Vec<&Word> = c.operands().collect();
        if paths.iter().any(|p| {
            p.value.trim_end_matches('/') == "/var/lib/apt/lists"
                || p.value.starts_with("/var/lib/apt/lists/")
        }) {
            return Some(Cleanup::AptLists);
        }
        return Some(Cleanup::Files(
            paths.iter().map(|p| absolute(&p.value, workdir)).collect(),
        ));
    }
    None
}

fn absolute(path: &str, workdir: Option<&str>) -> String {
    if path.starts_with('/') {
        path.trim_end_matches('/').to_string()
    } else {
        format!(
            "{}/{}",
            workdir.unwrap_or("").trim_end_matches('/'),
            path.trim_start_matches("./")
        )
    }
}

/// Does the earlier `RUN` create what the cleanup removes?
fn creates(info: &InstructionInfo, cleanup: &Cleanup) -> bool {
    match cleanup {
        Cleanup::Packages(names) => info.commands().any(|c| {
            let installs = (c.is("apk") && c.subcommand() == Some("add"))
                || ((c.is("apt-get") || c.is("apt")) && c.subcommand() == Some("install"));
            installs
                && c.operands()
                    .any(|w| names.contains(&package_name(&w.value)))
        }),
        Cleanup::AptLists => info
            .commands()
            .any(|c| (c.is("apt-get") || c.is("apt")) && c.subcommand() == Some("update")),
        Cleanup::Files(paths) => downloads(info).iter().any(|d| paths.contains(d)),
    }
}

/// Does the `RUN` itself hold a cleanup of the same kind (the creator tidied up after itself)?
fn cleans(info: &InstructionInfo, cleanup: &Cleanup) -> bool {
    info.commands().any(
        |c| match (cleanup_of(c, info.workdir.as_deref()), cleanup) {
            (Some(Cleanup::AptLists), Cleanup::AptLists) => true,
            (Some(Cleanup::Packages(mine)), Cleanup::Packages(theirs)) => {
                theirs.iter().all(|p| mine.contains(p))
            }
            (Some(Cleanup::Files(mine)), Cleanup::Files(theirs)) => {
                theirs.iter().all(|p| mine.contains(p))
            }
            _ => false,
        },
    )
}

/// Files a `RUN` downloads with `curl -o`/`-O` or `wget -O`/plain `wget URL`, as absolute paths.
fn downloads(info: &InstructionInfo) -> Vec<String> {
    let workdir = info.workdir.as_deref();
    let mut out = Vec::new();
    for c in info.commands() {
        let url_name = || {
            c.operands()
                .find(|w| w.value.contains("://"))
                .and_then(|w| w.value.rsplit('/').next().map(str::to_string))
                .filter(|n| !n.is_empty())
        };
        if c.is("curl") {
            if let Some(o) = bundled_value(c, 'o').or_else(|| c.flag_value("--output")) {
                out.push(absolute(&o.value, workdir));
            } else if c.has_flag("-O") || c.has_flag("--remote-name") {
                out.extend(url_name().map(|n| absolute(&n, workdir)));
            }
        } else if c.is("wget") {
            if let Some(o) = bundled_value(c, 'O').or_else(|| c.flag_value("--output-document")) {
                if o.value != "-" {
                    out.push(absolute(&o.value, workdir));
                }
            } else {
                out.extend(url_name().map(|n| absolute(&n, workdir)));
            }
        }
    }
    out
}

/// The value after a short option, also at the end of a bundle (`-fsSLo FILE`).
fn bundled_value(c: &ShellCommand, letter: char) -> Option<Word> {
    let args = c.args();
    let i = args.iter().position(|a| {
        let v = a.value.as_str();
        v.len() >= 2
            && v.starts_with('-')
            && !v.starts_with("--")
            && v.ends_with(letter)
            && v[1..].chars().all(|ch| ch.is_ascii_alphabetic())
    })?;
    args.get(i + 1).cloned()
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, info) in ctx.instructions.iter().enumerate() {
        if info.kind() != Keyword::Run || info.stage.is_none() {
            continue;
        }
        let top: Vec<&ShellCommand> = info.commands().filter(|c| c.at_top_level()).collect();
        for (k, c) in top.iter().enumerate() {
            let Some(cleanup) = cleanup_of(c, info.workdir.as_deref()) else {
                continue;
            };
            if matches!(&cleanup, Cleanup::Packages(p) | Cleanup::Files(p) if p.is_empty()) {
                continue;
            }
            // The nearest earlier RUN of the stage that created it.
            let creator = ctx.instructions[..index]
                .iter()
                .rev()
                .take_while(|p| p.stage == info.stage)
                .filter(|p| p.kind() == Keyword::Run)
                .find(|p| creates(p, &cleanup));
            let Some(creator) = creator else { continue };
            // Created again in this RUN, or already cleaned up where it was created: nothing ships.
            if creates(info, &cleanup) || cleans(creator, &cleanup) {
                continue;
            }
            let what = match cleanup {
                Cleanup::Packages(_) => "removes packages",
                Cleanup::AptLists => "removes the apt package lists",
                Cleanup::Files(_) => "removes downloaded files",
            };
            let mut diagnostic = Diagnostic::new(
                c.span,
                format!(
                    "This {what} that the `RUN` on line {} created: they still ship in that earlier layer, so the \
                     image does not get smaller. Do the cleanup in the same `RUN` that creates them.",
                    ctx.line_of(creator.node.keyword.start)
                ),
            );
            if let Some(fix) = fix(ctx, creator, info, &top, k) {
                diagnostic = diagnostic.with_fix(fix);
            }
            out.push(diagnostic);
        }
    }
}

fn fix(
    ctx: &Context,
    creator: &InstructionInfo,
    later: &InstructionInfo,
    top: &[&ShellCommand],
    k: usize,
) -> Option<Fix> {
    let c = top.get(k)?;
    if k != 0 || creator.user != later.user || creator.workdir != later.workdir {
        return None;
    }
    // Nothing but non-RUN instructions between.
    if ctx
        .instructions
        .get(creator.index + 1..later.index)?
        .iter()
        .any(|i| i.kind() == Keyword::Run)
    {
        return None;
    }
    let text = ctx.text(c.span);
    if text.contains(['$', '`', '#', '\n', '\\']) || !c.redirects.is_empty() {
        return None;
    }
    for info in [creator, later] {
        if !info.node.heredocs.is_empty()
            || info.scripts.len() != 1
            || info.scripts.first().is_some_and(|s| s.error.is_some())
            || !matches!(info.node.body, Body::Command(Command::Shell(_)))
        {
            return None;
        }
    }
    let creator_args = ctx.text(creator.node.args);
    let trimmed = creator_args.trim_end();
    if creator_args.contains('#') || trimmed.ends_with(['\\', ';', '&', '|']) || trimmed.is_empty()
    {
        return None;
    }
    if c.operands().any(|w| !w.value.starts_with('/'))
        && creator.commands().any(|x| x.is("cd") || x.is("pushd"))
    {
        return None;
    }
    let removal = if top.len() == 1 {
        if !later.node.comments.is_empty() || later.commands().count() != 1 {
            return None;
        }
        Edit::delete(later.node.span)
    } else {
        let next = top.get(1)?;
        if next.joined_by != Some(Joiner::And) {
            return None;
        }
        let span = Span::new(c.span.start, next.span.start);
        if ctx.text(span).contains('#') {
            return None;
        }
        Edit::delete(span)
    };
    let already = creator.commands().any(|x| {
        x.words.len() == c.words.len()
            && x.words
                .iter()
                .zip(&c.words)
                .all(|(a, b)| a.value == b.value)
    });
    let mut edits = vec![removal];
    if !already {
        edits.push(Edit::insert(creator.node.args.end, format!(" && {text}")));
    }
    Some(
        Fix::safe("Move the cleanup into the RUN that creates the files", edits).explained(
            "The cleanup now runs in the same layer that created the files, so their bytes no longer ship in the \
             image.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn catches_package_removal_list_cleanup_and_archive_removal_in_a_later_run() {
        assert_eq!(
            lines(
                "DW1008",
                "FROM a\nRUN apk add --virtual .b gcc\nRUN pip install x\nRUN apk del .b\n"
            ),
            vec![4]
        );
        assert_eq!(
            lines(
                "DW1008",
                "FROM a\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n"
            ),
            vec![3]
        );
        assert_eq!(
            lines("DW1008", "FROM a\nWORKDIR /t\nRUN curl -fsSLo x.tgz https://e/x.tgz\nRUN tar xf x.tgz && rm x.tgz\n"),
            vec![4]
        );
        assert_eq!(
            lines(
                "DW1008",
                "FROM a\nRUN wget https://e/y.zip\nRUN rm -f /y.zip\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_cleanup_in_the_same_run_or_another_stage() {
        for src in [
            "FROM a\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
            "FROM a\nRUN apk add gcc\nFROM a\nRUN apk del gcc\n",
            "FROM a\nRUN apk add gcc\nRUN apk del make\n",
            "FROM a\nRUN rm -rf /tmp/x\n",
            "FROM a\nRUN apt-get update; apt-get install -y x; rm -rf /var/lib/apt/lists/*\n\
             RUN apt-get update; apt-get install -y y; rm -rf /var/lib/apt/lists/*\n",
            "FROM a\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN echo && rm -rf /var/lib/apt/lists/*\n",
        ] {
            assert!(lines("DW1008", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_moves_the_cleanup_and_drops_an_empty_run() {
        assert_eq!(
            fixed("DW1008", "FROM a\nRUN apt-get update && apt-get install -y x\n# tidy\nRUN rm -rf /var/lib/apt/lists/*\nCMD y\n"),
            "FROM a\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n# tidy\nCMD y\n"
        );
        assert_eq!(
            fixed("DW1008", "FROM a\r\nRUN apk add --virtual .b gcc\r\nENV X=1\r\nRUN apk del .b && \\\r\n    echo done\r\n"),
            "FROM a\r\nRUN apk add --virtual .b gcc && apk del .b\r\nENV X=1\r\nRUN echo done\r\n"
        );
    }

    #[test]
    fn no_fix_when_a_run_between_may_need_the_files_or_the_cleanup_is_not_first() {
        assert_unfixed(
            "DW1008",
            &[
                "FROM a\nRUN apk add --virtual .b gcc\nRUN make\nRUN apk del .b\n",
                "FROM a\nRUN apk add gcc\nRUN make && apk del gcc\n",
                "FROM a\nRUN apt-get install -y $DEPS\nRUN apt-get purge -y $DEPS\n",
            ],
        );
    }
}
