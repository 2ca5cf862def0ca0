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
    let end = rest
        .iter()
        .position(|&b| b == b'\n')
        .map_or(src.len(), |i| pos + i + 1);
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
