//! `curl ... | sh` and friends: running a downloaded script without checking it.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5001",
    name: "pipe-to-shell",
    category: Category::Security,
    severity: Severity::Warning,
    docs: rule_docs! {
        what: "Flags a download piped straight into an interpreter (`curl ... | sh`, `wget -O- ... | bash`, \
               `... | python`), and `sh -c \"$(curl ...)\"`.",
        why: "Whatever the server sends runs as root in the build, unchecked: a compromised site, a hijacked \
              domain or a truncated download executes arbitrary code, and the image is not reproducible.",
        example: "FROM debian:bookworm\nRUN curl -fsSL https://example.com/install.sh | sh\n",
        fixed: "FROM debian:bookworm\nRUN curl -fsSL -o /tmp/install.sh https://example.com/install.sh \\\n    \
                && echo \"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  /tmp/install.sh\" | sha256sum -c - \\\n    \
                && sh /tmp/install.sh && rm /tmp/install.sh\n",
    },
    check,
    ..Rule::DEFAULTS
};

const DOWNLOADERS: &[&str] = &["curl", "wget", "fetch", "aria2c"];

fn is_interpreter(cmd: &ShellCommand) -> bool {
    let mut words = cmd.words.iter().map(|w| w.value.as_str());
    let mut program = words.next().map(|n| n.rsplit('/').next().unwrap_or(n));
    if matches!(program, Some("sudo" | "env" | "exec")) {
        program = words
            .find(|w| !w.starts_with('-') && !w.contains('='))
            .map(|n| n.rsplit('/').next().unwrap_or(n));
    }
    let Some(p) = program else { return false };
    matches!(
        p,
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh" | "fish" | "perl" | "ruby" | "node" | "php"
    ) || p.starts_with("python")
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Run) {
        for script in &info.scripts {
            for pipeline in script.pipelines() {
                let Some(download) = pipeline
                    .iter()
                    .position(|c| DOWNLOADERS.iter().any(|d| c.is(d)))
                else {
                    continue;
                };
                if let Some(shell) = pipeline
                    .iter()
                    .skip(download + 1)
                    .find(|c| is_interpreter(c))
                {
                    let first = pipeline[download];
                    out.push(Diagnostic::new(
                        first.span.cover(shell.span),
                        format!(
                            "A download is piped straight into `{}`: whatever the server sends runs unchecked; \
                             download to a file, verify its checksum or signature, then run it.",
                            shell.program().unwrap_or("sh")
                        ),
                    ));
                }
            }
            for cmd in script.commands.iter().filter(|c| is_interpreter(c)) {
                let fetched = cmd.args().iter().find(|w| {
                    let raw = ctx.text(w.span);
                    DOWNLOADERS.iter().any(|d| {
                        raw.contains(&format!("$({d} ")) || raw.contains(&format!("<({d} "))
                    })
                });
                if let Some(word) = fetched {
                    out.push(Diagnostic::new(
                        word.span,
                        "A downloaded script is run directly by the shell: whatever the server sends runs \
                         unchecked; download to a file, verify its checksum or signature, then run it.",
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_downloads_piped_into_interpreters() {
        assert_eq!(
            lines(
                "DW5001",
                "FROM a\nRUN wget -qO- https://x | sudo -E bash -\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW5001", "FROM a\nRUN curl -sL https://x | python3 -\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW5001", "FROM a\nRUN sh -c \"$(curl -fsSL https://x)\"\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_downloads_to_files_or_other_pipes() {
        let src = "FROM a\nRUN curl -o f https://x && sha256sum -c s && sh f\nRUN curl -s https://x | tar xz\n\
                   RUN echo x | sh\n";
        assert!(lines("DW5001", src).is_empty());
    }
}
