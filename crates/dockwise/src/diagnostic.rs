//! What a rule reports: a span, a message and maybe a fix (edits plus applicability).

use dockwise_syntax::Span;
use serde::{Deserialize, Serialize};

/// A finding before the engine attaches rule metadata, severity and positions.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub span: Span,
    /// Three parts in plain words: what is wrong, why it matters, what to do.
    pub message: String,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }
}

/// Safe fixes keep what is built; unsafe ones change it and are applied only on request.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// Replace the bytes `start..end` of the input with `text`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Edit {
    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit {
            start: span.start,
            end: span.end,
            text: text.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            start: at,
            end: at,
            text: text.into(),
        }
    }

    pub fn delete(span: Span) -> Edit {
        Edit::replace(span, "")
    }
}

/// A fix: edits applied together or not at all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// Short imperative title ("Add --no-cache-dir").
    pub title: String,
    /// What the change does to the image, shown beside the rewrite.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            title: title.into(),
            explanation: String::new(),
            edits,
        }
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            ..Fix::safe(title, edits)
        }
    }

    pub fn explained(mut self, explanation: impl Into<String>) -> Fix {
        self.explanation = explanation.into();
        self
    }

    /// The smallest span covering every edit.
    pub fn range(&self) -> Option<Span> {
        let start = self.edits.iter().map(|e| e.start).min()?;
        let end = self.edits.iter().map(|e| e.end).max()?;
        Some(Span::new(start, end))
    }

    /// `text` with this fix's edits applied; `None` when they do not fit it (out of range, off a character
    /// boundary, or overlapping each other: the text changed since the review). The playground's "Apply fix" and
    /// quick fixes come here; the fix loop uses the same check ([`edits_fit`]) and splice ([`splice`]) for
    /// several fixes at once.
    pub fn apply(&self, text: &str) -> Option<String> {
        edits_fit(text, &self.edits).then(|| splice(text, self.edits.iter()))
    }
}

/// Edits must be on char boundaries, in bounds, and not overlap each other.
pub(crate) fn edits_fit(text: &str, edits: &[Edit]) -> bool {
    let in_bounds = edits.iter().all(|e| {
        e.start <= e.end
            && e.end <= text.len()
            && text.is_char_boundary(e.start)
            && text.is_char_boundary(e.end)
    });
    in_bounds
        && edits.iter().enumerate().all(|(i, a)| {
            edits[i + 1..]
                .iter()
                .all(|b| !shares_bytes((a.start, a.end), (b.start, b.end)))
        })
}

/// Edits of one fix must not share bytes or insert at the same point (adjacent edits are fine: the rule wrote
/// them together).
fn shares_bytes(a: (usize, usize), b: (usize, usize)) -> bool {
    (a.0 < b.1 && b.0 < a.1)
        || (a.0 == a.1 && b.0 == b.1 && a.0 == b.0)
        || (a.0 == a.1 && b.0 < a.0 && a.0 < b.1)
        || (b.0 == b.1 && a.0 < b.0 && b.0 < a.1)
}

/// `text` with edits that fit it and each other spliced in, in order of position.
pub(crate) fn splice<'e>(text: &str, edits: impl Iterator<Item = &'e Edit>) -> String {
    let mut edits: Vec<&Edit> = edits.collect();
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in edits {
        out.push_str(text.get(at..edit.start).unwrap_or(""));
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        let edits = edits.iter().map(|&(start, end, text)| Edit {
            start,
            end,
            text: text.into(),
        });
        Fix::safe("t", edits.collect())
    }

    #[test]
    fn a_fix_applies_its_edits_in_any_order() {
        let text = "FROM alpine\n";
        let expected = Some("from debian\n".to_string());
        assert_eq!(
            fix(&[(0, 4, "from"), (5, 11, "debian")]).apply(text),
            expected
        );
        assert_eq!(
            fix(&[(5, 11, "debian"), (0, 4, "from")]).apply(text),
            expected
        );
        assert_eq!(
            fix(&[(12, 12, "USER 1\n")]).apply(text).as_deref(),
            Some("FROM alpine\nUSER 1\n")
        );
    }

    #[test]
    fn a_fix_that_does_not_fit_the_text_is_refused() {
        assert_eq!(fix(&[(5, 50, "")]).apply("FROM alpine\n"), None);
        assert_eq!(
            fix(&[(0, 6, "a"), (4, 8, "b")]).apply("FROM alpine\n"),
            None
        );
        assert_eq!(fix(&[(1, 2, "")]).apply("é"), None);
    }
}
