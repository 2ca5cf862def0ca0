//! One instruction from its logical line: the keyword, the `--flags`, then the typed body.

use std::ops::Range;

use super::body;
use super::decode::decode;
use super::words::is_sep;
use crate::ast::*;
use crate::suggest::keyword_suggestion;
use crate::{Span, SyntaxError};

/// Shared state while reading instructions.
pub(crate) struct Cx<'a> {
    pub escape: char,
    pub errors: &'a mut Vec<SyntaxError>,
    /// How many `ONBUILD`s enclose the instruction being read (bounded, so nesting cannot exhaust the stack).
    pub onbuild_depth: usize,
}

impl Cx<'_> {
    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            span,
            message: message.into(),
        });
    }
}

/// Why a logical line is not an instruction.
pub(crate) enum NotInstruction {
    /// Only whitespace (a lone continuation).
    Empty,
    Unknown {
        keyword: Span,
        message: String,
    },
}

/// Reads an instruction from `lt` starting at logical offset `from`. `span` is the item's span and
/// `args_end` the source offset where its logical line ends.
pub(crate) fn parse(
    cx: &mut Cx,
    lt: &LogicalText,
    from: usize,
    span: Span,
    args_end: usize,
) -> Result<Instruction, NotInstruction> {
    let text = lt.text.as_str();
    let k_start = skip_sep(text, from);
    let k_end = word_end(text, k_start);
    if k_start == k_end {
        return Err(NotInstruction::Empty);
    }
    let keyword_text = text.get(k_start..k_end).unwrap_or("");
    let keyword = lt.span_of(k_start, k_end);
    let Some(kind) = Keyword::parse(keyword_text) else {
        return Err(NotInstruction::Unknown {
            keyword,
            message: unknown_message(keyword_text),
        });
    };
    let (flags, args_start) = flags(cx, lt, k_end);
    let args_trimmed_end = text.trim_end().len().max(args_start);
    let args_source_start = lt.to_source(args_start).min(args_end);
    let mut instruction = Instruction {
        span,
        keyword,
        kind,
        flags,
        args: Span::new(args_source_start, args_end.max(args_source_start)),
        body: Body::Invalid,
        heredocs: Vec::new(),
        comments: Vec::new(),
    };
    let args = args_start..args_trimmed_end;
    instruction.body = body::parse(cx, &instruction, lt, args, args_end);
    Ok(instruction)
}

fn unknown_message(word: &str) -> String {
    let shown: String = word.chars().take(40).collect();
    match keyword_suggestion(word) {
        Some(k) => format!("unknown instruction {shown} (did you mean {}?)", k.as_str()),
        None => format!(
            "unknown instruction {shown}: an instruction starts with a keyword such as FROM, RUN or COPY"
        ),
    }
}

pub(crate) fn skip_sep(text: &str, from: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.char_indices().find(|&(_, c)| !c.is_whitespace()))
        .map_or(text.len().max(from), |(i, _)| from + i)
}

fn word_end(text: &str, from: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.char_indices().find(|&(_, c)| is_sep(c)))
        .map_or(text.len().max(from), |(i, _)| from + i)
}

/// The `--name[=value]` flags after the keyword (BuildKit's `extractBuilderFlags`: quotes group, `\` escapes,
/// a bare `--` ends the flags). Returns them and where the arguments start.
fn flags(cx: &mut Cx, lt: &LogicalText, from: usize) -> (Vec<Flag>, usize) {
    let text = lt.text.as_str();
    let mut flags = Vec::new();
    let mut pos = skip_sep(text, from);
    while text.get(pos..).is_some_and(|rest| rest.starts_with("--")) {
        let end = flag_end(text, pos);
        if end == pos + 2 {
            return (flags, skip_sep(text, end));
        }
        flags.push(flag(cx, lt, pos..end));
        pos = skip_sep(text, end);
    }
    (flags, pos)
}

/// End of a flag word: the first whitespace outside quotes.
fn flag_end(text: &str, start: usize) -> usize {
    let Some(rest) = text.get(start..) else {
        return text.len();
    };
    let mut quote = None;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) if c == '\\' => {
                chars.next();
            }
            Some(_) => {}
            None if is_sep(c) => return start + i,
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '\\' => {
                chars.next();
            }
            None => {}
        }
    }
    text.len()
}

fn flag(cx: &mut Cx, lt: &LogicalText, range: Range<usize>) -> Flag {
    let raw = lt.text.get(range.clone()).unwrap_or("");
    let body = raw.get(2..).unwrap_or("");
    let (name_len, value) = match body.find('=') {
        Some(eq) => (eq, Some(range.start + 2 + eq + 1..range.end)),
        None => (body.len(), None),
    };
    let name_range = range.start + 2..range.start + 2 + name_len;
    let (name_text, _) = decode(lt.text.get(name_range.clone()).unwrap_or(""), '\\');
    let value = value.map(|r| {
        let (value, open) = decode(lt.text.get(r.clone()).unwrap_or(""), '\\');
        let span = lt.span_of(r.start, r.end);
        if open {
            cx.error(
                span,
                format!("the value of --{name_text} has a quote that is never closed"),
            );
        }
        Word { span, value }
    });
    Flag {
        span: lt.span_of(range.start, range.end),
        name: lt.span_of(name_range.start, name_range.end),
        name_text,
        value,
    }
}
