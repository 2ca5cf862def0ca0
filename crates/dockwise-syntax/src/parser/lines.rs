//! Physical lines: where each starts, where its text ends (before `\r`/`\n`), where the next begins.

/// One physical line of the source.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Line {
    pub start: usize,
    /// End of the text: trailing `\r` and `\n` excluded, as BuildKit's `trimNewline` does.
    pub text_end: usize,
    /// Start of the next line (terminator included).
    pub end: usize,
}

/// The line starting at `pos`, or `None` at the end of the input.
pub(crate) fn line_at(src: &str, pos: usize) -> Option<Line> {
    let rest = src.as_bytes().get(pos..).filter(|r| !r.is_empty())?;
    let end = find_newline(rest).map_or(src.len(), |i| pos + i + 1);
    let bytes = src.as_bytes();
    let mut text_end = end;
    while text_end > pos && matches!(bytes.get(text_end - 1), Some(b'\r' | b'\n')) {
        text_end -= 1;
    }
    Some(Line {
        start: pos,
        text_end,
        end,
    })
}

/// Index of the first `\n`, eight bytes at a time: line splitting is the parser's hottest loop.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_le_bytes([b'\n'; 8]);
    let mut chunks = bytes.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ NEWLINES;
        // The lowest set bit marks the first zero byte, i.e. the first newline (higher bits may be spurious).
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(n * 8 + (zeros.trailing_zeros() / 8) as usize);
        }
    }
    let tail = bytes.len() - chunks.remainder().len();
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| tail + i)
}

/// First offset in `start..end` that is not whitespace (Unicode, like Go's `unicode.IsSpace`).
pub(crate) fn skip_space(src: &str, start: usize, end: usize) -> usize {
    match src.get(start..end) {
        Some(text) => text
            .char_indices()
            .find(|&(_, c)| !c.is_whitespace())
            .map_or(end, |(i, _)| start + i),
        None => end,
    }
}

#[cfg(test)]
mod tests {
    use super::find_newline;

    #[test]
    fn finds_the_first_newline_at_any_offset() {
        for len in 0..40 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                bytes.extend_from_slice(b"\xff\n\x0b");
                if at < len {
                    bytes[at] = b'\n';
                }
                let expected = if at < len { at } else { len + 1 };
                assert_eq!(find_newline(&bytes), Some(expected), "len {len} at {at}");
            }
            assert_eq!(find_newline(&vec![0x8a; len]), None);
        }
    }
}
