//! DL3013: `pip install` without pinned versions.

use super::cli::{operands_after, resolve_operands, run_commands_with_exec, subcommand};
use crate::rules::common::packages::unpinned_diagnostic;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2013",
    name: "pip-version-pin",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3013")],
    docs: rule_docs! {
        what: "Flags `pip install` of packages without a version specifier (`flask` instead of `flask==3.0.3`).",
        why: "Unpinned packages resolve to the newest release at build time: the same Dockerfile builds a \
              different image tomorrow, and a breaking release breaks the build. Pin versions or install from \
              a requirements or constraints file.",
        example: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
        fixed: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
        differences: "A path to pip (`/opt/venv/bin/pip install x`) is checked too; hadolint matches the bare \
                      name only. Stages with a non-POSIX `SHELL` (PowerShell) are not checked. As in hadolint: a \
                      requirements (`-r`) or constraints (`-c`) file clears the whole command; \
                      local paths, archives, wheels and URLs with `@` count as pinned; any version operator \
                      (`==`, `~=`, `<`, `>=`, ...) counts. A local path with extras (`.[dev]`) is a local install \
                      too, which hadolint reports.",
    },
    check,
    ..Rule::DEFAULTS
};

const VALUE_OPTIONS: &[&str] = &[
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--src",
    "--trusted-host",
    "--root-user-action",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--upgrade-strategy",
    "--progress-bar",
    "--log",
    "--proxy",
    "--retries",
    "--timeout",
    "--cache-dir",
    "--global-option",
    "--install-option",
    "--no-binary",
    "--only-binary",
    "-e",
    "--editable",
    "--config-settings",
    "--report",
    "--python",
];

/// Index of the `pip` word: `pip`, `pip3`, `pip3.12`, or `python -m pip`.
fn pip_word(cmd: &ShellCommand) -> Option<usize> {
    let is_pip = |w: &str| {
        let name = w.rsplit('/').next().unwrap_or(w);
        // `pipx install tool` installs from PyPI the same way.
        name == "pipx"
            || name
                .strip_prefix("pip")
                .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    let first = cmd.words.first()?.value.as_str();
    if is_pip(first) {
        return Some(0);
    }
    let program = first.rsplit('/').next().unwrap_or(first);
    let python = program
        .strip_prefix("python")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'));
    let words: Vec<&str> = cmd.words.iter().map(|w| w.value.as_str()).collect();
    match words.as_slice() {
        [_, "-m", module, ..] if python && is_pip(module) => Some(2),
        _ => None,
    }
}

fn is_pinned(package: &str) -> bool {
    let p = package.to_ascii_lowercase();
    ["==", "<", ">", "~=", "!=", "@"]
        .iter()
        .any(|op| p.contains(op))
        || p.starts_with('.')
        || p.starts_with('/')
        || p.starts_with('~')
        || (p.contains('/') && !p.contains("://"))
        || [".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar"]
            .iter()
            .any(|ext| p.ends_with(ext))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in &run_commands_with_exec(ctx) {
        let Some(pip) = pip_word(cmd) else { continue };
        let Some((sub, word)) = subcommand(cmd, pip, VALUE_OPTIONS) else {
            continue;
        };
        if word.value != "install" {
            continue;
        }
        let from_file = cmd.words.iter().skip(sub).any(|w| {
            let v = w.value.as_str();
            matches!(v, "-r" | "--requirement" | "-c" | "--constraint")
                || v.starts_with("--requirement=")
                || v.starts_with("--constraint=")
                || (v.starts_with("-r") && !v.starts_with("--") && v.len() > 2)
        });
        if from_file {
            continue;
        }
        let operands = resolve_operands(info, cmd, operands_after(cmd, sub, VALUE_OPTIONS));
        out.extend(unpinned_diagnostic(operands, is_pinned, |names| {
            format!(
                "`pip install` takes {names} without a version, so each build gets the newest release of the day; pin \
                 them (`package==version`) or install from a requirements file.",
            )
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn the_root_user_action_takes_a_value() {
        assert!(lines(
            "DW2013",
            "FROM python:3.12\nRUN pip install --root-user-action ignore poetry==1.8.5\n"
        )
        .is_empty());
    }

    #[test]
    fn catches_pipx_installs() {
        assert_eq!(
            lines("DW2013", "FROM python:3.12\nRUN pipx install black\n"),
            vec![2]
        );
        assert!(lines(
            "DW2013",
            "FROM python:3.12\nRUN pipx install black==24.4.2\n"
        )
        .is_empty());
    }

    #[test]
    fn catches_unpinned_packages() {
        assert_eq!(
            lines("DW2013", "FROM python:3\nRUN pip install flask\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2013", "FROM python:3\nRUN pip3 install --upgrade pip\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2013",
                "FROM python:3\nRUN python3 -m pip install flask\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn treats_a_redirect_like_specifier_as_unpinned() {
        // `flask>=3` unquoted is `flask` redirected to a file named `=3`.
        assert_eq!(
            lines("DW2013", "FROM python:3\nRUN pip install flask>=3\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_pins_files_or_paths() {
        let src = "FROM python:3\nRUN pip install flask==3.0 \"django<5\" x~=1 ./pkg . dist/a.whl dist/app* git+https://h/r@v1\n";
        assert!(lines("DW2013", src).is_empty());
        assert!(lines(
            "DW2013",
            "FROM python:3\nRUN pip install -r requirements.txt gunicorn\n"
        )
        .is_empty());
        assert!(lines(
            "DW2013",
            "FROM python:3\nRUN pip install -c constraints.txt gunicorn\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_catch_a_local_path_with_extras() {
        assert!(lines(
            "DW2013",
            "FROM python:3\nRUN pip install -e .[dev]\nRUN pip install '.[test]'\n"
        )
        .is_empty());
    }

    #[test]
    fn does_not_take_option_values_for_packages() {
        let src = "FROM python:3\nRUN pip install -i https://pypi.example/simple --target /deps flask==3\n";
        assert!(lines("DW2013", src).is_empty());
    }

    #[test]
    fn does_not_catch_other_subcommands() {
        assert!(lines(
            "DW2013",
            "FROM python:3\nRUN pip download flask && pip uninstall -y x\n"
        )
        .is_empty());
    }
}
