//! DL3001: commands that make no sense in an image build (`ssh`, `vim`, `service`, `ps`, ...).

use super::cli::run_commands_with_exec;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2001",
    name: "pointless-command",
    category: Category::Correctness,
    severity: Severity::Info,
    aliases: &[Alias(Peer::Hadolint, "DL3001")],
    docs: rule_docs! {
        what: "Flags `RUN` commands that only make sense on a running machine: `ssh`, `vim`, `shutdown`, \
               `service`, `ps`, `free`, `top`, `kill`, `mount`.",
        why: "A build step runs once in a throwaway container: services started there are gone in the next \
              layer, an editor waits forever for a keyboard, and process or memory listings describe the build \
              machine, not the image.",
        example: "FROM debian:12\nRUN service nginx start\n",
        fixed: "FROM debian:12\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
        differences: "A command given by path (`/usr/sbin/service`) is caught too; hadolint matches the bare name \
                      only.",
    },
    check,
    ..Rule::DEFAULTS
};

const POINTLESS: &[&str] = &[
    "ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in &run_commands_with_exec(ctx) {
        let Some(program) = cmd.program() else {
            continue;
        };
        if !POINTLESS.contains(&program) {
            continue;
        }
        let span = cmd.words.first().map_or(cmd.span, |w| w.span);
        out.push(Diagnostic::new(
            span,
            format!(
                "`{program}` does nothing useful in a build step: it runs once in a throwaway container, and \
                 started services, open editors or process listings do not carry into the image; start \
                 services from `CMD`/`ENTRYPOINT` and drop the rest."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_pointless_commands_anywhere_in_the_script() {
        assert_eq!(lines("DW2001", "FROM a:1\nRUN service x start\n"), vec![2]);
        assert_eq!(lines("DW2001", "FROM a:1\nRUN x=$(ps aux)\n"), vec![2]);
        assert_eq!(
            lines("DW2001", "FROM a:1\nRUN kill -9 1 || true\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_the_words_as_arguments_or_similar_programs() {
        let src = "FROM a:1\nRUN apt-get install -y vim ssh && ssh-keygen -A && echo ps\n";
        assert!(lines("DW2001", src).is_empty());
    }
}
