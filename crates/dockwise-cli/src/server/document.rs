//! An open document: its text, version and the conversions between the engine's byte offsets and LSP positions
//! (UTF-16 code units by default, UTF-8 bytes when the client offers them), through the one UTF-16 index
//! (`dockwise::utf16`).

use dockwise::utf16::Utf16Index;
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// How a position's `character` counts.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf16,
    Utf8,
}

pub struct Document {
    pub text: String,
    pub version: i32,
    /// Byte offset where each line starts (after `\n`, `\r\n` or a lone `\r`, as LSP counts lines).
    line_starts: Vec<usize>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        let line_starts = line_starts(&text);
        Document {
            text,
            version,
            line_starts,
        }
    }

    /// Apply `didChange` events in order: ranged ones replace that range, others the whole text.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let (start, end) = self.byte_range(range, encoding);
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
            self.line_starts = line_starts(&self.text);
        }
        self.version = version;
    }

    /// The byte range of an LSP range (ends before starts are swapped).
    pub fn byte_range(&self, range: Range, encoding: Encoding) -> (usize, usize) {
        let index = Utf16Index::new(&self.text);
        let a = self.offset_with(&index, range.start, encoding);
        let b = self.offset_with(&index, range.end, encoding);
        (a.min(b), a.max(b))
    }

    /// The byte offset of a position, clamped to its line (a position past the end of a line means its end).
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        self.offset_with(&Utf16Index::new(&self.text), position, encoding)
    }

    fn offset_with(&self, index: &Utf16Index, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len();
        };
        let end = self.line_end(line);
        let character = position.character as usize;
        let at = match encoding {
            Encoding::Utf16 => index.byte_of(index.of(start) + character),
            Encoding::Utf8 => {
                let mut at = (start + character).min(self.text.len());
                while !self.text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            }
        };
        at.clamp(start, end)
    }

    /// The end of line `line`'s content (before its terminator).
    fn line_end(&self, line: usize) -> usize {
        let next = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = &self.text[self.line_starts[line]..next];
        next - (content.len() - content.trim_end_matches(['\n', '\r']).len())
    }

    /// Converts many byte offsets with one index.
    pub fn positions(&self, encoding: Encoding) -> Positions<'_> {
        Positions {
            doc: self,
            index: Utf16Index::new(&self.text),
            encoding,
        }
    }

    /// The line terminator the document uses (`\r\n` when its first line ends so).
    pub fn newline(&self) -> &'static str {
        match self.text.find('\n') {
            Some(i) if i > 0 && self.text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }
}

/// Byte offsets to positions for one text version.
pub struct Positions<'a> {
    doc: &'a Document,
    index: Utf16Index<'a>,
    encoding: Encoding,
}

impl Positions<'_> {
    pub fn position(&self, byte: usize) -> Position {
        let byte = byte.min(self.doc.text.len());
        let line = self.doc.line_starts.partition_point(|&s| s <= byte) - 1;
        let start = self.doc.line_starts[line];
        let character = match self.encoding {
            Encoding::Utf16 => self.index.of(byte) - self.index.of(start),
            Encoding::Utf8 => byte - start,
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            starts.push(i + 1);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(range: Option<Range>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn utf16_positions_count_surrogate_pairs_as_two() {
        let doc = Document::new("# 🐳 é\r\nFROM x\n".into(), 1);
        let p = doc.positions(Encoding::Utf16);
        let f = doc.text.find('F').unwrap();
        assert_eq!(p.position(f), Position::new(1, 0));
        let e = doc.text.find('é').unwrap();
        assert_eq!(p.position(e), Position::new(0, 5));
        assert_eq!(doc.offset(Position::new(0, 5), Encoding::Utf16), e);
        // Past the end of a line: the end of its content, before `\r\n`.
        assert_eq!(
            doc.offset(Position::new(0, 99), Encoding::Utf16),
            e + 'é'.len_utf8()
        );
        assert_eq!(
            doc.positions(Encoding::Utf8).position(e),
            Position::new(0, 7)
        );
        assert_eq!(doc.newline(), "\r\n");
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut doc = Document::new("FROM alpine\nRUN echo 🐳 hi\n".into(), 1);
        doc.apply(
            vec![
                // `alpine` → `debian`
                change(
                    Some(Range::new(Position::new(0, 5), Position::new(0, 11))),
                    "debian",
                ),
                // after the whale (2 units), `hi` → `bye`
                change(
                    Some(Range::new(Position::new(1, 12), Position::new(1, 14))),
                    "bye",
                ),
                change(
                    Some(Range::new(Position::new(2, 0), Position::new(2, 0))),
                    "USER app\n",
                ),
            ],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "FROM debian\nRUN echo 🐳 bye\nUSER app\n");
        assert_eq!(doc.version, 2);
        doc.apply(vec![change(None, "FROM scratch\n")], 3, Encoding::Utf16);
        assert_eq!(doc.text, "FROM scratch\n");
    }
}
