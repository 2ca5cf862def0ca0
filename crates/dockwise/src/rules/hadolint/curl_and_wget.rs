//! DL4001: both `wget` and `curl` in one stage.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2101",
    name: "curl-and-wget",
    category: Category::ImageSize,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL4001"), Alias(Peer::Trivy, "DS014")],
    docs: rule_docs! {
        what: "Flags `RUN`s that use `curl` or `wget` once the stage has used both.",
        why: "Two download tools do the same job: installing both costs space, and two sets of flags and \
              failure behaviours make the Dockerfile harder to read. Pick one.",
        example: "FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN wget -q https://example.com/b.tar.gz\n",
        fixed: "FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n",
        differences: "`curl` and `wget` called by their full path (`/usr/bin/curl`) count too; hadolint skips them.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let (mut curl, mut wget) = (false, false);
        for info in ctx
            .stage_instructions(stage)
            .iter()
            .filter(|i| crate::rules::common::commands::is_run(i))
        {
            let mut first = None;
            for cmd in info.commands() {
                if cmd.is("curl") || cmd.is("wget") {
                    curl |= cmd.is("curl");
                    wget |= cmd.is("wget");
                    first = first.or(Some(cmd));
                }
            }
            if let (Some(cmd), true, true) = (first, curl, wget) {
                out.push(Diagnostic::new(
                    cmd.span,
                    "This stage downloads with both `curl` and `wget`, two tools for one job; use just one of \
                     them.",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_every_download_once_both_tools_were_used() {
        let src = "FROM debian:12\nRUN wget -q a\nRUN curl -O b\nRUN wget -q c\nRUN echo done\n";
        assert_eq!(lines("DW2101", src), vec![3, 4]);
    }

    #[test]
    fn catches_both_in_one_run() {
        assert_eq!(
            lines("DW2101", "FROM debian:12\nRUN curl -O a && wget -q b\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_tools_in_different_stages() {
        assert!(lines(
            "DW2101",
            "FROM debian:12\nRUN curl -O a\nFROM debian:12\nRUN wget -q b\n"
        )
        .is_empty());
    }
}
