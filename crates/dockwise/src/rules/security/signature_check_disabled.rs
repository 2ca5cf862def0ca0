//! Package signature checks turned off.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5003",
    name: "signature-check-disabled",
    category: Category::Security,
    severity: Severity::Warning,
    docs: rule_docs! {
        what: "Flags package installs with signature checks turned off: `apk --allow-untrusted`, `apt-get \
               --allow-unauthenticated`/`--force-yes`/`--allow-insecure-repositories`, `yum`/`dnf --nogpgcheck`, \
               `zypper --no-gpg-checks`, `rpm --nosignature`, and `gpgcheck=0` or `[trusted=yes]` written into \
               repository configuration.",
        why: "Signatures are what prove a package comes from the distribution: without them a mirror, proxy or \
              attacker on the path can ship any package and it installs as root.",
        example: "FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/tool.apk\n",
        fixed: "FROM alpine:3.20\nCOPY keys/tool.rsa.pub /etc/apk/keys/\nRUN apk add --no-cache /tmp/tool.apk\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Run) {
        for cmd in info.commands() {
            let flags: &[&str] = match cmd.program() {
                Some("apk") => &["--allow-untrusted"],
                Some("apt-get" | "apt" | "aptitude") => &[
                    "--allow-unauthenticated",
                    "--force-yes",
                    "--allow-insecure-repositories",
                ],
                Some("yum" | "dnf" | "microdnf" | "tdnf") => &["--nogpgcheck"],
                Some("zypper") => &["--no-gpg-checks"],
                Some("rpm") => &["--nosignature"],
                _ => &[],
            };
            let mut found: Vec<&Word> = flags
                .iter()
                .filter_map(|f| cmd.flag_index(f).and_then(|i| cmd.args().get(i)))
                .collect();
            // Every pattern below holds `=` or `"`: skip the copies for the words that hold neither.
            for word in cmd.args().iter().filter(|w| w.value.contains(['=', '"'])) {
                let v = word.value.to_ascii_lowercase();
                let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
                if compact.contains("gpgcheck=0")
                    || compact.contains("[trusted=yes]")
                    || compact.contains("allowunauthenticated=true")
                    || compact.contains("allowunauthenticated\"true")
                    || compact.contains("allowinsecurerepositories=true")
                {
                    found.push(word);
                }
            }
            for word in found {
                out.push(Diagnostic::new(
                    word.span,
                    format!(
                        "`{}` turns off package signature checks: a tampered package would install without \
                         complaint; import the repository's signing key instead.",
                        word.value.lines().next().unwrap_or("")
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_disabled_signature_checks() {
        let src = "FROM a\nRUN apt-get install -y --allow-unauthenticated x\nRUN apt-get install --force-yes x -o Acquire::AllowInsecureRepositories=true\n\
                   RUN yum install -y --nogpgcheck x\nRUN rpm -i --nosignature x.rpm\n\
                   RUN echo 'gpgcheck=0' >> /etc/yum.repos.d/x.repo\n\
                   RUN echo 'deb [trusted=yes] http://x ./' > /etc/apt/sources.list.d/x.list\n";
        assert_eq!(lines("DW5003", src), vec![2, 3, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn does_not_catch_normal_installs() {
        let src =
            "FROM a\nRUN apk add --no-cache curl && apt-get install -y x && echo gpgcheck=1 > f\n";
        assert!(lines("DW5003", src).is_empty());
    }
}
