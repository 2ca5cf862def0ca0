//! npm, composer, poetry, uv and gem caches left in a layer.

use super::edits::{append_to_run, command_span, final_image_stages, has_cache_mount};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1009",
    name: "package-cache-left",
    category: Category::ImageSize,
    severity: Severity::Info,
    fix: FixKind::Safe(fix_safety!(
        "Safe: the cleanup runs in the same `RUN`, after the install, and removes only the download cache (or \
         skips gem documentation); the installed packages are the same. No fix is offered when the `RUN` does not \
         end in a command or a closed compound (`fi`, `done`), such as after a trailing `&`, a redirection after \
         `done`, a comment or `exit`."
    )),
    docs: rule_docs! {
        what: "Flags a `RUN` in the final image's stages that installs packages with npm, composer, poetry or \
               uv and leaves the package manager's download cache in the layer (no `npm cache clean --force`, \
               `composer clear-cache`, `poetry cache clear`, `uv cache clean`, a \
               no-cache option or `rm` of the cache in the same `RUN`), and `gem install` that builds \
               documentation (no `--no-document`). pip, apk, apt, yum/dnf/zypper and yarn have their own rules; Go \
               builds in the final stage are DW1006's (build-tools-in-final-stage).",
        why: "Package managers keep a copy of every download so the next install is faster. In an image there is \
              no next install: the cache only adds size (often as much as the packages themselves), and removing \
              it in a later `RUN` does not give the bytes back.",
        example: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n",
        fixed: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force\n",
        differences: "`RUN`s with a `--mount=type=cache` are skipped: that cache never reaches the layer. Builder \
                      stages that are only copied from are skipped too.",
    },
    check,
    ..Rule::DEFAULTS
};

struct Manager {
    name: &'static str,
    triggers: fn(&ShellCommand) -> bool,
    /// Later commands that clean the cache.
    cleans: fn(&ShellCommand) -> bool,
    /// Options on the installing command that keep the cache out of the layer.
    no_cache_options: &'static [&'static str],
    /// Environment variables that move or disable the cache.
    env: &'static [&'static str],
    /// Cache directories (an `rm` of one of them, or of a parent, cleans).
    dirs: &'static [&'static str],
    fix: Option<&'static str>,
}

fn sub(c: &ShellCommand) -> &str {
    c.subcommand().unwrap_or("")
}

const MANAGERS: &[Manager] = &[
    Manager {
        name: "npm",
        triggers: |c| {
            c.is("npm") && matches!(sub(c), "install" | "i" | "ci" | "add" | "isntall" | "in")
        },
        cleans: |c| c.is("npm") && sub(c) == "cache" && c.has_word("clean"),
        no_cache_options: &["--cache"],
        env: &["NPM_CONFIG_CACHE", "npm_config_cache"],
        dirs: &[
            "/root/.npm",
            "~/.npm",
            "$HOME/.npm",
            "${HOME}/.npm",
            "/home/node/.npm",
            ".npm",
        ],
        fix: Some("npm cache clean --force"),
    },
    Manager {
        name: "composer",
        triggers: |c| c.is("composer") && matches!(sub(c), "install" | "require" | "update"),
        cleans: |c| c.is("composer") && matches!(sub(c), "clear-cache" | "clearcache" | "cc"),
        no_cache_options: &["--no-cache"],
        env: &["COMPOSER_CACHE_DIR", "COMPOSER_HOME"],
        dirs: &[
            "/root/.composer",
            "~/.composer",
            "/root/.cache/composer",
            "~/.cache/composer",
            "$HOME/.composer",
        ],
        fix: Some("composer clear-cache"),
    },
    Manager {
        name: "poetry",
        triggers: |c| c.is("poetry") && matches!(sub(c), "install" | "add" | "sync"),
        cleans: |c| c.is("poetry") && sub(c) == "cache" && c.has_word("clear"),
        no_cache_options: &["--no-cache"],
        env: &["POETRY_CACHE_DIR", "POETRY_NO_CACHE"],
        dirs: &[
            "/root/.cache/pypoetry",
            "~/.cache/pypoetry",
            "$HOME/.cache/pypoetry",
            "/root/.cache",
            "~/.cache",
        ],
        fix: Some("rm -rf ~/.cache/pypoetry"),
    },
    Manager {
        name: "uv",
        triggers: |c| {
            c.is("uv")
                && (matches!(sub(c), "sync" | "add")
                    || (sub(c) == "pip" && c.args().iter().any(|w| w.value == "install")))
        },
        cleans: |c| c.is("uv") && sub(c) == "cache" && (c.has_word("clean") || c.has_word("prune")),
        no_cache_options: &["--no-cache", "-n", "--cache-dir"],
        env: &["UV_NO_CACHE", "UV_CACHE_DIR"],
        dirs: &[
            "/root/.cache/uv",
            "~/.cache/uv",
            "$HOME/.cache/uv",
            "/root/.cache",
            "~/.cache",
        ],
        fix: Some("uv cache clean"),
    },
];

fn removes(c: &ShellCommand, dirs: &[&str]) -> bool {
    c.is("rm")
        && c.operands().any(|w| {
            let path = w.value.trim_end_matches(['/', '*']);
            !path.is_empty()
                && dirs.iter().any(|d| {
                    path == *d
                        || path.starts_with(&format!("{d}/"))
                        || d.starts_with(&format!("{path}/"))
                })
        })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let stages = final_image_stages(ctx);
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Run) {
        if !info.stage.is_some_and(|s| stages.contains(&s)) || has_cache_mount(info.node) {
            continue;
        }
        let commands: Vec<&ShellCommand> = info.commands().collect();
        for m in MANAGERS {
            if m.env.iter().any(|v| info.scope.is_defined(v)) {
                continue;
            }
            let Some(k) = commands.iter().position(|c| (m.triggers)(c)) else {
                continue;
            };
            let Some(c) = commands.get(k) else { continue };
            if m.no_cache_options.iter().any(|o| c.has_flag(o))
                || c.assignments
                    .iter()
                    .any(|a| m.env.iter().any(|v| a.value.starts_with(&format!("{v}="))))
            {
                continue;
            }
            let later = commands.get(k + 1..).unwrap_or(&[]);
            if later.iter().any(|l| (m.cleans)(l) || removes(l, m.dirs)) {
                continue;
            }
            let advice = m.fix.unwrap_or("clean the cache");
            let mut d = Diagnostic::new(
                command_span(c),
                format!(
                    "`{} {}` leaves {}'s download cache in this layer, where it only adds size. Clean it in the same \
                     `RUN` (`&& {advice}`) or use a cache mount (`RUN --mount=type=cache,...`).",
                    m.name,
                    sub(c),
                    m.name
                ),
            );
            if let Some(fix) = m.fix {
                if let Some(edit) = append_to_run(ctx, info, fix) {
                    d = d.with_fix(Fix::safe(format!("Append {fix}"), vec![edit]).explained(
                        format!("{}'s download cache is removed in the same layer.", m.name),
                    ));
                }
            }
            out.push(d);
        }
        // gem install builds documentation unless told not to (the official ruby images' gemrc does).
        if ruby_image(ctx, info) {
            continue;
        }
        for c in &commands {
            if !c.is("gem") || sub(c) != "install" {
                continue;
            }
            if ["--no-document", "--no-doc", "-N", "--no-rdoc", "--no-ri"]
                .iter()
                .any(|f| c.has_flag(f))
            {
                continue;
            }
            let Some(install) = c.words.iter().find(|w| w.value == "install") else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    command_span(c),
                    "`gem install` generates ri/rdoc documentation into the image, which nobody reads there. Add \
                     `--no-document`.",
                )
                .with_fix(
                    Fix::safe("Add --no-document", vec![Edit::insert(install.span.end, " --no-document")])
                        .explained("The same gems are installed, without their generated documentation."),
                ),
            );
        }
    }
}

/// The stage is built on the official ruby image, whose gemrc already says `--no-document`.
fn ruby_image(ctx: &Context, info: &InstructionInfo) -> bool {
    let mut stage = info.stage.and_then(|s| ctx.stages.get(s));
    let mut guard = 0;
    while let Some(s) = stage {
        guard += 1;
        match &s.base {
            Base::Image(image) => return image.is_official() && image.repository() == "ruby",
            Base::Stage(p) if *p < s.index && guard < 64 => stage = ctx.stages.get(*p),
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_npm_composer_poetry_and_uv_caches() {
        assert_eq!(lines("DW1009", "FROM node\nRUN npm install\n"), vec![2]);
        assert_eq!(
            lines("DW1009", "FROM php\nRUN composer install --no-dev\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1009",
                "FROM python\nRUN pip install poetry && poetry install --only main\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1009",
                "FROM python\nRUN uv pip install --system -r requirements.txt\n"
            ),
            vec![2]
        );
        // Go builds in the final stage are DW1006's.
        assert!(lines("DW1009", "FROM golang\nRUN go build -o /app .\n").is_empty());
    }

    #[test]
    fn catches_gem_install_without_no_document_outside_ruby_images() {
        assert_eq!(
            lines("DW1009", "FROM alpine\nRUN gem install bundler\n"),
            vec![2]
        );
        assert!(lines("DW1009", "FROM ruby:3.3\nRUN gem install bundler\n").is_empty());
        assert!(lines(
            "DW1009",
            "FROM alpine\nRUN gem install --no-document bundler\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_cleaned_caches_cache_mounts_or_builder_stages() {
        assert!(lines(
            "DW1009",
            "FROM node\nRUN npm ci && npm cache clean --force\n"
        )
        .is_empty());
        assert!(lines("DW1009", "FROM node\nRUN npm ci && rm -rf /root/.npm\n").is_empty());
        assert!(lines(
            "DW1009",
            "FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n"
        )
        .is_empty());
        assert!(lines(
            "DW1009",
            "FROM node\nENV npm_config_cache=/tmp/npm\nRUN npm ci\n"
        )
        .is_empty());
        assert!(lines(
            "DW1009",
            "FROM node AS b\nRUN npm ci\nFROM nginx\nCOPY --from=b /a /a\n"
        )
        .is_empty());
        assert!(lines("DW1009", "FROM python\nRUN poetry install --no-cache\n").is_empty());
        assert!(lines(
            "DW1009",
            "FROM php\nRUN composer install && composer clear-cache\n"
        )
        .is_empty());
        assert!(lines("DW1009", "FROM node\nRUN npm run build\n").is_empty());
    }

    #[test]
    fn catches_heredoc_scripts_but_does_not_fix_them() {
        let src = "FROM node\nRUN <<EOF\nnpm ci\nEOF\n";
        assert_eq!(lines("DW1009", src), vec![3]);
        assert_eq!(fixed("DW1009", src), src);
    }

    #[test]
    fn fix_keeps_crlf_continuations() {
        assert_eq!(
            fixed("DW1009", "FROM node\r\nRUN npm ci \\\r\n && npm test\r\n"),
            "FROM node\r\nRUN npm ci \\\r\n && npm test && npm cache clean --force\r\n"
        );
    }

    #[test]
    fn fix_appends_the_cleanup_on_the_last_line() {
        assert_eq!(
            fixed("DW1009", "FROM node\nRUN npm ci \\\n    && npm run build\n"),
            "FROM node\nRUN npm ci \\\n    && npm run build && npm cache clean --force\n"
        );
        assert_eq!(
            fixed("DW1009", "FROM alpine\nRUN gem install rails\n"),
            "FROM alpine\nRUN gem install --no-document rails\n"
        );
        // A closing `;` stays after the cleanup; a trailing `&` keeps the fix away.
        assert_eq!(
            fixed("DW1009", "FROM node\nRUN npm ci; \n"),
            "FROM node\nRUN npm ci && npm cache clean --force; \n"
        );
        let background = "FROM node\nRUN npm ci &\n";
        assert_eq!(fixed("DW1009", background), background);
    }
}
