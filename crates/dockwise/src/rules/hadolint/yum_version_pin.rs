//! DL3033: `yum install` of a package without a version.

use super::cli::run_commands;
use crate::rules::common::packages::rpm_unpinned_diagnostic;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2033",
    name: "yum-version-pin",
    category: Category::Reproducibility,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3033")],
    docs: rule_docs! {
        what: "Flags packages in `yum install` given without a version (`httpd` rather than `httpd-2.4.6`).",
        why: "Without a version, every build installs whatever the repository holds that day: the same \
              Dockerfile builds different images, and an upstream update can break a rebuild with no change of \
              yours.",
        example: "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
        fixed: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
        differences: "Local or remote package files (`yum install -y /tmp/app.rpm`, `https://.../app.rpm`) are not \
                      flagged: their version is fixed by the file, and there is no `-<version>` to add. hadolint \
                      flags them.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, cmd) in run_commands(ctx) {
        if !cmd.is("yum") || !cmd.args().iter().any(|w| w.value == "install") {
            continue;
        }
        // `yum module install name:stream` pins the module by its stream.
        let module = cmd.args().iter().any(|w| w.value == "module");
        let unpinned: Vec<&Word> = unpinned_packages(cmd, &["install", "module"])
            .into_iter()
            .filter(|w| !(module && w.value.contains(':')))
            .collect();
        out.extend(rpm_unpinned_diagnostic(&unpinned, '-'));
    }
}

/// The package operands of an rpm-style install that carry no `-<version>` (local files and URLs excluded).
pub(super) fn unpinned_packages<'a>(cmd: &'a ShellCommand, keywords: &[&str]) -> Vec<&'a Word> {
    cmd.args()
        .iter()
        .filter(|w| !w.value.starts_with('-') && !keywords.contains(&w.value.as_str()))
        .filter(|w| !is_file_or_url(&w.value) && !is_pinned(&w.value))
        .collect()
}

fn is_file_or_url(package: &str) -> bool {
    package.contains('/') || package.ends_with(".rpm")
}

/// `name-1.2`, `name-$VERSION`: a dash followed by a digit or a variable.
fn is_pinned(package: &str) -> bool {
    package
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'-' && (w[1].is_ascii_digit() || w[1] == b'$'))
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn module_streams_pin_modules() {
        assert!(lines(
            "DW2033",
            "FROM centos:8\nRUN yum module install -y tomcat:9\n"
        )
        .is_empty());
        assert_eq!(
            lines(
                "DW2033",
                "FROM centos:8\nRUN yum module install -y tomcat\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_unversioned_packages() {
        assert_eq!(
            lines("DW2033", "FROM centos:7\nRUN yum install -y httpd\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2033",
                "FROM centos:7\nRUN yum install -y python3-devel\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines("DW2033", "FROM centos:7\nRUN yum install -y a-1.0 b\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_versions_variables_or_files() {
        assert!(lines(
            "DW2033",
            "FROM centos:7\nRUN yum install -y httpd-2.4.6 \"b-1.0\"\n"
        )
        .is_empty());
        assert!(lines("DW2033", "FROM centos:7\nRUN yum install -y httpd-${V}\n").is_empty());
        assert!(lines(
            "DW2033",
            "FROM centos:7\nRUN yum install -y /tmp/app.rpm https://x/y.rpm\n"
        )
        .is_empty());
        assert!(lines("DW2033", "FROM centos:7\nRUN yum remove -y httpd\n").is_empty());
    }
}
