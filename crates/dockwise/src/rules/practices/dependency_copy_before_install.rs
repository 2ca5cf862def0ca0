//! DW1010: the whole build context is copied before the dependency install, so any source change reinstalls
//! every dependency.

use crate::rewrite::dockerignore::is_context_root;
use crate::rewrite::{as_lines, Style};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1010",
    name: "dependency-copy-before-install",
    category: Category::BuildCache,
    severity: Severity::Warning,
    aliases: &[],
    enabled_by_default: true,
    fix: FixKind::Unsafe,
    docs: Docs {
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
        fix_safety: "Unsafe: the install then runs before the sources are in the image. Install scripts that read \
                     other files (an npm `postinstall` or `prepare` script, a local path in requirements.txt, a \
                     `go.mod` `replace` pointing at a local directory) fail, and the manifest names are inferred \
                     from the command (`package*.json`, `go.*`, `Gemfile*`...). Offered only when the install \
                     `RUN` holds nothing but installs and directly follows the copy.",
        differences: "",
    },
    check,
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
                .find(|c| c.depth == 0 && !c.in_substitution && manifests(c).is_some())?;
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
        if let Some(fix) = fix(ctx, infos, pos, run) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

fn fix(ctx: &Context, infos: &[InstructionInfo], pos: usize, run: &InstructionInfo) -> Option<Fix> {
    let copy = infos.get(pos)?;
    let between = infos.get(pos + 1..run.index.checked_sub(infos.first()?.index)?)?;
    if between
        .iter()
        .any(|i| !matches!(i.kind(), Keyword::Label | Keyword::Expose))
    {
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
    // Only a plain `COPY . <dest>`; the manifests land where the install runs.
    if body.sources.len() != 1
        || body.exec_form
        || copy.workdir != run.workdir
        || copy.user != run.user
    {
        return None;
    }
    let destination = body.destination.as_ref()?;
    if !matches!(destination.value.as_str(), "." | "./")
        && Some(destination.value.trim_end_matches('/'))
            != run.workdir.as_deref().map(|w| w.trim_end_matches('/'))
    {
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
    let style = Style::of(ctx.model);
    let flags: Vec<&str> = copy.node.flags.iter().map(|f| ctx.text(f.span)).collect();
    let keyword = ctx.text(copy.node.keyword);
    let dest = if destination.value.ends_with('/') {
        destination.value.clone()
    } else {
        format!("{}/", destination.value)
    };
    let mut line = keyword.to_string();
    for flag in &flags {
        line.push(' ');
        line.push_str(flag);
    }
    line.push_str(&format!(" {} {}", files.join(" "), dest));
    let at = copy.node.span.start;
    let mut run_text = ctx.source.get(run.node.span.range())?.to_string();
    if !run_text.ends_with('\n') {
        run_text.push_str(style.newline);
    }
    let text = format!("{}{run_text}", as_lines(ctx.source, at, &[line], &style));
    Some(
        Fix::unsafe_("Copy the dependency manifests and install before the sources", vec![
            Edit::insert(at, text),
            Edit::delete(run.node.span),
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
    use crate::rules::prelude::testing::{fixed, lines};

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
    fn no_fix_when_the_install_run_does_more_or_something_sits_between() {
        for src in [
            "FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n",
            "FROM node:20\nCOPY . .\nENV NODE_ENV=production\nRUN npm ci\n",
        ] {
            assert_eq!(lines("DW1010", src).len(), 1, "{src}");
            assert_eq!(fixed("DW1010", src), src);
        }
    }
}
