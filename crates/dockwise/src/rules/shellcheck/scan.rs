//! A quote-aware scan of one shell word as written in the source: where its expansions, command substitutions,
//! backquotes and single-quoted strings are, and whether each sits inside double quotes. The shell view gives
//! decoded words; ShellCheck's checks are about how the word was *written*, so they read the raw text here.

use crate::rules::prelude::*;

/// What a part of a word is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartKind {
    /// `$name`, `${name...}`, `$1`, `$@`, `$*`: the variable's name.
    Var(String),
    /// `$?`, `$#`, `$$`, `$!`, `$-`, `${#name}` (never split into several words).
    Special,
    /// `$((...))`.
    Arithmetic,
    /// `$(...)`.
    CommandSub,
    /// `` `...` ``.
    Backquote,
    /// `'...'` (quotes included in the span).
    SingleQuoted,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    /// Source span of the part as written.
    pub span: Span,
    /// Inside double quotes.
    pub quoted: bool,
}

/// The result of scanning one word.
#[derive(Clone, Debug, Default)]
pub struct Scanned {
    pub parts: Vec<Part>,
    /// Literal text (quoted or not, outside expansions) holds whitespace or a glob character.
    pub literal_spaceful: bool,
}

/// Scan the source text of `span`.
pub fn scan(source: &str, span: Span) -> Scanned {
    let text = span.text(source);
    let b = text.as_bytes();
    let base = span.start;
    let mut out = Scanned::default();
    let mut dq = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => {
                match b.get(i + 1) {
                    Some(b'\n') | None => {}
                    Some(b'\r') if b.get(i + 2) == Some(&b'\n') => i += 1,
                    Some(n) if n.is_ascii_whitespace() || matches!(n, b'*' | b'?' | b'[') => {
                        out.literal_spaceful = true
                    }
                    _ => {}
                }
                i += 2;
            }
            b'\'' if !dq => {
                let end = skip_single(b, i);
                if b.get(i + 1..end.saturating_sub(1)).is_some_and(|s| {
                    s.iter()
                        .any(|c| c.is_ascii_whitespace() || matches!(c, b'*' | b'?' | b'['))
                }) {
                    out.literal_spaceful = true;
                }
                out.parts
                    .push(part(PartKind::SingleQuoted, base, i, end, false));
                i = end;
            }
            b'"' => {
                dq = !dq;
                i += 1;
            }
            b'`' => {
                let end = skip_backquote(b, i);
                out.parts.push(part(PartKind::Backquote, base, i, end, dq));
                i = end;
            }
            b'$' => {
                let (kind, end) = dollar(text, i);
                if let Some(kind) = kind {
                    out.parts.push(part(kind, base, i, end, dq));
                }
                i = end.max(i + 1);
            }
            b'*' | b'?' | b'[' | b' ' | b'\t' => {
                out.literal_spaceful = true;
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn part(kind: PartKind, base: usize, start: usize, end: usize, quoted: bool) -> Part {
    Part {
        kind,
        span: Span::new(base + start, base + end),
        quoted,
    }
}

/// The expansion starting with the `$` at `i`, and its end (exclusive).
fn dollar(text: &str, i: usize) -> (Option<PartKind>, usize) {
    let b = text.as_bytes();
    match b.get(i + 1) {
        Some(b'(') if b.get(i + 2) == Some(&b'(') => {
            (Some(PartKind::Arithmetic), skip_group(b, i + 1, b'(', b')'))
        }
        Some(b'(') => (Some(PartKind::CommandSub), skip_group(b, i + 1, b'(', b')')),
        Some(b'{') => {
            let end = skip_group(b, i + 1, b'{', b'}');
            let inner = text.get(i + 2..end.saturating_sub(1)).unwrap_or("");
            if inner.len() > 1 && inner.starts_with('#') {
                return (Some(PartKind::Special), end);
            }
            let name = name_at(inner);
            let kind = match name.as_str() {
                "" => match inner.chars().next() {
                    Some('@' | '*') => PartKind::Var(inner.get(..1).unwrap_or("").to_string()),
                    _ => PartKind::Special,
                },
                _ => PartKind::Var(name),
            };
            (Some(kind), end)
        }
        Some(b'\'') => (Some(PartKind::SingleQuoted), skip_ansi(b, i + 1)),
        Some(c) if c.is_ascii_digit() || matches!(c, b'@' | b'*') => {
            (Some(PartKind::Var((*c as char).to_string())), i + 2)
        }
        Some(b'?' | b'#' | b'$' | b'!' | b'-') => (Some(PartKind::Special), i + 2),
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
            let name = name_at(text.get(i + 1..).unwrap_or(""));
            let end = i + 1 + name.len();
            (Some(PartKind::Var(name)), end)
        }
        _ => (None, i + 1),
    }
}

/// The variable name at the start of `s` (`[A-Za-z_][A-Za-z0-9_]*`, or one digit).
pub fn name_at(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => c.to_string(),
        Some(c) if c.is_ascii_alphabetic() || c == '_' => s
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect(),
        _ => String::new(),
    }
}

fn skip_single(b: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        if b[i] == b'\'' {
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

fn skip_ansi(b: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_backquote(b: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_double(b: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'$' if matches!(b.get(i + 1), Some(b'(' | b'{')) => {
                let (l, r) = if b[i + 1] == b'(' {
                    (b'(', b')')
                } else {
                    (b'{', b'}')
                };
                i = skip_group(b, i + 1, l, r);
            }
            b'`' => i = skip_backquote(b, i),
            _ => i += 1,
        }
    }
    b.len()
}

/// End (exclusive) of the bracketed group opening at `open`, skipping quotes and nested groups.
fn skip_group(b: &[u8], open: usize, left: u8, right: u8) -> usize {
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
            i = match c {
                b'\\' => i + 2,
                b'\'' => skip_single(b, i),
                b'"' => skip_double(b, i),
                b'`' => skip_backquote(b, i),
                _ => i + 1,
            };
        }
    }
    b.len()
}

/// Every RUN shell command with its instruction (shared with the hadolint-parity rules).
pub use crate::rules::common::commands::run_commands;

/// The words of a command that are expanded as arguments: arguments and redirection targets.
pub fn argument_words(cmd: &ShellCommand) -> impl Iterator<Item = &Word> {
    cmd.args()
        .iter()
        .chain(cmd.redirects.iter().filter_map(|r| r.target.as_ref()))
}

/// `export`, `local` and friends: their `NAME=value` arguments are assignments.
pub fn is_declaration(cmd: &ShellCommand) -> bool {
    matches!(
        cmd.program(),
        Some("export" | "local" | "readonly" | "declare" | "typeset")
    )
}

/// In bash, ksh and zsh, `export NAME=value` (and `local`, `declare`...) assigns like `NAME=value`: the value is
/// not split. In `sh` (dash) it is an ordinary argument and is split.
pub fn is_declared_assignment(info: &InstructionInfo, cmd: &ShellCommand, word: &Word) -> bool {
    let ShellKind::Posix { program, .. } = &info.shell else {
        return false;
    };
    let base = program.rsplit('/').next().unwrap_or("");
    let splits_declarations = !matches!(base, "bash" | "zsh" | "ksh" | "mksh");
    if splits_declarations || !is_declaration(cmd) {
        return false;
    }
    word.value.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PartKind, bool)> {
        scan(text, Span::new(0, text.len()))
            .parts
            .into_iter()
            .map(|p| (p.kind, p.quoted))
            .collect()
    }

    #[test]
    fn tells_quoted_from_unquoted_expansions() {
        assert_eq!(
            kinds("a$x\"${y}\"$(ls \"$z\")'$w'`pwd`$#${#v}$((1+2))"),
            vec![
                (PartKind::Var("x".into()), false),
                (PartKind::Var("y".into()), true),
                (PartKind::CommandSub, false),
                (PartKind::SingleQuoted, false),
                (PartKind::Backquote, false),
                (PartKind::Special, false),
                (PartKind::Special, false),
                (PartKind::Arithmetic, false),
            ]
        );
    }

    #[test]
    fn escaped_dollars_and_unclosed_groups_do_not_panic() {
        assert!(kinds("\\$x").is_empty());
        assert_eq!(kinds("$(ls"), vec![(PartKind::CommandSub, false)]);
        assert_eq!(kinds("${"), vec![(PartKind::Special, false)]);
        assert!(kinds("$").is_empty());
    }

    #[test]
    fn notices_spaces_and_globs_in_literal_text() {
        assert!(scan("'a b'", Span::new(0, 5)).literal_spaceful);
        assert!(!scan("1.2.3", Span::new(0, 5)).literal_spaceful);
        assert!(scan("*.txt", Span::new(0, 5)).literal_spaceful);
    }
}
