//! Parser directives (`# syntax=`, `# escape=`, `# check=`): only at the very top; the first other line ends them.

use super::lines::{line_at, skip_space};
use crate::ast::{Directive, Item};
use crate::{Span, SyntaxError};

const KNOWN: [&str; 3] = ["syntax", "escape", "check"];

/// Reads the directives from `pos`; returns where the rest starts and the escape character in force.
pub(crate) fn parse_all(
    src: &str,
    mut pos: usize,
    items: &mut Vec<Item>,
    errors: &mut Vec<SyntaxError>,
) -> (usize, char) {
    let mut escape = '\\';
    let mut seen: Vec<String> = Vec::new();
    while let Some(line) = line_at(src, pos) {
        let first = skip_space(src, line.start, line.text_end);
        let Some((name, value)) = match_directive(src, first, line.text_end) else {
            break;
        };
        let name_text = src.get(name.range()).unwrap_or("").to_ascii_lowercase();
        if !KNOWN.contains(&name_text.as_str()) {
            break;
        }
        let value_text = src.get(value.range()).unwrap_or("").to_string();
        if seen.contains(&name_text) {
            errors.push(SyntaxError {
                span: Span::new(first, line.text_end),
                message: format!(
                    "only one {name_text} parser directive can be used; remove this one"
                ),
            });
        } else if name_text == "escape" {
            match value_text.as_str() {
                "\\" => escape = '\\',
                "`" => escape = '`',
                _ => errors.push(SyntaxError {
                    span: value,
                    message: format!(
                        "invalid escape character `{value_text}`: use \\ (the default) or `"
                    ),
                }),
            }
        }
        seen.push(name_text.clone());
        items.push(Item::Directive(Directive {
            span: Span::new(line.start, line.end),
            name,
            name_text,
            value,
            value_text,
        }));
        pos = line.end;
    }
    (pos, escape)
}

/// BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` on `start..end`: the name and value spans.
fn match_directive(src: &str, start: usize, end: usize) -> Option<(Span, Span)> {
    let bytes = src.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
    if bytes.get(start) != Some(&b'#') {
        return None;
    }
    let mut i = start + 1;
    while i < end && is_space(bytes[i]) {
        i += 1;
    }
    let name_start = i;
    if !(i < end && bytes[i].is_ascii_alphabetic()) {
        return None;
    }
    while i < end && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = Span::new(name_start, i);
    while i < end && is_space(bytes[i]) {
        i += 1;
    }
    if !(i < end && bytes[i] == b'=') {
        return None;
    }
    i += 1;
    while i < end && is_space(bytes[i]) {
        i += 1;
    }
    let mut value_end = end;
    while value_end > i && is_space(bytes[value_end - 1]) {
        value_end -= 1;
    }
    if value_end <= i {
        return None;
    }
    Some((name, Span::new(i, value_end)))
}
