//! Small helpers shared by the hadolint-parity rules that look at package managers in `RUN` and fix them by
//! adding a flag or appending a cleanup command to the same `RUN`.

use crate::rules::common::run_edits::{append_after, plain_script_end};
use crate::rules::prelude::*;

/// The word after the program that is not a flag (`install` in `yum -q install x`), with its position in `words`.
pub fn subcommand_word(cmd: &ShellCommand) -> Option<(usize, &Word)> {
    cmd.words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, w)| !w.value.starts_with('-'))
}

/// An insertion of ` text` right after the subcommand word (`yum install` becomes `yum install -y`).
pub fn insert_after_subcommand(cmd: &ShellCommand, text: &str) -> Option<Edit> {
    let (_, word) = subcommand_word(cmd)?;
    Some(Edit::insert(word.span.end, format!(" {text}")))
}

/// The yum and dnf subcommands that install and ask for confirmation unless given `-y` (`--assumeyes`).
const RPM_INSTALL_SUBCOMMANDS: [&str; 3] = ["install", "groupinstall", "localinstall"];

/// The diagnostic, with its safe `-y` fix, for a yum/dnf install that stops at the confirmation prompt a build
/// cannot answer; `None` when `cmd` installs nothing or already says `-y`/`--assumeyes`. The caller checks the
/// program; `shown` names it in the message and `manager` in the fix's explanation. Shared by DL3030 (yum) and
/// DL3038 (dnf, microdnf).
pub fn rpm_install_without_yes(
    cmd: &ShellCommand,
    shown: &str,
    manager: &str,
) -> Option<Diagnostic> {
    let installs = cmd
        .args()
        .iter()
        .any(|w| RPM_INSTALL_SUBCOMMANDS.contains(&w.value.as_str()));
    if !installs || cmd.has_flag("-y") || cmd.has_flag("--assumeyes") {
        return None;
    }
    let mut diagnostic = Diagnostic::new(
        cmd.span,
        format!(
            "`{shown}` will ask for confirmation here, which a build cannot give, so the install aborts; add `-y`."
        ),
    );
    if let Some(edit) = insert_after_subcommand(cmd, "-y") {
        diagnostic = diagnostic.with_fix(Fix::safe("Add -y", vec![edit]).explained(format!(
            "{manager} installs without asking for confirmation."
        )));
    }
    Some(diagnostic)
}

/// An insertion that appends ` && command` to the end of a `RUN`'s shell-form script (after the `fi`/`done`
/// closing a trailing compound), or `None` where appending could change what runs or break the syntax (see
/// [`plain_script_end`]).
pub fn append_to_run(ctx: &Context, info: &InstructionInfo, command: &str) -> Option<Edit> {
    plain_script_end(ctx, info).map(|end| append_after(end, command))
}

/// The first command of a `RUN` that `triggers` (say `yum install`) when no later command of the same
/// program runs one of `clean_words` (`yum clean ...`) and no later `rm` deletes one of `cache_dirs` (or a
/// directory above it).
pub fn uncleaned<'i>(
    info: &'i InstructionInfo,
    triggers: impl Fn(&ShellCommand) -> bool,
    clean_words: &[&str],
    cache_dirs: &[&str],
) -> Option<&'i ShellCommand> {
    let commands: Vec<&ShellCommand> = info.commands().collect();
    let (index, first) = commands.iter().enumerate().find(|(_, c)| triggers(c))?;
    let program = first.program()?;
    // What is written under a cache or tmpfs mount never reaches the layer (hadolint counts it too).
    if cache_dirs
        .iter()
        .any(|d| super::cli::mounts_cache_over(info, d))
    {
        return None;
    }
    let cleaned = commands.iter().skip(index + 1).any(|c| {
        (c.is(program)
            && c.args()
                .iter()
                .any(|w| clean_words.contains(&w.value.as_str())))
            || (c.is("rm")
                && c.operands().any(|w| {
                    // The cache directory itself, something inside it, or a parent that contains it.
                    let path = w.value.trim_end_matches(['/', '*']);
                    !path.is_empty()
                        && cache_dirs.iter().any(|d| {
                            path.starts_with(d)
                                || d.strip_prefix(path).is_some_and(|r| r.starts_with('/'))
                        })
                }))
    });
    (!cleaned).then_some(*first)
}

/// Indices of the stages whose files end up in the final image (shared with the practice rules).
pub use crate::rules::common::stages::final_image_stages;
