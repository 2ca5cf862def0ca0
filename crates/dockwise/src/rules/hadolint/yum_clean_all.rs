//! DL3032: `yum install` without `yum clean all` in the same `RUN`.

use super::run_edits::{append_to_run, uncleaned};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2032",
    name: "yum-clean-all",
    category: Category::ImageSize,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3032"), Alias(Peer::Trivy, "DS015")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: it deletes only yum's caches, which the image does not need to run."
    )),
    docs: rule_docs! {
        what: "Flags a `RUN` with `yum install` that does not run `yum clean all` (or remove `/var/cache/yum`) \
               after it.",
        why: "yum keeps repository metadata and downloaded packages in `/var/cache/yum`. Left there, they are \
              baked into the layer: tens to hundreds of megabytes nobody uses at run time. Cleaning in a later \
              `RUN` does not help, the bytes stay in the earlier layer.",
        example: "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
        fixed: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
        differences: "A clean anywhere after the install counts, even when another clean ran before it \
                      (`yum clean all && yum install -y x && yum clean all`); hadolint only looks at \
                      the first clean and flags that.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| crate::rules::common::commands::is_run(i))
    {
        let trigger =
            |c: &ShellCommand| c.is("yum") && c.args().iter().any(|w| w.value == "install");
        let Some(cmd) = uncleaned(
            info,
            trigger,
            &["clean"],
            &["/var/cache/yum", "/var/cache/dnf"],
        ) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            cmd.span,
            "This `yum install` leaves yum's package cache in the layer, adding size for nothing; end the same \
             `RUN` with `&& yum clean all`.",
        );
        if let Some(edit) = append_to_run(ctx, info, "yum clean all") {
            diagnostic =
                diagnostic.with_fix(Fix::safe("Append && yum clean all", vec![edit]).explained(
                    "yum's cache is deleted in the same layer, so it never reaches the image.",
                ));
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_yum_install_without_clean() {
        assert_eq!(
            lines("DW2032", "FROM centos:7\nRUN yum install -y httpd\n"),
            vec![2]
        );
    }

    #[test]
    fn catches_a_clean_that_runs_before_the_install() {
        assert_eq!(
            lines(
                "DW2032",
                "FROM centos:7\nRUN yum clean all && yum install -y httpd\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_clean_or_cache_removal_after_the_install() {
        assert!(lines(
            "DW2032",
            "FROM centos:7\nRUN yum install -y httpd && yum clean all\n"
        )
        .is_empty());
        assert!(lines(
            "DW2032",
            "FROM centos:7\nRUN yum install -y httpd; rm -rf /var/cache/yum\n"
        )
        .is_empty());
        assert!(lines("DW2032", "FROM centos:7\nRUN yum update -y\n").is_empty());
    }

    #[test]
    fn fix_appends_the_clean_to_the_same_run() {
        let src = "FROM centos:7\nRUN yum install -y a \\\n    b\n";
        assert_eq!(
            fixed("DW2032", src),
            "FROM centos:7\nRUN yum install -y a \\\n    b && yum clean all\n"
        );
    }

    #[test]
    fn fix_goes_after_a_trailing_compound_command() {
        let src = "FROM centos:7\nRUN if true; then yum install -y a; fi\n";
        assert_eq!(
            fixed("DW2032", src),
            "FROM centos:7\nRUN if true; then yum install -y a; fi && yum clean all\n"
        );
        let backgrounded = "FROM centos:7\nRUN if true; then yum install -y a; fi &\n";
        assert_eq!(fixed("DW2032", backgrounded), backgrounded);
    }
}
