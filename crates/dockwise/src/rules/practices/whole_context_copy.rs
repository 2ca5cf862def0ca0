//! Copying the whole build context: keep a `.dockerignore`.

use crate::rewrite::dockerignore::{ecosystems, is_context_root};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1011",
    name: "whole-context-copy",
    category: Category::Security,
    severity: Severity::Info,
    docs: rule_docs! {
        what: "Flags the first `COPY`/`ADD` that copies the whole build context (`COPY . .`, `ADD . /app`, \
               `COPY * ./`), as a reminder to keep a `.dockerignore` next to the Dockerfile. When the front end \
               knows whether that file exists (the CLI checks), the rule says it is missing or stays quiet.",
        why: "Without a `.dockerignore`, the whole directory goes into the image: `.git` history, local `.env` \
              files and keys, `node_modules` or virtualenvs built for another platform, test data. It makes the \
              image bigger, leaks secrets, and any change to any file invalidates the layer cache.",
        example: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
        fixed: "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n",
        differences: "One finding per Dockerfile (the first whole-context copy), since one `.dockerignore` \
                      serves them all. Dockwise's review also suggests a `.dockerignore` for the detected \
                      ecosystem.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.config.context_has_dockerignore == Some(true) {
        return;
    }
    let Some((info, source)) = ctx.instructions.iter().find_map(|info| {
        if !matches!(info.kind(), Keyword::Copy | Keyword::Add) || info.node.flag("from").is_some()
        {
            return None;
        }
        match &info.node.body {
            Body::Copy(copy) => copy
                .sources
                .iter()
                .find(|s| is_context_root(&s.value))
                .map(|s| (info, s)),
            _ => None,
        }
    }) else {
        return;
    };
    let _ = info;
    let found: Vec<&str> = ecosystems(ctx).iter().map(|e| e.as_str()).collect();
    let for_what = if found.is_empty() {
        String::new()
    } else {
        format!(" ({} build outputs and caches)", found.join(", "))
    };
    let message = match ctx.config.context_has_dockerignore {
        Some(false) => format!(
            "This copies the whole build context, and there is no `.dockerignore` next to the Dockerfile: `.git`, \
             local secrets such as `.env`, and build leftovers all go into the image and break the layer cache. Add \
             a `.dockerignore` that excludes them{for_what}."
        ),
        _ => format!(
            "This copies the whole build context: without a `.dockerignore`, `.git`, local secrets such as `.env`, \
             and build leftovers go into the image and break the layer cache. Keep a `.dockerignore` that excludes \
             them{for_what}, or copy only what the app needs."
        ),
    };
    out.push(Diagnostic::new(source.span, message));
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::lint;
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_the_first_whole_context_copy_only() {
        assert_eq!(
            lines("DW1011", "FROM node\nCOPY . .\nADD ./ /srv\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW1011", "FROM node\nCOPY --chown=node:node * ./\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_named_files_or_copies_from_stages() {
        assert!(lines("DW1011", "FROM node\nCOPY package.json src/ ./\n").is_empty());
        assert!(lines("DW1011", "FROM node AS b\nFROM node\nCOPY --from=b . .\n").is_empty());
    }

    #[test]
    fn follows_what_the_front_end_knows_about_the_file() {
        let src = "FROM node\nCOPY . .\n";
        let with = |v| Config {
            context_has_dockerignore: v,
            ..Config::only("DW1011")
        };
        assert!(lint(src, &with(Some(true))).findings.is_empty());
        let missing = lint(src, &with(Some(false)));
        assert_eq!(missing.findings.len(), 1);
        assert!(missing.findings[0]
            .diagnostic
            .message
            .contains("there is no `.dockerignore`"));
    }
}
