//! The exec form: a JSON array of strings, as Go's `encoding/json` reads it.

use std::ops::Range;

/// A parsed JSON array: the `[`..`]` range and each string element's range (quotes included) and value.
pub(crate) struct JsonArray {
    pub range: Range<usize>,
    pub elements: Vec<(Range<usize>, String)>,
    /// Text after the `]` (BuildKit's JSON decoder stops at the array and ignores it), trimmed; empty if none.
    pub trailing: Range<usize>,
}

/// What the text between `range` holds.
pub(crate) enum Json {
    Strings(JsonArray),
    /// A valid JSON array with an element that is not a string (BuildKit rejects the instruction).
    NotStrings(Range<usize>),
    /// Not a JSON array: the shell form.
    No,
}

/// Reads `text[range]` as a JSON array of strings, the way BuildKit's `json.Decoder` does: the first value
/// only, anything after the `]` ignored.
pub(crate) fn parse_array(text: &str, range: Range<usize>) -> Json {
    let mut r = Reader {
        bytes: text.as_bytes(),
        text,
        pos: range.start,
        end: range.end.min(text.len()),
    };
    r.space();
    let open = r.pos;
    if !r.eat(b'[') {
        return Json::No;
    }
    let mut elements = Vec::new();
    let mut strings_only = true;
    r.space();
    if !r.eat(b']') {
        loop {
            r.space();
            let start = r.pos;
            if r.peek() == Some(b'"') {
                match r.string() {
                    Some(value) => elements.push((start..r.pos, value)),
                    None => return Json::No,
                }
            } else if r.value() {
                strings_only = false;
            } else {
                return Json::No;
            }
            r.space();
            if r.eat(b']') {
                break;
            }
            if !r.eat(b',') {
                return Json::No;
            }
        }
    }
    let close = r.pos;
    r.space();
    let mut trailing_end = r.end;
    while trailing_end > r.pos
        && text
            .as_bytes()
            .get(trailing_end - 1)
            .is_some_and(u8::is_ascii_whitespace)
    {
        trailing_end -= 1;
    }
    if strings_only {
        Json::Strings(JsonArray {
            range: open..close,
            elements,
            trailing: r.pos..trailing_end,
        })
    } else {
        Json::NotStrings(open..close)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    end: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        if self.pos < self.end {
            self.bytes.get(self.pos).copied()
        } else {
            None
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    /// A string starting at `"`; `None` when malformed.
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos)?);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let esc = self.peek()?;
                    self.pos += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if self.pos + 4 > self.end || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// After `\u`: one code point, surrogate pairs joined; a lone surrogate becomes U+FFFD like Go.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            let save = self.pos;
            if self.eat(b'\\') && self.eat(b'u') {
                if let Some(second) = self.hex4() {
                    if (0xDC00..0xE000).contains(&second) {
                        let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        return Some(char::from_u32(c).unwrap_or('\u{fffd}'));
                    }
                }
            }
            self.pos = save;
            return Some('\u{fffd}');
        }
        Some(char::from_u32(first).unwrap_or('\u{fffd}'))
    }

    /// Skips any other JSON value (number, literal, object, array); false when malformed.
    fn value(&mut self) -> bool {
        match self.peek() {
            Some(b'"') => self.string().is_some(),
            Some(b'[') | Some(b'{') => self.container(),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => false,
        }
    }

    fn literal(&mut self, word: &str) -> bool {
        if self.text.get(self.pos..self.pos + word.len()) == Some(word)
            && self.pos + word.len() <= self.end
        {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn number(&mut self) -> bool {
        let start = self.pos;
        self.eat(b'-');
        let digits = self.digits();
        if digits == 0 || (digits > 1 && self.bytes.get(self.pos - digits) == Some(&b'0')) {
            return false;
        }
        if self.eat(b'.') && self.digits() == 0 {
            return false;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return false;
            }
        }
        self.pos > start
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// An object or array, checked iteratively so deep nesting cannot overflow the stack.
    fn container(&mut self) -> bool {
        let mut stack: Vec<u8> = Vec::new();
        loop {
            // Expect a value or the start of a container.
            match self.peek() {
                Some(b'[') => {
                    self.pos += 1;
                    stack.push(b']');
                    self.space();
                    if self.eat(b']') {
                        stack.pop();
                    } else {
                        continue;
                    }
                }
                Some(b'{') => {
                    self.pos += 1;
                    stack.push(b'}');
                    self.space();
                    if self.eat(b'}') {
                        stack.pop();
                    } else {
                        if self.peek() != Some(b'"') || self.string().is_none() {
                            return false;
                        }
                        self.space();
                        if !self.eat(b':') {
                            return false;
                        }
                        self.space();
                        continue;
                    }
                }
                _ => {
                    if !self.value_scalar() {
                        return false;
                    }
                }
            }
            // After a value: `,` or a closer.
            loop {
                let Some(&closer) = stack.last() else {
                    return true;
                };
                self.space();
                if self.eat(closer) {
                    stack.pop();
                    continue;
                }
                if !self.eat(b',') {
                    return false;
                }
                self.space();
                if closer == b'}' {
                    if self.peek() != Some(b'"') || self.string().is_none() {
                        return false;
                    }
                    self.space();
                    if !self.eat(b':') {
                        return false;
                    }
                    self.space();
                }
                break;
            }
        }
    }

    fn value_scalar(&mut self) -> bool {
        match self.peek() {
            Some(b'[' | b'{') => false,
            _ => self.value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Option<Vec<String>> {
        match parse_array(text, 0..text.len()) {
            Json::Strings(a) => Some(a.elements.into_iter().map(|(_, v)| v).collect()),
            _ => None,
        }
    }

    #[test]
    fn string_arrays() {
        assert_eq!(
            strings(r#" ["a", "b\"c" ] "#),
            Some(vec!["a".into(), "b\"c".into()])
        );
        assert_eq!(strings("[]"), Some(vec![]));
        assert_eq!(
            strings(r#"["\u00e9\ud83d\ude00"]"#),
            Some(vec!["é😀".into()])
        );
        assert_eq!(strings("['a']"), None);
        assert_eq!(strings(r#"["a",]"#), None);
        assert_eq!(strings(r#"["a"] x"#), Some(vec!["a".into()]));
        assert_eq!(strings("[\"a\tb\"]"), None);
    }

    #[test]
    fn other_values_are_reported() {
        for text in ["[1, \"a\"]", "[true]", "[{\"a\": [1, {}]}]", "[[], -1.5e3]"] {
            assert!(
                matches!(parse_array(text, 0..text.len()), Json::NotStrings(_)),
                "{text}"
            );
        }
        for text in ["[01]", "[{]", "[[}]", "[{\"a\" 1}]"] {
            assert!(
                matches!(parse_array(text, 0..text.len()), Json::No),
                "{text}"
            );
        }
    }
}
