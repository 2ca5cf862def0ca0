//! SC2028: `echo` with backslash escapes, which `sh` and `bash` treat differently.

use super::scan::run_commands;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3006",
    name: "echo-escapes",
    category: Category::Correctness,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Shellcheck, "SC2028")],
    docs: rule_docs! {
        what: "Flags `echo` with an argument holding `\\n`, `\\t` or `\\r`.",
        why: "Whether `echo` turns `\\n` into a newline depends on the shell: dash (Debian's `/bin/sh`) does, \
              bash does not. The same line writes different files on different base images; `printf` behaves \
              the same everywhere.",
        example: "FROM debian:bookworm\nRUN echo \"[global]\\ntimeout = 60\" > /etc/pip.conf\n",
        fixed: "FROM debian:bookworm\nRUN printf '[global]\\ntimeout = 60\\n' > /etc/pip.conf\n",
        differences: "hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !cmd.is("echo") || cmd.args().iter().any(|a| a.value.starts_with("-e")) {
            continue;
        }
        let word = cmd.args().iter().find(|a| {
            a.value.contains("\\n") || a.value.contains("\\t") || a.value.contains("\\r")
        });
        if let Some(word) = word {
            out.push(Diagnostic::new(
                word.span,
                "`echo` with `\\n`/`\\t` escapes prints them literally in bash and as control characters in \
                 dash, so the result depends on the image's shell; use `printf` instead.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_escapes_in_echo_arguments() {
        assert_eq!(lines("DW3006", "FROM a\nRUN echo \"a\\nb\"\n"), vec![2]);
        assert_eq!(lines("DW3006", "FROM a\nRUN echo 'a\\tb' > f\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_echo_e_printf_or_plain_text() {
        assert!(lines(
            "DW3006",
            "FROM a\nRUN echo -e \"a\\nb\"; printf 'a\\nb'; echo a b\n"
        )
        .is_empty());
    }
}
