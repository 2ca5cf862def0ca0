//! The syntax tree. Lossless: the top-level [`Item`]s tile the source (after an optional BOM) with no gap and no
//! overlap, so concatenating their spans' text gives back the input byte for byte. Every meaningful part carries
//! a [`Span`] into the original text; decoded values (continuations removed, quotes processed, no variable
//! expansion) sit beside the spans so rules never re-parse text.

use crate::span::Span;

/// A parsed Dockerfile.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dockerfile {
    /// A UTF-8 byte-order mark at offset 0, if any.
    pub bom: Option<Span>,
    /// The escape character in force (`\` unless a `# escape=` directive says otherwise).
    pub escape: char,
    /// Everything in the file, in order. Their spans tile `bom.end..source.len()`.
    pub items: Vec<Item>,
}

impl Dockerfile {
    /// The instructions, in order (not descending into `ONBUILD`).
    pub fn instructions(&self) -> impl Iterator<Item = &Instruction> {
        self.items.iter().filter_map(|item| match item {
            Item::Instruction(i) => Some(i),
            _ => None,
        })
    }

    /// The parser directives (`# syntax=`, `# escape=`, `# check=`) at the top of the file.
    pub fn directives(&self) -> impl Iterator<Item = &Directive> {
        self.items.iter().filter_map(|item| match item {
            Item::Directive(d) => Some(d),
            _ => None,
        })
    }

    /// Every comment: whole-line comments between instructions and comment lines inside continuations.
    pub fn comments(&self) -> impl Iterator<Item = Span> + '_ {
        self.items
            .iter()
            .flat_map(|item| -> Box<dyn Iterator<Item = Span> + '_> {
                match item {
                    Item::Comment(c) => Box::new(std::iter::once(c.text)),
                    Item::Instruction(i) => Box::new(i.comments.iter().copied()),
                    _ => Box::new(std::iter::empty()),
                }
            })
    }
}

/// One top-level piece of the file. Each variant's `span` includes its line terminator(s).
// Instructions dominate a file, so boxing them would cost an allocation each and save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Directive(Directive),
    Instruction(Instruction),
    Comment(Comment),
    /// Lines holding only whitespace.
    Blank(Span),
    /// Text that could not be read as an instruction, kept verbatim. A [`crate::SyntaxError`] says why.
    Error(ErrorNode),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Directive(d) => d.span,
            Item::Instruction(i) => i.span,
            Item::Comment(c) => c.span,
            Item::Blank(s) => *s,
            Item::Error(e) => e.span,
        }
    }
}

/// A parser directive such as `# escape=`` ` `` or `# check=skip=JSONArgsRecommended`.
#[derive(Clone, Debug, PartialEq)]
pub struct Directive {
    /// The whole line, including its terminator.
    pub span: Span,
    /// The directive name as written (`syntax`, `escape`, `check`), lower-cased in `name_text`.
    pub name: Span,
    pub name_text: String,
    pub value: Span,
    pub value_text: String,
}

/// A whole-line comment outside any instruction.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    /// The whole line, including leading whitespace and its terminator.
    pub span: Span,
    /// From `#` to the end of the line, without the terminator.
    pub text: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorNode {
    pub span: Span,
    pub message: String,
}

/// Instruction keywords. Matching is case-insensitive; `Instruction::keyword` keeps the text as written.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
}

impl Keyword {
    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// The canonical upper-case spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
        }
    }

    /// Case-insensitive lookup.
    pub fn parse(word: &str) -> Option<Keyword> {
        Keyword::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(word))
    }
}

/// One instruction, with continuation lines and heredoc bodies.
#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    /// From the start of its first line (leading whitespace included) to the end of its last line, terminator
    /// and heredoc bodies included.
    pub span: Span,
    /// The keyword as written (`run`, `RUN`, ...).
    pub keyword: Span,
    pub kind: Keyword,
    /// `--name[=value]` flags between the keyword and the arguments, in order.
    pub flags: Vec<Flag>,
    /// The raw argument text after the flags up to the end of the logical line (terminator excluded). May hold
    /// escaped newlines and comment lines; `body` has the decoded view.
    pub args: Span,
    pub body: Body,
    /// Heredocs opened on this instruction's line(s), in order.
    pub heredocs: Vec<Heredoc>,
    /// Comment lines inside the continuation (BuildKit drops them), as `#` to end of line.
    pub comments: Vec<Span>,
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name_text == name)
    }

    /// The line's logical text end (terminator excluded): where a fix may append to the instruction.
    pub fn logical_end(&self) -> usize {
        self.args.end
    }
}

/// A `--name` or `--name=value` flag.
#[derive(Clone, Debug, PartialEq)]
pub struct Flag {
    /// `--name=value` as written.
    pub span: Span,
    /// `name`, without the dashes.
    pub name: Span,
    pub name_text: String,
    pub value: Option<Word>,
}

/// A word of the arguments: its span as written and its decoded value (continuations removed, quotes and
/// escapes processed, variables left as written). A `$` that is not a variable (escaped, or in single quotes)
/// decodes to `\$`, so a bare `$` in `value` always starts a variable reference (JSON array elements are
/// decoded as JSON only: Docker never expands them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    pub span: Span,
    pub value: String,
}

/// The decoded text of a region that may span continuation lines, with a map back to source offsets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogicalText {
    /// The text with escaped newlines (and comment lines inside continuations) removed.
    pub text: String,
    /// Runs of `text` that are contiguous in the source: `(logical_start, source_start, len)`, sorted.
    pub segments: Vec<(usize, usize, usize)>,
}

impl LogicalText {
    /// Source byte offset of a byte offset into `text` (an offset at a removed continuation maps to the start
    /// of the next run; past the end maps to the end of the last run).
    pub fn to_source(&self, logical: usize) -> usize {
        let idx = self.segments.partition_point(|&(l, _, _)| l <= logical);
        if idx == 0 {
            return self.segments.first().map_or(0, |&(_, s, _)| s);
        }
        let (l, s, len) = self.segments[idx - 1];
        if logical - l <= len {
            s + (logical - l)
        } else {
            s + len
        }
    }

    /// Byte offset into `text` of a source byte offset, when the source byte is part of the text (not of a
    /// removed continuation or comment line).
    pub fn to_logical(&self, source: usize) -> Option<usize> {
        self.segments
            .iter()
            .find(|&&(_, s, len)| (s..s + len).contains(&source))
            .map(|&(l, s, _)| l + (source - s))
    }

    /// The part of this text in `logical_start..logical_end`, with its own offset map (offsets rebased to 0).
    /// Out-of-range or non-char-boundary bounds give an empty text.
    pub fn slice(&self, logical_start: usize, logical_end: usize) -> LogicalText {
        let Some(text) = self.text.get(logical_start..logical_end) else {
            return LogicalText::default();
        };
        let segments = self
            .segments
            .iter()
            .filter_map(|&(l, s, len)| {
                let start = l.max(logical_start);
                let end = (l + len).min(logical_end);
                (end > start).then(|| (start - logical_start, s + (start - l), end - start))
            })
            .collect();
        LogicalText {
            text: text.to_string(),
            segments,
        }
    }

    /// Source span of a logical range.
    pub fn span_of(&self, logical_start: usize, logical_end: usize) -> Span {
        let start = self.to_source(logical_start);
        let end = if logical_end > logical_start {
            self.to_source(logical_end - 1) + 1
        } else {
            start
        };
        Span::new(start, end.max(start))
    }
}

/// The typed view of an instruction's arguments.
// Built once per instruction and matched everywhere: plain variants keep patterns simple for rules.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    From(From),
    /// `RUN`, `CMD`, `ENTRYPOINT`, `SHELL`.
    Command(Command),
    /// `ENV`, `LABEL`: one or more pairs; `ARG`: pairs whose value may be absent.
    KeyValues(Vec<KeyValue>),
    /// `COPY`, `ADD`.
    Copy(Copy),
    /// `EXPOSE`, `VOLUME` (shell form), `USER`, `WORKDIR`, `STOPSIGNAL`, `MAINTAINER`: the words in order.
    /// `VOLUME ["a", "b"]` also lands here with each JSON element as a word. `USER`, `WORKDIR`, `STOPSIGNAL`
    /// and `MAINTAINER` hold one word, the whole argument, as BuildKit reads them (`WORKDIR /my dir`).
    /// `HEALTHCHECK` with a type other than `CMD`/`NONE` (`HEALTHCHECK CONNECT TCP 7000`) lands here too: the
    /// type and the rest, as BuildKit's parser reads it (only building it fails).
    Words(Vec<Word>),
    Healthcheck(Healthcheck),
    Onbuild(Box<Instruction>),
    /// Arguments that could not be read for this instruction (a syntax error says why), or a bare
    /// `HEALTHCHECK` (BuildKit's parser reads it; building it fails).
    Invalid,
}

/// `FROM [--platform=...] image [AS name]`.
#[derive(Clone, Debug, PartialEq)]
pub struct From {
    pub image: Word,
    /// The image reference split into parts (absent when the word is empty).
    pub reference: Option<ImageRef>,
    /// The `AS` keyword, when present.
    pub as_keyword: Option<Span>,
    /// The stage name after `AS`.
    pub stage_name: Option<Word>,
}

/// `registry/name:tag@digest`, each part's span in the source. Variables are left as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImageRef {
    pub span: Span,
    pub registry: Option<Word>,
    /// The repository path without registry (`library/python`, `python`).
    pub name: Word,
    pub tag: Option<Word>,
    pub digest: Option<Word>,
    /// True when any part contains `$`.
    pub has_variables: bool,
}

/// `RUN`/`CMD`/`ENTRYPOINT`/`SHELL` arguments.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// `["executable", "arg"]`: the JSON array's elements, decoded.
    Exec(ExecForm),
    /// Everything else: a shell script (continuations removed in `text`).
    Shell(LogicalText),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExecForm {
    /// `[` to `]`.
    pub span: Span,
    pub elements: Vec<Word>,
}

/// `KEY=value` (or legacy `ENV KEY value`, or a bare `ARG NAME`).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyValue {
    pub span: Span,
    pub key: Word,
    pub value: Option<Word>,
    /// True for the legacy space-separated form `ENV KEY value`.
    pub legacy: bool,
}

/// `COPY`/`ADD` sources and destination (flags are on the instruction).
#[derive(Clone, Debug, PartialEq)]
pub struct Copy {
    pub sources: Vec<Word>,
    pub destination: Option<Word>,
    /// True for the JSON array form.
    pub exec_form: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Healthcheck {
    /// `HEALTHCHECK NONE`.
    None(Span),
    /// `HEALTHCHECK [flags] CMD ...`: the `CMD` keyword and its command.
    Cmd { cmd_keyword: Span, command: Command },
}

/// A here-document: `<<EOF` in the arguments and its body on the following lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Heredoc {
    /// The opener as written in the arguments (`<<-"EOF"`).
    pub opener: Span,
    pub delimiter: String,
    /// `<<-`: leading tabs are stripped from body lines.
    pub strip_tabs: bool,
    /// The delimiter was quoted: no expansion inside the body.
    pub quoted: bool,
    /// The body lines, terminators included, without the terminator line.
    pub body: Span,
    /// The terminating delimiter line, including its line terminator (empty at end of file without one).
    pub terminator: Span,
}

#[cfg(test)]
mod tests {
    use super::LogicalText;

    #[test]
    fn to_logical_inverts_to_source_and_skips_continuations() {
        // Source "ab\\\ncd": the continuation (2 bytes at 2..4) is not part of the text "abcd".
        let text = LogicalText {
            text: "abcd".into(),
            segments: vec![(0, 10, 2), (2, 14, 2)],
        };
        for logical in 0..4 {
            assert_eq!(text.to_logical(text.to_source(logical)), Some(logical));
        }
        assert_eq!(text.to_logical(12), None);
        assert_eq!(text.to_logical(16), None);
    }
}
