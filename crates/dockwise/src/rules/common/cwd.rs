//! Shell commands that do the same whatever directory they run in: what a fix may move to another directory
//! (DW2003 sets the `WORKDIR` of a `cd` found after them, so they then run there).

use crate::model::stage_facts;
use crate::rules::prelude::*;

/// Commands that write where their absolute path arguments say (options aside; `chmod`/`chown` take a mode or
/// an owner first).
const PATH_COMMANDS: &[&str] = &["mkdir", "rm", "ln", "chmod", "chown", "touch"];

/// Package managers: their words are package names and options, files only when written as paths.
const PACKAGE_MANAGERS: &[&str] = &[
    "apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper", "pip", "pip3",
];

/// Commands that read no file of the directory they start in (and take no argument that could name one).
const NO_FILES: &[&str] = &[
    "ldconfig",
    "update-ca-certificates",
    "locale-gen",
    "true",
    ":",
];

/// pip's options whose value is a file (`-r requirements.txt` names no directory yet reads one).
const PIP_FILE_OPTIONS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
];

/// Files a package manager installs from, rather than a package name.
const PACKAGE_FILE_SUFFIXES: &[&str] = &[
    ".deb", ".rpm", ".apk", ".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2",
];

/// Whether `cmd` does the same in any directory: a package manager given package names, `ldconfig` and the
/// like, or a file command (`mkdir -p /opt/x`, `rm -rf /tmp/*`) whose every path is absolute. A command reading
/// the directory another way (a command substitution, `$PWD`, a relative redirect) does not.
pub fn ignores_directory(cmd: &ShellCommand) -> bool {
    let Some(program) = cmd.program() else {
        return false;
    };
    let reads_directory =
        |text: &str| text.contains("$(") || text.contains('`') || text.contains("PWD");
    if cmd.in_substitution
        || cmd.words.iter().any(|w| reads_directory(&w.value))
        || cmd.assignments.iter().any(|w| reads_directory(&w.value))
        || !cmd.redirects.iter().all(|r| {
            r.operator.contains('&') || r.target.as_ref().is_some_and(|t| t.value.starts_with('/'))
        })
    {
        return false;
    }
    if NO_FILES.contains(&program) {
        return cmd.args().iter().all(|a| a.value.starts_with(['-', '/']));
    }
    if PACKAGE_MANAGERS.contains(&program) {
        return cmd.args().iter().all(|a| {
            let value = a.value.as_str();
            !PIP_FILE_OPTIONS
                .iter()
                .any(|o| value == *o || value.strip_prefix(o).is_some_and(|v| v.starts_with('=')))
                && (value.starts_with('/') || !value.contains('/'))
                && !matches!(value, "." | "..")
                && !PACKAGE_FILE_SUFFIXES.iter().any(|s| value.ends_with(s))
        });
    }
    path_arguments(cmd).is_some_and(|paths| paths.iter().all(|p| p.value.starts_with('/')))
}

/// The paths a file command ([`PATH_COMMANDS`]) names, options and `chmod`'s mode or `chown`'s owner aside;
/// `None` for other commands.
pub fn path_arguments(cmd: &ShellCommand) -> Option<Vec<&Word>> {
    let program = cmd.program().filter(|p| PATH_COMMANDS.contains(p))?;
    let mut positional = Vec::new();
    let mut takes_value = false;
    for word in cmd.args() {
        if takes_value {
            takes_value = false;
        } else if word.value.starts_with('-') && word.value != "-" {
            // `mkdir -m 755`: the mode is not a path.
            takes_value = program == "mkdir" && matches!(word.value.as_str(), "-m" | "--mode");
        } else {
            positional.push(word);
        }
    }
    if matches!(program, "chmod" | "chown") {
        positional.drain(..positional.len().min(1));
    }
    Some(positional)
}

/// Whether the absolute path `dir` is `parent` or inside it (trailing slashes aside; `/` holds everything).
pub fn is_within(dir: &str, parent: &str) -> bool {
    let (dir, parent) = (dir.trim_end_matches('/'), parent.trim_end_matches('/'));
    parent.is_empty()
        || dir == parent
        || dir
            .strip_prefix(parent)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// An absolute path without its trailing `/`, `/` itself kept.
pub fn without_trailing_slash(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    }
}

/// The absolute directory an instruction starts in, when known: the stage's `WORKDIR` (a stage built on another
/// inherits it, already in `info.workdir`), or else the one its base image sets (`/` on official images that set
/// none).
pub fn current_dir(ctx: &Context, info: &InstructionInfo) -> Option<String> {
    if let Some(dir) = &info.workdir {
        return (dir.starts_with('/') && !dir.contains(['$', ' ', '"', '\''])).then(|| dir.clone());
    }
    let stage = ctx.stages.get(info.stage?)?;
    stage_facts(ctx.model, stage).workdir.map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(script: &str) -> ShellCommand {
        crate::rules::common::with_context(&format!("FROM a:1\nRUN {script}\n"), |ctx| {
            ctx.instructions[1]
                .commands()
                .next()
                .cloned()
                .expect("a command")
        })
    }

    #[test]
    fn package_installs_and_absolute_file_commands_ignore_the_directory() {
        for script in [
            "apt-get install -y --no-install-recommends curl",
            "DEBIAN_FRONTEND=noninteractive apt-get update > /dev/null 2>&1",
            "apk add --no-cache --virtual .build-deps gcc",
            "pip install --no-cache-dir flask==3.0",
            "mkdir -p -m 755 /opt/app /var/log/app",
            "rm -rf /var/lib/apt/lists/*",
            "chmod +x /usr/local/bin/x",
            "chown -R 1000:1000 /srv",
            "ldconfig",
        ] {
            assert!(ignores_directory(&first(script)), "{script}");
        }
    }

    #[test]
    fn relative_paths_and_local_files_depend_on_it() {
        for script in [
            "apt-get install -y ./local.deb",
            "apk add --allow-untrusted glibc.apk",
            "pip install -r requirements.txt",
            "pip install --requirement=requirements.txt",
            "pip install -e .",
            "pip install .",
            "mkdir build",
            "rm -rf $(ls)",
            "chmod +x run.sh",
            "echo x > log",
            "make install",
            "wget https://example.com/x.tgz",
            "cd /x",
            "X=$PWD apt-get update",
        ] {
            assert!(!ignores_directory(&first(script)), "{script}");
        }
    }

    #[test]
    fn path_arguments_skip_options_modes_and_owners() {
        let values = |script: &str| {
            path_arguments(&first(script))
                .map(|words| words.iter().map(|w| w.value.clone()).collect::<Vec<_>>())
        };
        assert_eq!(
            values("mkdir -p -m 700 /a /b"),
            Some(vec!["/a".into(), "/b".into()])
        );
        assert_eq!(values("chown -R app:app /srv"), Some(vec!["/srv".into()]));
        assert_eq!(values("apt-get install x"), None);
    }

    #[test]
    fn a_folder_is_within_itself_and_its_parents_only() {
        assert!(is_within("/srv/app", "/srv/app/"));
        assert!(is_within("/srv/app", "/srv"));
        assert!(is_within("/srv/app", "/"));
        assert!(!is_within("/srv/application", "/srv/app"));
        assert!(!is_within("/srv", "/srv/app"));
    }
}
