//! DL3041: `dnf install` / `microdnf install` of a package without a version.

use super::cli::run_commands;
use super::yum_version_pin::unpinned_packages;
use crate::rules::common::packages::rpm_unpinned_diagnostic;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2041",
    name: "dnf-version-pin",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3041")],
    docs: rule_docs! {
        what: "Flags packages in `dnf install` or `microdnf install` given without a version (`httpd` rather \
               than `httpd-2.4.62`).",
        why: "Without a version, every build installs whatever the repository holds that day: the same \
              Dockerfile builds different images, and an upstream update can break a rebuild with no change of \
              yours.",
        example: "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
        fixed: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
        differences: "Local or remote package files (`dnf install -y /tmp/app.rpm`) are not flagged: their version \
                      is fixed by the file. Module streams (`dnf module install nodejs:20`) count as pinned.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !(cmd.is("dnf") || cmd.is("microdnf"))
            || !cmd.args().iter().any(|w| w.value == "install")
        {
            continue;
        }
        // `dnf group install "Development Tools"` installs a group, which has no version to pin.
        if cmd
            .args()
            .iter()
            .any(|w| matches!(w.value.as_str(), "group" | "groupinstall"))
        {
            continue;
        }
        let module = cmd.args().iter().any(|w| w.value == "module");
        let unpinned: Vec<&Word> = unpinned_packages(cmd, &["install", "module"])
            .into_iter()
            .filter(|w| !(module && w.value.contains(':')))
            .collect();
        out.extend(rpm_unpinned_diagnostic(&unpinned, '-'));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn group_installs_have_no_version() {
        for src in [
            "FROM fedora:40\nRUN dnf -y group install \"Development Tools\"\n",
            "FROM fedora:40\nRUN microdnf group install -y \"Development Tools\"\n",
        ] {
            assert!(lines("DW2041", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn catches_unversioned_packages() {
        assert_eq!(
            lines("DW2041", "FROM fedora:40\nRUN dnf install -y httpd\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2041", "FROM fedora:40\nRUN microdnf install -y httpd\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_versions_files_or_module_streams() {
        assert!(lines(
            "DW2041",
            "FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n"
        )
        .is_empty());
        assert!(lines("DW2041", "FROM fedora:40\nRUN dnf install -y ./app.rpm\n").is_empty());
        assert!(lines(
            "DW2041",
            "FROM fedora:40\nRUN dnf module install -y nodejs:20\n"
        )
        .is_empty());
        assert!(lines("DW2041", "FROM fedora:40\nRUN dnf update -y\n").is_empty());
    }
}
