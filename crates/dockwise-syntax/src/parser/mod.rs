//! The parser: the file's lines become items, the way BuildKit reads them, with nothing dropped.
//!
//! `lines` cuts physical lines, `logical` joins continuation lines, `instruction` reads the keyword and flags,
//! `body` the typed arguments, `heredoc` the here-documents that follow. Every step works on byte offsets and
//! never indexes past the text, so any input parses in linear time without panicking.

mod body;
mod decode;
mod directive;
mod heredoc;
mod instruction;
mod json;
mod lines;
mod logical;
mod words;

use crate::ast::*;
use crate::{Span, SyntaxError};
use instruction::{Cx, NotInstruction};
use lines::{line_at, skip_space};

pub(crate) fn parse(source: &str) -> (Dockerfile, Vec<SyntaxError>) {
    let mut errors = Vec::new();
    let mut items = Vec::new();
    let bom = source.starts_with('\u{feff}').then(|| Span::new(0, 3));
    let start = bom.map_or(0, |b| b.end);
    let (mut pos, escape) = directive::parse_all(source, start, &mut items, &mut errors);
    while let Some(line) = line_at(source, pos) {
        let first = skip_space(source, line.start, line.text_end);
        if first == line.text_end {
            items.push(Item::Blank(Span::new(line.start, line.end)));
            pos = line.end;
            continue;
        }
        if source.as_bytes().get(first) == Some(&b'#') {
            items.push(Item::Comment(Comment {
                span: Span::new(line.start, line.end),
                text: Span::new(first, line.text_end),
            }));
            pos = line.end;
            continue;
        }
        let (item, end) = instruction_item(source, line, first, escape, &mut errors);
        items.push(item);
        pos = end;
    }
    // BuildKit rejects a file with nothing to build ("file with no instructions").
    if !items
        .iter()
        .any(|i| matches!(i, Item::Instruction(_) | Item::Error(_)))
    {
        errors.push(SyntaxError {
            span: Span::new(start, source.len()),
            message: "the file has no instructions: a Dockerfile starts with FROM".into(),
        });
    }
    (Dockerfile { bom, escape, items }, errors)
}

/// The instruction (or error node) starting on `line`, and where the next item starts.
fn instruction_item(
    source: &str,
    line: lines::Line,
    first: usize,
    escape: char,
    errors: &mut Vec<SyntaxError>,
) -> (Item, usize) {
    let logical = logical::collect(source, line, first, escape);
    let span = Span::new(line.start, logical.end);
    let mut cx = Cx {
        escape,
        errors,
        onbuild_depth: 0,
    };
    match instruction::parse(&mut cx, &logical.text, 0, span, logical.content_end) {
        Ok(mut ins) => {
            ins.comments = logical.comments;
            let mut end = logical.end;
            if can_hold_heredocs(&ins) {
                let openers = heredoc::openers(&logical.text, 0..logical.text.text.len());
                if !openers.is_empty() {
                    let (heredocs, heredoc_end, unterminated) =
                        heredoc::read_bodies(source, end, openers);
                    for opener in unterminated {
                        let delimiter = heredocs
                            .iter()
                            .find(|h| h.opener == opener)
                            .map_or("", |h| h.delimiter.as_str());
                        cx.error(
                            opener,
                            format!("unterminated heredoc: no line `{delimiter}` closes it before the end of the file"),
                        );
                    }
                    end = heredoc_end;
                    ins.span.end = end;
                    if let Body::Onbuild(inner) = &mut ins.body {
                        inner.heredocs.clone_from(&heredocs);
                    }
                    ins.heredocs = heredocs;
                }
            }
            (Item::Instruction(ins), end)
        }
        Err(NotInstruction::Empty) => {
            let message = "a line continuation with no instruction after it".to_string();
            cx.error(span, message.clone());
            (Item::Error(ErrorNode { span, message }), logical.end)
        }
        Err(NotInstruction::Unknown { keyword, message }) => {
            cx.error(keyword, message.clone());
            (Item::Error(ErrorNode { span, message }), logical.end)
        }
    }
}

/// `RUN`, `COPY`, `ADD` in shell form may open heredocs, also behind one `ONBUILD` (BuildKit looks no deeper).
fn can_hold_heredocs(ins: &Instruction) -> bool {
    match &ins.body {
        Body::Onbuild(inner) => !matches!(inner.body, Body::Onbuild(_)) && can_hold_heredocs(inner),
        Body::Command(Command::Exec(_)) => false,
        Body::Copy(copy) => !copy.exec_form,
        _ => matches!(ins.kind, Keyword::Run | Keyword::Copy | Keyword::Add),
    }
}
