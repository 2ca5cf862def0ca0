//! A lossless, error-tolerant Dockerfile parser.
//!
//! [`parse`] never fails and never panics: it returns a tree whose items tile the input exactly, and a list of
//! [`SyntaxError`]s for what it could not read. Spans are byte offsets into the original text.
//!
//! It reads a file the way BuildKit does (directives, escape character, continuations, comment and blank lines
//! inside them, flags, JSON arrays, heredocs; checked against BuildKit's own parser in `tests/buildkit.rs`).
//! Errors are what Docker would refuse to build plus what hadolint refuses to read: unknown instructions,
//! unterminated heredocs, malformed references, ports and pairs. An unknown instruction is kept verbatim as
//! [`Item::Error`]; reading resumes at the next instruction.
//!
//! Modules: [`ast`] the tree, [`image_ref`] image references, [`shell`] the commands of a script, [`dump`] a
//! readable rendering for tests; the private `parser` does the reading, `suggest` the "did you mean".

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
