//! Dockerfile syntax highlighting from dockwise-syntax's tree: each byte gets a token class, then runs of equal
//! classes (and equal finding severity) become the segments the editor's highlighted layer renders as text.

use dockwise::syntax::ast::{Body, Instruction, Item};
use dockwise::syntax::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Token {
    Plain = 0,
    Keyword,
    Flag,
    Str,
    Var,
    Comment,
    Directive,
    Heredoc,
    Image,
    Stage,
    Option,
    Error,
    HeredocBody,
}

const TOKENS: [Token; 13] = [
    Token::Plain,
    Token::Keyword,
    Token::Flag,
    Token::Str,
    Token::Var,
    Token::Comment,
    Token::Directive,
    Token::Heredoc,
    Token::Image,
    Token::Stage,
    Token::Option,
    Token::Error,
    Token::HeredocBody,
];

impl Token {
    /// The CSS class (empty for plain text).
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Keyword => "t-kw",
            Token::Flag => "t-flag",
            Token::Str => "t-str",
            Token::Var => "t-var",
            Token::Comment => "t-comment",
            Token::Directive => "t-directive",
            Token::Heredoc => "t-heredoc",
            Token::Image => "t-image",
            Token::Stage => "t-stage",
            Token::Option => "t-opt",
            Token::Error => "t-error",
            Token::HeredocBody => "t-heredoc-body",
        }
    }
}

/// One run of text with one token class and the highest severity of the findings covering it (0 = none,
/// 1 = style ... 4 = error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub token: Token,
    pub mark: u8,
}

/// A finding's byte range and severity rank (1 = style ... 4 = error).
pub type Mark = (usize, usize, u8);

/// Split `source` into highlighted segments, with `marks` (findings) underlined.
pub fn segments(source: &str, marks: &[Mark]) -> Vec<Segment> {
    let len = source.len();
    if len == 0 {
        return Vec::new();
    }
    let mut tokens = vec![Token::Plain as u8; len];
    let (file, _) = dockwise::syntax::parse(source);
    for item in &file.items {
        match item {
            Item::Directive(d) => paint(&mut tokens, d.span, Token::Directive),
            Item::Comment(c) => paint(&mut tokens, c.span, Token::Comment),
            Item::Error(e) => paint(&mut tokens, e.span, Token::Error),
            Item::Blank(_) => {}
            Item::Instruction(i) => instruction(source, &mut tokens, i),
        }
    }
    let mut sev = vec![0u8; len];
    for &(start, end, rank) in marks {
        // An empty span (an insertion point) still gets one visible character.
        let end = if end <= start {
            next_boundary(source, start)
        } else {
            end
        };
        for s in sev.iter_mut().take(end.min(len)).skip(start) {
            *s = (*s).max(rank);
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut start = 0;
    for (i, _) in source
        .char_indices()
        .skip(1)
        .chain(std::iter::once((len, ' ')))
    {
        let (t, m) = (tokens[start], sev[start]);
        if i == len || tokens[i] != t || sev[i] != m {
            out.push(Segment {
                start,
                end: i,
                token: TOKENS.get(t as usize).copied().unwrap_or(Token::Plain),
                mark: m,
            });
            start = i;
        }
    }
    out
}

/// The segments within bytes `start..end` of the text, cut at both ends: what the editor renders for the lines
/// on screen (the text around them is rendered plain, so the layer keeps the whole text's size).
pub fn within(
    segments: &[Segment],
    start: usize,
    end: usize,
) -> impl Iterator<Item = Segment> + '_ {
    let first = segments.partition_point(|s| s.end <= start);
    segments[first..]
        .iter()
        .take_while(move |s| s.start < end)
        .map(move |s| Segment {
            start: s.start.max(start),
            end: s.end.min(end),
            ..s.clone()
        })
}

fn next_boundary(source: &str, at: usize) -> usize {
    source
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(at, |c| {
            if c == '\n' || c == '\r' {
                at
            } else {
                at + c.len_utf8()
            }
        })
}

fn paint(tokens: &mut [u8], span: Span, token: Token) {
    let end = span.end.min(tokens.len());
    if span.start < end {
        tokens[span.start..end].fill(token as u8);
    }
}

fn instruction(source: &str, tokens: &mut [u8], i: &Instruction) {
    lex_args(source, tokens, i.args);
    for h in &i.heredocs {
        paint(tokens, h.body, Token::HeredocBody);
        if !h.quoted {
            lex_vars(source, tokens, h.body);
        }
        paint(tokens, h.opener, Token::Heredoc);
        paint(tokens, h.terminator, Token::Heredoc);
    }
    paint(tokens, i.keyword, Token::Keyword);
    for f in &i.flags {
        paint(tokens, f.span, Token::Flag);
    }
    match &i.body {
        Body::From(from) => {
            paint(tokens, from.image.span, Token::Image);
            if let Some(a) = from.as_keyword {
                paint(tokens, a, Token::Keyword);
            }
            if let Some(n) = &from.stage_name {
                paint(tokens, n.span, Token::Stage);
            }
        }
        Body::Onbuild(inner) => instruction(source, tokens, inner),
        _ => {}
    }
    for c in &i.comments {
        paint(tokens, *c, Token::Comment);
    }
}

/// Strings, variables and `-options` in an instruction's arguments.
fn lex_args(source: &str, tokens: &mut [u8], span: Span) {
    let Some(text) = source.get(span.start..span.end.min(source.len())) else {
        return;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut word_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        let at = span.start + i;
        match b {
            b'"' | b'\'' => {
                let close = bytes[i + 1..]
                    .iter()
                    .position(|&c| c == b)
                    .map_or(bytes.len(), |p| i + 1 + p + 1);
                paint(
                    tokens,
                    Span {
                        start: at,
                        end: span.start + close,
                    },
                    Token::Str,
                );
                if b == b'"' {
                    lex_vars(
                        source,
                        tokens,
                        Span {
                            start: at,
                            end: span.start + close,
                        },
                    );
                }
                i = close;
                word_start = false;
                continue;
            }
            b'$' => {
                let n = var_len(&bytes[i..]);
                paint(
                    tokens,
                    Span {
                        start: at,
                        end: at + n,
                    },
                    Token::Var,
                );
                i += n.max(1);
                word_start = false;
                continue;
            }
            b'-' if word_start => {
                let n = bytes[i..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'=')
                    .unwrap_or(bytes.len() - i);
                paint(
                    tokens,
                    Span {
                        start: at,
                        end: at + n,
                    },
                    Token::Option,
                );
                i += n;
                word_start = false;
                continue;
            }
            _ => {
                word_start =
                    b.is_ascii_whitespace() || b == b';' || b == b'&' || b == b'|' || b == b'('
            }
        }
        i += 1;
    }
}

fn lex_vars(source: &str, tokens: &mut [u8], span: Span) {
    let Some(text) = source.get(span.start..span.end.min(source.len())) else {
        return;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            let n = var_len(&bytes[i..]);
            paint(
                tokens,
                Span {
                    start: span.start + i,
                    end: span.start + i + n,
                },
                Token::Var,
            );
            i += n.max(1);
        } else {
            i += 1;
        }
    }
}

/// Length of `$NAME`, `${...}` or `$1` at the start of `bytes` (0 when `$` starts nothing).
fn var_len(bytes: &[u8]) -> usize {
    match bytes.get(1) {
        Some(b'{') => bytes
            .iter()
            .position(|&c| c == b'}' || c == b'\n')
            .map_or(bytes.len(), |p| p + 1),
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
            1 + bytes[1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count()
        }
        Some(c) if c.is_ascii_digit() || matches!(c, b'@' | b'*' | b'#' | b'?' | b'$' | b'!') => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_cuts_the_segments_at_the_window() {
        let source = "FROM alpine\nRUN echo hi\nCMD run\n";
        let all = segments(source, &[]);
        let (start, end) = (12, 24); // the RUN line with its newline
        let cut: Vec<Segment> = within(&all, start, end).collect();
        assert_eq!(cut.first().map(|s| s.start), Some(start));
        assert_eq!(cut.last().map(|s| s.end), Some(end));
        let text: String = cut.iter().map(|s| &source[s.start..s.end]).collect();
        assert_eq!(text, "RUN echo hi\n");
        assert!(
            cut.windows(2).all(|w| w[0].end == w[1].start),
            "no gap, no overlap"
        );
        assert_eq!(cut[0].token, Token::Keyword);
        assert_eq!(within(&all, 0, 0).count(), 0);
        assert_eq!(within(&all, source.len(), source.len()).count(), 0);
        let whole: Vec<Segment> = within(&all, 0, source.len()).collect();
        assert_eq!(whole, all);
    }

    fn classes(source: &str) -> Vec<(&str, &'static str)> {
        segments(source, &[])
            .into_iter()
            .filter(|s| s.token != Token::Plain)
            .map(|s| (&source[s.start..s.end], s.token.class()))
            .collect()
    }

    #[test]
    fn highlights_instructions_flags_images_and_stages() {
        let c = classes("FROM --platform=linux/amd64 python:3.12 AS build\n");
        assert!(c.contains(&("FROM", "t-kw")));
        assert!(c.contains(&("--platform=linux/amd64", "t-flag")));
        assert!(c.contains(&("python:3.12", "t-image")));
        assert!(c.contains(&("AS", "t-kw")));
        assert!(c.contains(&("build", "t-stage")));
    }

    #[test]
    fn highlights_strings_variables_options_and_comments() {
        let c = classes("# hello\nRUN pip install --no-cache-dir \"$PKG\" ${VERSION}\n");
        assert!(c.contains(&("# hello\n", "t-comment")));
        assert!(c.contains(&("--no-cache-dir", "t-opt")));
        assert!(c.contains(&("$PKG", "t-var")));
        assert!(c.contains(&("${VERSION}", "t-var")));
        assert!(c.iter().any(|(t, k)| *k == "t-str" && t.starts_with('"')));
    }

    #[test]
    fn highlights_heredocs() {
        let c = classes("# syntax=docker/dockerfile:1\nFROM alpine\nRUN <<EOF\necho $HOME\nEOF\n");
        assert!(c.contains(&("<<EOF", "t-heredoc")));
        assert!(c.contains(&("$HOME", "t-var")));
        assert!(c.iter().any(|(_, k)| *k == "t-heredoc-body"));
    }

    #[test]
    fn segments_cover_the_text_exactly_even_with_multibyte_characters() {
        let source = "FROM alpine\nRUN echo \"héllo ✓\" # ünïcode\n";
        let segs = segments(source, &[(12, 15, 3)]);
        let joined: String = segs.iter().map(|s| &source[s.start..s.end]).collect();
        assert_eq!(joined, source);
        assert!(segs
            .iter()
            .any(|s| s.mark == 3 && &source[s.start..s.end] == "RUN"));
    }

    #[test]
    fn an_empty_finding_span_marks_one_character() {
        let segs = segments("FROM alpine\n", &[(5, 5, 2)]);
        assert!(segs
            .iter()
            .any(|s| s.mark == 2 && s.start == 5 && s.end == 6));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            "\"",
            "$",
            "${",
            "RUN \"unterminated",
            "\u{0}\u{1}FROM",
            "RUN <<EOF",
            "\r\n\r\n",
        ] {
            let segs = segments(s, &[(0, 99, 4)]);
            let joined: String = segs.iter().map(|x| &s[x.start..x.end]).collect();
            assert_eq!(joined, s);
        }
    }
}
