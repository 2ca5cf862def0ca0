//! DL3004: `sudo` in a `RUN`.

use super::cli::run_commands_with_exec;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2004",
    name: "sudo-in-run",
    category: Category::Security,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3004"), Alias(Peer::Trivy, "DS010")],
    enabled_by_default: true,
    fix: FixKind::None,
    docs: rule_docs! {
        what: "Flags `sudo` in a `RUN`.",
        why: "Build steps already run as the current `USER`; `sudo` needs a TTY and a sudoers setup, behaves \
              differently across images and keeps a privilege-escalation tool in the image. Switch with `USER` \
              (or use `gosu`/`su-exec` in an entrypoint).",
        example: "FROM debian:12\nUSER app\nRUN sudo apt-get update\n",
        fixed: "FROM debian:12\nRUN apt-get update\nUSER app\n",
        fix_safety: "",
        differences: "A path to sudo (`/usr/bin/sudo`) is caught too; hadolint matches the bare name only.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in &run_commands_with_exec(ctx) {
        if !cmd.is("sudo") {
            continue;
        }
        let span = cmd.words.first().map_or(cmd.span, |w| w.span);
        out.push(Diagnostic::new(
            span,
            "`sudo` in a build step depends on a sudoers setup, behaves unpredictably without a TTY and leaves \
             an escalation tool in the image; run the step under the right `USER` instead.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_sudo() {
        assert_eq!(lines("DW2004", "FROM a:1\nRUN sudo -u app make\n"), vec![2]);
        assert_eq!(
            lines("DW2004", "FROM a:1\nRUN true && /usr/bin/sudo make\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_sudo_as_an_argument() {
        assert!(lines(
            "DW2004",
            "FROM a:1\nRUN apt-get install -y sudo && echo sudo\n"
        )
        .is_empty());
    }
}
