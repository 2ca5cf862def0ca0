//! DW1010: the whole build context is copied before the dependency install, so any source change reinstalls
//! every dependency.

use crate::rewrite::as_lines;
use crate::rewrite::dockerignore::is_context_root;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1010",
    name: "dependency-copy-before-install",
    category: Category::BuildCache,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: the install then runs before the sources are in the image. Install scripts that read other files \
         (an npm `postinstall` or `prepare` script, a `go.mod` `replace` pointing at a local directory) fail (not \
         offered when pip installs a local path, seen in requirements files the CLI reads, nor when the context's \
         `package.json` has install scripts or `file:`/workspace dependencies, or a `.yarnrc.yml` or \
         `pnpm-workspace.yaml` sits beside it, nor for `composer install` that runs scripts, scans folders or \
         has a `path` repository (without `composer.json` known: unless `--no-scripts --no-autoloader`), nor \
         when `go.mod` replaces a module with a local folder), and the manifest names \
         are inferred from the command (`package*.json`, `go.*`, `Gemfile*`...). Offered only when the install \
         `RUN` holds nothing but installs, and what sits between the copy and the install neither reads the \
         sources nor changes the user: `WORKDIR`, `ENV`, `ARG`, `LABEL`, `EXPOSE`, and `RUN`s of system packages \
         or users, which stay in order (the manifests are copied just before the `RUN`s that directly precede the \
         install, so an `apk add gcc` stays next to the install that needs it; relative destinations are resolved \
         through the `WORKDIR`)."
    )),
    docs: rule_docs! {
        what: "Flags a `COPY . .` (or any copy of the whole build context) that comes before the dependency \
               install: `pip install -r requirements.txt`, `poetry install`, `pipenv install`, `npm ci`/`npm \
               install`, `yarn install`, `pnpm install`, `go mod download`, `cargo fetch`, `mvn \
               dependency:go-offline`, `bundle install`, `composer install`.",
        why: "Docker reuses a layer only while everything before it is unchanged. With the sources copied first, \
              editing any file invalidates the install layer and every build downloads and installs all \
              dependencies again. Copying only the manifests first keeps that layer cached until the \
              dependencies change.",
        example: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n",
        fixed: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n\
                CMD [\"node\", \"server.js\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// The manifests an install command needs, as `COPY` sources, or `None` when it is not a dependency install.
fn manifests(c: &ShellCommand) -> Option<Vec<String>> {
    let sub = c.subcommand();
    let program = c.program()?;
    let files: Vec<String> = match program {
        "pip" | "pip3" => {
            let reqs: Vec<String> = c
                .args()
                .windows(2)
                .filter(|w| matches!(w[0].value.as_str(), "-r" | "--requirement"))
                .map(|w| w[1].value.clone())
                .collect();
            if sub != Some("install") || reqs.is_empty() {
                return None;
            }
            reqs
        }
        "poetry" if sub == Some("install") && c.has_flag("--no-root") => {
            vec!["pyproject.toml".into(), "poetry.lock*".into()]
        }
        "pipenv" if sub == Some("install") => vec!["Pipfile*".into()],
        "npm" if matches!(sub, Some("ci" | "install" | "i")) && c.operands().count() == 1 => {
            vec!["package*.json".into()]
        }
        "yarn" if matches!(sub, None | Some("install")) && c.operands().count() <= 1 => {
            vec!["package.json".into(), "yarn.lock*".into()]
        }
        "pnpm" if sub == Some("install") && c.operands().count() == 1 => {
            vec!["package.json".into(), "pnpm-lock.yaml*".into()]
        }
        "go" if sub == Some("mod")
            && c.operands().nth(1).is_some_and(|w| w.value == "download") =>
        {
            vec!["go.*".into()]
        }
        "cargo" if sub == Some("fetch") => vec!["Cargo.*".into()],
        "mvn" | "mvnw"
            if c.has_word("dependency:go-offline") || c.has_word("dependency:resolve") =>
        {
            vec!["pom.xml".into()]
        }
        "bundle" if sub == Some("install") => vec!["Gemfile*".into()],
        "composer" if sub == Some("install") => vec!["composer.*".into()],
        _ => return None,
    };
    Some(files)
}

/// Commands that may share the install `RUN` when it moves: more installs of named packages and cache cleanup.
fn movable(c: &ShellCommand) -> bool {
    if manifests(c).is_some() || c.is("rm") {
        return true;
    }
    let named_only = c
        .operands()
        .skip(1)
        .all(|w| !w.value.contains(['.', '/', '$']) || w.value.contains("=="));
    (c.is("pip") || c.is("pip3")) && c.subcommand() == Some("install") && named_only
        || (c.is("npm") || c.is("yarn")) && matches!(c.subcommand(), Some("cache"))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let infos = ctx.stage_instructions(stage);
        let Some(pos) = infos.iter().position(|i| {
            matches!(i.kind(), Keyword::Copy | Keyword::Add)
                && i.node.flag("from").is_none()
                && matches!(&i.node.body, Body::Copy(c) if c.sources.iter().any(|s| is_context_root(&s.value)))
        }) else {
            continue;
        };
        let copy = &infos[pos];
        let install = infos.iter().skip(pos + 1).find_map(|i| {
            let c = i
                .commands()
                .find(|c| c.at_top_level() && manifests(c).is_some())?;
            Some((i, c))
        });
        let Some((run, command)) = install else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            copy.node.text_span(),
            format!(
                "The whole build context is copied before `{}` (line {}): any source change invalidates the \
                 install layer and every build reinstalls all dependencies. Copy the dependency manifests first, \
                 install, then copy the rest.",
                ctx.text(command.span).split_whitespace().take(3).collect::<Vec<_>>().join(" "),
                ctx.line_of(run.node.keyword.start)
            ),
        );
        // A requirements file that installs a local path (`./hello_ext`) needs that folder too, which only the
        // whole-context copy brings.
        let reads_sources = crate::rules::common::pip_sources::reads_local_paths(ctx, command)
            || node_install_reads_sources(ctx, command)
            || composer_install_reads_sources(ctx, command)
            || go_mod_reads_sources(ctx, command);
        if let Some(fix) = fix(ctx, infos, pos, run).filter(|_| !reads_sources) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

/// Whether a Node.js install needs more than the manifests, by the context's files: the package's install
/// scripts (`postinstall: prisma generate` reads the schema), dependencies from its own folders (`file:`,
/// workspaces), or Yarn 2+'s `.yarnrc.yml` (its `yarnPath` and linker) or a pnpm workspace file.
fn node_install_reads_sources(ctx: &Context, command: &ShellCommand) -> bool {
    use crate::rules::common::package_json;
    if !matches!(command.program(), Some("npm" | "yarn" | "pnpm")) {
        return false;
    }
    let files = &ctx.config.context_files;
    files.contains_key(".yarnrc.yml")
        || files.contains_key("pnpm-workspace.yaml")
        || ctx.package_json().is_some_and(|p| {
            package_json::runs_install_scripts(p) || package_json::installs_from_source_tree(p)
        })
}

/// Whether `composer install` needs more than `composer.json`: it runs the package's scripts (Laravel's
/// `post-autoload-dump: @php artisan package:discover` needs `artisan`) and builds the autoloader (a `classmap`
/// scans folders) unless told not to (`--no-scripts --no-autoloader`), and a `path` repository is a folder of
/// the context. Without the context's `composer.json`, only the two flags make it safe.
fn composer_install_reads_sources(ctx: &Context, command: &ShellCommand) -> bool {
    if !command.is("composer") {
        return false;
    }
    let Some(composer) = ctx.composer_json() else {
        return !(command.has_flag("--no-scripts") && command.has_flag("--no-autoloader"));
    };
    let path_repository = composer
        .get("repositories")
        .and_then(|r| r.as_array())
        .is_some_and(|repos| {
            repos
                .iter()
                .any(|r| r.get("type").and_then(|t| t.as_str()) == Some("path"))
        });
    let scripts = !command.has_flag("--no-scripts")
        && composer
            .get("scripts")
            .and_then(|s| s.as_object())
            .is_some_and(|s| {
                s.keys().any(|k| {
                    matches!(
                        k.as_str(),
                        "pre-install-cmd"
                            | "post-install-cmd"
                            | "post-autoload-dump"
                            | "pre-autoload-dump"
                    )
                })
            });
    let scans_folders = !command.has_flag("--no-autoloader")
        && ["autoload", "autoload-dev"].iter().any(|section| {
            composer
                .get(section)
                .is_some_and(|a| a.get("classmap").is_some() || a.get("files").is_some())
        });
    path_repository || scripts || scans_folders
}

/// Whether `go mod download` needs folders of the context: a `replace` to a local path (`=> ./shared`).
fn go_mod_reads_sources(ctx: &Context, command: &ShellCommand) -> bool {
    command.is("go")
        && ctx.config.context_files.get("go.mod").is_some_and(|text| {
            text.lines()
                .filter_map(|l| l.split_once("=>"))
                .any(|(_, target)| target.trim().starts_with(['.', '/']))
        })
}

/// Instructions that may sit between the copy and the install: they neither read the copied files nor depend
/// on them, so the copy can move below the install.
fn may_sit_between(i: &InstructionInfo) -> bool {
    match i.kind() {
        Keyword::Label | Keyword::Expose | Keyword::Env | Keyword::Arg | Keyword::Workdir => true,
        Keyword::Run => {
            i.node.heredocs.is_empty()
                && i.scripts.len() == 1
                && i.scripts.iter().all(|s| s.error.is_none())
                && i.commands()
                    .all(|c| !c.in_substitution && unrelated_to_sources(c))
        }
        _ => false,
    }
}

/// System packages, users and package-manager updates: commands that never read the build context.
fn unrelated_to_sources(c: &ShellCommand) -> bool {
    let sub = c.subcommand();
    match c.program() {
        Some("apk") => matches!(sub, Some("add" | "update" | "upgrade" | "del")),
        Some("apt-get" | "apt") => matches!(
            sub,
            Some("update" | "install" | "upgrade" | "clean" | "autoremove")
        ),
        Some("yum" | "dnf" | "microdnf") => matches!(sub, Some("install" | "update" | "clean")),
        Some("rm") => c
            .operands()
            .skip(1)
            .all(|w| w.value.starts_with("/var/") || w.value.starts_with("/tmp/")),
        Some("useradd" | "adduser" | "groupadd" | "addgroup") => true,
        Some("npm") => sub == Some("install") && c.has_flag("-g") && movable(c),
        _ => movable(c) && manifests(c).is_none(),
    }
}

/// `dir` resolved against the working directory `workdir` (`None`: the base image's, unknown).
fn resolve(workdir: Option<&str>, dir: &str) -> Option<String> {
    let joined = if dir.starts_with('/') {
        dir.to_string()
    } else {
        let base = workdir.filter(|w| w.starts_with('/'))?;
        match dir.trim_start_matches("./") {
            "" | "." => base.to_string(),
            rest => format!("{}/{rest}", base.trim_end_matches('/')),
        }
    };
    let trimmed = joined.trim_end_matches('/');
    Some(if trimmed.is_empty() {
        "/".into()
    } else {
        trimmed.into()
    })
}

fn fix(ctx: &Context, infos: &[InstructionInfo], pos: usize, run: &InstructionInfo) -> Option<Fix> {
    let copy = infos.get(pos)?;
    let between = infos.get(pos + 1..run.index.checked_sub(infos.first()?.index)?)?;
    if !between.iter().all(may_sit_between) {
        return None;
    }
    if !run.node.heredocs.is_empty()
        || run.scripts.len() != 1
        || run.scripts.iter().any(|s| s.error.is_some())
    {
        return None;
    }
    let top: Vec<&ShellCommand> = run.commands().filter(|c| !c.in_substitution).collect();
    if top.iter().any(|c| c.depth > 0 || !movable(c)) {
        return None;
    }
    let Body::Copy(body) = &copy.node.body else {
        return None;
    };
    if body.sources.len() != 1 || body.exec_form || copy.user != run.user {
        return None;
    }
    let destination = body.destination.as_ref()?;
    let written = copy
        .node
        .flags
        .iter()
        .map(|f| ctx.text(f.span))
        .any(|f| f.contains('$'));
    if written || destination.value.contains('$') {
        return None;
    }
    // The manifests must land where the install runs: the copy's destination is the install's directory.
    let same_dir = copy.workdir == run.workdir;
    let relative_here = matches!(destination.value.as_str(), "." | "./");
    let copied_to = resolve(copy.workdir.as_deref(), &destination.value);
    let install_dir = run.workdir.as_deref().and_then(|w| resolve(None, w));
    if !(same_dir && relative_here) && (copied_to.is_none() || copied_to != install_dir) {
        return None;
    }
    let mut files: Vec<String> = Vec::new();
    for c in &top {
        for f in manifests(c).unwrap_or_default() {
            if f.contains(['/', '$']) || f.starts_with('-') {
                return None;
            }
            if !files.contains(&f) {
                files.push(f);
            }
        }
    }
    if files.is_empty() {
        return None;
    }
    let style = ctx.style();
    let keyword = ctx.text(copy.node.keyword);
    let mut head = keyword.to_string();
    for flag in copy.node.flags.iter().map(|f| ctx.text(f.span)) {
        head.push(' ');
        head.push_str(flag);
    }
    // Where the copy moves its destination stays the same directory: relative only when nothing between
    // changes the directory.
    let dest = if same_dir && relative_here {
        "./".to_string()
    } else {
        format!("{}/", copied_to?.trim_end_matches('/'))
    };
    let manifests_line = format!("{head} {} {dest}", files.join(" "));
    let sources_line = if same_dir {
        ctx.text(copy.node.text_span()).to_string()
    } else {
        format!(
            "{head} {} {}",
            ctx.text(body.sources.first()?.span),
            dest.trim_end_matches('/').max("/")
        )
    };
    // The manifests go before the `RUN`s that directly precede the install (they keep the directory): an
    // `apk add gcc` stays next to the `pip install` that needs it, so the two can still become one `RUN`.
    let block_start = between
        .iter()
        .rev()
        .take_while(|i| i.kind() == Keyword::Run)
        .last()
        .map_or(run.node.span.start, |i| i.node.span.start);
    let run_end = run.node.span.end;
    let mut kept = ctx.source.get(block_start..run_end)?.to_string();
    if !kept.ends_with('\n') {
        kept.push_str(style.newline);
    }
    // The copy goes; everything between stays in place; the manifests come before the install (and the
    // package `RUN`s right before it) and the sources just after it.
    let text = format!(
        "{}{kept}{}",
        as_lines(ctx.source, block_start, &[manifests_line], style),
        as_lines(&kept, kept.len(), &[sources_line], style)
    );
    // A copy that stood alone between blank lines takes one of them along.
    let mut removed = copy.node.span;
    let after = ctx.source.get(removed.end..).unwrap_or("");
    let blank = if after.starts_with("\r\n") {
        2
    } else {
        usize::from(after.starts_with('\n'))
    };
    let blank_before = ctx
        .source
        .get(..removed.start)
        .is_some_and(|b| b.ends_with("\n\n") || b.ends_with("\n\r\n"));
    if blank > 0 && blank_before && removed.end + blank <= block_start {
        removed = Span::new(removed.start, removed.end + blank);
    }
    Some(
        Fix::unsafe_("Copy the dependency manifests and install before the sources", vec![
            Edit::delete(removed),
            Edit::replace(Span::new(block_start, run_end), text),
        ])
        .explained(format!(
            "Dependencies are installed from {} before the sources are copied, so the install layer stays cached \
             until the manifests change.",
            files.join(", ")
        )),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{assert_flagged_once_unfixed, fixed, lines};

    #[test]
    fn no_fix_when_the_requirements_install_a_local_path() {
        use crate::rules::prelude::testing::fixed_with;
        let src = "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n";
        let mut config = crate::config::Config::default();
        config
            .context_files
            .insert("requirements.txt".into(), "flask\n./hello_ext\n".into());
        assert_eq!(fixed_with("DW1010", src, &config), src);
        config
            .context_files
            .insert("requirements.txt".into(), "flask\n".into());
        assert_ne!(fixed_with("DW1010", src, &config), src);
    }

    /// `npm ci` moved above `COPY . .` ran a `postinstall: prisma generate` without the schema, and could not
    /// install `file:./packages/shared`; `yarn install` ran without `.yarnrc.yml` (Yarn 4's own release).
    #[test]
    fn no_fix_when_the_node_install_reads_more_than_the_manifests() {
        use crate::rules::prelude::testing::fixed_with;
        let src = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
        let with = |package: &str, file: Option<&str>| {
            let mut config = crate::config::Config {
                package_json: Some(package.to_string()),
                ..Default::default()
            };
            if let Some(name) = file {
                config.context_files.insert(name.into(), String::new());
            }
            fixed_with("DW1010", src, &config)
        };
        assert_eq!(
            with(r#"{"scripts": {"postinstall": "prisma generate"}}"#, None),
            src
        );
        assert_eq!(
            with(
                r#"{"dependencies": {"shared": "file:./packages/shared"}}"#,
                None
            ),
            src
        );
        assert_eq!(with(r#"{"workspaces": ["packages/*"]}"#, None), src);
        assert_eq!(with("{}", Some(".yarnrc.yml")), src);
        assert_ne!(with(r#"{"dependencies": {"express": "^4"}}"#, None), src);
    }

    /// Laravel's `post-autoload-dump` runs `artisan`, a `path` repository is a folder, and a `replace` in
    /// `go.mod` to `./shared` is one too: moved above `COPY . .`, each install failed.
    #[test]
    fn no_fix_when_composer_or_go_read_the_sources() {
        use crate::rules::prelude::testing::fixed_with;
        let composer = "FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n";
        let go = "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go mod download\n";
        let with = |src: &str, name: &str, text: &str| {
            let mut config = crate::config::Config::default();
            config.context_files.insert(name.into(), text.into());
            fixed_with("DW1010", src, &config)
        };
        let laravel = r#"{"scripts": {"post-autoload-dump": ["@php artisan package:discover"]}}"#;
        assert_eq!(with(composer, "composer.json", laravel), composer);
        let path = r#"{"repositories": [{"type": "path", "url": "packages/billing"}]}"#;
        assert_eq!(with(composer, "composer.json", path), composer);
        assert_eq!(fixed("DW1010", composer), composer);
        assert_ne!(
            with(
                composer,
                "composer.json",
                r#"{"require": {"php": ">=8.2"}}"#
            ),
            composer
        );
        let flags =
            "FROM composer:2\nCOPY . .\nRUN composer install --no-scripts --no-autoloader\n";
        assert_ne!(fixed("DW1010", flags), flags);
        let replace = "module x\n\nreplace example.com/shared => ./shared\n";
        assert_eq!(with(go, "go.mod", replace), go);
        assert_ne!(
            with(go, "go.mod", "module x\n\nrequire example.com/y v1.0.0\n"),
            go
        );
    }

    #[test]
    fn catches_the_whole_context_copied_before_an_install() {
        assert_eq!(
            lines(
                "DW1010",
                "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
            ),
            vec![3]
        );
        assert_eq!(
            lines(
                "DW1010",
                "FROM golang:1.22\nCOPY . /src\nWORKDIR /src\nRUN go mod download\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW1010", "FROM ruby:3.3\nADD . /app\nRUN bundle install\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_manifests_first_or_installs_that_need_the_sources() {
        for src in [
            "FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n",
            "FROM python:3.12\nCOPY . .\nRUN pip install .\n",
            "FROM node:20\nCOPY . .\nRUN npm install express\n",
            "FROM node:20\nCOPY --from=build . .\nRUN npm ci\n",
        ] {
            assert!(lines("DW1010", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_copies_manifests_and_moves_the_install_up() {
        assert_eq!(
            fixed("DW1010", "FROM python:3.12\nWORKDIR /app\n# sources\nCOPY --chown=app . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD x\n"),
            "FROM python:3.12\nWORKDIR /app\n# sources\nCOPY --chown=app requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY --chown=app . .\nCMD x\n"
        );
        assert_eq!(
            fixed("DW1010", "from golang:1.22\r\nworkdir /src\r\ncopy . /src\r\nrun go mod download\r\n"),
            "from golang:1.22\r\nworkdir /src\r\ncopy go.* /src/\r\nrun go mod download\r\ncopy . /src\r\n"
        );
    }

    #[test]
    fn fix_keeps_what_sits_between_in_place() {
        assert_eq!(
            fixed("DW1010", "FROM python:3-alpine\nWORKDIR /app\nCOPY . .\nENV A=1\nRUN apk update && apk add gcc\nRUN pip install -r requirements.txt\nCMD x\n"),
            "FROM python:3-alpine\nWORKDIR /app\nENV A=1\nCOPY requirements.txt ./\nRUN apk update && apk add gcc\nRUN pip install -r requirements.txt\nCOPY . .\nCMD x\n"
        );
        assert_eq!(
            fixed("DW1010", "FROM node:20\nWORKDIR /app\n\nCOPY . .\n\nRUN apk add git\nRUN npm ci\n"),
            "FROM node:20\nWORKDIR /app\n\nCOPY package*.json ./\nRUN apk add git\nRUN npm ci\nCOPY . .\n"
        );
        // A relative destination is resolved through the WORKDIR it was copied in.
        assert_eq!(
            fixed("DW1010", "FROM node:20\nWORKDIR /srv\nCOPY . app\nWORKDIR app\nRUN npm ci"),
            "FROM node:20\nWORKDIR /srv\nWORKDIR app\nCOPY package*.json /srv/app/\nRUN npm ci\nCOPY . /srv/app\n"
        );
        assert_eq!(
            fixed("DW1010", "FROM python:3.12\nCOPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n"),
            "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt /app/\nRUN pip install -r requirements.txt\nCOPY . /app\n"
        );
    }

    #[test]
    fn no_fix_when_the_install_run_does_more_or_something_sits_between() {
        assert_flagged_once_unfixed(
            "DW1010",
            &[
                "FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n",
                "FROM node:20\nCOPY . .\nRUN ./configure\nRUN npm ci\n",
                "FROM node:20\nWORKDIR /app\nCOPY . .\nUSER node\nRUN npm ci\n",
                "FROM node:20\nCOPY . .\nWORKDIR /app\nRUN npm ci\n",
            ],
        );
    }
}
