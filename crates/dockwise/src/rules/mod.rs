//! The registry: every rule, listed once, by section. A rule is one file with its docs, check and tests.
//!
//! Codes by section: `DW1xxx` the practices Dockwise exists for, `DW2xxx` hadolint parity, `DW3xxx` shell
//! (ShellCheck parity), `DW4xxx` Docker's build checks, `DW5xxx` security. Codes are never reused (`retired.rs`).

pub mod prelude;

mod buildkit;
pub(crate) mod common;
mod hadolint;
mod practices;
pub mod retired;
mod security;
mod shellcheck;

#[cfg(test)]
mod docs_tests;

use crate::rule::Rule;

/// Every rule, in code order within sections.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    practices::RULES
        .iter()
        .chain(hadolint::RULES)
        .chain(shellcheck::RULES)
        .chain(buildkit::RULES)
        .chain(security::RULES)
        .copied()
}

/// Find a rule by code, name or alias (`DW2007`, `pip-no-cache-dir`, `DL3042`).
pub fn find(selector: &str) -> Option<&'static Rule> {
    let s = selector.trim();
    all()
        .find(|r| r.code.eq_ignore_ascii_case(s) || r.name.eq_ignore_ascii_case(s))
        // A peer code can sit on several rules (a BuildKit check and the hadolint rule it defers to): prefer the
        // rule for which it is the primary alias.
        .or_else(|| {
            all().find(|r| {
                r.aliases
                    .first()
                    .is_some_and(|a| a.1.eq_ignore_ascii_case(s))
            })
        })
        .or_else(|| all().find(|r| r.aliases.iter().any(|a| a.1.eq_ignore_ascii_case(s))))
}

#[cfg(test)]
mod tests {
    #[test]
    fn find_prefers_the_rule_a_peer_code_primarily_names() {
        assert_eq!(
            super::find("MultipleInstructionsDisallowed").map(|r| r.code),
            Some("DW4008")
        );
        assert_eq!(super::find("DL4003").map(|r| r.code), Some("DW2103"));
        assert_eq!(
            super::find("dw2007").map(|r| r.name),
            Some("image-latest-tag")
        );
    }

    #[test]
    fn a_check_skip_directive_silences_the_hadolint_rule_a_buildkit_check_defers_to() {
        let src = "# check=skip=MultipleInstructionsDisallowed\nFROM alpine\nCMD a\nCMD b\n";
        let linted = crate::lint::lint(src, &crate::Config::default());
        assert!(linted.findings.iter().all(|f| f.rule.code != "DW2103"));
        let linted = crate::lint::lint(
            &src[src.find('\n').unwrap() + 1..],
            &crate::Config::default(),
        );
        assert!(linted.findings.iter().any(|f| f.rule.code == "DW2103"));
    }
}
