//! Gathers one instruction's logical line: continuation lines joined, comment lines and empty lines inside the
//! continuation skipped (BuildKit drops them), with a map back to source offsets.

use super::lines::{line_at, skip_space, Line};
use crate::ast::LogicalText;
use crate::Span;

/// An instruction's logical line.
pub(crate) struct Logical {
    pub text: LogicalText,
    /// Comment lines inside the continuation, `#` to end of line.
    pub comments: Vec<Span>,
    /// Where the next item starts (after the last consumed line's terminator).
    pub end: usize,
    /// Text end of the last line that contributed text.
    pub content_end: usize,
}

/// Appends source runs to a [`LogicalText`], merging runs that touch.
#[derive(Default)]
pub(crate) struct TextBuilder {
    text: LogicalText,
}

impl TextBuilder {
    pub fn push(&mut self, src: &str, start: usize, end: usize) {
        let Some(piece) = src.get(start..end).filter(|p| !p.is_empty()) else {
            return;
        };
        let logical = self.text.text.len();
        match self.text.segments.last_mut() {
            Some((l, s, len)) if *s + *len == start && *l + *len == logical => *len += piece.len(),
            _ => self.text.segments.push((logical, start, piece.len())),
        }
        self.text.text.push_str(piece);
    }

    pub fn finish(self) -> LogicalText {
        self.text
    }
}

/// Where the continuation escape sits when `start..text_end` ends with it (BuildKit: the escape, then only
/// spaces or tabs, and not itself escaped).
pub(crate) fn continuation_at(
    src: &str,
    start: usize,
    text_end: usize,
    escape: char,
) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut t = text_end;
    while t > start && matches!(bytes.get(t - 1), Some(b' ' | b'\t')) {
        t -= 1;
    }
    if t <= start || bytes.get(t - 1) != Some(&(escape as u8)) {
        return None;
    }
    let at = t - 1;
    if at == start || bytes.get(at - 1) != Some(&(escape as u8)) {
        Some(at)
    } else {
        None
    }
}

/// Reads the logical line whose first physical line is `first`, its text starting at `content_start`.
pub(crate) fn collect(src: &str, first: Line, content_start: usize, escape: char) -> Logical {
    let mut builder = TextBuilder::default();
    builder
        .text
        .text
        .reserve(first.text_end.saturating_sub(content_start));
    let mut comments = Vec::new();
    let mut line = first;
    let mut piece_start = content_start;
    let mut end;
    let mut content_end;
    'lines: loop {
        content_end = line.text_end;
        end = line.end;
        let Some(at) = continuation_at(src, piece_start, line.text_end, escape) else {
            builder.push(src, piece_start, line.text_end);
            break;
        };
        builder.push(src, piece_start, at);
        loop {
            let Some(next) = line_at(src, end) else {
                break 'lines;
            };
            let first_char = skip_space(src, next.start, next.text_end);
            if first_char == next.text_end {
                end = next.end;
                continue;
            }
            if src.as_bytes().get(first_char) == Some(&b'#') {
                comments.push(Span::new(first_char, next.text_end));
                end = next.end;
                continue;
            }
            line = next;
            piece_start = next.start;
            continue 'lines;
        }
    }
    Logical {
        text: builder.finish(),
        comments,
        end,
        content_end,
    }
}
