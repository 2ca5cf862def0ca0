//! DL3040: `dnf`/`microdnf` install or upgrade without `dnf clean all` in the same `RUN`.

use super::run_edits::{append_to_run, uncleaned};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2040",
    name: "dnf-clean-all",
    category: Category::ImageSize,
    severity: Severity::Warning,
    aliases: &[
        Alias(Peer::Hadolint, "DL3040"),
        Alias(Peer::Trivy, "DS019"),
        Alias(Peer::Trivy, "DS027"),
    ],
    fix: FixKind::Safe(fix_safety!(
        "Safe: it deletes only dnf's caches, which the image does not need to run."
    )),
    docs: rule_docs! {
        what: "Flags a `RUN` where `dnf` or `microdnf` installs, reinstalls or upgrades packages without running \
               `dnf clean all` (or removing `/var/cache/dnf`) afterwards.",
        why: "dnf keeps repository metadata and downloaded packages in `/var/cache/dnf`. Left there, they are \
              baked into the layer; cleaning in a later `RUN` does not help, the bytes stay in the earlier layer.",
        example: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n",
        fixed: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
        differences: "A clean anywhere after the install counts, even when another clean ran before it \
                      (`dnf clean all && dnf install -y x && dnf clean all`); hadolint only looks at \
                      the first clean and flags that.",
    },
    check,
    ..Rule::DEFAULTS
};

/// The commands that fill the cache, with dnf's short aliases (`dnf in`, `dnf up`, `dnf rei`, `dnf up-min`).
const TRIGGERS: [&str; 8] = [
    "install",
    "in",
    "reinstall",
    "rei",
    "upgrade",
    "up",
    "upgrade-minimal",
    "up-min",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| crate::rules::common::commands::is_run(i))
    {
        let trigger = |c: &ShellCommand| {
            (c.is("dnf") || c.is("microdnf"))
                && c.args()
                    .iter()
                    .any(|w| TRIGGERS.contains(&w.value.as_str()))
        };
        let Some(cmd) = uncleaned(
            info,
            trigger,
            &["clean"],
            &["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"],
        ) else {
            continue;
        };
        let program = cmd.program().unwrap_or("dnf").to_string();
        let mut diagnostic = Diagnostic::new(
            cmd.span,
            format!(
                "This `{program}` command leaves its package cache in the layer, adding size for nothing; end the \
                 same `RUN` with `&& {program} clean all`."
            ),
        );
        if let Some(edit) = append_to_run(ctx, info, &format!("{program} clean all")) {
            diagnostic = diagnostic.with_fix(
                Fix::safe(format!("Append && {program} clean all"), vec![edit]).explained(
                    "dnf's cache is deleted in the same layer, so it never reaches the image.",
                ),
            );
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_install_and_upgrade_without_clean() {
        assert_eq!(
            lines("DW2040", "FROM fedora:40\nRUN dnf install -y httpd\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2040", "FROM fedora:40\nRUN dnf -y upgrade\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW2040",
                "FROM fedora:40\nRUN dnf clean all && dnf install -y x\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_microdnf_cleaned_by_another_program() {
        assert_eq!(
            lines(
                "DW2040",
                "FROM fedora:40\nRUN microdnf install -y x && dnf clean all\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_the_short_aliases() {
        for verb in ["in", "up", "rei", "up-min"] {
            let src = format!("FROM fedora:40\nRUN dnf -y {verb} httpd\n");
            assert_eq!(lines("DW2040", &src), vec![2], "{verb}");
        }
    }

    #[test]
    fn a_cache_or_tmpfs_mount_over_the_cache_is_cleanup() {
        for mount in [
            "type=cache,target=/var/cache/libdnf5",
            "type=tmpfs,target=/var/cache/dnf/",
        ] {
            let src = format!("FROM fedora:40\nRUN --mount={mount} dnf install -y httpd\n");
            assert!(lines("DW2040", &src).is_empty(), "{mount}");
        }
        let bind =
            "FROM fedora:40\nRUN --mount=type=bind,target=/var/cache/dnf dnf install -y httpd\n";
        assert_eq!(lines("DW2040", bind), vec![2]);
    }

    #[test]
    fn does_not_catch_cleaned_runs_or_update() {
        assert!(lines(
            "DW2040",
            "FROM fedora:40\nRUN dnf install -y x && dnf clean all\n"
        )
        .is_empty());
        assert!(lines(
            "DW2040",
            "FROM fedora:40\nRUN dnf install -y x && rm -rf /var/cache/dnf/*\n"
        )
        .is_empty());
        assert!(lines("DW2040", "FROM fedora:40\nRUN dnf -y update\n").is_empty());
    }

    #[test]
    fn fix_appends_the_programs_own_clean() {
        assert_eq!(
            fixed("DW2040", "FROM fedora:40\nRUN microdnf install -y x\n"),
            "FROM fedora:40\nRUN microdnf install -y x && microdnf clean all\n"
        );
    }
}
