//! The best-effort split used when brush cannot read a script (unbalanced quotes, PowerShell, cmd.exe, ...):
//! commands separated by `&&`, `||`, `;`, `|`, `&` and newlines outside quotes, words split on blanks, leading
//! `NAME=value` words as assignments, redirections recognised. Never fails.

use super::lex::{self, TokKind};
use super::walk::Sink;
use super::{Joiner, Redirect, ShellCommand};
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
    /// Skipping the header words of `for`/`case`/`select`.
    skipping_header: bool,
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
            TokKind::Word => splitter.word(text, s, e),
            TokKind::Redirect { dup } => {
                splitter.current.skipping_header = false;
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
            TokKind::Separator => {
                let joiner = match text {
                    "&&" => Joiner::And,
                    "||" => Joiner::Or,
                    "|" | "|&" => Joiner::Pipe,
                    "&" => Joiner::Background,
                    _ => Joiner::Sequence,
                };
                if splitter.current.is_empty() {
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
        if cur.skipping_header {
            if raw == "in" {
                cur.skipping_header = false;
                // `case x in`: what follows are patterns and commands; `for x in a b`: the list.
            }
            return;
        }
        if cur.words.is_empty() && cur.assignments.is_empty() && cur.redirects.is_empty() {
            if RESERVED.contains(&raw) {
                return;
            }
            if matches!(raw, "for" | "case" | "select") {
                cur.skipping_header = true;
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
            words: cur.words,
            redirects: cur.redirects,
            joined_by,
            pipeline,
            depth: self.depth + self.paren_depth,
            in_substitution: self.in_substitution,
        });
        self.substitutions(&cur.subs);
    }

    fn substitutions(&mut self, subs: &[(usize, usize)]) {
        let depth = self.depth + self.paren_depth + 1;
        if depth > MAX_DEPTH {
            return;
        }
        for &(s, e) in subs {
            split_range(self.lt, s, e, depth, true, self.sink);
        }
    }
}
