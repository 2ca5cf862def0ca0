//! Docs as tests: every rule's example fires exactly once, its fixed example never; codes and names are unique.

use super::all;
use super::prelude::testing::{fixed, lines};
use crate::rule::FixKind;
use std::collections::HashSet;

#[test]
fn every_example_fires_exactly_once_and_every_fixed_example_is_clean() {
    let mut failures = Vec::new();
    for rule in all() {
        let hits = lines(rule.code, rule.docs.example);
        if hits.len() != 1 {
            failures.push(format!(
                "{} example: expected 1 finding, got {:?}",
                rule.code, hits
            ));
        }
        let clean = lines(rule.code, rule.docs.fixed);
        if !clean.is_empty() {
            failures.push(format!(
                "{} fixed example: expected none, got {:?}",
                rule.code, clean
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rules whose fix needs a fact of the build context that a docs example cannot carry: DW1032 starts the `start`
/// script of the context's `package.json` (its unit test `the_fix_needs_the_package_json` gives it one).
const FIX_NEEDS_THE_BUILD_CONTEXT: &[&str] = &["DW1032"];

#[test]
fn every_automatic_fix_clears_its_own_example() {
    let mut failures = Vec::new();
    for rule in all().filter(|r| {
        matches!(r.fix, FixKind::Safe(_) | FixKind::Unsafe(_))
            && !FIX_NEEDS_THE_BUILD_CONTEXT.contains(&r.code)
    }) {
        let after = fixed(rule.code, rule.docs.example);
        let left = lines(rule.code, &after);
        if !left.is_empty() || after == rule.docs.example {
            failures.push(format!(
                "{}: fixing its example left {:?}:\n{}",
                rule.code, left, after
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in all() {
        assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
        assert!(names.insert(rule.name), "duplicate name {}", rule.name);
        assert!(
            rule.code.len() == 6 && rule.code.starts_with("DW"),
            "bad code {}",
            rule.code
        );
        assert!(
            rule.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "name not kebab-case: {}",
            rule.name
        );
        for part in [
            rule.docs.what,
            rule.docs.why,
            rule.docs.example,
            rule.docs.fixed,
        ] {
            assert!(
                !part.trim().is_empty(),
                "{} has an empty docs part",
                rule.code
            );
        }
        // The type makes a rule with a fix give a text; an empty one says nothing.
        if !matches!(rule.fix, FixKind::None(_)) {
            assert!(
                !rule.fix.safety().trim().is_empty(),
                "{} has a fix but an empty fix_safety! text",
                rule.code
            );
        }
    }
}

/// The words of a fix safety text, lower-cased (`safe`, `unsafe`; `safer` and `safely` are other words).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// A rule's fix safety text says what its kind says. The texts open with the verdict: `Safe` (`Safe:`, `Safe,
/// and offered only when`, `Safe when`) for a safe fix, never mentioning an unsafe one; `Unsafe` for an unsafe
/// fix, never calling any safe; a fix that is sometimes safe opens with one verdict and names the other case too
/// (`Safe in two cases, unsafe in a third`). A rule without a fix says nothing, or why there is none (`No
/// automatic fix: ...`).
#[test]
fn every_fix_safety_text_agrees_with_its_kind() {
    let mut failures = Vec::new();
    for rule in all() {
        let text = rule.fix.safety();
        let words = words(text);
        let says = |w: &str| words.iter().any(|x| x == w);
        let first = words.first().map(String::as_str).unwrap_or("");
        let agrees = match rule.fix {
            FixKind::None(_) => {
                text.is_empty()
                    || (text.starts_with("No automatic fix: ") && !says("safe") && !says("unsafe"))
            }
            FixKind::Safe(_) => first == "safe" && text.starts_with("Safe") && !says("unsafe"),
            FixKind::Unsafe(_) => first == "unsafe" && text.starts_with("Unsafe") && !says("safe"),
            FixKind::Sometimes(_) => {
                (text.starts_with("Safe") || text.starts_with("Unsafe"))
                    && says("safe")
                    && says("unsafe")
            }
        };
        if !agrees {
            failures.push(format!(
                "{}: {:?} with the text {text:?}",
                rule.code,
                rule.fix.class()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
