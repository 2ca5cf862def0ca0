//! The shell commands of the file's `RUN`s, for the rules that read commands one at a time.
//!
//! The hadolint-parity rules (`hadolint/cli.rs`) and the ShellCheck-parity rules (`shellcheck/scan.rs`) each
//! defined this same iterator (and `hadolint/run_edits.rs` a third copy); both modules now re-export this one.

use crate::rules::prelude::*;

/// Every shell command of every `RUN` and `ONBUILD RUN` (top-level or nested, in source order), with its
/// instruction. Empty for exec-form `RUN`s and non-POSIX shells, whose scripts are not split into commands.
pub fn run_commands<'c>(
    ctx: &'c Context,
) -> impl Iterator<Item = (&'c InstructionInfo<'c>, &'c ShellCommand)> + 'c {
    ctx.instructions
        .iter()
        .filter(|info| is_run(info))
        .flat_map(|info| info.commands().map(move |c| (info, c)))
}

/// A `RUN`, or an `ONBUILD RUN`: it runs in every image built from this one, so its commands matter as much
/// (hadolint checks them too).
pub fn is_run(info: &InstructionInfo) -> bool {
    match &info.node.body {
        Body::Onbuild(inner) => inner.kind == Keyword::Run,
        _ => info.kind() == Keyword::Run,
    }
}

/// A top-level command (not nested in a compound or a substitution) with no assignment or redirect of its own:
/// dropping or moving it touches nothing but the command.
pub fn is_plain(cmd: &ShellCommand) -> bool {
    cmd.at_top_level() && cmd.assignments.is_empty() && cmd.redirects.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::common::with_context;

    #[test]
    fn yields_the_commands_of_shell_form_runs_only() {
        let src = "FROM a\nRUN a && b\nCMD c\nRUN [\"d\"]\nRUN e | f\n";
        let names: Vec<String> = with_context(src, |ctx| {
            run_commands(ctx)
                .filter_map(|(_, c)| c.name().map(str::to_string))
                .collect()
        });
        assert_eq!(names, ["a", "b", "e", "f"]);
    }

    #[test]
    fn yields_the_commands_of_onbuild_runs_too() {
        let src = "FROM a\nONBUILD RUN a && b\nONBUILD CMD c\n";
        let names: Vec<String> = with_context(src, |ctx| {
            run_commands(ctx)
                .filter_map(|(_, c)| c.name().map(str::to_string))
                .collect()
        });
        assert_eq!(names, ["a", "b"]);
    }
}
