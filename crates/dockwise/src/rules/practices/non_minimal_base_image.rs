//! DW1005: a full Debian-based language image (`python:3.12`, `node:20`, `golang:1.22`) as the final stage.

use crate::data::base_images::{lookup, size_mb, DEBIAN_CODENAMES};
use crate::model::stage_image::{later_run_using, FULL_IMAGE_TOOLS};
use crate::rules::common::packages::installed_packages;
use crate::rules::common::stages::builds_other_images;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1005",
    name: "non-minimal-base-image",
    category: Category::ImageSize,
    severity: Severity::Info,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: `-slim` keeps glibc and the shell but drops build tools and many libraries, so a `RUN pip \
         install` that compiles C extensions or an app that shells out to `git`/`curl` may need those packages \
         installed explicitly (or a builder stage). Not offered when a `RUN` or `HEALTHCHECK` of the stage uses \
         `git`, `curl`, `wget`, `ssh`, `unzip` or a compiler (`gcc`, `make`) that the stage does not install \
         itself: only the full image has them; nor when a `pip install` builds from source (a local path, a VCS \
         URL, or a package PyPI has no Linux wheel for: uWSGI, mysqlclient, psycopg2), which may compile C, nor when the stage installs C headers (`libpq-dev`) without a compiler of its \
         own: something compiles against them with the full image's `gcc`; nor when it runs `bundle install` \
         (Rails' gems compile C) or an npm install of a package built with node-gyp (`bcrypt`, `better-sqlite3`, \
         per the context's `package.json`) without a compiler of its own; nor for a base with `ONBUILD` \
         triggers, which build other images with its tools. `-alpine` is smaller still but uses \
         musl libc (wheels and prebuilt binaries may not work, DNS and threading differ); distroless images have \
         no shell or package manager at all. Dockwise only suggests `-slim`. Go has no slim variant: build in a \
         `golang` stage and copy the binary into a distroless or scratch image (DW1006)."
    )),
    docs: rule_docs! {
        what: "Flags a final stage built on the full variant of an official language image (`python`, `node`, \
               `golang`, `ruby`, `rust`, `openjdk`), which ships compilers, headers and hundreds of Debian \
               packages the application does not need at run time.",
        why: "The full variants are several hundred megabytes compressed; the `-slim` variants hold the same \
              runtime on a minimal Debian in a fraction of that. Every extra package is also more CVEs to patch \
              and more tools for an attacker.",
        example: "FROM python:3.12\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n",
        fixed: "FROM python:3.12-slim\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// Official images whose plain tags are the full Debian variant.
const LANGUAGE_IMAGES: [&str; 6] = ["python", "node", "golang", "ruby", "rust", "openjdk"];

/// Whether the stage installs `tool` itself (`apt-get install curl`, `apk add git`) before using it.
fn installs(ctx: &Context, stage: &Stage, tool: &str) -> bool {
    let package = match tool {
        "gcc" | "cc" | "g++" | "c++" | "make" => ["build-essential", tool],
        "ssh" => ["openssh-client", tool],
        _ => [tool, tool],
    };
    installed_packages(ctx, stage).any(|name| package.contains(&name))
}

/// npm packages that compile C++ at install time when no prebuilt binary matches the Node.js line (node-gyp
/// needs Python, make and g++, which only the full image has).
const NATIVE_NPM_PACKAGES: &[&str] = &[
    "argon2",
    "bcrypt",
    "better-sqlite3",
    "canvas",
    "node-sass",
    "sqlite3",
];

/// Whether the stage compiles native extensions with the full image's compiler: `bundle install` (Rails'
/// gems `pg`, `puma`, `nio4r`, `bcrypt` build C extensions), or an npm install whose `package.json` (the
/// context's) depends on a package built with node-gyp.
fn builds_native_extensions(ctx: &Context, stage: &Stage) -> bool {
    let commands = || {
        ctx.stage_instructions(stage)
            .iter()
            .flat_map(|i| i.commands())
    };
    let bundles =
        commands().any(|c| c.is("bundle") && matches!(c.subcommand(), None | Some("install")));
    let npm_installs = commands().any(|c| {
        matches!(c.program(), Some("npm" | "yarn" | "pnpm"))
            && matches!(c.subcommand(), None | Some("ci" | "install" | "i"))
    });
    let native_npm = npm_installs
        && ctx.package_json().is_some_and(|p| {
            ["dependencies", "optionalDependencies"]
                .iter()
                .any(|group| {
                    p.get(group)
                        .and_then(|d| d.as_object())
                        .is_some_and(|d| NATIVE_NPM_PACKAGES.iter().any(|n| d.contains_key(*n)))
                })
        });
    bundles || native_npm
}

/// Whether the stage installs C headers (`libpq-dev`, `zlib-devel`): something in it compiles against them, with
/// the full image's compiler unless it installs its own.
fn installs_headers(ctx: &Context, stage: &Stage) -> bool {
    installed_packages(ctx, stage).any(|name| name.ends_with("-dev") || name.ends_with("-devel"))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let Base::Image(image) = &stage.base else {
        return;
    };
    let repository = image.repository();
    if !image.is_official() || !LANGUAGE_IMAGES.contains(&repository.as_str()) {
        return;
    }
    let tag = image.tag.as_deref().unwrap_or("latest");
    let Some(codename) = full_variant(tag) else {
        return;
    };
    let Some(from) = ctx.instructions.get(stage.from).map(|i| i.node) else {
        return;
    };
    let Body::From(body) = &from.body else { return };
    let span = body
        .reference
        .as_ref()
        .and_then(|r| r.tag.as_ref())
        .map_or(body.image.span, |t| t.span);
    let entry = lookup(image);
    let slim = entry.and_then(|e| e.slim);
    let full = size_mb(image);
    let slim_size = entry.and_then(|e| e.size_mb.slim);
    let sizes = match (full, slim_size) {
        (Some(f), Some(s)) => format!(" (about {f} MB compressed against {s} MB for `-slim`)"),
        _ => String::new(),
    };
    let advice = if slim.is_some() {
        "use the `-slim` variant, or build in this image and copy the result into a slim runtime stage"
    } else {
        "build in this image and copy the result into a minimal runtime stage (distroless, alpine or scratch)"
    };
    let mut diagnostic = Diagnostic::new(
        span,
        format!(
            "The final stage runs on the full `{}` image{sizes}, with compilers and packages the app does not need \
             at run time; {advice}.",
            stage.base_resolved
        ),
    );
    // Tools only the full image ships (git, curl, a compiler) used by a RUN of the stage break on `-slim`.
    let full_tools_used = ctx
        .instructions
        .get(stage.from)
        .and_then(|from| later_run_using(ctx.model, from, FULL_IMAGE_TOOLS))
        .is_some_and(|(_, tool)| !installs(ctx, stage, &tool))
        || ctx.stage_instructions(stage).iter().any(|i| {
            i.kind() == Keyword::Healthcheck
                && ["curl", "wget"]
                    .iter()
                    .any(|t| ctx.text(i.node.span).contains(t) && !installs(ctx, stage, t))
        });
    // A pip install that builds from source (a local package, a VCS URL) may compile C, and so does whatever
    // the stage installs headers for (`libpq-dev` for psycopg2): -slim has no compiler.
    let builds_from_source = !installs(ctx, stage, "gcc")
        && (installs_headers(ctx, stage)
            || builds_native_extensions(ctx, stage)
            || ctx
                .stage_instructions(stage)
                .iter()
                .flat_map(|i| i.commands())
                .any(|c| crate::rules::common::pip_sources::installs_from_source(ctx, c)));
    // ONBUILD triggers build the images made from this one, with its compilers.
    if full_tools_used || builds_from_source || builds_other_images(ctx, stage) {
        out.push(diagnostic);
        return;
    }
    if let (Some(slim), Some(reference)) = (slim, body.reference.as_ref()) {
        if !reference.has_variables && !body.image.value.contains('$') && image.digest.is_none() {
            let new_tag = match (tag, codename) {
                ("latest", _) => "slim".to_string(),
                (_, None) => format!("{tag}{slim}"),
                (_, Some(_)) if repository == "node" => format!("{tag}{slim}"),
                (_, Some(codename)) => {
                    let version = tag
                        .strip_suffix(codename)
                        .unwrap_or(tag)
                        .trim_end_matches('-');
                    if version.is_empty() {
                        format!("slim-{codename}")
                    } else {
                        format!("{version}{slim}-{codename}")
                    }
                }
            };
            let edit = match &reference.tag {
                Some(t) => Edit::replace(t.span, new_tag.clone()),
                None => Edit::insert(reference.name.span.end, format!(":{new_tag}")),
            };
            diagnostic = diagnostic.with_fix(
                Fix::unsafe_(format!("Use {repository}:{new_tag}"), vec![edit]).explained(format!(
                    "The final image is built on `{repository}:{new_tag}`, the same runtime on a minimal Debian{}; \
                     packages the app needs at run time may have to be installed explicitly.",
                    slim_size.map(|s| format!(" (about {s} MB compressed)")).unwrap_or_default()
                )),
            );
        }
    }
    out.push(diagnostic);
}

/// `Some(codename)` when the tag names the full variant: a version, `latest`, or a version with a Debian codename
/// (`3.12-bookworm`, `bookworm`); `None` inside means no codename. Slim, alpine, windows and other variants give
/// `None` (not full).
fn full_variant(tag: &str) -> Option<Option<&'static str>> {
    let lower = tag.to_ascii_lowercase();
    if ["slim", "alpine", "windows", "nanoserver", "jre", "buster-"]
        .iter()
        .any(|v| lower.contains(v))
    {
        return None;
    }
    if let Some(codename) = DEBIAN_CODENAMES
        .iter()
        .find(|c| lower == **c || lower.ends_with(&format!("-{c}")))
    {
        return Some(Some(codename));
    }
    let version_like = lower == "latest"
        || lower.chars().all(|c| c.is_ascii_digit() || c == '.')
        || (lower.starts_with(|c: char| c.is_ascii_digit())
            && lower.split('-').skip(1).all(|part| part == "jdk"));
    version_like.then_some(None)
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_full_language_images_in_the_final_stage() {
        assert_eq!(lines("DW1005", "FROM python:3.12\n"), vec![1]);
        assert_eq!(lines("DW1005", "FROM node:20-bookworm\n"), vec![1]);
        assert_eq!(lines("DW1005", "FROM golang:1.22\n"), vec![1]);
        assert_eq!(lines("DW1005", "FROM ruby\n"), vec![1]);
    }

    #[test]
    fn does_not_catch_slim_alpine_builders_or_other_images() {
        for src in [
            "FROM python:3.12-slim\n",
            "FROM node:20-alpine\n",
            "FROM python:3.12 AS build\nFROM python:3.12-slim\n",
            "FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12\n",
            "FROM debian:bookworm\n",
            "FROM myorg/python:3.12\n",
            "FROM openjdk:17-jre\n",
        ] {
            assert!(lines("DW1005", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn no_slim_when_a_run_uses_tools_only_the_full_image_has() {
        for src in [
            "FROM python:3.12\nRUN git clone https://example.com/x.git\n",
            "FROM python:3.12\nRUN pip install -r r.txt && gcc -o x x.c\n",
            "FROM node:20\nRUN curl -fsSL https://example.com/x -o x\n",
            "FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/\n",
        ] {
            assert_eq!(lines("DW1005", src), vec![1], "{src}");
            assert_eq!(fixed("DW1005", src), src, "{src}");
        }
        assert_eq!(
            fixed("DW1005", "FROM python:3.12\nRUN apt-get update && apt-get install -y curl && curl -O https://x\n"),
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl && curl -O https://x\n"
        );
    }

    #[test]
    fn no_slim_when_the_stage_installs_headers_to_compile_against() {
        // `libpq-dev` is there for psycopg2's C build, with the full image's gcc: `-slim` has no compiler.
        for src in [
            "FROM python:3.10\nRUN apt-get update && apt-get install -y libpq-dev\nRUN pip install -r r.txt\n",
            "FROM node:22\nRUN apt-get update && apt-get install -y libvips-dev\nRUN npm ci\n",
        ] {
            assert_eq!(lines("DW1005", src), vec![1], "{src}");
            assert_eq!(fixed("DW1005", src), src, "{src}");
        }
        // With its own compiler the stage does not rely on the full image's.
        let own_gcc =
            "FROM python:3.12\nRUN apt-get update && apt-get install -y gcc libpq-dev\nRUN pip install -r r.txt\n";
        assert!(fixed("DW1005", own_gcc).starts_with("FROM python:3.12-slim\n"));
    }

    #[test]
    fn no_slim_when_pip_builds_a_local_package_from_source() {
        use crate::rules::prelude::testing::fixed_with;
        let mut config = crate::config::Config::default();
        let src = "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n";
        config
            .context_files
            .insert("requirements.txt".into(), "flask\n./hello_ext\n".into());
        assert_eq!(fixed_with("DW1005", src, &config), src);
        let in_image = "FROM python:3.11\nCOPY . /app\nRUN pip install /app\n";
        assert_eq!(fixed_with("DW1005", in_image, &config), in_image);
        config
            .context_files
            .insert("requirements.txt".into(), "flask\n".into());
        assert!(fixed_with("DW1005", src, &config).starts_with("FROM python:3.11-slim"));
        let local =
            "FROM python:3.11\nCOPY . /app\nRUN pip install -e /app && pip install ./vendor/pkg\n";
        assert_eq!(fixed_with("DW1005", local, &config), local);
        // uWSGI and mysqlclient have no Linux wheels: pip compiled them with the full image's gcc, and the
        // `-slim` rewrite failed to build.
        config.context_files.insert(
            "requirements.txt".into(),
            "flask==3.0.3\nuwsgi==2.0.24\nmysqlclient==2.2.4\n".into(),
        );
        assert_eq!(fixed_with("DW1005", src, &config), src);
        assert_eq!(
            fixed_with(
                "DW1005",
                "FROM python:3.11\nRUN pip install uwsgi\n",
                &config
            ),
            "FROM python:3.11\nRUN pip install uwsgi\n"
        );
    }

    /// `ruby:3.1` moved to `-slim` under `bundle install` (pg, puma, nio4r compile C), and `node:20` under an
    /// npm install of better-sqlite3 (node-gyp needs python3, make and g++): `-slim` has none, the build failed.
    #[test]
    fn no_slim_when_native_extensions_are_compiled() {
        use crate::rules::prelude::testing::fixed_with;
        let ruby =
            "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\nCMD [\"rails\", \"s\"]\n";
        assert_eq!(fixed("DW1005", ruby), ruby);
        let own_compiler =
            "FROM ruby:3.3\nRUN apt-get update && apt-get install -y build-essential\n\
                            RUN bundle install\n";
        assert!(fixed("DW1005", own_compiler).starts_with("FROM ruby:3.3-slim"));
        let node = "FROM node:22\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n";
        let with = |package: &str| {
            let config = crate::config::Config {
                package_json: Some(package.into()),
                ..Default::default()
            };
            fixed_with("DW1005", node, &config)
        };
        assert_eq!(
            with(r#"{"dependencies": {"better-sqlite3": "^9.2.2"}}"#),
            node
        );
        assert!(with(r#"{"dependencies": {"express": "^4"}}"#).starts_with("FROM node:22-slim"));
    }

    #[test]
    fn fix_adds_the_slim_suffix_where_the_image_names_it() {
        assert_eq!(
            fixed("DW1005", "FROM python:3.12\n"),
            "FROM python:3.12-slim\n"
        );
        assert_eq!(
            fixed("DW1005", "FROM python:3.12-bookworm\n"),
            "FROM python:3.12-slim-bookworm\n"
        );
        assert_eq!(
            fixed("DW1005", "FROM node:20-bookworm AS app\n"),
            "FROM node:20-bookworm-slim AS app\n"
        );
        assert_eq!(fixed("DW1005", "FROM ruby\n"), "FROM ruby:slim\n");
        assert_eq!(
            fixed("DW1005", "FROM openjdk:17-jdk\n"),
            "FROM openjdk:17-jdk-slim\n"
        );
    }

    #[test]
    fn golang_gets_advice_but_no_fix() {
        assert_eq!(fixed("DW1005", "FROM golang:1.22\n"), "FROM golang:1.22\n");
    }
}
