//! A suggested `.dockerignore` for a Dockerfile that copies its whole build context (`COPY . .`, `ADD . /app`):
//! generic entries (VCS data, Dockerfiles, local secrets) plus the ecosystem's build outputs and caches.

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
    let mut out = String::from(
        "# Suggested by Dockwise: keep the build context small and secrets out of the image.\n",
    );
    out.push_str("# Generic\n");
    let mut seen: Vec<&str> = Vec::new();
    for entry in GENERIC {
        out.push_str(entry);
        out.push('\n');
        seen.push(entry);
    }
    for ecosystem in ecosystems(model) {
        out.push_str(&format!("# {}\n", ecosystem.as_str()));
        for entry in ecosystem.entries().iter().copied() {
            if !seen.contains(&entry) {
                out.push_str(entry);
                out.push('\n');
                seen.push(entry);
            }
        }
    }
    Some(out)
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

    #[test]
    fn entries_are_not_repeated() {
        let s = suggestion("FROM node:20\nCOPY . .\nRUN pip install x && npm ci\n").unwrap();
        assert_eq!(s.matches("\ndist/\n").count(), 1);
        assert_eq!(s.matches("\nbuild/\n").count(), 1);
    }
}
