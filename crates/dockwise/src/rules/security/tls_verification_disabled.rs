//! TLS certificate verification turned off.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5002",
    name: "tls-verification-disabled",
    category: Category::Security,
    severity: Severity::Warning,
    docs: rule_docs! {
        what: "Flags TLS certificate checks turned off: `curl -k`/`--insecure`, `wget --no-check-certificate`, \
               `pip --trusted-host`, `git config http.sslVerify false`, `npm config set strict-ssl false`, and \
               `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY` set in `ENV`, `ARG` \
               or a `RUN` command.",
        why: "Without certificate checks anyone on the network path can serve a different file or package, and \
              the build installs it. Set in `ENV`, the setting also weakens every connection the container \
              makes at run time.",
        example: "FROM debian:bookworm\nRUN curl -fsSLk https://example.com/tool.tar.gz | tar xz -C /opt\n",
        fixed: "FROM debian:bookworm\nRUN curl -fsSL https://example.com/tool.tar.gz | tar xz -C /opt\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// Environment variables that disable checks, and whether a value disables them.
fn disables(name: &str, value: &str) -> bool {
    let v = value.trim_matches(['"', '\'']).to_ascii_lowercase();
    match name {
        "PYTHONHTTPSVERIFY" | "NODE_TLS_REJECT_UNAUTHORIZED" => v == "0",
        "GIT_SSL_NO_VERIFY" => !v.is_empty() && v != "0" && v != "false",
        "PIP_TRUSTED_HOST" => !v.is_empty(),
        "NPM_CONFIG_STRICT_SSL" | "npm_config_strict_ssl" => v == "false",
        _ => false,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut report = |span: Span, what: &str| {
        out.push(Diagnostic::new(
            span,
            format!(
                "{what} turns off TLS certificate checks: anyone on the network path can substitute what is \
                 downloaded; remove it and install the needed CA certificate instead."
            ),
        ));
    };
    for info in &ctx.instructions {
        if let (Keyword::Env | Keyword::Arg, Body::KeyValues(pairs)) =
            (info.kind(), &info.node.body)
        {
            for pair in pairs {
                if let Some(value) = &pair.value {
                    if disables(&pair.key.value, &value.value) {
                        report(pair.span, &format!("`{}={}`", pair.key.value, value.value));
                    }
                }
            }
        }
        for cmd in info.commands() {
            let declared = if matches!(cmd.program(), Some("export" | "env")) {
                cmd.args()
            } else {
                &[]
            };
            for word in cmd.assignments.iter().chain(declared) {
                if let Some((k, v)) = word.value.split_once('=') {
                    if disables(k, v) {
                        report(word.span, &format!("`{}`", word.value));
                    }
                }
            }
            let flag = |name: &str| cmd.flag_index(name).and_then(|i| cmd.args().get(i));
            let found = if cmd.is("curl") {
                flag("-k").or_else(|| flag("--insecure"))
            } else if cmd.is("wget") {
                flag("--no-check-certificate")
            } else if cmd.program().is_some_and(|p| p.starts_with("pip")) || cmd.has_word("pip") {
                flag("--trusted-host")
            } else if cmd.is("git") {
                let args = cmd.args();
                args.iter().enumerate().find_map(|(i, w)| {
                    let v = w.value.to_ascii_lowercase();
                    let inline = v.starts_with("http.sslverify=") && v.ends_with("=false");
                    let separate = v.ends_with("http.sslverify")
                        && args
                            .get(i + 1)
                            .is_some_and(|n| n.value.eq_ignore_ascii_case("false"));
                    (inline || separate).then_some(w)
                })
            } else if cmd.is("npm") || cmd.is("yarn") || cmd.is("pnpm") {
                let args = cmd.args();
                args.iter().enumerate().find_map(|(i, w)| {
                    let v = w.value.as_str();
                    let inline = v == "--strict-ssl=false" || v == "strict-ssl=false";
                    let separate = (v == "strict-ssl" || v == "--strict-ssl")
                        && args.get(i + 1).is_some_and(|n| n.value == "false");
                    (inline || separate).then_some(w)
                })
            } else {
                None
            };
            if let Some(word) = found {
                report(
                    word.span,
                    &format!("`{}` ({})", word.value, cmd.program().unwrap_or("")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_flags_that_disable_verification() {
        let src = "FROM a\nRUN curl --insecure https://x\nRUN wget --no-check-certificate https://x\n\
                   RUN pip install --trusted-host pypi.org x\nRUN git config --global http.sslVerify false\n\
                   RUN npm config set strict-ssl false\n";
        assert_eq!(lines("DW5002", src), vec![2, 3, 4, 5, 6]);
    }

    #[test]
    fn catches_environment_switches() {
        let src = "FROM a\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nARG PYTHONHTTPSVERIFY=0\n\
                   RUN GIT_SSL_NO_VERIFY=true git clone https://x\n";
        assert_eq!(lines("DW5002", src), vec![2, 3, 4]);
    }

    #[test]
    fn does_not_catch_verified_downloads() {
        let src = "FROM a\nRUN curl -fsSL https://x -o /k && wget -q https://y\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n\
                   RUN git config --global http.sslVerify true\n";
        assert!(lines("DW5002", src).is_empty());
    }
}
