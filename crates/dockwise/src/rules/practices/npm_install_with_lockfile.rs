//! DW1031: `npm install` in a stage that copies `package-lock.json`, where `npm ci` installs exactly the lockfile.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1031",
    name: "npm-install-with-lockfile",
    category: Category::Reproducibility,
    severity: Severity::Info,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: `npm ci` fails when the lockfile is out of date with `package.json` (the build then says so \
         instead of installing other versions), and `--production` becomes `--omit=dev` (npm 7 and later). Offered \
         only when the lockfile is copied by its own name: a `package*.json` glob may match no lockfile, and `npm \
         ci` needs one."
    )),
    docs: rule_docs! {
        what: "Flags `npm install` (or `npm i`) without package names in a stage that copies `package-lock.json` \
               or `npm-shrinkwrap.json` by name.",
        why: "`npm install` may resolve newer versions than the lockfile names and rewrites it inside the image; \
              `npm ci` installs exactly what the lockfile says, starts from an empty `node_modules` and fails \
              when `package.json` and the lockfile disagree, so the image is the one that was tested. \
              `--omit=dev` (the successor of `--production`) leaves the devDependencies out.",
        example: "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n\
                  RUN npm install --production\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
        fixed: "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n\
                RUN npm ci --omit=dev\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

const LOCKFILES: [&str; 2] = ["package-lock.json", "npm-shrinkwrap.json"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let infos = ctx.stage_instructions(stage);
        let mut lockfile_copied = false;
        for info in infos {
            if let (Keyword::Copy | Keyword::Add, Body::Copy(copy)) = (info.kind(), &info.node.body)
            {
                lockfile_copied |= info.node.flag("from").is_none()
                    && copy.sources.iter().any(|s| {
                        let name = s.value.rsplit('/').next().unwrap_or("");
                        LOCKFILES.contains(&name)
                    });
                continue;
            }
            if !lockfile_copied || info.kind() != Keyword::Run {
                continue;
            }
            for c in info.commands() {
                let is_install = c.is("npm") && matches!(c.subcommand(), Some("install" | "i"));
                if !is_install || c.operands().count() != 1 {
                    continue;
                }
                out.push(diagnostic(ctx, c));
            }
        }
    }
}

fn diagnostic(ctx: &Context, c: &ShellCommand) -> Diagnostic {
    let d = Diagnostic::new(
        c.span,
        "`npm install` may install other versions than the copied lockfile names; `npm ci` installs exactly \
         the lockfile (add `--omit=dev` to leave out devDependencies).",
    );
    let Some(sub) = c.operands().next() else {
        return d;
    };
    let mut edits = vec![Edit::replace(sub.span, "ci")];
    for word in c.args() {
        if ctx.text(word.span) == "--production" || ctx.text(word.span) == "--only=production" {
            edits.push(Edit::replace(word.span, "--omit=dev"));
        }
    }
    if ctx.text(sub.span) != sub.value {
        return d;
    }
    d.with_fix(
        Fix::unsafe_("Use npm ci", edits).explained(
            "`npm ci` installs exactly the copied lockfile and fails when it disagrees with package.json; \
             `--production` is spelled `--omit=dev` since npm 7.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_npm_install_after_the_lockfile_is_copied() {
        assert_eq!(
            lines(
                "DW1031",
                "FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm i\n"
            ),
            vec![3]
        );
        assert_eq!(
            lines("DW1031", "FROM node:22\nCOPY npm-shrinkwrap.json package.json /app/\nRUN npm install && npm cache clean --force\n"),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_globs_named_packages_or_other_stages() {
        for src in [
            "FROM node:22\nCOPY package*.json ./\nRUN npm install\n",
            "FROM node:22\nCOPY package-lock.json ./\nRUN npm install express\n",
            "FROM node:22\nRUN npm install\nCOPY package-lock.json ./\n",
            "FROM node:22 AS a\nCOPY package-lock.json ./\nFROM node:22\nRUN npm install\n",
            "FROM node:22\nCOPY --from=deps /app/package-lock.json ./\nRUN npm install\n",
        ] {
            assert!(lines("DW1031", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_uses_npm_ci_and_omit_dev() {
        assert_eq!(
            fixed("DW1031", "FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm install --production\n"),
            "FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n"
        );
        assert_eq!(
            fixed(
                "DW1031",
                "FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm i\n"
            ),
            "FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm ci\n"
        );
    }
}
