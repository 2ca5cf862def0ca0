//! `EXPOSE 22`: an SSH server in the container.

use crate::rules::common::expose::{expose_words, without_protocol};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5005",
    name: "expose-ssh-port",
    category: Category::Security,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Checkov, "CKV_DOCKER_1"),
        Alias(Peer::Trivy, "DS004"),
    ],
    docs: rule_docs! {
        what: "Flags `EXPOSE 22` (SSH).",
        why: "An SSH server in a container is one more service to patch and one more set of credentials to \
              leak; `docker exec` (or `kubectl exec`) gives a shell without it.",
        example: "FROM ubuntu:24.04\nEXPOSE 22 8080\n",
        fixed: "FROM ubuntu:24.04\nEXPOSE 8080\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for word in expose_words(ctx) {
        let port = word.value.rsplit(':').next().unwrap_or("");
        let port = without_protocol(port);
        let in_range = port
            .split_once('-')
            .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
            .is_some_and(|(a, b)| a <= 22 && 22 <= b);
        if port == "22" || in_range {
            out.push(Diagnostic::new(
                word.span,
                "Port 22 is SSH: a server in the container is one more service to patch and secure; use \
                 `docker exec` for shell access and drop the SSH server.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_port_22() {
        assert_eq!(
            lines("DW5005", "FROM a\nEXPOSE 22/tcp\nEXPOSE 20-30\n"),
            vec![2, 3]
        );
    }

    #[test]
    fn does_not_catch_other_ports() {
        assert!(lines("DW5005", "FROM a\nEXPOSE 2222 220 8022\n").is_empty());
    }
}
