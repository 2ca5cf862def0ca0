//! Package-manager version pinning: the reporting shared by the `*-version-pin` rules; and the packages a stage
//! installs.
//!
//! Every version-pin rule (apk, apt-get, npm, pip, gem, yum, dnf, zypper) reports one diagnostic per install
//! command, on the first unpinned package, naming the others in the message. What counts as pinned differs per
//! package manager and stays in each rule; the reporting was written eight times and lives here once.

use crate::rules::prelude::*;

/// The diagnostic for an install command whose `operands` include packages `is_pinned` rejects, or `None` when all
/// are pinned. It is placed on the first unpinned operand; `message` receives the unpinned names joined by `, `.
pub fn unpinned_diagnostic(
    operands: Vec<Word>,
    is_pinned: impl Fn(&str) -> bool,
    message: impl FnOnce(&str) -> String,
) -> Option<Diagnostic> {
    let unpinned: Vec<Word> = operands
        .into_iter()
        .filter(|w| !is_pinned(&w.value))
        .collect();
    let first = unpinned.first()?;
    let names: Vec<&str> = unpinned.iter().map(|w| w.value.as_str()).collect();
    Some(Diagnostic::new(first.span, message(&names.join(", "))))
}

/// The diagnostic for an rpm-style install (yum, dnf, zypper) of `unpinned` packages, or `None` when there are
/// none. `separator` is what goes between name and version in the suggestion (`-` for yum/dnf, `=` for zypper).
pub fn rpm_unpinned_diagnostic(unpinned: &[&Word], separator: char) -> Option<Diagnostic> {
    let first = unpinned.first()?;
    Some(Diagnostic::new(
        first.span,
        format!(
            "{} installed without a version, so each build may get a different one; pin it as \
             `name{separator}version` (for example `{}{separator}1.2.3`).",
            list(unpinned),
            first.value
        ),
    ))
}

/// Up to three package names in backticks, with the verb agreeing: "`a` is", "`a`, `b` are", "`a`, `b`, `c` and
/// 2 more are".
fn list(words: &[&Word]) -> String {
    let names: Vec<String> = words
        .iter()
        .take(3)
        .map(|w| format!("`{}`", w.value))
        .collect();
    let more = words.len().saturating_sub(3);
    match (names.as_slice(), more) {
        ([one], _) => format!("{one} is"),
        (_, 0) => format!("{} are", names.join(", ")),
        _ => format!("{} and {more} more are", names.join(", ")),
    }
}

/// The package names (versions aside) that the stage's package-manager commands name.
pub fn installed_packages<'c>(ctx: &'c Context, stage: &Stage) -> impl Iterator<Item = &'c str> {
    ctx.stage_instructions(stage)
        .iter()
        .flat_map(|i| i.commands())
        .filter(|c| {
            ["apt-get", "apt", "apk", "yum", "dnf", "microdnf"]
                .iter()
                .any(|p| c.runs(p))
        })
        .flat_map(|c| c.operands())
        .map(|w| w.value.split('=').next().unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(value: &str, start: usize) -> Word {
        Word {
            span: Span::new(start, start + value.len()),
            value: value.to_string(),
        }
    }

    #[test]
    fn reports_on_the_first_unpinned_operand_and_names_all_of_them() {
        let operands = vec![word("curl=1", 0), word("git", 7), word("wget", 11)];
        let d = unpinned_diagnostic(operands, |p| p.contains('='), |names| format!("[{names}]"))
            .expect("two are unpinned");
        assert_eq!(d.span, Span::new(7, 10));
        assert_eq!(d.message, "[git, wget]");
    }

    #[test]
    fn reports_nothing_when_every_operand_is_pinned() {
        let operands = vec![word("curl=1", 0)];
        assert!(unpinned_diagnostic(operands, |p| p.contains('='), |n| n.to_string()).is_none());
        assert!(rpm_unpinned_diagnostic(&[], '-').is_none());
    }

    #[test]
    fn lists_at_most_three_names() {
        let words: Vec<Word> = ["a", "b", "c", "d", "e"]
            .iter()
            .enumerate()
            .map(|(i, v)| word(v, i * 2))
            .collect();
        let refs: Vec<&Word> = words.iter().collect();
        assert_eq!(list(&refs[..1]), "`a` is");
        assert_eq!(list(&refs[..2]), "`a`, `b` are");
        assert_eq!(list(&refs), "`a`, `b`, `c` and 2 more are");
    }
}
