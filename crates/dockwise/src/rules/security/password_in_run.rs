//! Passwords written into `RUN` commands.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5004",
    name: "password-in-run",
    category: Category::Security,
    severity: Severity::Warning,
    docs: rule_docs! {
        what: "Flags literal passwords in `RUN`: `echo 'user:secret' | chpasswd`, `useradd -p <hash>`, and \
               `--password`/`--passwd` options given a literal value.",
        why: "`RUN` commands are stored in the image history (`docker history`): anyone who can pull the image \
              reads the password. A fixed password baked into every container is also the same everywhere.",
        example: "FROM debian:bookworm\nRUN useradd -m app && echo 'app:s3cret' | chpasswd\n",
        fixed: "FROM debian:bookworm\nRUN useradd -m app && passwd -l app\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// A value written in the Dockerfile rather than taken from a variable, a file or a secret.
fn literal(value: &str) -> bool {
    !value.is_empty() && !value.contains('$') && !value.starts_with('/') && value != "-"
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Run) {
        let mut report = |span: Span, what: &str| {
            out.push(Diagnostic::new(
                span,
                format!(
                    "{what} puts a password in the command, which stays readable in the image history; use a \
                     build secret (`RUN --mount=type=secret`) or set it when the container starts."
                ),
            ));
        };
        for script in &info.scripts {
            for pipeline in script.pipelines() {
                let Some(sink) = pipeline
                    .iter()
                    .position(|c| c.is("chpasswd") || (c.is("passwd") && c.has_flag("--stdin")))
                else {
                    continue;
                };
                let source = pipeline[..sink]
                    .iter()
                    .filter(|c| c.is("echo") || c.is("printf"))
                    .flat_map(|c| c.args())
                    .find(|w| !w.value.starts_with('-') && literal(&w.value));
                if let Some(word) = source {
                    let is_chpasswd = pipeline[sink].is("chpasswd");
                    if !is_chpasswd || word.value.contains(':') {
                        report(
                            word.span,
                            &format!("`{}`", pipeline[sink].program().unwrap_or("chpasswd")),
                        );
                    }
                }
            }
        }
        for cmd in info.commands() {
            let args = cmd.args();
            for (i, word) in args.iter().enumerate() {
                let v = word.value.as_str();
                let inline = ["--password=", "--passwd="]
                    .iter()
                    .find_map(|p| v.strip_prefix(p));
                let next = args.get(i + 1).map(|w| w.value.as_str());
                let value = match inline {
                    Some(value) => Some(value),
                    None if v == "--password" || v == "--passwd" => next,
                    None if v == "-p" && (cmd.is("useradd") || cmd.is("usermod")) => next,
                    _ => None,
                };
                if value.is_some_and(literal) {
                    report(word.span, &format!("`{v}` with a literal value"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_literal_passwords() {
        let src = "FROM a\nRUN echo \"root:root\" | chpasswd\nRUN useradd -p 'x1y2' bob\n\
                   RUN mysqladmin --password=hunter2 ping\n";
        assert_eq!(lines("DW5004", src), vec![2, 3, 4]);
    }

    #[test]
    fn does_not_catch_variables_files_or_locked_accounts() {
        let src = "FROM a\nRUN echo \"root:$ROOT_PW\" | chpasswd\nRUN chpasswd < /run/secrets/pw\n\
                   RUN mysql --password=\"$DB_PASSWORD\" -e x\nRUN passwd -l app\n";
        assert!(lines("DW5004", src).is_empty());
    }
}
