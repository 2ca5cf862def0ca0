//! UTF-16 offsets for JavaScript: the Review's spans are byte offsets into the UTF-8 text, but JavaScript strings
//! (and so every JS editor: CodeMirror, Monaco, a textarea's `selectionStart`) index UTF-16 code units. This is the
//! one place they are computed; the core stays in bytes.

use serde_json::Value;

/// Maps byte offsets of `source` to UTF-16 code unit offsets. Offsets inside a character round down to its start;
/// offsets past the end map to the text's UTF-16 length.
pub struct Utf16Index<'a> {
    source: &'a str,
    /// (byte offset, UTF-16 offset) of every character that is not ASCII, in order: between two of them the two
    /// offsets advance together.
    wide: Vec<(usize, usize)>,
}

impl<'a> Utf16Index<'a> {
    pub fn new(source: &'a str) -> Utf16Index<'a> {
        let mut wide = Vec::new();
        let mut units = 0;
        for (at, c) in source.char_indices() {
            if !c.is_ascii() {
                wide.push((at, units));
            }
            units += c.len_utf16();
        }
        Utf16Index { source, wide }
    }

    /// The UTF-16 offset of byte offset `byte`.
    pub fn of(&self, byte: usize) -> usize {
        let byte = byte.min(self.source.len());
        // The last wide character starting at or before `byte`.
        let after = self.wide.partition_point(|&(b, _)| b <= byte);
        let Some(&(b, u)) = after.checked_sub(1).and_then(|i| self.wide.get(i)) else {
            return byte; // only ASCII before: bytes and units agree
        };
        let width = self
            .source
            .get(b..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8);
        if byte < b + width {
            u // inside (or at the start of) the wide character
        } else {
            let c_units = self
                .source
                .get(b..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf16);
            u + c_units + (byte - b - width)
        }
    }
}

/// Add `start_utf16`/`end_utf16` beside `start`/`end` on the Review JSON's findings, their fixes' edits and the
/// syntax errors.
pub fn add_offsets(source: &str, review: &mut Value) {
    let index = Utf16Index::new(source);
    if let Some(Value::Array(findings)) = review.get_mut("findings") {
        for finding in findings {
            if let Some(Value::Array(edits)) =
                finding.get_mut("fix").and_then(|f| f.get_mut("edits"))
            {
                for edit in edits.iter_mut() {
                    add(&index, edit);
                }
            }
            add(&index, finding);
        }
    }
    if let Some(Value::Array(errors)) = review.get_mut("syntax_errors") {
        for error in errors {
            add(&index, error);
        }
    }
}

fn add(index: &Utf16Index, object: &mut Value) {
    let Value::Object(map) = object else { return };
    for (from, to) in [("start", "start_utf16"), ("end", "end_utf16")] {
        if let Some(byte) = map.get(from).and_then(Value::as_u64) {
            let units = index.of(usize::try_from(byte).unwrap_or(usize::MAX));
            map.insert(to.to_string(), Value::from(units));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_of(source: &str, byte: usize) -> usize {
        Utf16Index::new(source).of(byte)
    }

    #[test]
    fn ascii_offsets_are_unchanged() {
        assert_eq!(utf16_of("FROM alpine\n", 5), 5);
        assert_eq!(utf16_of("FROM alpine\n", 12), 12);
    }

    #[test]
    fn every_char_boundary_maps_to_the_utf16_length_of_the_prefix() {
        let source = "# café 🐳 ☕\nLABEL é=\"🚀x\"\nRUN echo ok\n";
        let index = Utf16Index::new(source);
        for (at, _) in source.char_indices().chain([(source.len(), ' ')]) {
            let expected = source[..at].encode_utf16().count();
            assert_eq!(index.of(at), expected, "byte {at}");
        }
    }

    #[test]
    fn offsets_inside_a_character_round_down_and_past_the_end_clamp() {
        let source = "a🐳b";
        assert_eq!(utf16_of(source, 2), 1);
        assert_eq!(utf16_of(source, 5), 3);
        assert_eq!(utf16_of(source, 99), 4);
    }

    #[test]
    fn review_json_gets_utf16_offsets_on_findings_edits_and_syntax_errors() {
        let source = "# 🐳 whale\nFROM python:latest\nFORM x\n";
        let mut review =
            serde_json::to_value(dockwise::review(source, &dockwise::Config::default())).unwrap();
        add_offsets(source, &mut review);
        let latest = review["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "DW2007")
            .expect("DW2007 fires");
        let (start, start16) = (
            latest["start"].as_u64().unwrap(),
            latest["start_utf16"].as_u64().unwrap(),
        );
        // The emoji is 4 bytes and 2 UTF-16 units: everything after it is 2 units earlier.
        assert_eq!(start - start16, 2);
        assert_eq!(
            source[..start as usize].encode_utf16().count(),
            start16 as usize
        );
        let error = &review["syntax_errors"][0];
        assert_eq!(
            error["start"].as_u64().unwrap() - error["start_utf16"].as_u64().unwrap(),
            2
        );
    }
}
