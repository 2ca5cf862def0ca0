//! DL3030: `yum install` without `-y`.

use super::cli::run_commands;
use super::run_edits::rpm_install_without_yes;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2030",
    name: "yum-assume-yes",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3030")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: `-y` only answers the confirmation prompt that a build cannot answer."
    )),
    docs: rule_docs! {
        what: "Flags `yum install`, `yum groupinstall` and `yum localinstall` without `-y` (or `--assumeyes`).",
        why: "A build has no terminal: without `-y`, yum asks for confirmation, reads end-of-file and aborts, so \
              the build fails or, behind `|| true`, silently installs nothing.",
        example: "FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n",
        fixed: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if cmd.is("yum") {
            out.extend(rpm_install_without_yes(cmd, "yum", "yum"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_yum_install_without_y() {
        assert_eq!(
            lines("DW2030", "FROM centos:7\nRUN yum install httpd\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2030", "FROM centos:7\nRUN yum localinstall x.rpm\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_y_in_any_spelling_or_other_subcommands() {
        assert!(lines("DW2030", "FROM centos:7\nRUN yum -y install httpd\n").is_empty());
        assert!(lines("DW2030", "FROM centos:7\nRUN yum install -yq httpd\n").is_empty());
        assert!(lines(
            "DW2030",
            "FROM centos:7\nRUN yum install --assumeyes httpd\n"
        )
        .is_empty());
        assert!(lines("DW2030", "FROM centos:7\nRUN yum update\n").is_empty());
        assert!(lines("DW2030", "FROM centos:7\nRUN yum remove httpd\n").is_empty());
    }

    #[test]
    fn fix_adds_y_after_the_subcommand() {
        assert_eq!(
            fixed("DW2030", "FROM centos:7\nRUN yum -q install httpd\n"),
            "FROM centos:7\nRUN yum -q install -y httpd\n"
        );
    }
}
