//! Walk brush-parser's AST into the flat command list.
//!
//! brush gives every word a location (a character index into the text it parsed) but none to redirections or
//! operators, so redirection spans are rebuilt from brush's operator tokens, in source order.

use brush_parser::ast;
use brush_parser::{SourcePosition, Token};

use super::lex;
use super::{Joiner, ProgramName, Redirect, ShellCommand};
use crate::ast::{LogicalText, Word};

/// State shared by a script and the command substitutions inside it.
pub(crate) struct Sink {
    pub commands: Vec<ShellCommand>,
    pub next_pipeline: usize,
}

impl Sink {
    pub fn new_pipeline(&mut self) -> usize {
        let p = self.next_pipeline;
        self.next_pipeline += 1;
        p
    }
}

/// Deepest `$(...)` nesting we descend into.
const MAX_SUBSTITUTION_DEPTH: usize = 8;

/// Parse `lt.text[start..end]` with brush and push its commands; on failure returns the error message and
/// pushes nothing.
pub(crate) fn parse_range(
    lt: &LogicalText,
    start: usize,
    end: usize,
    depth: usize,
    in_substitution: bool,
    sink: &mut Sink,
) -> Result<(), String> {
    let Some(slice) = lt.text.get(start..end) else {
        return Err("invalid range".to_string());
    };
    // brush recurses per level (about 6 KB of stack each, natively); wasm has a 1 MB stack and aborts.
    if lex::max_nesting(slice) > 32 || lex::max_block_nesting(slice) > 24 {
        return Err("script nested too deeply".to_string());
    }
    let options = brush_parser::ParserOptions::default();
    // A Dockerfile heredoc (`RUN cat <<EOF > f`) has its body outside the script text: give brush an empty one.
    let suffix = missing_heredoc_terminators(slice);
    let owned;
    let parse_text: &str = if suffix.is_empty() {
        slice
    } else {
        owned = format!("{slice}{suffix}");
        &owned
    };
    if !lex::is_balanced(parse_text) {
        return Err("unclosed quote, substitution or heredoc".to_string());
    }
    let tokens = brush_parser::uncached_tokenize_str(parse_text, &options.tokenizer_options())
        .map_err(|e| e.to_string())?;
    // brush unwraps the parse of an fd number (`99999999999>x` would panic): refuse those first.
    if tokens.windows(2).any(|pair| {
        matches!((&pair[0], &pair[1]), (Token::Word(w, _), Token::Operator(o, _))
            if w.len() > 9 && w.bytes().all(|b| b.is_ascii_digit()) && o.starts_with(['<', '>']))
    }) {
        return Err("file descriptor number out of range".to_string());
    }
    let program = brush_parser::parse_tokens(&tokens, &options).map_err(|e| e.to_string())?;

    let chars = if slice.is_ascii() {
        None
    } else {
        let mut v: Vec<usize> = parse_text.char_indices().map(|(i, _)| i).collect();
        v.push(parse_text.len());
        Some(v)
    };
    let mut walker = Walker {
        lt,
        base: start,
        limit: end,
        chars,
        redirect_ops: Vec::new(),
        next_op: 0,
        cursor: start,
        pending: None,
        pipeline: 0,
        depth,
        in_substitution,
        first: true,
        sink,
    };
    for token in &tokens {
        if let Token::Operator(op, loc) = token {
            if op.starts_with(['<', '>']) || op.starts_with("&>") {
                let mut s = walker.pos(&loc.start);
                let e = walker.pos(&loc.end);
                // Like words, an operator after a `\`-newline starts early.
                while s < e
                    && lt
                        .text
                        .get(s..e)
                        .is_some_and(|t| !t.starts_with(['<', '>', '&']))
                {
                    s += 1;
                }
                walker.redirect_ops.push((s, e));
            }
        }
    }
    for list in &program.complete_commands {
        walker.compound_list(list, 0);
    }
    Ok(())
}

/// For each `<<DELIM` whose terminator line is missing from `text`, a `\nDELIM` line to append.
fn missing_heredoc_terminators(text: &str) -> String {
    if !text.contains("<<") {
        return String::new();
    }
    let mut suffix = String::new();
    let toks = lex::tokenize(text);
    for (i, tok) in toks.iter().enumerate() {
        let op = text.get(tok.start..tok.end).unwrap_or("");
        let trimmed = op.trim_start_matches(|c: char| c.is_ascii_digit());
        if !matches!(tok.kind, lex::TokKind::Redirect { .. }) || !matches!(trimmed, "<<" | "<<-") {
            continue;
        }
        let Some(next) = toks.get(i + 1).filter(|t| t.kind == lex::TokKind::Word) else {
            continue;
        };
        let raw = text.get(next.start..next.end).unwrap_or("");
        let delim = lex::decode_word(raw, &mut Vec::new());
        if delim.is_empty() || delim.contains('\n') {
            continue;
        }
        let present = text.lines().any(|l| {
            let l = if trimmed == "<<-" {
                l.trim_start_matches('\t')
            } else {
                l
            };
            l == delim
        });
        if !present {
            suffix.push('\n');
            suffix.push_str(&delim);
        }
    }
    if !suffix.is_empty() {
        suffix.push('\n');
    }
    suffix
}

struct Walker<'a, 's> {
    lt: &'a LogicalText,
    /// Logical offset of the text brush parsed.
    base: usize,
    /// Logical end of the real text (anything after is our synthetic heredoc terminators).
    limit: usize,
    /// Byte offset of each char of the parsed text, when it is not ASCII.
    chars: Option<Vec<usize>>,
    /// Logical ranges of brush's redirection operator tokens, in order.
    redirect_ops: Vec<(usize, usize)>,
    next_op: usize,
    /// Logical offset up to which the source has been consumed.
    cursor: usize,
    /// The joiner for the next command pushed.
    pending: Option<Joiner>,
    pipeline: usize,
    depth: usize,
    in_substitution: bool,
    /// No command pushed yet at this level.
    first: bool,
    sink: &'s mut Sink,
}

impl Walker<'_, '_> {
    /// Logical byte offset of a brush position.
    fn pos(&self, p: &SourcePosition) -> usize {
        let byte = match &self.chars {
            None => p.index,
            Some(v) => v
                .get(p.index)
                .copied()
                .unwrap_or_else(|| v.last().copied().unwrap_or(0)),
        };
        (self.base + byte).min(self.limit)
    }

    fn compound_list(&mut self, list: &ast::CompoundList, depth: usize) {
        for (i, item) in list.0.iter().enumerate() {
            if i > 0 {
                let sep = match list.0[i - 1].1 {
                    ast::SeparatorOperator::Async => Joiner::Background,
                    ast::SeparatorOperator::Sequence => Joiner::Sequence,
                };
                self.pending = Some(sep);
            }
            self.and_or(&item.0, depth);
            if matches!(item.1, ast::SeparatorOperator::Async) {
                // `a & b`: the `&` joins a to what follows, even across a compound's end.
                self.pending = Some(Joiner::Background);
            }
        }
        if self.pending.is_none() && !self.first {
            self.pending = Some(Joiner::Sequence);
        }
    }

    fn and_or(&mut self, list: &ast::AndOrList, depth: usize) {
        self.pipeline_(&list.first, depth);
        for next in &list.additional {
            let (joiner, pipeline) = match next {
                ast::AndOr::And(p) => (Joiner::And, p),
                ast::AndOr::Or(p) => (Joiner::Or, p),
            };
            self.pending = Some(joiner);
            self.pipeline_(pipeline, depth);
        }
    }

    fn pipeline_(&mut self, pipeline: &ast::Pipeline, depth: usize) {
        let outer = self.pipeline;
        self.pipeline = self.sink.new_pipeline();
        let own = self.pipeline;
        for (i, command) in pipeline.seq.iter().enumerate() {
            if i > 0 {
                self.pending = Some(Joiner::Pipe);
            }
            self.pipeline = own;
            self.command(command, depth);
        }
        self.pipeline = outer;
    }

    fn command(&mut self, command: &ast::Command, depth: usize) {
        match command {
            ast::Command::Simple(simple) => self.simple(simple, depth),
            ast::Command::Compound(compound, redirects) => {
                self.compound(compound, depth);
                if let Some(list) = redirects {
                    self.trailing_redirects(list);
                }
            }
            ast::Command::Function(f) => {
                self.compound(&f.body.0, depth);
                if let Some(list) = &f.body.1 {
                    self.trailing_redirects(list);
                }
            }
            ast::Command::ExtendedTest(..) => {}
        }
    }

    /// Redirections after a compound command (`( ... ) > log`) go to the last command pushed inside it.
    fn trailing_redirects(&mut self, list: &ast::RedirectList) {
        let redirects: Vec<Redirect> = list.0.iter().map(|r| self.redirect(r, None)).collect();
        if let Some(last) = self.sink.commands.last_mut() {
            for r in redirects {
                last.span = last.span.cover(r.span);
                last.redirects.push(r);
            }
        }
    }

    fn compound(&mut self, compound: &ast::CompoundCommand, depth: usize) {
        let inner = depth + 1;
        match compound {
            ast::CompoundCommand::BraceGroup(b) => self.compound_list(&b.list, inner),
            ast::CompoundCommand::Subshell(s) => self.compound_list(&s.list, inner),
            ast::CompoundCommand::ForClause(f) => {
                for w in f.values.iter().flatten() {
                    self.header_word(w, inner);
                }
                self.compound_list(&f.body.list, inner);
            }
            ast::CompoundCommand::ArithmeticForClause(f) => self.compound_list(&f.body.list, inner),
            ast::CompoundCommand::CaseClause(c) => {
                self.header_word(&c.value, inner);
                for item in &c.cases {
                    if let Some(list) = &item.cmd {
                        self.compound_list(list, inner);
                    }
                }
            }
            ast::CompoundCommand::IfClause(c) => {
                self.compound_list(&c.condition, inner);
                self.compound_list(&c.then, inner);
                for e in c.elses.iter().flatten() {
                    if let Some(cond) = &e.condition {
                        self.compound_list(cond, inner);
                    }
                    self.compound_list(&e.body, inner);
                }
            }
            ast::CompoundCommand::WhileClause(w) | ast::CompoundCommand::UntilClause(w) => {
                self.compound_list(&w.0, inner);
                self.compound_list(&w.1.list, inner);
            }
            ast::CompoundCommand::Coprocess(c) => self.command(&c.body, inner),
            ast::CompoundCommand::Arithmetic(a) => self.arithmetic(a, depth),
        }
    }

    /// brush reads `( (a) )` as the arithmetic command `((a))`: when the source has a blank between the two
    /// parentheses, parse the inside again as a sub-shell.
    fn arithmetic(&mut self, a: &ast::ArithmeticCommand, depth: usize) {
        let start = self.pos(&a.loc.start);
        let end = self.pos(&a.loc.end);
        self.cursor = self.cursor.max(end);
        let Some(text) = self.lt.text.get(start..end) else {
            return;
        };
        let Some(rest) = text.strip_prefix('(') else {
            return;
        };
        if !rest.starts_with([' ', '\t', '\n']) || !text.ends_with(')') {
            return;
        }
        let before = self.sink.commands.len();
        let base = self.depth + depth + 1;
        let (s, e) = (start + 1, end - 1);
        if parse_range(self.lt, s, e, base, self.in_substitution, self.sink).is_err() {
            self.sink.commands.truncate(before);
            super::fallback::split_range(self.lt, s, e, base, self.in_substitution, self.sink);
        }
        if let Some(first) = self.sink.commands.get_mut(before) {
            first.joined_by = if self.first {
                None
            } else {
                Some(self.pending.unwrap_or(Joiner::Sequence))
            };
            self.first = false;
            self.pending = None;
        }
    }

    /// A word outside any simple command (`for x in $(ls)`, `case $(uname) in`): only its substitutions
    /// matter.
    fn header_word(&mut self, w: &ast::Word, depth: usize) {
        let mut subs = Vec::new();
        self.word(w, &mut subs);
        self.substitutions(&subs, depth);
    }

    /// Our word for a brush word, its command substitutions (logical ranges) pushed to `subs`.
    fn word(&mut self, w: &ast::Word, subs: &mut Vec<(usize, usize)>) -> Word {
        let Some(loc) = &w.loc else {
            return Word {
                span: self.lt.span_of(self.cursor, self.cursor),
                value: lex::decode_word(&w.value, &mut Vec::new()),
            };
        };
        let mut start = self.pos(&loc.start);
        let end = self.pos(&loc.end).max(start);
        // brush starts a word after a `\`-newline at the newline: skip blanks and continuations.
        while let Some(rest) = self.lt.text.get(start..end) {
            if rest.starts_with([' ', '\t', '\n', '\r']) {
                start += 1;
            } else if rest.starts_with("\\\n") {
                start += 2;
            } else {
                break;
            }
        }
        let raw = self.lt.text.get(start..end).unwrap_or("");
        let mut local = Vec::new();
        let value = lex::decode_word(raw, &mut local);
        subs.extend(local.into_iter().map(|(s, e)| (start + s, start + e)));
        self.cursor = self.cursor.max(end);
        Word {
            span: self.lt.span_of(start, end),
            value,
        }
    }

    /// The next redirection operator token at or after the cursor (logical range).
    fn take_redirect_op(&mut self) -> Option<(usize, usize)> {
        while let Some(&(s, e)) = self.redirect_ops.get(self.next_op) {
            self.next_op += 1;
            if s >= self.cursor {
                return Some((s, e));
            }
        }
        None
    }

    fn redirect(
        &mut self,
        r: &ast::IoRedirect,
        subs: Option<&mut Vec<(usize, usize)>>,
    ) -> Redirect {
        let op = self.take_redirect_op();
        let fd = match r {
            ast::IoRedirect::File(fd, ..)
            | ast::IoRedirect::HereDocument(fd, _)
            | ast::IoRedirect::HereString(fd, _) => *fd,
            ast::IoRedirect::OutputAndError(..) => None,
        };
        let (op_start, op_end) = op.unwrap_or((self.cursor, self.cursor));
        // The fd digits sit right before the operator.
        let digits = fd.map_or(0, |n| n.to_string().len());
        let start = if op_start >= self.base + digits && digits > 0 {
            op_start - digits
        } else {
            op_start
        };
        self.cursor = self.cursor.max(op_end);
        let mut scratch = Vec::new();
        let subs = subs.unwrap_or(&mut scratch);
        let (target, duplicate) = match r {
            ast::IoRedirect::File(_, kind, target) => {
                let dup = matches!(
                    kind,
                    ast::IoFileRedirectKind::DuplicateInput
                        | ast::IoFileRedirectKind::DuplicateOutput
                );
                match target {
                    ast::IoFileRedirectTarget::Filename(w)
                    | ast::IoFileRedirectTarget::Duplicate(w) => (Some(self.word(w, subs)), dup),
                    ast::IoFileRedirectTarget::Fd(_) => (None, dup),
                    ast::IoFileRedirectTarget::ProcessSubstitution(_, sub) => {
                        let s = self.pos(&sub.loc.start);
                        let e = self.pos(&sub.loc.end);
                        self.cursor = self.cursor.max(e);
                        subs.push((s, e));
                        (None, false)
                    }
                }
            }
            ast::IoRedirect::HereDocument(_, doc) => (Some(self.word(&doc.here_end, subs)), false),
            ast::IoRedirect::HereString(_, w) | ast::IoRedirect::OutputAndError(w, _) => {
                (Some(self.word(w, subs)), false)
            }
        };
        let end = self.cursor.max(op_end);
        if duplicate {
            // `2>&1`: the whole thing is the operator.
            return Redirect {
                span: self.lt.span_of(start, end),
                operator: self.lt.text.get(start..end).unwrap_or("").to_string(),
                target: None,
            };
        }
        Redirect {
            span: self.lt.span_of(start, end),
            operator: self.lt.text.get(start..op_end).unwrap_or("").to_string(),
            target,
        }
    }

    fn simple(&mut self, simple: &ast::SimpleCommand, depth: usize) {
        let mut assignments = Vec::new();
        let mut words = Vec::new();
        let mut redirects = Vec::new();
        let mut subs = Vec::new();
        for item in simple.prefix.iter().flat_map(|p| p.0.iter()) {
            match item {
                ast::CommandPrefixOrSuffixItem::IoRedirect(r) => {
                    redirects.push(self.redirect(r, Some(&mut subs)));
                }
                ast::CommandPrefixOrSuffixItem::Word(w) => words.push(self.word(w, &mut subs)),
                ast::CommandPrefixOrSuffixItem::AssignmentWord(_, w) => {
                    assignments.push(self.word(w, &mut subs));
                }
                ast::CommandPrefixOrSuffixItem::ProcessSubstitution(_, sub) => {
                    self.process_substitution(sub, &mut subs);
                }
            }
        }
        if let Some(w) = &simple.word_or_name {
            words.push(self.word(w, &mut subs));
        }
        for item in simple.suffix.iter().flat_map(|p| p.0.iter()) {
            match item {
                ast::CommandPrefixOrSuffixItem::IoRedirect(r) => {
                    redirects.push(self.redirect(r, Some(&mut subs)));
                }
                ast::CommandPrefixOrSuffixItem::Word(w)
                | ast::CommandPrefixOrSuffixItem::AssignmentWord(_, w) => {
                    words.push(self.word(w, &mut subs));
                }
                ast::CommandPrefixOrSuffixItem::ProcessSubstitution(_, sub) => {
                    self.process_substitution(sub, &mut subs);
                }
            }
        }
        let span = assignments
            .iter()
            .chain(&words)
            .map(|w| w.span)
            .chain(redirects.iter().map(|r| r.span))
            .reduce(|a, b| a.cover(b))
            .unwrap_or_else(|| self.lt.span_of(self.cursor, self.cursor));
        let joined_by = if self.first {
            None
        } else {
            Some(self.pending.unwrap_or(Joiner::Sequence))
        };
        self.pending = None;
        self.first = false;
        let pipeline = self.pipeline;
        self.sink.commands.push(ShellCommand {
            span,
            assignments,
            program_name: ProgramName::of(&words),
            words,
            redirects,
            joined_by,
            pipeline,
            depth: self.depth + depth,
            in_substitution: self.in_substitution,
        });
        self.substitutions(&subs, depth + 1);
    }

    fn process_substitution(&mut self, sub: &ast::SubshellCommand, subs: &mut Vec<(usize, usize)>) {
        let s = self.pos(&sub.loc.start);
        let e = self.pos(&sub.loc.end);
        self.cursor = self.cursor.max(e);
        subs.push((s, e));
    }

    /// Parse each command substitution (logical inner ranges) as its own script at `depth`.
    fn substitutions(&mut self, subs: &[(usize, usize)], depth: usize) {
        let depth = self.depth + depth;
        if depth > MAX_SUBSTITUTION_DEPTH {
            return;
        }
        for &(s, e) in subs {
            let s = s.min(self.limit);
            let e = e.clamp(s, self.limit);
            let slice = self.lt.text.get(s..e).unwrap_or("");
            // `(...)` of a process substitution: parse inside the parentheses.
            let (s, e) = if slice.starts_with('(') && slice.ends_with(')') && slice.len() >= 2 {
                (s + 1, e - 1)
            } else {
                (s, e)
            };
            if self.lt.text.get(s..e).is_none_or(|t| t.trim().is_empty()) {
                continue;
            }
            let before = self.sink.commands.len();
            if parse_range(self.lt, s, e, depth, true, self.sink).is_err() {
                self.sink.commands.truncate(before);
                super::fallback::split_range(self.lt, s, e, depth, true, self.sink);
            }
        }
    }
}
