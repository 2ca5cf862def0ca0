//! DL3038: `dnf install` / `microdnf install` without `-y`.

use super::cli::run_commands;
use super::run_edits::rpm_install_without_yes;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2038",
    name: "dnf-assume-yes",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3038")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: `-y` only answers the confirmation prompt that a build cannot answer."
    )),
    docs: rule_docs! {
        what: "Flags `dnf install`, `dnf groupinstall` and `microdnf install` without `-y` (or `--assumeyes`).",
        why: "A build has no terminal: without `-y`, dnf asks for confirmation, reads end-of-file and aborts the \
              transaction, so the build fails.",
        example: "FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n",
        fixed: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if cmd.is("dnf") || cmd.is("microdnf") {
            out.extend(rpm_install_without_yes(
                cmd,
                cmd.program().unwrap_or("dnf"),
                "dnf",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_dnf_and_microdnf_install_without_y() {
        assert_eq!(
            lines("DW2038", "FROM fedora:40\nRUN dnf install httpd\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2038",
                "FROM ubi9/ubi-minimal\nRUN microdnf install httpd\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2038",
                "FROM fedora:40\nRUN dnf module install nodejs:20\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_y_or_other_subcommands() {
        assert!(lines("DW2038", "FROM fedora:40\nRUN dnf -y install httpd\n").is_empty());
        assert!(lines(
            "DW2038",
            "FROM fedora:40\nRUN dnf install --assumeyes httpd\n"
        )
        .is_empty());
        assert!(lines("DW2038", "FROM fedora:40\nRUN dnf update\n").is_empty());
        assert!(lines("DW2038", "FROM fedora:40\nRUN yum install httpd\n").is_empty());
    }

    #[test]
    fn fix_adds_y_after_the_subcommand() {
        assert_eq!(
            fixed("DW2038", "FROM fedora:40\nRUN microdnf install httpd\n"),
            "FROM fedora:40\nRUN microdnf install -y httpd\n"
        );
    }
}
