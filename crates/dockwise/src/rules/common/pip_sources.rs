//! Which `pip install`s build packages from source here (a local path, a VCS URL, an archive): those need a
//! compiler when the package has C code, and a local path must be in the image before the install. Requirements
//! files count when the front end supplied their text (`Config::context_files`, read by the CLI beside the
//! Dockerfile); an unknown file counts as installing from the index.

use crate::context::Context;
use dockwise_syntax::shell::ShellCommand;

/// Options of `pip install` whose value is a path (a local path there is not a requirement to build).
const VALUE_OPTIONS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-t",
    "--target",
    "-f",
    "--find-links",
    "--prefix",
    "--root",
    "--src",
    "--cache-dir",
    "--log",
    "--report",
];

/// A pip install's words after `install` (`pip install`, `pip3.12 install`, `python -m pip install`).
fn install_args(c: &ShellCommand) -> Option<&[dockwise_syntax::Word]> {
    let words = c.unwrapped();
    let program = words.first()?.value.rsplit('/').next()?;
    let rest = if program.starts_with("pip") {
        &words[1..]
    } else if program.starts_with("python")
        && words.get(1)?.value == "-m"
        && words.get(2)?.value == "pip"
    {
        &words[3..]
    } else {
        return None;
    };
    let at = rest.iter().position(|w| !w.value.starts_with('-'))?;
    (rest[at].value == "install").then(|| &rest[at + 1..])
}

/// Packages PyPI has no Linux wheel for: pip compiles them, with the full images' `gcc` and C headers (`-slim`
/// has neither). `psycopg2-binary` is the wheel of `psycopg2`.
const SOURCE_ONLY_PACKAGES: &[&str] = &["mysqlclient", "psycopg2", "python-ldap", "uwsgi"];

/// Whether a requirement (a line of a requirements file, or a `pip install` operand) is built from source.
pub fn from_source(requirement: &str) -> bool {
    let target = requirement_target(requirement);
    let name = target
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace(['_', '.'], "-");
    SOURCE_ONLY_PACKAGES.contains(&name.as_str())
        || local_path(target).is_some()
        || target.starts_with('/')
        || ["git+", "hg+", "svn+", "bzr+", "file:"]
            .iter()
            .any(|p| target.starts_with(p))
        || [".tar.gz", ".tgz", ".zip", ".tar.bz2"]
            .iter()
            .any(|e| target.ends_with(e))
}

/// What a requirement installs from: the line without `-e`/`--editable`, and the URL of `name @ url`.
fn requirement_target(requirement: &str) -> &str {
    let r = requirement.trim();
    let r = r.strip_prefix("-e").map_or(r, str::trim_start);
    let r = r
        .strip_prefix("--editable")
        .map_or(r, |s| s.trim_start_matches('=').trim_start());
    r.split_once(" @ ").map_or(r, |(_, url)| url.trim())
}

/// The build-context path of a requirement that names a local directory or file (`.`, `./pkg`, `-e ./pkg`,
/// `pkg @ file:./pkg` after the prefixes are removed); absolute paths are the image's, not the context's.
fn local_path(target: &str) -> Option<&str> {
    let target = target.strip_prefix("file:").unwrap_or(target);
    (target == "." || target.starts_with("./") || target.starts_with("../")).then_some(target)
}

/// The local paths a requirements text installs from (`./hello_ext` in `requirements.txt`), as written.
pub fn local_paths(requirements: &str) -> Vec<String> {
    requirement_lines(requirements)
        .filter_map(|line| local_path(requirement_target(line)).map(str::to_string))
        .collect()
}

/// Requirement lines: comments, blank lines and options (`--index-url`, `-r other.txt`) left out.
fn requirement_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split(" #").next().unwrap_or("").trim())
        .filter(|l| {
            !l.is_empty() && !l.starts_with('#') && (!l.starts_with('-') || l.starts_with("-e"))
        })
}

/// The text of a requirements file a command names, when the front end read it: by its path, else by its file
/// name when exactly one supplied file has that name.
pub fn requirements_text<'a>(ctx: &Context<'a>, named: &str) -> Option<&'a str> {
    let files = &ctx.config.context_files;
    let named = named.trim_start_matches("./");
    if let Some(text) = files.get(named) {
        return Some(text);
    }
    let base = named.rsplit('/').next()?;
    let mut same = files
        .iter()
        .filter(|(path, _)| path.rsplit('/').next() == Some(base));
    match (same.next(), same.next()) {
        (Some((_, text)), None) => Some(text),
        _ => None,
    }
}

/// The requirements files a `pip install` names (`-r FILE`, `--requirement=FILE`, `-rFILE`).
pub fn requirement_files(c: &ShellCommand) -> Vec<String> {
    let Some(args) = install_args(c) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for (i, w) in args.iter().enumerate() {
        let v = w.value.as_str();
        if matches!(v, "-r" | "--requirement") {
            files.extend(args.get(i + 1).map(|n| n.value.clone()));
        } else if let Some(file) = v.strip_prefix("--requirement=") {
            files.push(file.to_string());
        } else if let Some(file) = v
            .strip_prefix("-r")
            .filter(|f| !f.is_empty() && !v.starts_with("--"))
        {
            files.push(file.to_string());
        }
    }
    files
}

/// The requirements a `pip install` names on its command line, each with whether `-e`/`--editable` came just
/// before it; the values of path options (`-r FILE`, `--target DIR`) are not requirements.
fn command_line_requirements(args: &[dockwise_syntax::Word]) -> Vec<(&str, bool)> {
    let mut found = Vec::new();
    let mut skip_value = false;
    let mut editable = false;
    for w in args {
        let v = w.value.as_str();
        if skip_value {
            skip_value = false;
            continue;
        }
        if matches!(v, "-e" | "--editable") {
            editable = true;
            continue;
        }
        if VALUE_OPTIONS.contains(&v) {
            skip_value = true;
            continue;
        }
        if !v.starts_with('-') {
            found.push((v, editable));
        }
        editable = false;
    }
    found
}

/// Whether a `pip install` builds anything from source: a command-line requirement that does (any editable
/// one), or a requirements file (whose text is known) with such a line, following `-r` includes one level deep.
pub fn installs_from_source(ctx: &Context, c: &ShellCommand) -> bool {
    let Some(args) = install_args(c) else {
        return false;
    };
    if command_line_requirements(args)
        .iter()
        .any(|&(r, editable)| editable || from_source(r))
    {
        return true;
    }
    requirement_files(c).iter().any(|file| {
        requirements_text(ctx, file).is_some_and(|text| {
            requirement_lines(text).any(from_source)
                || text
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("-r"))
                    .any(|nested| {
                        requirements_text(ctx, nested.trim())
                            .is_some_and(|t| requirement_lines(t).any(from_source))
                    })
        })
    })
}

/// Every requirement a `pip install` names, on its command line and in the requirements files it names (when
/// their text is known), as written (`numpy==1.21.6`).
pub fn requirements<'c>(ctx: &'c Context, c: &'c ShellCommand) -> Vec<&'c str> {
    let Some(args) = install_args(c) else {
        return Vec::new();
    };
    let mut out: Vec<&'c str> = command_line_requirements(args)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    for file in requirement_files(c) {
        if let Some(text) = requirements_text(ctx, &file) {
            out.extend(requirement_lines(text));
        }
    }
    out
}

/// Whether a `pip install` reads local paths of the build context besides its requirements files: `.` or
/// `./pkg` on the command line, or a local path in a requirements file whose text is known.
pub fn reads_local_paths(ctx: &Context, c: &ShellCommand) -> bool {
    let Some(args) = install_args(c) else {
        return false;
    };
    if command_line_requirements(args)
        .iter()
        .any(|&(r, _)| local_path(r).is_some())
    {
        return true;
    }
    requirement_files(c)
        .iter()
        .filter_map(|file| requirements_text(ctx, file))
        .any(|text| !local_paths(text).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::common::with_context_config;

    #[test]
    fn tells_source_builds_from_index_installs() {
        for yes in [
            "./hello_ext",
            ".",
            "/app",
            "-e ./pkg",
            "-e .",
            "git+https://x/y.git",
            "pkg @ file:./pkg",
            "pkg.tar.gz",
            // No Linux wheels on PyPI: compiled with the full image's gcc and headers.
            "uWSGI==2.0.24",
            "mysqlclient>=2",
            "psycopg2==2.9.9",
            "python_ldap",
        ] {
            assert!(from_source(yes), "{yes}");
        }
        for no in [
            "flask==3.0.3",
            "gunicorn",
            "requests>=2",
            "numpy ; python_version > '3.8'",
            "psycopg2-binary==2.9.9",
            "uwsgitop",
        ] {
            assert!(!from_source(no), "{no}");
        }
        assert_eq!(
            local_paths("flask\n# c\n./hello_ext\n-e ./lib  # editable\n-r base.txt\n"),
            ["./hello_ext", "./lib"]
        );
    }

    #[test]
    fn reads_the_requirements_text_the_front_end_supplied() {
        let src = "FROM python:3.11\nRUN pip install -r requirements.txt\nRUN pip install --no-cache-dir -r req/dev.txt\n\
                   RUN python -m pip install .\nRUN pip install -i https://x flask\n";
        let files = [
            ("requirements.txt", "flask\n./hello_ext\n"),
            ("req/dev.txt", "pytest\n"),
        ];
        with_context_config(src, &files, |ctx| {
            let found: Vec<bool> = ctx
                .instructions
                .iter()
                .flat_map(|i| i.commands())
                .map(|c| installs_from_source(ctx, c))
                .collect();
            assert_eq!(found, [true, false, true, false]);
        });
        // Unknown text: counted as an index install.
        with_context_config(src, &[], |ctx| {
            let first = ctx
                .instructions
                .iter()
                .flat_map(|i| i.commands())
                .next()
                .unwrap();
            assert!(!installs_from_source(ctx, first));
        });
    }
}
