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
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
}
