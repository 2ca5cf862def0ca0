//! The best-effort split used when brush cannot read a script (unbalanced quotes, PowerShell, cmd.exe, ...):
//! commands separated by `&&`, `||`, `;`, `|`, `&` and newlines outside quotes, words split on blanks, leading
//! `NAME=value` words as assignments, redirections recognised. Never fails.

use super::lex::{self, TokKind};
use super::walk::Sink;
use super::{Joiner, ProgramName, Redirect, ShellCommand};
use crate::ast::{LogicalText, Word};

const RESERVED: [&str; 14] = [
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "esac", "{", "}", "!",
    "time",
];

const MAX_DEPTH: usize = 8;

#[derive(Default)]
struct Current {
    assignments: Vec<Word>,
    words: Vec<Word>,
    redirects: Vec<Redirect>,
    /// A redirection waiting for its target word.
    open_redirect: Option<Redirect>,
    subs: Vec<(usize, usize)>,
    /// Skipping the header words of `for`/`select` (to the end of the line) or `case` (to `in`).
    skipping_header: Option<Header>,
    /// Right after `}`, `done`, `fi` or `esac`: redirections belong to the compound (its last command).
    after_close: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Header {
    For,
    Case,
}

impl Current {
    fn is_empty(&self) -> bool {
        self.assignments.is_empty()
            && self.words.is_empty()
            && self.redirects.is_empty()
            && self.open_redirect.is_none()
    }
}

struct Splitter<'a, 's> {
    lt: &'a LogicalText,
    depth: usize,
    paren_depth: usize,
    /// Nesting in `if`/`while`/`until`/`for`/`case` bodies and `{ }` groups, from their keywords.
    block_depth: usize,
    /// Reading `case` patterns (after `in` or `;;`, up to `)`).
    in_pattern: bool,
    /// Open `case` commands.
    open_cases: usize,
    in_substitution: bool,
    first: bool,
    pending: Option<Joiner>,
    sink: &'s mut Sink,
    current: Current,
}

/// Split `lt.text[start..end]` and push its commands.
pub(crate) fn split_range(
    lt: &LogicalText,
    start: usize,
    end: usize,
    depth: usize,
    in_substitution: bool,
    sink: &mut Sink,
) {
    let Some(slice) = lt.text.get(start..end) else {
        return;
    };
    let mut splitter = Splitter {
        lt,
        depth,
        paren_depth: 0,
        block_depth: 0,
        in_pattern: false,
        open_cases: 0,
        in_substitution,
        first: true,
        pending: None,
        sink,
        current: Current::default(),
    };
    for tok in lex::tokenize(slice) {
        let text = slice.get(tok.start..tok.end).unwrap_or("");
        let (s, e) = (start + tok.start, start + tok.end);
        match tok.kind {
            TokKind::Comment => {}
            TokKind::Word if splitter.in_pattern => {
                if text == "esac" {
                    splitter.in_pattern = false;
                    splitter.word(text, s, e);
                }
            }
            TokKind::Word => splitter.word(text, s, e),
            TokKind::Redirect { dup } => {
                let redirect = Redirect {
                    span: lt.span_of(s, e),
                    operator: text.to_string(),
                    target: None,
                };
                if dup {
                    splitter.current.redirects.push(redirect);
                } else if let Some(previous) = splitter.current.open_redirect.replace(redirect) {
                    splitter.current.redirects.push(previous);
                }
            }
            TokKind::Separator if splitter.in_pattern => {}
            TokKind::Paren if splitter.in_pattern => {
                if text == ")" {
                    splitter.in_pattern = false;
                }
            }
            TokKind::Separator if text == ";;" && splitter.open_cases > 0 => {
                splitter.flush();
                splitter.in_pattern = true;
            }
            TokKind::Separator => {
                let joiner = match text {
                    "&&" => Joiner::And,
                    "||" => Joiner::Or,
                    "|" | "|&" => Joiner::Pipe,
                    "&" => Joiner::Background,
                    _ => Joiner::Sequence,
                };
                if splitter.current.skipping_header == Some(Header::For)
                    && joiner == Joiner::Sequence
                {
                    splitter.current.skipping_header = None;
                    splitter.pending = Some(joiner);
                } else if splitter.current.is_empty() {
                    // `&&` followed by a newline keeps the `&&`.
                    if text != "\n" || splitter.pending.is_none() {
                        splitter.pending = Some(joiner);
                    }
                } else {
                    splitter.flush();
                    splitter.pending = Some(joiner);
                }
            }
            TokKind::Paren => {
                splitter.flush();
                if text == "(" {
                    splitter.paren_depth += 1;
                } else {
                    splitter.paren_depth = splitter.paren_depth.saturating_sub(1);
                }
            }
        }
    }
    splitter.flush();
}

impl Splitter<'_, '_> {
    fn word(&mut self, raw: &str, start: usize, end: usize) {
        let mut local = Vec::new();
        let value = lex::decode_word(raw, &mut local);
        let word = Word {
            span: self.lt.span_of(start, end),
            value,
        };
        let cur = &mut self.current;
        cur.subs
            .extend(local.into_iter().map(|(s, e)| (start + s, start + e)));
        if let Some(mut redirect) = cur.open_redirect.take() {
            redirect.span = redirect.span.cover(word.span);
            redirect.target = Some(word);
            cur.redirects.push(redirect);
            return;
        }
        if let Some(header) = cur.skipping_header {
            if header == Header::Case && raw == "in" {
                cur.skipping_header = None;
                self.in_pattern = true;
            }
            return;
        }
        if cur.words.is_empty() && cur.assignments.is_empty() && cur.redirects.is_empty() {
            match raw {
                "if" | "while" | "until" | "{" => self.block_depth += 1,
                "fi" | "done" | "}" => {
                    self.block_depth = self.block_depth.saturating_sub(1);
                    cur.after_close = true;
                }
                "esac" => {
                    self.block_depth = self.block_depth.saturating_sub(1);
                    self.open_cases = self.open_cases.saturating_sub(1);
                    cur.after_close = true;
                }
                "for" | "select" => {
                    self.block_depth += 1;
                    cur.skipping_header = Some(Header::For);
                    return;
                }
                "case" => {
                    self.block_depth += 1;
                    self.open_cases += 1;
                    cur.skipping_header = Some(Header::Case);
                    return;
                }
                _ => {}
            }
            if RESERVED.contains(&raw) {
                return;
            }
        }
        if cur.words.is_empty() && lex::is_assignment(raw) {
            cur.assignments.push(word);
        } else {
            cur.words.push(word);
        }
    }

    fn flush(&mut self) {
        let mut cur = std::mem::take(&mut self.current);
        if let Some(r) = cur.open_redirect.take() {
            cur.redirects.push(r);
        }
        if cur.assignments.is_empty() && cur.words.is_empty() && cur.redirects.is_empty() {
            self.substitutions(&cur.subs);
            return;
        }
        if cur.after_close && cur.assignments.is_empty() && cur.words.is_empty() {
            if let Some(last) = self.sink.commands.last_mut() {
                for r in cur.redirects {
                    last.span = last.span.cover(r.span);
                    last.redirects.push(r);
                }
                self.substitutions(&cur.subs);
                return;
            }
        }
        let Some(span) = cur
            .assignments
            .iter()
            .chain(&cur.words)
            .map(|w| w.span)
            .chain(cur.redirects.iter().map(|r| r.span))
            .reduce(|a, b| a.cover(b))
        else {
            return;
        };
        let joined_by = if self.first {
            None
        } else {
            Some(self.pending.unwrap_or(Joiner::Sequence))
        };
        let pipeline = match (joined_by, self.sink.commands.last()) {
            (Some(Joiner::Pipe), Some(last)) => last.pipeline,
            _ => self.sink.new_pipeline(),
        };
        self.first = false;
        self.pending = None;
        self.sink.commands.push(ShellCommand {
            span,
            assignments: cur.assignments,
            program_name: ProgramName::of(&cur.words),
            words: cur.words,
            redirects: cur.redirects,
            joined_by,
            pipeline,
            depth: self.depth + self.paren_depth + self.block_depth,
            in_substitution: self.in_substitution,
        });
        self.substitutions(&cur.subs);
    }

    fn substitutions(&mut self, subs: &[(usize, usize)]) {
        let depth = self.depth + self.paren_depth + self.block_depth + 1;
        if depth > MAX_DEPTH {
            return;
        }
        for &(s, e) in subs {
            split_range(self.lt, s, e, depth, true, self.sink);
        }
    }
}
