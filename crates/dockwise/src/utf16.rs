//! UTF-16 offsets: the engine's spans are byte offsets into the UTF-8 text, but JavaScript strings (and so every
//! JS editor: CodeMirror, Monaco, a textarea's `selectionStart`) and the Language Server Protocol count UTF-16
//! code units. This is the one index that converts between them (the wasm API and `dockwise server` use it); the
//! rest of the engine stays in bytes.

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

    /// The byte offset of UTF-16 offset `units`. Offsets inside a surrogate pair round down to the character's
    /// start; offsets past the end map to the text's length.
    pub fn byte_of(&self, units: usize) -> usize {
        // The last wide character starting at or before `units`.
        let after = self.wide.partition_point(|&(_, u)| u <= units);
        let Some(&(b, u)) = after.checked_sub(1).and_then(|i| self.wide.get(i)) else {
            return units.min(self.source.len()); // only ASCII before
        };
        let c = self.source.get(b..).and_then(|s| s.chars().next());
        let (width, c_units) = c.map_or((1, 1), |c| (c.len_utf8(), c.len_utf16()));
        if units < u + c_units {
            b
        } else {
            (b + width + (units - u - c_units)).min(self.source.len())
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
    fn byte_of_inverts_of_at_every_char_boundary() {
        let source = "# café 🐳 ☕\nLABEL é=\"🚀x\"\nRUN echo ok\n";
        let index = Utf16Index::new(source);
        for (at, _) in source.char_indices().chain([(source.len(), ' ')]) {
            assert_eq!(index.byte_of(index.of(at)), at, "byte {at}");
        }
        // Inside the whale's surrogate pair: its start; past the end: the length.
        let whale = source.find('🐳').unwrap();
        assert_eq!(index.byte_of(index.of(whale) + 1), whale);
        assert_eq!(index.byte_of(10_000), source.len());
        assert_eq!(Utf16Index::new("abc").byte_of(7), 3);
    }
}
