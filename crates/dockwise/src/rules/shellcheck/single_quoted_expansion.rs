//! SC2016: `$VAR` or backquotes inside single quotes, where they do not expand.

use super::scan::{run_commands, scan, PartKind};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW3005",
    name: "single-quoted-expansion",
    category: Category::Correctness,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Shellcheck, "SC2016")],
    docs: rule_docs! {
        what: "Flags a single-quoted string that holds `$name`, `${...}`, `$(...)` or backquotes, in a command \
               that does not evaluate it later (not `sh -c`, `awk`, `perl`, `eval`, `trap`, `jq`, ...).",
        why: "Nothing expands inside single quotes: the command receives the literal text `$HOME`, which is \
              rarely what was meant.",
        example: "FROM debian:bookworm\nRUN echo 'export PATH=$PATH:/opt/bin' > /etc/profile.d/opt.sh && echo 'Home: $HOME'\n",
        fixed: "FROM debian:bookworm\nRUN echo 'export PATH=$PATH:/opt/bin' > /etc/profile.d/opt.sh && echo \"Home: $HOME\"\n",
        differences: "hadolint shows at most one ShellCheck finding per `RUN` (the last one); we report each. \
                      `echo`/`printf` writing to a file with `>` or `>>` is left alone: `echo 'export \
                      PATH=$PATH:/opt/bin' >> ~/.bashrc` writes a script that expands later, on purpose (hadolint \
                      flags it: most of our disagreements on SC2016). Besides ShellCheck's list of commands that \
                      evaluate their argument later (`sh -c`, `eval`, `awk`, `perl`, `jq`, ...), `su`, `find`, \
                      `xargs`, `git`, `envsubst`, `gosu` and `su-exec` count as such too.",
    },
    check,
    ..Rule::DEFAULTS
};

/// Commands that hand the string to something that expands it.
const EVALUATORS: &[&str] = &[
    "trap",
    "sh",
    "bash",
    "ksh",
    "zsh",
    "ash",
    "dash",
    "ssh",
    "eval",
    "xprop",
    "alias",
    "sudo",
    "docker",
    "podman",
    "dpkg-query",
    "jq",
    "rename",
    "rg",
    "unset",
    "su",
    "find",
    "xargs",
    "git",
    "envsubst",
    "gosu",
    "su-exec",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        let program = cmd.program().unwrap_or("");
        if EVALUATORS.contains(&program) || program.ends_with("awk") || program.starts_with("perl")
        {
            continue;
        }
        // `echo '...$x...' > file` writes a script or config for later: the literal text is the point.
        if (program == "echo" || program == "printf")
            && cmd
                .redirects
                .iter()
                .any(|r| r.operator.contains('>') && !r.operator.contains('&'))
        {
            continue;
        }
        for word in cmd.args().iter().chain(&cmd.assignments) {
            for part in scan(ctx.source, word.span).parts {
                if part.kind != PartKind::SingleQuoted {
                    continue;
                }
                let text = ctx.text(part.span);
                let inner = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
                let expands = if program == "sed" {
                    sed_expands(inner)
                } else {
                    looks_expanded(inner)
                };
                if expands {
                    out.push(Diagnostic::new(
                        part.span,
                        "Variables and command substitutions do not expand inside single quotes: the command \
                         gets the literal text; use double quotes if the value was meant.",
                    ));
                }
            }
        }
    }
}

/// `$name`, `${`, `$(`, `$1` or a non-empty backquote pair.
fn looks_expanded(s: &str) -> bool {
    let b = s.as_bytes();
    let dollar = b.windows(2).any(|w| {
        w[0] == b'$' && (w[1].is_ascii_alphanumeric() || matches!(w[1], b'{' | b'(' | b'_'))
    });
    let backquotes = s.find('`').is_some_and(|i| {
        s.get(i + 1..)
            .and_then(|r| r.find('`'))
            .is_some_and(|len| len > 0)
    });
    dollar || backquotes
}

/// In sed scripts `$` is the last line and `${`/`$d`/`$p`... are commands, not expansions.
fn sed_expands(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        if b[i] != b'$' {
            return false;
        }
        let Some(&n) = b.get(i + 1) else { return false };
        if !(n.is_ascii_alphanumeric() || matches!(n, b'{' | b'(' | b'_')) {
            return false;
        }
        let sed_command = matches!(n, b'{' | b'd' | b'p' | b's' | b'a' | b'i' | b'c')
            && !b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic());
        !sed_command
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_variables_and_backquotes_in_single_quotes() {
        assert_eq!(lines("DW3005", "FROM a\nRUN echo '$HOME'\n"), vec![2]);
        assert_eq!(
            lines("DW3005", "FROM a\nRUN sed -i 's/$HOME/x/' f\n"),
            vec![2]
        );
        assert_eq!(lines("DW3005", "FROM a\nRUN echo '`ls`'\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_evaluating_commands_or_plain_dollars() {
        let src = "FROM a\nRUN awk '{print $1}' f; sh -c 'echo $HOME'; echo 'a $ b'; sed '$d' f; \
                   perl -e 'print $x'\nRUN echo 'export PATH=$PATH' >> /etc/profile\n";
        assert!(lines("DW3005", src).is_empty());
    }
}
