//! A lossless, error-tolerant Dockerfile parser.
//!
//! [`parse`] never fails and never panics: it returns a tree whose items tile the input exactly, and a list of
//! [`SyntaxError`]s for what it could not read. Spans are byte offsets into the original text.

pub mod ast;
mod dump;
pub mod image_ref;
mod parser;
pub mod shell;
mod span;
mod suggest;

pub use ast::*;
pub use dump::dump;
pub use span::{LineCol, LineIndex, Span};

/// A problem reading the file, as data. Parsing continues after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// Parse a Dockerfile. Never fails, never panics.
pub fn parse(source: &str) -> (Dockerfile, Vec<SyntaxError>) {
    parser::parse(source)
}
