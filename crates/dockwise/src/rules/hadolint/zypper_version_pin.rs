//! DL3037: `zypper install` of a package without a version.

use super::cli::run_commands;
use crate::rules::common::packages::rpm_unpinned_diagnostic;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2037",
    name: "zypper-version-pin",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3037")],
    docs: rule_docs! {
        what: "Flags packages in `zypper install` given without a version (`nginx` rather than `nginx=1.21.5`).",
        why: "Without a version, every build installs whatever the repository holds that day: the same \
              Dockerfile builds different images, and an upstream update can break a rebuild.",
        example: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx && zypper clean\n",
        fixed: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean\n",
        differences: "Local or remote package files (`zypper in /tmp/app.rpm`) are not flagged: their version is \
                      fixed by the file.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !cmd.is("zypper")
            || !cmd
                .args()
                .iter()
                .any(|w| w.value == "install" || w.value == "in")
        {
            continue;
        }
        let unpinned: Vec<&Word> = cmd
            .args()
            .iter()
            .filter(|w| !w.value.starts_with('-') && w.value != "install" && w.value != "in")
            .filter(|w| !w.value.contains(['=', '<', '>']))
            .filter(|w| !w.value.contains('/') && !w.value.ends_with(".rpm"))
            .collect();
        out.extend(rpm_unpinned_diagnostic(&unpinned, '='));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_unversioned_packages() {
        assert_eq!(
            lines(
                "DW2037",
                "FROM opensuse/leap\nRUN zypper -n install nginx\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW2037", "FROM opensuse/leap\nRUN zypper -n in nginx-1.2\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_versions_or_ranges() {
        assert!(lines(
            "DW2037",
            "FROM opensuse/leap\nRUN zypper -n install nginx=1.21.5\n"
        )
        .is_empty());
        assert!(lines(
            "DW2037",
            "FROM opensuse/leap\nRUN zypper -n install 'nginx>=1.21'\n"
        )
        .is_empty());
        assert!(lines("DW2037", "FROM opensuse/leap\nRUN zypper -n remove nginx\n").is_empty());
    }
}
