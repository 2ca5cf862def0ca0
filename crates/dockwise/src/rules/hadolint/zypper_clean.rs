//! DL3036: `zypper install` without `zypper clean` in the same `RUN`.

use super::run_edits::{append_to_run, uncleaned};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2036",
    name: "zypper-clean",
    category: Category::ImageSize,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3036"), Alias(Peer::Trivy, "DS020")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: it deletes only zypper's caches, which the image does not need to run."
    )),
    docs: rule_docs! {
        what: "Flags a `RUN` with `zypper install` that does not run `zypper clean` (`zypper cc`) after it.",
        why: "zypper keeps repository metadata and downloaded packages in `/var/cache/zypp`. Left there, they \
              are baked into the layer; cleaning in a later `RUN` does not help.",
        example: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5\n",
        fixed: "FROM opensuse/leap:15.6\nRUN zypper -n install nginx=1.21.5 && zypper clean --all\n",
        differences: "Removing `/var/cache/zypp` by hand counts as cleaning; hadolint still flags it.",
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
        let trigger = |c: &ShellCommand| {
            c.is("zypper")
                && c.args()
                    .iter()
                    .any(|w| w.value == "install" || w.value == "in")
        };
        let Some(cmd) = uncleaned(info, trigger, &["clean", "cc"], &["/var/cache/zypp"]) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            cmd.span,
            "This `zypper install` leaves zypper's cache in the layer, adding size for nothing; end the same \
             `RUN` with `&& zypper clean --all`.",
        );
        if let Some(edit) = append_to_run(ctx, info, "zypper clean --all") {
            diagnostic = diagnostic.with_fix(
                Fix::safe("Append && zypper clean --all", vec![edit]).explained(
                    "zypper's cache is deleted in the same layer, so it never reaches the image.",
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
    fn catches_install_without_clean() {
        assert_eq!(
            lines(
                "DW2036",
                "FROM opensuse/leap\nRUN zypper -n install nginx\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_clean_cc_or_other_subcommands() {
        assert!(lines(
            "DW2036",
            "FROM opensuse/leap\nRUN zypper -n in nginx && zypper clean\n"
        )
        .is_empty());
        assert!(lines(
            "DW2036",
            "FROM opensuse/leap\nRUN zypper -n in nginx && zypper cc -a\n"
        )
        .is_empty());
        assert!(lines("DW2036", "FROM opensuse/leap\nRUN zypper -n remove nginx\n").is_empty());
    }

    #[test]
    fn fix_appends_the_clean() {
        assert_eq!(
            fixed("DW2036", "FROM opensuse/leap\nRUN zypper -n in nginx\n"),
            "FROM opensuse/leap\nRUN zypper -n in nginx && zypper clean --all\n"
        );
    }
}
