//! Splitting argument text into words, the two ways BuildKit does: on whitespace only (`FROM`, `EXPOSE`,
//! `COPY`, ...), or on whitespace outside quotes (`ENV`, `LABEL`, `ARG`). Ranges are logical offsets.

use std::ops::Range;

/// Separators of BuildKit's `reWhitespace` (`[\t\v\f\r ]`), plus `\n` which only a heredoc body could hold.
pub(crate) fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}' | '\r' | '\n')
}

/// `range` without leading and trailing whitespace.
pub(crate) fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

/// Words separated by whitespace, quotes not special.
pub(crate) fn split_whitespace(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let Some(slice) = text.get(range.clone()) else {
        return words;
    };
    let mut start = None;
    for (i, c) in slice.char_indices() {
        match (is_sep(c), start) {
            (true, Some(s)) => {
                words.push(range.start + s..range.start + i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(range.start + s..range.end);
    }
    words
}

/// Words separated by whitespace outside quotes; the escape character protects the next character (BuildKit's
/// `parseWords`). Quotes stay in the words.
pub(crate) fn split_quoted(text: &str, range: Range<usize>, escape: char) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let Some(slice) = text.get(range.clone()) else {
        return words;
    };
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else if c == escape && q != '\'' {
                chars.next();
            }
            continue;
        }
        if is_sep(c) {
            if let Some(s) = start.take() {
                words.push(range.start + s..range.start + i);
            }
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        if c == '\'' || c == '"' {
            quote = Some(c);
        } else if c == escape {
            chars.next();
        }
    }
    if let Some(s) = start {
        words.push(range.start + s..range.end);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, quoted: bool) -> Vec<&str> {
        let ranges = if quoted {
            split_quoted(text, 0..text.len(), '\\')
        } else {
            split_whitespace(text, 0..text.len())
        };
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn whitespace_split_ignores_quotes() {
        assert_eq!(words(" a  \"b c\"\td ", false), ["a", "\"b", "c\"", "d"]);
    }

    #[test]
    fn quoted_split_keeps_quoted_spaces() {
        assert_eq!(
            words("A=\"b c\" D='e f' G=h\\ i", true),
            ["A=\"b c\"", "D='e f'", "G=h\\ i"]
        );
        assert_eq!(
            words("A=\"unterminated rest", true),
            ["A=\"unterminated rest"]
        );
    }
}
