//! A readable text form of a parsed file, for tests and debugging (`dockwise-syntax` snapshot tests use it).
//!
//! One line per item, details indented below it. A word shows its decoded value, and the source text after
//! `<-` when that differs, so spans are checked by eye too.

use crate::ast::*;
use crate::{LineIndex, Span, SyntaxError};

/// Renders `file` (parsed from `source`) and its `errors`.
pub fn dump(source: &str, file: &Dockerfile, errors: &[SyntaxError]) -> String {
    let mut d = Dumper {
        source,
        out: String::new(),
    };
    if file.bom.is_some() {
        d.line(0, "bom");
    }
    if file.escape != '\\' {
        d.line(0, &format!("escape {}", file.escape));
    }
    for item in &file.items {
        d.item(item);
    }
    let index = LineIndex::new(source);
    for e in errors {
        let at = index.line_col(source, e.span.start);
        let text = e.span.text(source);
        d.line(
            0,
            &format!("error {}:{} {:?}: {}", at.line, at.column, text, e.message),
        );
    }
    d.out
}

struct Dumper<'a> {
    source: &'a str,
    out: String,
}

impl Dumper<'_> {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn text(&self, span: Span) -> &str {
        span.text(self.source)
    }

    fn word(&self, w: &Word) -> String {
        let raw = self.text(w.span);
        if raw == w.value {
            format!("{:?}", w.value)
        } else {
            format!("{:?}<-{:?}", w.value, raw)
        }
    }

    fn words(&self, words: &[Word]) -> String {
        let parts: Vec<String> = words.iter().map(|w| self.word(w)).collect();
        format!("[{}]", parts.join(", "))
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Directive(d) => {
                let line = format!("directive {} = {:?}", d.name_text, d.value_text);
                self.line(0, &line);
            }
            Item::Comment(c) => {
                let line = format!("comment {:?}", self.text(c.text));
                self.line(0, &line);
            }
            Item::Blank(_) => self.line(0, "blank"),
            Item::Error(e) => {
                let line = format!("unreadable {:?}", self.text(e.span));
                self.line(0, &line);
            }
            Item::Instruction(i) => self.instruction(0, i),
        }
    }

    fn instruction(&mut self, depth: usize, i: &Instruction) {
        let head = format!("{} {:?}", i.kind.as_str(), self.text(i.args));
        self.line(depth, &head);
        let depth = depth + 1;
        for f in &i.flags {
            let line = match &f.value {
                Some(v) => format!("flag {} = {}", f.name_text, self.word(v)),
                None => format!("flag {}", f.name_text),
            };
            self.line(depth, &line);
        }
        self.body(depth, &i.body);
        for h in &i.heredocs {
            let mut line = format!(
                "heredoc {} delimiter={:?}",
                self.text(h.opener),
                h.delimiter
            );
            if h.strip_tabs {
                line.push_str(" strip-tabs");
            }
            if h.quoted {
                line.push_str(" quoted");
            }
            line.push_str(&format!(
                " body={:?} end={:?}",
                self.text(h.body),
                self.text(h.terminator)
            ));
            self.line(depth, &line);
        }
        for c in &i.comments {
            let line = format!("comment {:?}", self.text(*c));
            self.line(depth, &line);
        }
    }

    fn body(&mut self, depth: usize, body: &Body) {
        match body {
            Body::From(f) => {
                let mut line = format!("image {}", self.word(&f.image));
                if let Some(r) = &f.reference {
                    if let Some(reg) = &r.registry {
                        line.push_str(&format!(" registry={}", self.word(reg)));
                    }
                    line.push_str(&format!(" name={}", self.word(&r.name)));
                    if let Some(t) = &r.tag {
                        line.push_str(&format!(" tag={}", self.word(t)));
                    }
                    if let Some(dg) = &r.digest {
                        line.push_str(&format!(" digest={}", self.word(dg)));
                    }
                    if r.has_variables {
                        line.push_str(" has-variables");
                    }
                }
                self.line(depth, &line);
                if let Some(name) = &f.stage_name {
                    let kw = f.as_keyword.map_or("", |s| self.text(s));
                    let line = format!("{kw} {}", self.word(name));
                    self.line(depth, &line);
                }
            }
            Body::Command(c) => self.command(depth, c),
            Body::KeyValues(pairs) => {
                for p in pairs {
                    let mut line = self.word(&p.key);
                    if let Some(v) = &p.value {
                        line.push_str(&format!(" = {}", self.word(v)));
                    }
                    if p.legacy {
                        line.push_str(" (legacy)");
                    }
                    self.line(depth, &line);
                }
            }
            Body::Copy(c) => {
                let mut line = format!("sources {}", self.words(&c.sources));
                if let Some(dest) = &c.destination {
                    line.push_str(&format!(" destination {}", self.word(dest)));
                }
                if c.exec_form {
                    line.push_str(" (json)");
                }
                self.line(depth, &line);
            }
            Body::Words(words) => {
                let line = format!("words {}", self.words(words));
                self.line(depth, &line);
            }
            Body::Healthcheck(Healthcheck::None(_)) => self.line(depth, "none"),
            Body::Healthcheck(Healthcheck::Cmd { command, .. }) => {
                self.line(depth, "cmd");
                self.command(depth + 1, command);
            }
            Body::Onbuild(inner) => self.instruction(depth, inner),
            Body::Invalid => self.line(depth, "invalid"),
        }
    }

    fn command(&mut self, depth: usize, c: &Command) {
        let line = match c {
            Command::Exec(e) => format!("exec {}", self.words(&e.elements)),
            Command::Shell(t) => format!("shell {:?}", t.text),
        };
        self.line(depth, &line);
    }
}
