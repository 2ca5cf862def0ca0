//! A simple view of the shell scripts in `RUN` (and shell-form `CMD`/`ENTRYPOINT`) for rules: the commands with
//! their words and spans, how they are joined (`&&`, `||`, `;`, `|`), redirections and nesting.
//!
//! Scripts are read with [brush-parser](https://crates.io/crates/brush-parser) (a bash/POSIX parser): its AST
//! gives the structure (lists, pipelines, sub-shells, `if`/`for`/`while`/`case`, functions) and a location for
//! every word. brush keeps no location for redirections or operators, so those spans are rebuilt from its
//! token stream (see `walk.rs`), and words are decoded here (`lex.rs`). Command substitutions (`$(...)`,
//! backquotes) are parsed again as their own scripts, one level deeper.
//!
//! When brush cannot read a script (unbalanced quotes, PowerShell or cmd.exe syntax, ...) [`Script::error`]
//! says why and a quote-aware best-effort splitter (`fallback.rs`) provides the commands. Known brush panics
//! (an fd number over `i32`) and stack-hungry nesting are screened before calling it; no `catch_unwind` (wasm
//! aborts on panic). Screened into the fallback: unclosed quotes/`$(`/`${`/backquotes, obsolete `$[...]`,
//! unusual heredoc delimiters, heredoc bodies with unclosed expansions, a `#` right after a parenthesis,
//! nesting deeper than 24 blocks or 32 brackets (brush recurses per level; wasm has a 1 MB stack). Random-text
//! fuzzing (`tests/shell_corpus.rs`) found the brush panics these guard against.
//!
//! Cost, measured on a cdylib for wasm32-unknown-unknown (opt-level "z", LTO), code and data without the
//! wasm-bindgen glue: brush-parser about 127 KB raw / 33 KB brotli, this module about 29 KB / 10 KB more.

use crate::ast::{LogicalText, Word};
use crate::Span;

mod fallback;
mod lex;
mod walk;

/// How a command is joined to the one before it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Joiner {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;` or a newline
    Sequence,
    /// `|`
    Pipe,
    /// `&` after the previous command
    Background,
}

/// A redirection such as `> /var/log/app.log` or `2>&1`.
#[derive(Clone, Debug, PartialEq)]
pub struct Redirect {
    pub span: Span,
    /// The operator as written, fd included (`>`, `2>&1`, `>>`, `<`).
    pub operator: String,
    pub target: Option<Word>,
}

/// One simple command: `FOO=1 apt-get install -y curl > log`.
#[derive(Clone, Debug, PartialEq)]
pub struct ShellCommand {
    pub span: Span,
    /// Leading `NAME=value` assignments.
    pub assignments: Vec<Word>,
    /// The command name followed by its arguments, decoded (quotes removed, expansions left as written).
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
    /// `None` for the first command of the script.
    pub joined_by: Option<Joiner>,
    /// Index of the pipeline (`a | b` is one pipeline) within the script: commands with equal indices are in
    /// the same pipeline. Indices grow in source order, except that a command piped after a compound command
    /// (`(a; b) | c`) gets the index of the pipeline holding the compound (the commands inside have their own).
    pub pipeline: usize,
    /// Nesting inside sub-shells, brace groups, `if`/`for`/`while` bodies and `$(...)` (0 at top level).
    pub depth: usize,
    /// Inside a command substitution (`$(...)` or backquotes). The first command of a substitution has
    /// `joined_by: None`; substitution commands come right after the command whose word holds them.
    pub in_substitution: bool,
    /// [`ShellCommand::program`], made with [`ProgramName::of`] from `words` by whoever builds the command.
    pub program_name: ProgramName,
}

/// A command's program (its first word without the directory) held inside the command. Rules ask every
/// command for it, many times; read through `words` it costs two pointer chases, and on large files those
/// cache misses made a review grow faster than the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramName {
    /// The length, or [`ProgramName::NONE`] / [`ProgramName::LONG`].
    len: u8,
    bytes: [u8; ProgramName::CAPACITY],
}

impl ProgramName {
    const CAPACITY: usize = 23;
    /// The command has no words.
    const NONE: u8 = u8::MAX;
    /// Longer than [`ProgramName::CAPACITY`]: read from the words.
    const LONG: u8 = u8::MAX - 1;

    /// The program of a command with these words.
    pub fn of(words: &[Word]) -> ProgramName {
        let mut name = ProgramName {
            len: Self::NONE,
            bytes: [0; Self::CAPACITY],
        };
        if let Some(first) = words.first() {
            let base = base_name(&first.value).as_bytes();
            match name.bytes.get_mut(..base.len()) {
                Some(room) => {
                    room.copy_from_slice(base);
                    name.len = base.len() as u8;
                }
                None => name.len = Self::LONG,
            }
        }
        name
    }

    /// The bytes held, when the name is held here.
    fn held(&self) -> Option<&[u8]> {
        self.bytes.get(..usize::from(self.len))
    }
}

impl ShellCommand {
    /// The command name (`apt-get`), if any.
    pub fn name(&self) -> Option<&str> {
        self.words.first().map(|w| w.value.as_str())
    }

    /// The arguments after the name.
    pub fn args(&self) -> &[Word] {
        self.words.get(1..).unwrap_or(&[])
    }

    /// The command name without its directory (`/usr/bin/apt-get` gives `apt-get`).
    pub fn program(&self) -> Option<&str> {
        match self.program_name.held() {
            Some(held) => std::str::from_utf8(held).ok(),
            None => self.name().map(base_name),
        }
    }

    /// Whether the command runs at the top level of its script: not inside a compound (`if`, `for`, `( )`,
    /// `{ }`) nor a command substitution.
    pub fn at_top_level(&self) -> bool {
        self.depth == 0 && !self.in_substitution
    }

    /// Whether the command is `name` (compared without the directory: `/usr/bin/pip` is `pip`).
    pub fn is(&self, name: &str) -> bool {
        match self.program_name.held() {
            Some(held) => held == name.as_bytes(),
            None => self.name().is_some_and(|n| is_program(n, name)),
        }
    }

    /// Whether an argument is the flag: `--no-cache` matches `--no-cache` and `--no-cache=...`; a short flag
    /// `-y` also matches inside a bundle such as `-qy`. Arguments after `--` are not flags.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flag_index(flag).is_some()
    }

    /// Index in [`ShellCommand::args`] of the first argument matching `flag` (see [`ShellCommand::has_flag`]).
    pub fn flag_index(&self, flag: &str) -> Option<usize> {
        let long = flag.starts_with("--");
        let short = flag
            .strip_prefix('-')
            .filter(|f| !long && f.chars().count() == 1);
        for (i, arg) in self.args().iter().enumerate() {
            let a = arg.value.as_str();
            if a == "--" {
                return None;
            }
            if a == flag {
                return Some(i);
            }
            if long {
                if a.strip_prefix(flag)
                    .is_some_and(|rest| rest.starts_with('='))
                {
                    return Some(i);
                }
            } else if let Some(letter) = short {
                if a.len() > 2
                    && a.starts_with('-')
                    && !a.starts_with("--")
                    && a[1..].chars().all(|c| c.is_ascii_alphabetic())
                    && a[1..].contains(letter)
                {
                    return Some(i);
                }
            }
        }
        None
    }

    /// The value of an option: `--target x`, `--target=x` (and `-t x`) give `x`. For `--target=x` the span
    /// covers `x` when the word is written plainly, else the whole word.
    pub fn flag_value(&self, flag: &str) -> Option<Word> {
        let args = self.args();
        for (i, arg) in args.iter().enumerate() {
            if arg.value == "--" {
                return None;
            }
            if arg.value == flag {
                return args.get(i + 1).cloned();
            }
            if flag.starts_with("--") {
                if let Some(value) = arg
                    .value
                    .strip_prefix(flag)
                    .and_then(|r| r.strip_prefix('='))
                {
                    let prefix = arg.value.len() - value.len();
                    // Plain text (no quotes or continuation) maps byte for byte.
                    let span = if arg.span.len() == arg.value.len() {
                        Span::new(arg.span.start + prefix, arg.span.end)
                    } else {
                        arg.span
                    };
                    return Some(Word {
                        span,
                        value: value.to_string(),
                    });
                }
            }
        }
        None
    }

    /// The arguments that are not options (do not start with `-`), e.g. the packages of `apt-get install`.
    /// Everything after `--` counts.
    pub fn operands(&self) -> impl Iterator<Item = &Word> {
        let mut after_dashes = false;
        self.args().iter().filter(move |w| {
            if after_dashes {
                return true;
            }
            if w.value == "--" {
                after_dashes = true;
                return false;
            }
            !w.value.starts_with('-') || w.value == "-"
        })
    }

    /// The first argument, when it is not an option: the subcommand of `apt-get install`, `pip install`.
    pub fn subcommand(&self) -> Option<&str> {
        self.args()
            .iter()
            .map(|w| w.value.as_str())
            .find(|a| !a.starts_with('-'))
    }

    /// The words with leading wrappers removed: `sudo [-u user] `, `env [-i] [NAME=value...] `, `exec `,
    /// `nohup `, `time `, `eatmydata `, `nice [-n N] `, `gosu user `, `su-exec user ` (`sudo -E apt-get install x` gives
    /// `apt-get install x`). The words themselves when there is no wrapper.
    pub fn unwrapped(&self) -> &[Word] {
        let mut words = self.words.as_slice();
        loop {
            let Some((first, rest)) = words.split_first() else {
                return words;
            };
            let name = first.value.rsplit('/').next().unwrap_or("");
            let skip_options = |rest: &'_ [Word], with_value: &[&str]| -> usize {
                let mut i = 0;
                while let Some(w) = rest.get(i) {
                    if w.value == "--" {
                        return i + 1;
                    }
                    if !w.value.starts_with('-') {
                        break;
                    }
                    i += if with_value.contains(&w.value.as_str()) {
                        2
                    } else {
                        1
                    };
                }
                i
            };
            let skip = match name {
                "sudo" => skip_options(
                    rest,
                    &["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"],
                ),
                "env" => {
                    let mut i = skip_options(rest, &["-u", "-C", "-S"]);
                    while rest
                        .get(i)
                        .is_some_and(|w| !w.value.starts_with('-') && w.value.contains('='))
                    {
                        i += 1;
                    }
                    i
                }
                "nice" => skip_options(rest, &["-n"]),
                "exec" | "nohup" | "time" | "eatmydata" => skip_options(rest, &[]),
                "gosu" | "su-exec" => 1,
                _ => return words,
            };
            if skip >= rest.len() {
                return words;
            }
            words = &rest[skip..];
        }
    }

    /// Whether the command, wrappers removed (see [`ShellCommand::unwrapped`]), is `name`.
    pub fn runs(&self, name: &str) -> bool {
        self.unwrapped()
            .first()
            .is_some_and(|w| is_program(&w.value, name))
    }

    /// Whether the command, wrappers removed, is any of `names` (unwraps once, unlike calling
    /// [`ShellCommand::runs`] per name).
    pub fn runs_any(&self, names: &[&str]) -> bool {
        self.unwrapped()
            .first()
            .is_some_and(|w| names.iter().any(|name| is_program(&w.value, name)))
    }

    /// Whether a word of the command (name or argument) equals `value`.
    pub fn has_word(&self, value: &str) -> bool {
        self.words.iter().any(|w| w.value == value)
    }
}

/// A path without its directory (`/usr/bin/apt-get` gives `apt-get`).
fn base_name(path: &str) -> &str {
    match path.bytes().rposition(|b| b == b'/') {
        Some(slash) => &path[slash + 1..],
        None => path,
    }
}

/// Whether `word`, without its directory, is `name`. Rules ask this of every command many times, so it
/// compares from the end and stops at the first difference instead of looking for the last `/` first.
fn is_program(word: &str, name: &str) -> bool {
    match word.strip_suffix(name) {
        Some(dir) => (dir.is_empty() || dir.ends_with('/')) && !name.contains('/'),
        None => false,
    }
}

/// The commands of one script, in source order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Script {
    pub commands: Vec<ShellCommand>,
    /// Why the script could not be read as POSIX shell, when it could not; `commands` then holds a best effort.
    pub error: Option<String>,
}

impl Script {
    /// The commands named `name` (see [`ShellCommand::is`]), with their index in `commands`.
    pub fn find<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = (usize, &'a ShellCommand)> + 'a {
        self.commands
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.is(name))
    }

    /// Whether any command is named `name`.
    pub fn has_command(&self, name: &str) -> bool {
        self.commands.iter().any(|c| c.is(name))
    }

    /// The commands after the one at `index`, in source order.
    pub fn after(&self, index: usize) -> &[ShellCommand] {
        self.commands.get(index + 1..).unwrap_or(&[])
    }

    /// The commands that are not inside a command substitution.
    pub fn top_level(&self) -> impl Iterator<Item = &ShellCommand> {
        self.commands.iter().filter(|c| !c.in_substitution)
    }

    /// The pipelines with more than one command (`curl ... | sh`), each as its commands in order.
    pub fn pipelines(&self) -> Vec<Vec<&ShellCommand>> {
        let mut groups: Vec<Vec<&ShellCommand>> = Vec::new();
        for c in &self.commands {
            if c.joined_by == Some(Joiner::Pipe) {
                if let Some(group) = groups
                    .iter_mut()
                    .rev()
                    .find(|g| g.first().is_some_and(|f| f.pipeline == c.pipeline))
                {
                    group.push(c);
                    continue;
                }
            }
            groups.push(vec![c]);
        }
        groups.retain(|g| g.len() > 1);
        groups
    }

    /// The same script moved in the source from `from` to `to` (every span shifted by `to - from`): what a
    /// parse of the same logical text, with the same continuation layout, starting at `to` gives.
    pub fn moved(mut self, from: usize, to: usize) -> Script {
        let shift = |span: &mut Span| {
            // Wrapping: exact for every span at or after `from`, and never a panic.
            let at = |offset: usize| offset.wrapping_sub(from).wrapping_add(to);
            *span = Span::new(at(span.start), at(span.end));
        };
        for command in &mut self.commands {
            shift(&mut command.span);
            command
                .assignments
                .iter_mut()
                .chain(command.words.iter_mut())
                .for_each(|w| shift(&mut w.span));
            for redirect in &mut command.redirects {
                shift(&mut redirect.span);
                if let Some(target) = &mut redirect.target {
                    shift(&mut target.span);
                }
            }
        }
        self
    }

    /// The source span of all commands (`None` when there are none).
    pub fn span(&self) -> Option<Span> {
        self.commands.iter().map(|c| c.span).reduce(Span::cover)
    }
}

/// Whether a script holds a shell comment (a `#` starting a word, outside quotes and expansions): text appended
/// to its last line would be commented out.
pub fn has_comment(script: &str) -> bool {
    lex::tokenize(script)
        .iter()
        .any(|t| t.kind == lex::TokKind::Comment)
}

/// Split a shell script into commands. Never fails: unreadable scripts get `error` and a best-effort split.
pub fn parse_script(text: &LogicalText) -> Script {
    parse_logical(text)
}

/// Split the body of a `RUN <<EOF` heredoc (plain source text: no continuations) into commands. `body` is the
/// heredoc's body span in `source`; spans in the result are source spans.
pub fn parse_heredoc_script(source: &str, body: Span) -> Script {
    let text = source.get(body.range()).unwrap_or("");
    parse_logical(&LogicalText::from_plain(text, body.start))
}

impl LogicalText {
    /// Text that is contiguous in the source, starting at `source_offset` (a heredoc body, a test string).
    pub fn from_plain(text: &str, source_offset: usize) -> LogicalText {
        LogicalText {
            text: text.to_string(),
            segments: vec![(0, source_offset, text.len())],
        }
    }
}

fn parse_logical(text: &LogicalText) -> Script {
    let mut sink = walk::Sink {
        commands: Vec::new(),
        next_pipeline: 0,
    };
    let len = text.text.len();
    let error = match walk::parse_range(text, 0, len, 0, false, &mut sink) {
        Ok(()) => None,
        Err(message) => {
            sink.commands.clear();
            sink.next_pipeline = 0;
            fallback::split_range(text, 0, len, 0, false, &mut sink);
            Some(message)
        }
    };
    Script {
        commands: sink.commands,
        error,
    }
}

#[cfg(test)]
mod tests;
