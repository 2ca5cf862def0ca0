//! DW1012: `RUN chown -R`/`chmod -R` of files copied by the instruction just before.

use crate::model::{is_numeric_id, Accounts};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1012",
    name: "chown-after-copy",
    category: Category::ImageSize,
    severity: Severity::Warning,
    fix: FixKind::Sometimes(fix_safety!(
        "Safe when the command changes exactly the one file the `COPY` wrote. Unsafe when it changes a directory: \
         `chown -R /app` also changes `/app` itself and files put there earlier, while `--chown` changes only what \
         this `COPY` writes (and the destination directory when the `COPY` creates it), so a process that creates \
         files in `/app` may lose that right. `--chmod` needs BuildKit (the default builder since Docker 23). Not \
         offered for symbolic modes (`u+x`), variables, other flags, when the `COPY` already sets the same option, \
         or when the owner does not exist yet when the `COPY` runs (created later, even in the same `RUN`), nor \
         for an owner by name on a `COPY --link` (which copies onto an empty layer, without the user list)."
    )),
    docs: rule_docs! {
        what: "Flags a `chown` or `chmod` in a `RUN` that changes the files the `COPY` or `ADD` right before it \
               copied.",
        why: "Changing ownership or mode rewrites every file into a new layer: the image carries the copied files \
              twice. `COPY --chown=user:group` and `COPY --chmod=mode` set them once, at copy time.",
        example: "FROM node:20-slim\nWORKDIR /app\nCOPY server.js /app/server.js\nRUN chown node:node /app/server.js\n",
        fixed: "FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node server.js /app/server.js\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn normalize(path: &str, workdir: Option<&str>) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        let base = workdir.unwrap_or("/");
        format!(
            "{}/{}",
            base.trim_end_matches('/'),
            path.trim_start_matches("./")
        )
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for pair in ctx.instructions.windows(2) {
        let (copy, run) = (&pair[0], &pair[1]);
        if copy.stage != run.stage
            || run.kind() != Keyword::Run
            || !matches!(copy.kind(), Keyword::Copy | Keyword::Add)
        {
            continue;
        }
        let Body::Copy(body) = &copy.node.body else {
            continue;
        };
        let Some(destination) = &body.destination else {
            continue;
        };
        if destination.value.contains('$') || body.sources.is_empty() {
            continue;
        }
        let dest = normalize(&destination.value, copy.workdir.as_deref());
        let dest_is_dir = destination.value.ends_with('/')
            || matches!(destination.value.as_str(), "." | "..")
            || body.sources.len() > 1;
        // Paths this COPY writes: the destination, and each source's name in it (it may be a directory).
        let mut written = vec![dest.clone()];
        {
            for s in &body.sources {
                if let Some(name) = s.value.trim_end_matches('/').rsplit('/').next() {
                    if !name.is_empty() && name != "." && !name.contains(['*', '?', '$']) {
                        written.push(normalize(name, Some(&dest)));
                    }
                }
            }
        }
        let top: Vec<&ShellCommand> = run.commands().filter(|c| c.at_top_level()).collect();
        for (k, c) in top.iter().enumerate() {
            let option = if c.is("chown") {
                "chown"
            } else if c.is("chmod") {
                "chmod"
            } else {
                continue;
            };
            let operands: Vec<&Word> = c.operands().collect();
            let Some((value, paths)) = operands.split_first() else {
                continue;
            };
            if paths.is_empty() {
                continue;
            }
            let targets: Vec<String> = paths
                .iter()
                .map(|p| normalize(&p.value, run.workdir.as_deref()))
                .collect();
            if !targets.iter().all(|t| written.contains(t))
                || paths.iter().any(|p| p.value.contains(['$', '*']))
            {
                continue;
            }
            // Without -R, a directory's own owner or mode changes and none of the files in it: the layer holds
            // one inode, not a second copy. And `--chown` would not do the same (it leaves an existing directory
            // as it was), so an app that writes there would lose that right.
            let recursive = c.has_flag("-R") || c.has_flag("--recursive");
            let copied_into = dest_is_dir
                || copy.workdir.as_deref().map(|w| normalize(w, None)) == Some(dest.clone())
                || body
                    .sources
                    .iter()
                    .any(|s| s.value == "." || s.value.ends_with('/'));
            if !recursive && copied_into && targets.contains(&dest) {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                c.span,
                format!(
                    "`{option}` rewrites the files the `{}` above just copied into a second layer, doubling their \
                     size in the image; set them at copy time with `{} --{option}=...`.",
                    copy.kind().as_str(),
                    copy.kind().as_str()
                ),
            );
            // A single file-like path without -R: exactly what the COPY wrote, nothing else.
            let file_like = |t: &String| {
                t.rsplit('/')
                    .next()
                    .is_some_and(|n| n.get(1..).is_some_and(|r| r.contains('.')))
            };
            let touches_directory = recursive
                || !targets.iter().all(file_like)
                || targets.iter().any(|t| *t == dest && dest_is_dir);
            let change = Change {
                option,
                value,
                touches_directory,
            };
            if let Some(fix) = fix(ctx, copy, run, &top, k, change) {
                diagnostic = diagnostic.with_fix(fix);
            }
            out.push(diagnostic);
        }
    }
}

/// What the `chown`/`chmod` at `top[k]` sets, and whether it may touch more than the copied file.
struct Change<'a> {
    /// `chown` or `chmod`, the COPY flag's name too.
    option: &'a str,
    /// The owner or mode operand.
    value: &'a Word,
    touches_directory: bool,
}

fn fix(
    ctx: &Context,
    copy: &InstructionInfo,
    run: &InstructionInfo,
    top: &[&ShellCommand],
    k: usize,
    change: Change,
) -> Option<Fix> {
    let Change {
        option,
        value,
        touches_directory,
    } = change;
    let c = top.get(k)?;
    // Only `-R`/`--recursive` besides the operands; octal modes; no variables.
    if c.args()
        .iter()
        .any(|a| a.value.starts_with('-') && a.value != "-R" && a.value != "--recursive")
    {
        return None;
    }
    if c.depth != 0
        || !c.redirects.is_empty()
        || !c.assignments.is_empty()
        || value.value.contains('$')
    {
        return None;
    }
    let octal = (3..=4).contains(&value.value.len())
        && value.value.chars().all(|ch| ('0'..='7').contains(&ch));
    if option == "chmod" && !octal {
        return None;
    }
    if option == "chown" && (value.value.is_empty() || value.value.contains([' ', '"', '\''])) {
        return None;
    }
    // `--chown` resolves the owner when the COPY runs: a user created after it (even in this RUN, before the
    // chown) does not exist yet and the build fails.
    if option == "chown" {
        let stage = ctx.stages.get(copy.stage?)?;
        let accounts = Accounts::of_stage(ctx.model, stage);
        let missing = value
            .value
            .split(':')
            .any(|part| accounts.created_after(ctx.model, stage, part, copy.index));
        if missing {
            return None;
        }
        // `COPY --link` copies onto an empty layer, with no `/etc/passwd` to read a name in: BuildKit fails
        // with "invalid user index: -1". Only numeric ids work there.
        let linked = copy
            .node
            .flag("link")
            .is_some_and(|f| f.value.as_ref().is_none_or(|v| v.value != "false"));
        if linked && !value.value.split(':').all(is_numeric_id) {
            return None;
        }
    }
    if copy.node.flag(option).is_some() || run.scripts.len() != 1 || !run.node.heredocs.is_empty() {
        return None;
    }
    let removal = if top.len() == 1 {
        if !run.node.comments.is_empty() || run.commands().count() != 1 {
            return None;
        }
        Edit::delete(Span::new(run.node.span.start, run.node.span.end))
    } else if k == 0 {
        let next = top.get(1)?;
        if next.joined_by != Some(Joiner::And) {
            return None;
        }
        Edit::delete(Span::new(c.span.start, next.span.start))
    } else {
        let previous = top.get(k - 1)?;
        let joined = c.joined_by == Some(Joiner::And)
            && top
                .get(k + 1)
                .is_none_or(|n| n.joined_by == Some(Joiner::And));
        if !joined {
            return None;
        }
        Edit::delete(Span::new(previous.span.end, c.span.end))
    };
    let removed = ctx.source.get(removal.start..removal.end)?;
    if removed.contains('#') && top.len() > 1 {
        return None;
    }
    let flag = format!(" --{option}={}", value.value);
    let insert = Edit::insert(copy.node.keyword.end, flag.clone());
    let title = format!("Use {}{flag}", copy.kind().as_str());
    let fix = if touches_directory {
        Fix::unsafe_(title, vec![insert, removal]).explained(format!(
            "The copied files get their {} at copy time instead of in a second layer; directories that existed \
             before the copy keep theirs.",
            if option == "chown" { "owner" } else { "mode" }
        ))
    } else {
        Fix::safe(title, vec![insert, removal]).explained(format!(
            "The copied file gets its {} at copy time: one layer instead of two copies of the file.",
            if option == "chown" { "owner" } else { "mode" }
        ))
    };
    Some(fix)
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_unfixed, fixed, lines};

    #[test]
    fn does_not_name_a_user_in_chown_before_it_is_created() {
        let src = "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nRUN useradd web && chown -R web /app\n";
        assert_eq!(lines("DW1012", src), vec![4]);
        assert_eq!(fixed("DW1012", src), src);
        let group_later = "FROM debian\nRUN useradd -u 1001 web\nCOPY app.py /app/app.py\n\
                           RUN groupadd staff && chown web:staff /app/app.py\n";
        assert_eq!(fixed("DW1012", group_later), group_later);
    }

    #[test]
    fn names_users_that_exist_before_the_copy() {
        assert_eq!(
            fixed("DW1012", "FROM debian\nRUN useradd -u 1001 web\nCOPY app.py /app/app.py\nRUN chown web /app/app.py\n"),
            "FROM debian\nRUN useradd -u 1001 web\nCOPY --chown=web app.py /app/app.py\n"
        );
        assert_eq!(
            fixed(
                "DW1012",
                "FROM node:20\nCOPY app.js /app/app.js\nRUN chown node:node /app/app.js\n"
            ),
            "FROM node:20\nCOPY --chown=node:node app.js /app/app.js\n"
        );
    }

    #[test]
    fn catches_chown_and_chmod_of_what_was_just_copied() {
        assert_eq!(
            lines("DW1012", "FROM a\nCOPY . /app\nRUN chown -R app:app /app\n"),
            vec![3]
        );
        assert_eq!(
            lines(
                "DW1012",
                "FROM a\nWORKDIR /app\nCOPY run.sh .\nRUN chmod 755 run.sh\n"
            ),
            vec![4]
        );
        assert_eq!(
            lines(
                "DW1012",
                "FROM a\nCOPY src/ conf/ /srv/\nRUN chown -R 1000 /srv/conf\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_other_paths_or_a_gap_between() {
        for src in [
            "FROM a\nCOPY . /app\nRUN chown -R app /data\n",
            "FROM a\nCOPY . /app\nRUN echo\nRUN chown -R app /app\n",
            "FROM a\nCOPY . /app\nRUN chown -R app $DIR\n",
            "FROM a\nCOPY . /app\nFROM b\nRUN chown -R app /app\n",
        ] {
            assert!(lines("DW1012", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_moves_the_owner_to_the_copy_and_drops_the_run() {
        assert_eq!(
            fixed(
                "DW1012",
                "FROM a\nCOPY . /app\nRUN chown -R app:app /app\nCMD x\n"
            ),
            "FROM a\nCOPY --chown=app:app . /app\nCMD x\n"
        );
        assert_eq!(
            fixed(
                "DW1012",
                "FROM a\nCOPY x.sh /x.sh\nRUN chmod 0755 /x.sh && \\\n    echo ok\n"
            ),
            "FROM a\nCOPY --chmod=0755 x.sh /x.sh\nRUN echo ok\n"
        );
        assert_eq!(
            fixed(
                "DW1012",
                "FROM a\nCOPY x /app/\nRUN echo a && chown -R u /app && echo b\n"
            ),
            "FROM a\nCOPY --chown=u x /app/\nRUN echo a && echo b\n"
        );
    }

    fn applicability(src: &str) -> Option<crate::diagnostic::Applicability> {
        let linted = crate::lint::lint(src, &crate::config::Config::only("DW1012"));
        linted
            .findings
            .first()
            .and_then(|f| f.diagnostic.fix.as_ref())
            .map(|f| f.applicability)
    }

    #[test]
    fn fix_is_safe_for_one_file_and_unsafe_for_directories() {
        use crate::diagnostic::Applicability::{Safe, Unsafe};
        assert_eq!(
            applicability("FROM a\nCOPY app.jar /app.jar\nRUN chown u /app.jar\n"),
            Some(Safe)
        );
        assert_eq!(
            applicability("FROM a\nCOPY app.jar /srv/\nRUN chmod 644 /srv/app.jar\n"),
            Some(Safe)
        );
        assert_eq!(
            applicability("FROM a\nCOPY . /app\nRUN chown -R u /app\n"),
            Some(Unsafe)
        );
        assert_eq!(
            applicability("FROM a\nCOPY app.jar /srv/\nRUN chown -R u /srv\n"),
            Some(Unsafe)
        );
    }

    /// DW1001 gives the app its folder with a plain `chown 10001:10001 /app`. When the `COPY` into `/app` came
    /// right before it, this rule made it `COPY --chown`, which leaves the folder itself to root: the app could
    /// no longer create its database there. A folder's own owner is one inode, not a second copy of its files.
    #[test]
    fn a_directory_s_own_owner_or_mode_is_not_flagged() {
        for src in [
            "FROM a\nWORKDIR /app\nCOPY . /app\nRUN chown 10001:10001 /app\n",
            "FROM a\nWORKDIR /app\nCOPY . .\nRUN chown 10001 . && chmod 775 /app\n",
            "FROM a\nWORKDIR /app\nCOPY app.py /app\nRUN chown 10001 /app\n",
            "FROM a\nCOPY app.jar /srv/\nRUN chown u /srv\n",
            "FROM a\nCOPY src/ /srv\nRUN chmod 755 /srv\n",
        ] {
            assert!(lines("DW1012", src).is_empty(), "{src}");
        }
        // With -R every file is rewritten: still flagged.
        assert_eq!(
            lines(
                "DW1012",
                "FROM a\nWORKDIR /app\nCOPY . /app\nRUN chown -R 10001 /app\n"
            ),
            vec![4]
        );
    }

    #[test]
    fn no_fix_for_symbolic_modes_or_existing_flags() {
        assert_unfixed(
            "DW1012",
            &[
                "FROM a\nCOPY x.sh /x.sh\nRUN chmod +x /x.sh\n",
                "FROM a\nCOPY --chown=a x /x\nRUN chown b /x\n",
                "FROM a\nCOPY x /x\nRUN chown -h b /x\n",
            ],
        );
    }

    /// `COPY --link --chown=web:web` fails ("invalid user index: -1"): the linked copy has no `/etc/passwd`.
    #[test]
    fn no_owner_by_name_on_a_linked_copy() {
        let named = "FROM debian:12\nRUN useradd web\nCOPY --link app.py /app/app.py\nRUN chown web:web /app/app.py\n";
        assert_eq!(fixed("DW1012", named), named);
        let numeric =
            "FROM debian:12\nCOPY --link app.py /app/app.py\nRUN chown 1001:1001 /app/app.py\n";
        assert_eq!(
            fixed("DW1012", numeric),
            "FROM debian:12\nCOPY --chown=1001:1001 --link app.py /app/app.py\n"
        );
    }
}
