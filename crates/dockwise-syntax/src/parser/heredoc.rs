//! Here-documents: finding `<<EOF` openers in `RUN`/`COPY`/`ADD` and reading their bodies.

use std::ops::Range;

use super::decode::decode;
use super::lines::line_at;
use super::words::split_quoted;
use crate::ast::{Heredoc, LogicalText};
use crate::Span;

/// An opener found in the arguments, before its body is read.
pub(crate) struct Opener {
    pub span: Span,
    pub delimiter: String,
    pub strip_tabs: bool,
    pub quoted: bool,
}

/// The heredoc openers among the shell words of `args` (BuildKit: a whole word `[fd]<<[-]NAME`, NAME without `<`).
pub(crate) fn openers(lt: &LogicalText, args: Range<usize>) -> Vec<Opener> {
    let mut found = Vec::new();
    if !lt.text.get(args.clone()).is_some_and(|t| t.contains("<<")) {
        return found;
    }
    // BuildKit lexes the line as shell words first; when that fails (an unclosed quote or `${`), it finds none.
    if !lexes(lt.text.get(args.clone()).unwrap_or("")) {
        return found;
    }
    for r in split_quoted(&lt.text, args, '\\') {
        let raw = lt.text.get(r.clone()).unwrap_or("");
        let after_fd = raw.trim_start_matches(|c: char| c.is_ascii_digit());
        let Some(rest) = after_fd.strip_prefix("<<") else {
            continue;
        };
        let (strip_tabs, name) = match rest.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, rest),
        };
        if name.is_empty() || name.contains('<') {
            continue;
        }
        let (delimiter, _) = decode(name, '\\');
        found.push(Opener {
            span: lt.span_of(r.start, r.end),
            delimiter: delimiter.replace("\\$", "$"),
            strip_tabs,
            quoted: name.contains(['"', '\'']),
        });
    }
    found
}

/// Reads each opener's body from `pos` on. Returns the heredocs, where the instruction ends, and the openers
/// that were never closed.
pub(crate) fn read_bodies(
    src: &str,
    mut pos: usize,
    openers: Vec<Opener>,
) -> (Vec<Heredoc>, usize, Vec<Span>) {
    let mut heredocs = Vec::with_capacity(openers.len());
    let mut unterminated = Vec::new();
    for opener in openers {
        let body_start = pos;
        let mut terminator = None;
        while let Some(line) = line_at(src, pos) {
            let mut candidate = src.get(line.start..line.text_end).unwrap_or("");
            if opener.strip_tabs {
                candidate = candidate.trim_start_matches('\t');
            }
            if candidate == opener.delimiter {
                terminator = Some(Span::new(line.start, line.end));
                pos = line.end;
                break;
            }
            pos = line.end;
        }
        let terminator = terminator.unwrap_or_else(|| {
            unterminated.push(opener.span);
            Span::empty(pos)
        });
        heredocs.push(Heredoc {
            opener: opener.span,
            delimiter: opener.delimiter,
            strip_tabs: opener.strip_tabs,
            quoted: opener.quoted,
            body: Span::new(body_start, terminator.start),
            terminator,
        });
    }
    (heredocs, pos, unterminated)
}

/// Whether BuildKit's shell lexer reads `text` without error: quotes closed, every `${` closed.
fn lexes(text: &str) -> bool {
    let mut chars = text.chars();
    let mut quote: Option<char> = None;
    let mut braces = 0usize;
    let mut prev = '\0';
    while let Some(c) = chars.next() {
        match quote {
            Some('\'') if c == '\'' => quote = None,
            Some('\'') => {}
            _ if c == '\\' => {
                chars.next();
                prev = '\0';
                continue;
            }
            Some('"') if c == '"' => quote = None,
            None if c == '\'' || c == '"' => quote = Some(c),
            _ if c == '{' && prev == '$' => braces += 1,
            _ if c == '}' && braces > 0 => braces -= 1,
            _ => {}
        }
        prev = c;
    }
    quote.is_none() && braces == 0
}
