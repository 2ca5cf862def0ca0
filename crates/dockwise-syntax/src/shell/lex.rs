//! Small quote-aware scanners shared by the brush walk and the fallback splitter: word decoding (quotes removed,
//! expansions kept as written), matching of `$(...)`/`${...}`/backquotes, and a POSIX-ish tokenizer for the
//! best-effort split. All offsets are byte offsets into the `&str` given; nothing here panics on odd input.

/// The next char at byte `i` (which must be a char boundary) and its length; `None` at the end.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    s.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

/// End (exclusive) of a single-quoted string whose opening quote is at `open`.
pub(crate) fn skip_single(s: &str, open: usize) -> usize {
    let b = s.as_bytes();
    let mut i = open + 1;
    while i < b.len() {
        if b[i] == b'\'' {
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// End (exclusive) of an ANSI-C string `$'...'` whose `$` is at `dollar`.
fn skip_ansi_c(s: &str, dollar: usize) -> usize {
    skip_escaped_until(s, dollar + 2, b'\'')
}

/// End (exclusive) of the text from `from` up to and including the first unescaped `close` byte.
fn skip_escaped_until(s: &str, from: usize, close: u8) -> usize {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == close => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// End (exclusive) of a double-quoted string whose opening quote is at `open`.
pub(crate) fn skip_double(s: &str, open: usize) -> usize {
    let b = s.as_bytes();
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'$' if b.get(i + 1) == Some(&b'(') => i = skip_group(s, i + 1, b'(', b')'),
            b'`' => i = skip_backquote(s, i),
            _ => i += 1,
        }
    }
    b.len()
}

/// End (exclusive) of a backquoted substitution whose opening backquote is at `open`.
pub(crate) fn skip_backquote(s: &str, open: usize) -> usize {
    skip_escaped_until(s, open + 1, b'`')
}

/// End (exclusive) of a bracketed group (`(...)` or `{...}`) whose opening bracket is at `open`, skipping
/// quoted text and nested groups. Unclosed groups end at the end of `s`.
pub(crate) fn skip_group(s: &str, open: usize, left: u8, right: u8) -> usize {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        let c = b[i];
        if c == left {
            depth += 1;
            i += 1;
        } else if c == right {
            depth = depth.saturating_sub(1);
            i += 1;
            if depth == 0 {
                return i;
            }
        } else {
            match c {
                b'\\' => i += 2,
                b'\'' => i = skip_single(s, i),
                b'"' => i = skip_double(s, i),
                b'`' => i = skip_backquote(s, i),
                _ => i += 1,
            }
        }
    }
    b.len()
}

/// End (exclusive) of an expansion starting with `$` at `dollar`; records the inner range of a command
/// substitution in `subs`. Returns `dollar + 1` for a bare `$` or a `$NAME` (the name is ordinary text).
fn scan_dollar(s: &str, dollar: usize, subs: &mut Vec<(usize, usize)>) -> usize {
    let b = s.as_bytes();
    match b.get(dollar + 1) {
        Some(b'(') if b.get(dollar + 2) == Some(&b'(') => skip_group(s, dollar + 1, b'(', b')'),
        Some(b'(') => {
            let end = skip_group(s, dollar + 1, b'(', b')');
            let inner_end = if b.get(end.wrapping_sub(1)) == Some(&b')') && end > dollar + 2 {
                end - 1
            } else {
                end
            };
            subs.push((dollar + 2, inner_end));
            end
        }
        Some(b'{') => skip_group(s, dollar + 1, b'{', b'}'),
        _ => dollar + 1,
    }
}

/// Decode a word as the shell reads it before expansion: quotes removed, backslash escapes processed,
/// `$VAR`, `${...}`, `$(...)`, `$((...))` and backquotes kept as written. The inner ranges of command
/// substitutions found (outside single quotes) are pushed to `subs`, relative to `raw`.
pub(crate) fn decode_word(raw: &str, subs: &mut Vec<(usize, usize)>) -> String {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => match char_at(raw, i + 1) {
                Some(('\n', _)) => i += 2,
                Some((c, len)) => {
                    out.push(c);
                    i += 1 + len;
                }
                None => {
                    out.push('\\');
                    i += 1;
                }
            },
            b'\'' => {
                let end = skip_single(raw, i);
                let inner_end = if end > i + 1 && b.get(end - 1) == Some(&b'\'') {
                    end - 1
                } else {
                    end
                };
                out.push_str(raw.get(i + 1..inner_end).unwrap_or(""));
                i = end;
            }
            b'"' => i = decode_double(raw, i, &mut out, subs),
            b'`' => {
                let end = skip_backquote(raw, i);
                let inner_end = if end > i + 1 && b.get(end - 1) == Some(&b'`') {
                    end - 1
                } else {
                    end
                };
                subs.push((i + 1, inner_end));
                out.push_str(raw.get(i..end).unwrap_or(""));
                i = end;
            }
            b'$' if b.get(i + 1) == Some(&b'\'') => {
                let end = skip_ansi_c(raw, i);
                let inner_end = if end > i + 2 && b.get(end - 1) == Some(&b'\'') {
                    end - 1
                } else {
                    end
                };
                out.push_str(raw.get(i + 2..inner_end).unwrap_or(""));
                i = end;
            }
            b'$' if b.get(i + 1) == Some(&b'"') => i += 1,
            b'$' => {
                let end = scan_dollar(raw, i, subs);
                out.push_str(raw.get(i..end).unwrap_or("$"));
                i = end;
            }
            _ => {
                let (c, len) = char_at(raw, i).unwrap_or(('\u{fffd}', 1));
                out.push(c);
                i += len;
            }
        }
    }
    out
}

/// Decode the double-quoted string opening at `open` into `out`; returns the index after it.
fn decode_double(
    raw: &str,
    open: usize,
    out: &mut String,
    subs: &mut Vec<(usize, usize)>,
) -> usize {
    let b = raw.as_bytes();
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'"' => return i + 1,
            b'\\' => match char_at(raw, i + 1) {
                Some(('\n', _)) => i += 2,
                Some((c @ ('$' | '`' | '"' | '\\'), _)) => {
                    out.push(c);
                    i += 2;
                }
                _ => {
                    out.push('\\');
                    i += 1;
                }
            },
            b'`' => {
                let end = skip_backquote(raw, i);
                let inner_end = if end > i + 1 && b.get(end - 1) == Some(&b'`') {
                    end - 1
                } else {
                    end
                };
                subs.push((i + 1, inner_end));
                out.push_str(raw.get(i..end).unwrap_or(""));
                i = end;
            }
            b'$' => {
                let end = scan_dollar(raw, i, subs);
                out.push_str(raw.get(i..end).unwrap_or("$"));
                i = end;
            }
            _ => {
                let (c, len) = char_at(raw, i).unwrap_or(('\u{fffd}', 1));
                out.push(c);
                i += len;
            }
        }
    }
    b.len()
}

/// Whether a word is a `NAME=value` (or `NAME+=value`, `NAME[i]=value`) assignment.
pub(crate) fn is_assignment(raw: &str) -> bool {
    let b = raw.as_bytes();
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return false;
    }
    let mut i = 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    if b.get(i) == Some(&b'[') {
        while i < b.len() && b[i] != b']' {
            i += 1;
        }
        i += 1;
    }
    if b.get(i) == Some(&b'+') {
        i += 1;
    }
    b.get(i) == Some(&b'=')
}

/// A token of the fallback tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    /// `&&`, `||`, `;`, `;;`, `|`, `|&`, `&`, newline.
    Separator,
    /// `(` or `)`.
    Paren,
    /// A redirection operator, fd included; `dup` when it carries its target (`2>&1`, `>&-`).
    Redirect {
        dup: bool,
    },
    /// A comment, from its `#` to the end of the line (not the newline).
    Comment,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
}

/// Length of a redirection operator at `i` (after any fd digits), or 0.
fn redirect_op_len(b: &[u8], i: usize) -> usize {
    const OPS: [&[u8]; 12] = [
        b"&>>", b"<<<", b"<<-", b"&>", b">>", b">&", b"<&", b"<>", b">|", b"<<", b">", b"<",
    ];
    let rest = b.get(i..).unwrap_or(&[]);
    OPS.iter()
        .find(|op| rest.starts_with(op))
        .map_or(0, |op| op.len())
}

/// A simple POSIX-ish tokenizer: words (with quotes, escapes and expansions kept inside), separators,
/// parentheses, redirections and comments (`#` at a word start). Never fails.
pub(crate) fn tokenize(s: &str) -> Vec<Tok> {
    let b = s.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut word_start: Option<usize> = None;
    macro_rules! end_word {
        ($at:expr) => {
            if let Some(ws) = word_start.take() {
                toks.push(Tok {
                    kind: TokKind::Word,
                    start: ws,
                    end: $at,
                });
            }
        };
    }
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' => {
                end_word!(i);
                i += 1;
            }
            b'#' if word_start.is_none() => {
                let start = i;
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                toks.push(Tok {
                    kind: TokKind::Comment,
                    start,
                    end: i,
                });
            }
            b'\n' | b';' | b'|' | b'&' | b'(' | b')' | b'<' | b'>' => {
                // Digits right before `<`/`>` are the fd of a redirection.
                let mut start = i;
                if matches!(c, b'<' | b'>') {
                    if let Some(ws) = word_start {
                        if b[ws..i].iter().all(u8::is_ascii_digit) {
                            start = ws;
                            word_start = None;
                        }
                    }
                }
                end_word!(i);
                let op_len = redirect_op_len(b, i);
                if op_len > 0 {
                    let mut end = i + op_len;
                    let mut dup = false;
                    if b[end - 1] == b'&' && b[i] != b'&' {
                        let mut j = end;
                        while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'-') {
                            j += 1;
                        }
                        if j > end {
                            end = j;
                            dup = true;
                        }
                    }
                    toks.push(Tok {
                        kind: TokKind::Redirect { dup },
                        start,
                        end,
                    });
                    i = end;
                    continue;
                }
                let two = b.get(i..i + 2).unwrap_or(&[]);
                let len = if matches!(two, b"&&" | b"||" | b";;" | b"|&") {
                    2
                } else {
                    1
                };
                let kind = if matches!(c, b'(' | b')') {
                    TokKind::Paren
                } else {
                    TokKind::Separator
                };
                toks.push(Tok {
                    kind,
                    start: i,
                    end: i + len,
                });
                i += len;
            }
            _ => {
                if word_start.is_none() {
                    word_start = Some(i);
                }
                i = match c {
                    b'\\' => (i + 2).min(b.len()),
                    b'\'' => skip_single(s, i),
                    b'"' => skip_double(s, i),
                    b'`' => skip_backquote(s, i),
                    b'$' if b.get(i + 1) == Some(&b'\'') => skip_ansi_c(s, i),
                    b'$' if matches!(b.get(i + 1), Some(b'(' | b'{')) => {
                        let mut ignored = Vec::new();
                        scan_dollar(s, i, &mut ignored)
                    }
                    _ => i + char_at(s, i).map_or(1, |(_, len)| len),
                };
            }
        }
    }
    end_word!(b.len());
    toks
}

/// Whether every quote, backquote, `$(` and `${` of a script is closed, every heredoc is terminated, and no
/// obsolete `$[...]` or expansion in a heredoc delimiter appears.
/// brush-parser unwraps on some unclosed constructs (a panic aborts under wasm), so scripts failing this check
/// never reach it. Heredoc bodies are skipped: their text need not be balanced.
pub(crate) fn is_balanced(s: &str) -> bool {
    if s.contains("$[") {
        return false;
    }
    let b = s.as_bytes();
    // Sub-shell parentheses open outside any quote or expansion.
    let mut parens = 0usize;
    let mut stack: Vec<u8> = Vec::new();
    // Heredoc delimiters waiting for the end of the current line: (delimiter, strip tabs).
    let mut heredocs: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match stack.last().copied() {
            Some(b'"') => {
                match c {
                    b'\\' => i += 1,
                    b'"' => {
                        stack.pop();
                    }
                    b'`' => stack.push(b'`'),
                    b'$' => match b.get(i + 1) {
                        Some(b'(') => {
                            stack.push(b')');
                            i += 1;
                        }
                        Some(b'{') => {
                            stack.push(b'}');
                            i += 1;
                        }
                        // Obsolete `$[...]` arithmetic: brush panics on some of it.
                        Some(b'[') => return false,
                        _ => {}
                    },
                    _ => {}
                }
                i += 1;
            }
            Some(b'`') => {
                match c {
                    b'\\' => i += 1,
                    b'`' => {
                        stack.pop();
                    }
                    _ => {}
                }
                i += 1;
            }
            top => {
                match c {
                    b'\\' => i += 1,
                    b'\'' => {
                        let end = skip_single(s, i);
                        if b.get(end.wrapping_sub(1)) != Some(&b'\'') || end == i + 1 {
                            return false;
                        }
                        i = end;
                        continue;
                    }
                    b'$' if b.get(i + 1) == Some(&b'\'') => {
                        let end = skip_ansi_c(s, i);
                        if b.get(end.wrapping_sub(1)) != Some(&b'\'') || end <= i + 2 {
                            return false;
                        }
                        i = end;
                        continue;
                    }
                    b'"' | b'`' => stack.push(c),
                    b'$' => match b.get(i + 1) {
                        Some(b'(') => {
                            stack.push(b')');
                            i += 1;
                        }
                        Some(b'{') => {
                            stack.push(b'}');
                            i += 1;
                        }
                        // Obsolete `$[...]` arithmetic: brush panics on some of it.
                        Some(b'[') => return false,
                        _ => {}
                    },
                    b'(' if top.is_some() => stack.push(b')'),
                    b'(' => parens += 1,
                    b')' if top.is_none() => parens = parens.saturating_sub(1),
                    // A comment starts a token. Right after `(`, `)`, `<` or `>` whether brush sees a comment
                    // depends on what the bracket closed: refuse rather than guess.
                    b'#' if i > 0
                        && matches!(b[i - 1], b'(' | b')' | b'<' | b'>')
                        && !(i >= 2 && b[i - 2] == b'\\') =>
                    {
                        return false;
                    }
                    b'#' if i == 0
                        || (matches!(b[i - 1], b' ' | b'\t' | b'\n' | b';' | b'&' | b'|')
                            && !(i >= 2 && b[i - 2] == b'\\')) =>
                    {
                        while i < b.len() && b[i] != b'\n' {
                            i += 1;
                        }
                        continue;
                    }
                    b'<' if b.get(i + 1) == Some(&b'<') && b.get(i + 2) != Some(&b'<') => {
                        let mut j = i + 2;
                        let strip = b.get(j) == Some(&b'-');
                        if strip {
                            j += 1;
                        }
                        while matches!(b.get(j), Some(b' ' | b'\t')) {
                            j += 1;
                        }
                        let start = j;
                        while j < b.len() && !b" \t\n;&|<>()".contains(&b[j]) {
                            j = match b[j] {
                                b'\'' => skip_single(s, j),
                                b'"' => skip_double(s, j),
                                _ => j + 1,
                            };
                        }
                        let raw = s.get(start..j.min(b.len())).unwrap_or("");
                        // Real delimiters are plain words (`EOF`, `'EOT'`); anything else goes to the fallback.
                        if !raw.bytes().all(|c| {
                            c.is_ascii_alphanumeric()
                                || matches!(c, b'_' | b'-' | b'.' | b'\'' | b'"' | b'\\')
                        }) {
                            return false;
                        }
                        let delimiter = decode_word(raw, &mut Vec::new());
                        if delimiter.is_empty() || delimiter.contains(['$', '`', '(', '[', '{']) {
                            return false;
                        }
                        heredocs.push((delimiter, strip));
                        i = j;
                        continue;
                    }
                    b'\n' if !heredocs.is_empty() => {
                        // The bodies follow this line, one after the other. brush and we must agree on where
                        // they start: refuse when the line leaves anything open.
                        if !stack.is_empty() || parens > 0 {
                            return false;
                        }
                        let mut pos = i + 1;
                        for (delimiter, strip) in heredocs.drain(..) {
                            loop {
                                if pos >= b.len() {
                                    return false;
                                }
                                let line_end = s
                                    .get(pos..)
                                    .and_then(|r| r.find('\n'))
                                    .map_or(b.len(), |n| pos + n);
                                let line = s.get(pos..line_end).unwrap_or("");
                                let line = if strip {
                                    line.trim_start_matches('\t')
                                } else {
                                    line
                                };
                                pos = line_end + 1;
                                if line == delimiter {
                                    break;
                                }
                                if !heredoc_line_ok(line) {
                                    return false;
                                }
                            }
                        }
                        i = pos;
                        continue;
                    }
                    _ if Some(c) == top => {
                        stack.pop();
                    }
                    _ => {}
                }
                i += 1;
            }
        }
    }
    stack.is_empty() && heredocs.is_empty()
}

/// A heredoc body line: quotes are literal there, but expansions must close.
fn heredoc_line_ok(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => {
                let end = skip_backquote(line, i);
                if b.get(end.wrapping_sub(1)) != Some(&b'`') || end == i + 1 {
                    return false;
                }
                i = end;
            }
            b'$' if matches!(b.get(i + 1), Some(b'(' | b'{')) => {
                let (l, r) = if b[i + 1] == b'(' {
                    (b'(', b')')
                } else {
                    (b'{', b'}')
                };
                let end = skip_group(line, i + 1, l, r);
                if b.get(end.wrapping_sub(1)) != Some(&r) {
                    return false;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    true
}

/// Deepest nesting of sub-shells, `{ }` groups and `if`/`while`/`until`/`for`/`case` blocks, counted on the
/// fallback tokens (a guard against stack-hungry input: brush recurses per level).
pub(crate) fn max_block_nesting(s: &str) -> usize {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    for t in tokenize(s) {
        let text = b.get(t.start..t.end).unwrap_or(&[]);
        let delta: isize = match (t.kind, text) {
            (TokKind::Paren, b"(") => 1,
            (TokKind::Paren, b")") => -1,
            (TokKind::Word, b"if" | b"while" | b"until" | b"for" | b"select" | b"case" | b"{") => 1,
            (TokKind::Word, b"fi" | b"done" | b"esac" | b"}") => -1,
            _ => 0,
        };
        if delta > 0 {
            depth += 1;
            max = max.max(depth);
        } else if delta < 0 {
            depth = depth.saturating_sub(1);
        }
    }
    max
}

/// Maximum nesting of `(`, `{`, `$(` outside quotes (a guard against stack-hungry input).
pub(crate) fn max_nesting(s: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b'}' => depth = depth.saturating_sub(1),
            b'\'' => {
                i = skip_single(s, i);
                continue;
            }
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(raw: &str) -> String {
        decode_word(raw, &mut Vec::new())
    }

    #[test]
    fn decoding_removes_quotes_and_keeps_expansions() {
        assert_eq!(decode(r#""flask==2.0""#), "flask==2.0");
        assert_eq!(decode("'a b'c"), "a bc");
        assert_eq!(decode(r"a\ b"), "a b");
        assert_eq!(decode(r#""$HOME/x""#), "$HOME/x");
        assert_eq!(decode(r#"${A:-"x y"}"#), r#"${A:-"x y"}"#);
        assert_eq!(decode(r#""a\"b\n""#), r#"a"b\n"#);
        assert_eq!(decode("$'a\\tb'"), "a\\tb");
        assert_eq!(decode("'unterminated"), "unterminated");
        assert_eq!(decode("\"unterminated"), "unterminated");
        assert_eq!(decode("é'é'"), "éé");
    }

    #[test]
    fn decoding_finds_command_substitutions() {
        let mut subs = Vec::new();
        let raw = r#"--arch="$(dpkg --print-architecture)"-`uname -m`"#;
        let value = decode_word(raw, &mut subs);
        assert_eq!(value, "--arch=$(dpkg --print-architecture)-`uname -m`");
        let inner: Vec<&str> = subs.iter().map(|&(s, e)| &raw[s..e]).collect();
        assert_eq!(inner, ["dpkg --print-architecture", "uname -m"]);
        // `$((...))` is arithmetic, not a command.
        subs.clear();
        decode_word("$((1 + 2))", &mut subs);
        assert!(subs.is_empty());
    }

    #[test]
    fn tokenizer_splits_operators_and_redirections() {
        let s = "a 'b;c' && d 2>&1 >/dev/null | e; f &>log";
        let toks: Vec<(&str, TokKind)> = tokenize(s)
            .iter()
            .map(|t| (&s[t.start..t.end], t.kind))
            .collect();
        let texts: Vec<&str> = toks.iter().map(|t| t.0).collect();
        assert_eq!(
            texts,
            [
                "a",
                "'b;c'",
                "&&",
                "d",
                "2>&1",
                ">",
                "/dev/null",
                "|",
                "e",
                ";",
                "f",
                "&>",
                "log"
            ]
        );
        assert_eq!(toks[4].1, TokKind::Redirect { dup: true });
        assert_eq!(toks[5].1, TokKind::Redirect { dup: false });
    }

    #[test]
    fn tokenizer_reads_comments_only_at_a_word_start_outside_quotes() {
        let comments = |s: &str| -> Vec<String> {
            tokenize(s)
                .iter()
                .filter(|t| t.kind == TokKind::Comment)
                .map(|t| s[t.start..t.end].to_string())
                .collect()
        };
        assert_eq!(comments("make # build\nb"), ["# build"]);
        assert_eq!(comments("a;# x"), ["# x"]);
        for none in [
            "echo '# not' \"#no\" a#b \\# ${x#y} $# $(echo)",
            "find . -exec chmod +x {} \\;",
        ] {
            assert!(comments(none).is_empty(), "{none}");
        }
    }

    #[test]
    fn balance_check() {
        assert!(is_balanced(
            r#"echo "$(date "+%s")" 'a' `id` ${A:-x} $((1 + (2)))"#
        ));
        assert!(is_balanced("case x in a) ls;; esac"));
        assert!(is_balanced("cat <<EOF\ndon't\nEOF\nls 'x'"));
        assert!(is_balanced("cat <<-'EOT'\n\tit's\n\tEOT\n"));
        assert!(!is_balanced("cat <<-'E O'\n\tit's\n\tE O\n"));
        assert!(!is_balanced("echo \\ #'"));
        assert!(is_balanced(
            "cat <<EOF > f\nlisten $PORT; it's ${A:-x} $(date)\nEOF\n"
        ));
        assert!(!is_balanced("cat <<EOF > f\n$(date\nEOF\n"));
        assert!(!is_balanced("( cat <<EOF\nx\nEOF\n)"));
        assert!(is_balanced("echo # don't"));
        assert!(!is_balanced("echo 'a"));
        assert!(!is_balanced("echo \"a"));
        assert!(!is_balanced("echo $(a"));
        assert!(!is_balanced("echo ${a"));
        assert!(!is_balanced("echo `a"));
        assert!(!is_balanced("cat <<EOF\nno end"));
        assert!(!is_balanced(";a><<01[|$(|a)!~(\"1$(}]-"));
    }

    #[test]
    fn assignments_are_recognised() {
        assert!(is_assignment("A=1"));
        assert!(is_assignment("_a+=x"));
        assert!(is_assignment("arr[1]=x"));
        assert!(!is_assignment("1A=1"));
        assert!(!is_assignment("--opt=1"));
        assert!(!is_assignment("A"));
    }
}
