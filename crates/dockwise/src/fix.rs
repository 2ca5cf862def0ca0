//! The one routine that applies fixes: sort, skip conflicts, re-lint and repeat until nothing changes, and
//! prove the result parses with no new syntax errors.

use crate::config::Config;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lint::{lint, Finding};
use serde::Serialize;

/// Rounds of fixing before giving up on convergence (each round re-lints the new text).
const MAX_ROUNDS: usize = 12;

/// One applied fix, for the list of changes beside the rewrite.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The rules whose findings the change resolves.
    pub rules: Vec<String>,
    pub applicability: Applicability,
    /// The fix's title ("Add --no-cache-dir").
    pub title: String,
    /// What it does to the image and why.
    pub summary: String,
    /// 1-based line in the *original* text the change is about, when it maps to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FixOutcome {
    pub text: String,
    pub changes: Vec<Change>,
    /// False when fixes still applied after `MAX_ROUNDS` or a round had to be rolled back.
    pub converged: bool,
    pub rounds: usize,
}

/// Apply every fix allowed by `include_unsafe` until the text stops changing.
pub fn fix(source: &str, config: &Config, include_unsafe: bool) -> FixOutcome {
    let mut text = source.to_string();
    let mut changes = Vec::new();
    let original_errors = lint(source, config).syntax_errors.len();
    let line_index = dockwise_syntax::LineIndex::new(source);
    for round in 0..MAX_ROUNDS {
        let linted = lint(&text, config);
        let fixes: Vec<&Finding> = linted
            .findings
            .iter()
            .filter(|f| {
                f.diagnostic.fix.as_ref().is_some_and(|fix| {
                    include_unsafe || fix.applicability == Applicability::Safe
                })
            })
            .collect();
        let (next, applied) = apply_non_overlapping(&text, &fixes);
        if applied.is_empty() {
            return FixOutcome { text, changes, converged: true, rounds: round };
        }
        let (_, errors) = dockwise_syntax::parse(&next);
        if errors.len() > original_errors {
            // A fix broke the syntax: keep the last good text rather than a broken one.
            return FixOutcome { text, changes, converged: false, rounds: round };
        }
        for finding in applied {
            let Some(fix) = &finding.diagnostic.fix else { continue };
            let line = (round == 0).then(|| line_index.line_col(source, finding.diagnostic.span.start).line);
            changes.push(Change {
                rules: vec![finding.rule.code.to_string()],
                applicability: fix.applicability,
                title: fix.title.clone(),
                summary: if fix.explanation.is_empty() { fix.title.clone() } else { fix.explanation.clone() },
                line,
            });
        }
        text = next;
    }
    FixOutcome { text, changes, converged: false, rounds: MAX_ROUNDS }
}

/// Apply the fixes whose edits do not overlap an earlier chosen fix; returns the new text and those applied.
fn apply_non_overlapping<'a>(text: &str, candidates: &[&'a Finding]) -> (String, Vec<&'a Finding>) {
    let mut chosen: Vec<&Finding> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut ordered: Vec<&&Finding> = candidates.iter().collect();
    ordered.sort_by_key(|f| f.diagnostic.fix.as_ref().and_then(Fix::range).map(|r| (r.start, r.end)));
    for finding in ordered {
        let Some(fix) = &finding.diagnostic.fix else { continue };
        if fix.edits.is_empty() || !edits_fit(text, &fix.edits) {
            continue;
        }
        let conflicts = fix.edits.iter().any(|e| {
            taken.iter().any(|&(s, t)| overlaps((e.start, e.end), (s, t)))
        });
        if conflicts {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.start, e.end)));
        chosen.push(finding);
    }
    let mut edits: Vec<&Edit> = chosen
        .iter()
        .filter_map(|f| f.diagnostic.fix.as_ref())
        .flat_map(|fix| fix.edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.start]);
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(&text[at..]);
    (out, chosen)
}

/// Edits must be on char boundaries, in bounds, and not overlap each other.
fn edits_fit(text: &str, edits: &[Edit]) -> bool {
    let in_bounds = edits.iter().all(|e| {
        e.start <= e.end && e.end <= text.len() && text.is_char_boundary(e.start) && text.is_char_boundary(e.end)
    });
    in_bounds
        && edits.iter().enumerate().all(|(i, a)| {
            edits[i + 1..].iter().all(|b| !overlaps((a.start, a.end), (b.start, b.end)))
        })
}

/// Two ranges conflict when they share bytes, or both insert at the same point.
fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    (a.0 < b.1 && b.0 < a.1) || (a.0 == a.1 && b.0 == b.1 && a.0 == b.0) || (a.0 == a.1 && b.0 < a.0 && a.0 < b.1) || (b.0 == b.1 && a.0 < b.0 && b.0 < a.1)
}
