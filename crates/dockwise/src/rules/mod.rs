//! The registry: every rule, listed once, by section. A rule is one file with its docs, check and tests.
//!
//! Codes by section: `DW1xxx` the practices Dockwise exists for, `DW2xxx` hadolint parity, `DW3xxx` shell
//! (ShellCheck parity), `DW4xxx` Docker's build checks, `DW5xxx` security. Codes are never reused.

pub mod prelude;

mod buildkit;
mod hadolint;
mod practices;
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
        .or_else(|| all().find(|r| r.aliases.iter().any(|a| a.1.eq_ignore_ascii_case(s))))
}
