//! A suggested `.dockerignore` for a Dockerfile that copies its whole build context (`COPY . .`, `ADD . /app`):
//! generic entries (VCS data, Dockerfiles, local secrets) plus the ecosystem's build outputs and caches. It never
//! excludes a path the Dockerfile copies from the context: a line naming exactly that path is dropped, and a
//! wider line gets a `!path` exception at the end; either way a comment says so.

use crate::dockerignore_patterns::{clean_path, has_wildcard, IgnoreList, IgnorePattern};
use crate::model::{Base, Model};
use dockwise_syntax::{Body, Keyword};

/// A language ecosystem recognised from base images, commands and copied manifests.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ecosystem {
    Python,
    Node,
    Go,
    Rust,
    Java,
    Ruby,
    Php,
}

impl Ecosystem {
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Python => "Python",
            Ecosystem::Node => "Node.js",
            Ecosystem::Go => "Go",
            Ecosystem::Rust => "Rust",
            Ecosystem::Java => "Java",
            Ecosystem::Ruby => "Ruby",
            Ecosystem::Php => "PHP",
        }
    }

    fn entries(self) -> &'static [&'static str] {
        match self {
            Ecosystem::Python => &[
                "__pycache__/",
                "*.py[cod]",
                ".venv/",
                "venv/",
                "env/",
                ".pytest_cache/",
                ".mypy_cache/",
                ".ruff_cache/",
                ".tox/",
                ".coverage",
                "htmlcov/",
                "*.egg-info/",
                "dist/",
                "build/",
            ],
            Ecosystem::Node => &[
                "node_modules/",
                "npm-debug.log*",
                "yarn-error.log*",
                ".npm/",
                ".yarn/cache/",
                ".next/",
                ".nuxt/",
                "coverage/",
                "dist/",
                "build/",
            ],
            Ecosystem::Go => &["bin/", "vendor/", "*.test", "*.out", "coverage.*"],
            Ecosystem::Rust => &["target/", "**/*.rs.bk"],
            Ecosystem::Java => &[
                "target/", "build/", ".gradle/", "out/", "*.class", ".idea/", "*.iml",
            ],
            Ecosystem::Ruby => &[
                ".bundle/",
                "vendor/bundle/",
                "log/",
                "tmp/",
                "coverage/",
                "*.gem",
            ],
            Ecosystem::Php => &[
                "vendor/",
                ".phpunit.result.cache",
                "storage/logs/",
                "var/cache/",
            ],
        }
    }
}

/// Entries every project wants ignored.
const GENERIC: [&str; 12] = [
    ".git/",
    ".gitignore",
    ".dockerignore",
    "Dockerfile*",
    "*.Dockerfile",
    "docker-compose*.yml",
    "compose*.yaml",
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
    ".DS_Store",
];

/// The ecosystems the Dockerfile builds, in a stable order.
pub fn ecosystems(model: &Model) -> Vec<Ecosystem> {
    let mut found = Vec::new();
    let mut add = |e: Ecosystem| {
        if !found.contains(&e) {
            found.push(e);
        }
    };
    for stage in &model.stages {
        if let Base::Image(image) = &stage.base {
            if let Some(e) = by_image(image.short_name()) {
                add(e);
            }
        }
    }
    for info in &model.instructions {
        for command in info.commands() {
            if let Some(e) = command.program().and_then(by_command) {
                add(e);
            }
        }
        if let Body::Copy(copy) = &info.node.body {
            for source in &copy.sources {
                let name = source.value.rsplit('/').next().unwrap_or("");
                if let Some(e) = by_manifest(name) {
                    add(e);
                }
            }
        }
    }
    found.sort();
    found
}

fn by_image(short: &str) -> Option<Ecosystem> {
    let s = short.to_ascii_lowercase();
    Some(match s.as_str() {
        "python" | "pypy" => Ecosystem::Python,
        "node" | "bun" => Ecosystem::Node,
        "golang" => Ecosystem::Go,
        "rust" => Ecosystem::Rust,
        "openjdk" | "eclipse-temurin" | "maven" | "gradle" | "amazoncorretto" => Ecosystem::Java,
        "ruby" => Ecosystem::Ruby,
        "php" | "composer" => Ecosystem::Php,
        _ => return None,
    })
}

fn by_command(program: &str) -> Option<Ecosystem> {
    Some(match program {
        "pip" | "pip3" | "poetry" | "pipenv" | "uv" => Ecosystem::Python,
        "npm" | "yarn" | "pnpm" | "npx" => Ecosystem::Node,
        "go" => Ecosystem::Go,
        "cargo" => Ecosystem::Rust,
        "mvn" | "mvnw" | "./mvnw" | "gradle" | "gradlew" | "./gradlew" => Ecosystem::Java,
        "bundle" | "gem" => Ecosystem::Ruby,
        "composer" => Ecosystem::Php,
        _ => return None,
    })
}

fn by_manifest(name: &str) -> Option<Ecosystem> {
    Some(match name {
        "requirements.txt" | "pyproject.toml" | "poetry.lock" | "Pipfile" | "Pipfile.lock"
        | "setup.py" | "uv.lock" => Ecosystem::Python,
        "package.json" | "package-lock.json" | "yarn.lock" | "pnpm-lock.yaml" => Ecosystem::Node,
        "go.mod" | "go.sum" => Ecosystem::Go,
        "Cargo.toml" | "Cargo.lock" => Ecosystem::Rust,
        "pom.xml" | "build.gradle" | "build.gradle.kts" | "settings.gradle" => Ecosystem::Java,
        "Gemfile" | "Gemfile.lock" => Ecosystem::Ruby,
        "composer.json" | "composer.lock" => Ecosystem::Php,
        _ => return None,
    })
}

/// True when a `COPY`/`ADD` (not from another stage) copies the whole build context.
pub fn copies_whole_context(model: &Model) -> bool {
    model.instructions.iter().any(|info| {
        matches!(info.kind(), Keyword::Copy | Keyword::Add)
            && info.node.flag("from").is_none()
            && matches!(&info.node.body, Body::Copy(copy) if copy.sources.iter().any(|s| is_context_root(&s.value)))
    })
}

/// `.`, `./`, `*`, `./*`.
pub fn is_context_root(path: &str) -> bool {
    matches!(path, "." | "./" | "*" | "./*" | "./.")
}

/// The suggested `.dockerignore`, or `None` when the Dockerfile never copies its whole context.
pub fn suggest(model: &Model) -> Option<String> {
    if !copies_whole_context(model) {
        return None;
    }
    let mut lines: Vec<String> = vec!["# Generic".to_string()];
    let mut seen: Vec<&str> = Vec::new();
    for entry in GENERIC {
        lines.push(entry.to_string());
        seen.push(entry);
    }
    for ecosystem in ecosystems(model) {
        lines.push(format!("# {}", ecosystem.as_str()));
        for entry in ecosystem.entries().iter().copied() {
            if !seen.contains(&entry) {
                lines.push(entry.to_string());
                seen.push(entry);
            }
        }
    }
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut out = String::from(
        "# Suggested by Dockwise: keep the build context small and secrets out of the image.\n",
    );
    for line in guarded_lines(&lines, &copied_paths(model)) {
        out.push_str(&line);
        out.push('\n');
    }
    Some(out)
}

/// A context path a `COPY`/`ADD` names (any stage, not `--from`) or a `RUN` bind-mounts, as written (maybe a
/// glob).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopiedPath {
    pub path: String,
    pub keyword: &'static str,
    pub line: usize,
}

/// The context paths the Dockerfile copies (and bind-mounts into a `RUN`). URLs, git sources, heredocs and sources with variables are left
/// out: they are not context paths, or not known before the build.
pub fn copied_paths(model: &Model) -> Vec<CopiedPath> {
    let mut out = Vec::new();
    for info in &model.instructions {
        let keyword = match info.kind() {
            Keyword::Copy => "COPY",
            Keyword::Add => "ADD",
            Keyword::Run => {
                out.extend(bind_mount_sources(model, info.node));
                continue;
            }
            _ => continue,
        };
        if info.node.flag("from").is_some() {
            continue;
        }
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        for source in &copy.sources {
            let v = source.value.as_str();
            let not_in_context = v.contains("://") || v.starts_with("git@") || v.starts_with("<<");
            if not_in_context || v.contains('$') || clean_path(v).is_empty() {
                continue;
            }
            out.push(CopiedPath {
                path: v.to_string(),
                keyword,
                line: model.line_of(source.span.start),
            });
        }
    }
    out
}

/// What `RUN --mount=type=bind,source=PATH` takes from the context (bind is the default type; no `from=`; a
/// missing source is the whole context, which a suggestion only ever trims).
fn bind_mount_sources(model: &Model, node: &dockwise_syntax::Instruction) -> Vec<CopiedPath> {
    let mut out = Vec::new();
    for flag in node.flags.iter().filter(|f| f.name_text == "mount") {
        let Some(value) = &flag.value else {
            continue;
        };
        let option = |names: &[&str]| {
            value.value.split(',').find_map(|part| {
                let (key, v) = part.trim().split_once('=')?;
                names.contains(&key).then_some(v)
            })
        };
        let is_bind = option(&["type"]).is_none_or(|t| t == "bind");
        let source = option(&["source", "src"]).unwrap_or("");
        if !is_bind
            || option(&["from"]).is_some()
            || source.contains('$')
            || clean_path(source).is_empty()
        {
            continue;
        }
        out.push(CopiedPath {
            path: source.to_string(),
            keyword: "RUN --mount",
            line: model.line_of(value.span.start),
        });
    }
    out
}

/// `lines` (entries and `#` comments) with every conflict with `copied` resolved: a wildcard-free line that
/// names a copied path is dropped; a copied path some other line excludes is re-included by a `!` line at the
/// end (after every line it must win over). Each change carries a comment.
pub fn guarded_lines(lines: &[&str], copied: &[CopiedPath]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for &line in lines {
        let pattern = IgnoreList::parse(line).patterns.into_iter().next();
        let needed = pattern.as_ref().and_then(|p| {
            (!p.negated && p.is_literal())
                .then(|| copied.iter().find(|c| clean_path(&c.path) == p.cleaned()))
                .flatten()
        });
        match needed {
            Some(c) => kept.push(format!(
                "# Not ignoring `{line}`: {} `{}` on line {} needs it.",
                c.keyword, c.path, c.line
            )),
            None => kept.push(line.to_string()),
        }
    }
    let list = IgnoreList::parse(&kept.join("\n"));
    let mut exceptions: Vec<String> = Vec::new();
    for c in copied {
        let Some(excluding) = excluding_line(&list, &c.path) else {
            continue;
        };
        let exception = format!("!{}", clean_path(&c.path));
        if exceptions.contains(&exception) {
            continue;
        }
        if exceptions.is_empty() {
            kept.push("# Re-included: the Dockerfile copies these.".to_string());
        }
        let what = if has_wildcard(&c.path) {
            format!("what `{}` matches", c.path)
        } else {
            format!("`{}`", c.path)
        };
        kept.push(format!(
            "# `{}` would exclude {what} ({} on line {}).",
            excluding.text, c.keyword, c.line
        ));
        kept.push(exception.clone());
        exceptions.push(exception);
    }
    kept
}

/// The line that would exclude a copied path, or some path a copied glob matches.
fn excluding_line<'a>(list: &'a IgnoreList, copied: &str) -> Option<&'a IgnorePattern> {
    if has_wildcard(copied) {
        let overlapping = || {
            list.patterns
                .iter()
                .filter(|p| !p.negated && p.may_match_glob(copied))
        };
        // Name the line that matches the glob's own text (`*.pem` for `*.pem`), not one that merely shares a
        // path with it (`coverage.*` with `coverage.pem`).
        overlapping()
            .rfind(|p| p.matches(&clean_path(copied)))
            .or_else(|| overlapping().next_back())
    } else {
        list.excluded_by(copied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(src: &str) -> Option<String> {
        let (file, errors) = dockwise_syntax::parse(src);
        let model = Model::new(src, &file, &errors);
        suggest(&model)
    }

    #[test]
    fn suggests_generic_and_ecosystem_entries_when_the_whole_context_is_copied() {
        let s =
            suggestion("FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n")
                .unwrap();
        assert!(s.contains(".git/\n") && s.contains(".env\n") && s.contains("Dockerfile*\n"));
        assert!(s.contains("# Python\n__pycache__/\n"));
        assert!(!s.contains("node_modules/"));
        let s =
            suggestion("FROM node:20 AS b\nCOPY package.json .\nFROM golang:1.22\nADD ./ /src\n")
                .unwrap();
        assert!(s.contains("node_modules/") && s.contains("# Go\n"));
    }

    #[test]
    fn no_suggestion_when_only_named_files_are_copied() {
        assert_eq!(suggestion("FROM python:3.12\nCOPY app.py .\n"), None);
        assert_eq!(suggestion("FROM alpine\nCOPY --from=build . /app\n"), None);
    }

    fn excludes(suggestion: &str, path: &str) -> bool {
        crate::dockerignore_patterns::IgnoreList::parse(suggestion)
            .excluded_by(path)
            .is_some()
    }

    #[test]
    fn never_excludes_a_file_the_dockerfile_copies_by_name() {
        let s = suggestion("FROM python:3.12\nCOPY . .\nCOPY .env .\n").unwrap();
        assert!(!excludes(&s, ".env"), "{s}");
        assert!(excludes(&s, ".env.local"), "the rest still applies: {s}");
        assert!(
            s.contains("`.env`") && s.contains("line 3"),
            "the comment says why: {s}"
        );
        let s = suggestion("FROM golang:1.22\nCOPY go.mod vendor/ ./\nCOPY . .\n").unwrap();
        assert!(
            !excludes(&s, "vendor") && !excludes(&s, "vendor/modules.txt"),
            "{s}"
        );
        assert!(excludes(&s, "bin/tool"), "{s}");
    }

    #[test]
    fn re_includes_a_copied_file_a_wildcard_or_folder_line_would_exclude() {
        let s = suggestion("FROM nginx\nCOPY . /src\nADD certs/../server.pem /etc/ssl/\n").unwrap();
        assert!(!excludes(&s, "server.pem"), "{s}");
        assert!(excludes(&s, "client.pem"), "`*.pem` stays: {s}");
        assert!(s.contains("\n!server.pem\n"), "{s}");
        let s =
            suggestion("FROM python:3.12\nCOPY build/config.json /etc/\nCOPY ./ /app\n").unwrap();
        assert!(!excludes(&s, "build/config.json"), "{s}");
        assert!(excludes(&s, "build/lib/x.py"), "`build/` stays: {s}");
        let s = suggestion("FROM alpine\nCOPY . .\nCOPY /Dockerfile /src/Dockerfile\n").unwrap();
        assert!(!excludes(&s, "Dockerfile"), "{s}");
        assert!(excludes(&s, "Dockerfile.dev"), "{s}");
    }

    #[test]
    fn re_includes_what_a_copied_glob_would_match() {
        let s = suggestion("FROM alpine\nCOPY . .\nCOPY *.key keys/*.pem /keys/\n").unwrap();
        assert!(!excludes(&s, "signing.key"), "{s}");
        assert!(
            excludes(&s, "other.pem"),
            "`*.pem` is for the root only: {s}"
        );
        assert!(
            !s.contains("!keys/*.pem"),
            "no exception when none is needed: {s}"
        );
    }

    #[test]
    fn keeps_what_a_run_bind_mount_takes_from_the_context() {
        let s = suggestion(
            "FROM golang:1.22\nCOPY . .\nRUN --mount=type=bind,source=vendor,target=/src/vendor \\\n    \
             --mount=src=.env,dst=/run/.env --mount=type=cache,target=/root/.cache go build\n",
        )
        .unwrap();
        assert!(!excludes(&s, "vendor/x.go") && !excludes(&s, ".env"), "{s}");
        assert!(
            s.contains("RUN --mount"),
            "the comment names the mount: {s}"
        );
        let s = suggestion(
            "FROM golang:1.22 AS deps\nFROM golang:1.22\nCOPY . .\n\
             RUN --mount=type=bind,from=deps,source=vendor,target=/v --mount=type=secret,id=x,src=.env go build\n",
        )
        .unwrap();
        assert!(
            excludes(&s, "vendor/x.go") && excludes(&s, ".env"),
            "other stages and secrets: {s}"
        );
    }

    #[test]
    fn copies_from_other_stages_and_urls_do_not_keep_paths() {
        let s = suggestion(
            "FROM node:20 AS build\nCOPY . .\nFROM nginx\nCOPY --from=build dist/ /usr/share/nginx/html\n\
             ADD https://example.com/.env /x\n",
        )
        .unwrap();
        assert!(excludes(&s, "dist/app.js") && excludes(&s, ".env"), "{s}");
    }

    #[test]
    fn the_guard_drops_or_excepts_any_list_of_lines() {
        let lines = ["*.md", "tests/", "docs/", ".git/", ".env"];
        let copied = |paths: &[&str]| -> Vec<CopiedPath> {
            paths
                .iter()
                .map(|p| CopiedPath {
                    path: p.to_string(),
                    keyword: "COPY",
                    line: 7,
                })
                .collect()
        };
        let out = guarded_lines(
            &lines,
            &copied(&["README.md", "tests/", "docs/conf.py", ".env"]),
        );
        let text = out.join("\n");
        for path in ["README.md", "tests/unit/test_a.py", "docs/conf.py", ".env"] {
            assert!(!excludes(&text, path), "{path} in\n{text}");
        }
        for path in ["CHANGELOG.md", "docs/index.md", ".git/HEAD"] {
            assert!(excludes(&text, path), "{path} in\n{text}");
        }
        assert!(
            !out.iter().any(|l| l == "tests/" || l == ".env"),
            "literal lines are dropped: {text}"
        );
        assert!(out.iter().any(|l| l == "!README.md") && out.iter().any(|l| l == "!docs/conf.py"));
    }

    #[test]
    fn entries_are_not_repeated() {
        let s = suggestion("FROM node:20\nCOPY . .\nRUN pip install x && npm ci\n").unwrap();
        assert_eq!(s.matches("\ndist/\n").count(), 1);
        assert_eq!(s.matches("\nbuild/\n").count(), 1);
    }
}
