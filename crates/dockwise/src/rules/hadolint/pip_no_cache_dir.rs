//! DL3042: `pip install` without `--no-cache-dir`.

use super::cli::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2042",
    name: "pip-no-cache-dir",
    category: Category::ImageSize,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3042")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: pip installs the same packages; it only stops keeping the downloads."
    )),
    docs: rule_docs! {
        what: "Flags `pip install` (also `pip3`, `python -m pip`) without `--no-cache-dir` when nothing else \
               (`PIP_NO_CACHE_DIR`, a cache mount) keeps pip's cache out of the image.",
        why: "pip keeps every downloaded wheel in `~/.cache/pip`. In an image nobody reinstalls from that cache, \
              so it only adds size, often tens of megabytes per layer.",
        example: "FROM python:3.12-slim\nRUN pip install flask==3.0.3\n",
        fixed: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
        differences: "`ARG PIP_NO_CACHE_DIR=1` counts (an `ARG` is in the environment of later `RUN`s) and so \
                      does a `--mount=type=cache` on pip's cache directory. pip called by its full path \
                      (`/opt/venv/bin/pip install`) is flagged too; hadolint skips it.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (info, cmd) in run_commands(ctx) {
        let Some(install) = pip_install_word(cmd) else {
            continue;
        };
        if cmd.has_flag("--no-cache-dir")
            || cache_disabled(info, cmd)
            || has_pip_cache_mount(ctx, info)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                cmd.span,
                "`pip install` keeps its download cache in the image, where it only takes space; add \
                 `--no-cache-dir`.",
            )
            .with_fix(
                Fix::safe(
                    "Add --no-cache-dir",
                    vec![Edit::insert(install.span.end, " --no-cache-dir")],
                )
                .explained("pip no longer leaves downloaded wheels in ~/.cache/pip inside the layer."),
            ),
        );
    }
}

/// The `install` word of `pip install`, `pip3.12 install`, `python3 -m pip install`.
fn pip_install_word(cmd: &ShellCommand) -> Option<&Word> {
    let program = cmd.program()?;
    let rest: &[Word] = if is_pip(program) {
        cmd.args()
    } else if program.starts_with("python") {
        let args = cmd.args();
        let m = args.iter().position(|w| w.value == "-m")?;
        if args.get(m + 1).map(|w| w.value.as_str()) != Some("pip") {
            return None;
        }
        args.get(m + 2..).unwrap_or(&[])
    } else {
        return None;
    };
    rest.iter()
        .find(|w| !w.value.starts_with('-'))
        .filter(|w| w.value == "install")
}

fn is_pip(program: &str) -> bool {
    program
        .strip_prefix("pip")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

fn truthy(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "false" | "no" | "off"
    )
}

fn cache_disabled(info: &InstructionInfo, cmd: &ShellCommand) -> bool {
    let prefix = cmd
        .assignments
        .iter()
        .filter_map(|a| a.value.strip_prefix("PIP_NO_CACHE_DIR="))
        .any(truthy);
    // `export PIP_NO_CACHE_DIR=1 && pip install ...` earlier in the same RUN.
    let exported = info
        .commands()
        .filter(|c| c.span.start < cmd.span.start && c.is("export"))
        .flat_map(|c| c.args())
        .filter_map(|w| w.value.strip_prefix("PIP_NO_CACHE_DIR="))
        .any(truthy);
    prefix || exported || info.scope.get("PIP_NO_CACHE_DIR").is_some_and(truthy)
}

/// Whether a cache mount holds pip's cache: one on a `pip` folder, except root's (`/root/.cache/pip`) for a
/// `RUN` as another user, whose pip writes `$HOME/.cache/pip` inside the layer instead.
fn has_pip_cache_mount(ctx: &Context, info: &InstructionInfo) -> bool {
    info.node
        .flags
        .iter()
        .filter(|f| f.name_text == "mount")
        .filter_map(|f| f.value.as_ref())
        .any(|v| {
            let target = v
                .value
                .split(',')
                .find_map(|p| p.strip_prefix("target=").or_else(|| p.strip_prefix("dst=")))
                .unwrap_or("");
            let roots = target.starts_with("/root/");
            v.value.contains("type=cache")
                && v.value.contains("pip")
                && (!roots || !crate::rules::common::stages::runs_as_non_root(ctx, info))
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_pip_install_in_every_spelling() {
        assert_eq!(
            lines("DW2042", "FROM python:3\nRUN pip install flask\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2042", "FROM python:3\nRUN pip3.11 install flask\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2042",
                "FROM python:3\nRUN python3 -m pip install -r r.txt\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_a_falsy_pip_no_cache_dir() {
        assert_eq!(
            lines(
                "DW2042",
                "FROM python:3\nENV PIP_NO_CACHE_DIR=false\nRUN pip install x\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_when_the_cache_is_off_or_not_kept() {
        assert!(lines(
            "DW2042",
            "FROM python:3\nRUN pip install --no-cache-dir flask\n"
        )
        .is_empty());
        assert!(lines(
            "DW2042",
            "FROM python:3\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n"
        )
        .is_empty());
        assert!(lines(
            "DW2042",
            "FROM python:3\nRUN export PIP_NO_CACHE_DIR=on && pip install flask\n"
        )
        .is_empty());
        assert!(lines(
            "DW2042",
            "FROM python:3\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n"
        )
        .is_empty());
        assert!(lines(
            "DW2042",
            "FROM python:3\nARG PIP_NO_CACHE_DIR=1\nRUN pip install flask\n"
        )
        .is_empty());
        let mount =
            "FROM python:3\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n";
        assert!(lines("DW2042", mount).is_empty());
        // As another user, pip's cache is that user's `~/.cache/pip`: root's mount does not hold it.
        let other_user = "FROM python:3\nRUN useradd -m app\nUSER app\n\
                          RUN --mount=type=cache,target=/root/.cache/pip pip install --user flask\n";
        assert_eq!(lines("DW2042", other_user), vec![4]);
        // An image whose user is unknown: the mount is taken at its word.
        let unknown = "FROM ghcr.io/org/py:1\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n";
        assert!(lines("DW2042", unknown).is_empty());
    }

    #[test]
    fn does_not_catch_other_tools_or_subcommands() {
        assert!(lines("DW2042", "FROM python:3\nRUN uv pip install flask\n").is_empty());
        assert!(lines("DW2042", "FROM python:3\nRUN pipx install black\n").is_empty());
        assert!(lines("DW2042", "FROM python:3\nRUN pip download flask\n").is_empty());
    }

    #[test]
    fn fix_adds_the_flag_after_install() {
        assert_eq!(
            fixed(
                "DW2042",
                "FROM python:3\nRUN python -m pip install -U pip\n"
            ),
            "FROM python:3\nRUN python -m pip install --no-cache-dir -U pip\n"
        );
    }
}
