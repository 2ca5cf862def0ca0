//! The typed body of each instruction, read the way BuildKit's line parsers read it.

use std::ops::Range;

use super::decode::decode;
use super::instruction::{self, Cx, NotInstruction};
use super::json::{parse_array, Json, JsonArray};
use super::words::{split_quoted, split_whitespace, trim};
use crate::ast::*;
use crate::image_ref::split_and_check;
use crate::Span;

/// Reads the arguments `args` (logical range, trimmed) of `ins`.
pub(crate) fn parse(
    cx: &mut Cx,
    ins: &Instruction,
    lt: &LogicalText,
    args: Range<usize>,
    args_end: usize,
) -> Body {
    let name = ins.kind.as_str();
    let empty = args.start >= args.end;
    // BuildKit's parser reads a bare `HEALTHCHECK` too; only building it fails (a rule reports it).
    let needs_args = !matches!(
        ins.kind,
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell | Keyword::Healthcheck
    );
    if empty && ins.kind == Keyword::Healthcheck {
        return Body::Invalid;
    }
    if empty && needs_args {
        cx.error(
            ins.keyword,
            format!("{name} needs arguments: {}", usage(ins.kind)),
        );
        return Body::Invalid;
    }
    match ins.kind {
        Keyword::From => from(cx, lt, args),
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint => match command(cx, lt, args, name) {
            Some(c) => Body::Command(c),
            None => Body::Invalid,
        },
        Keyword::Shell => match command(cx, lt, args.clone(), name) {
            Some(Command::Shell(text)) => {
                let span = lt.span_of(args.start, args.end);
                cx.error(
                    span,
                    "SHELL needs the JSON form, such as SHELL [\"/bin/bash\", \"-c\"]",
                );
                Body::Command(Command::Shell(text))
            }
            Some(c) => Body::Command(c),
            None => Body::Invalid,
        },
        Keyword::Env | Keyword::Label => key_values(cx, lt, args, name),
        Keyword::Arg => arg(cx, lt, args),
        Keyword::Copy | Keyword::Add => copy(cx, ins, lt, args, name),
        Keyword::Expose => expose(cx, lt, args),
        Keyword::Volume => match parse_array(&lt.text, args.clone()) {
            Json::Strings(array) => {
                check_trailing(cx, lt, &array);
                Body::Words(json_words(lt, array.elements))
            }
            Json::NotStrings(r) => not_strings(cx, lt, r, name),
            Json::No => Body::Words(plain_words(lt, args, cx.escape)),
        },
        Keyword::User | Keyword::Workdir | Keyword::Stopsignal => {
            let (value, _) = decode(lt.text.get(args.clone()).unwrap_or(""), cx.escape);
            Body::Words(vec![Word {
                span: lt.span_of(args.start, args.end),
                value,
            }])
        }
        Keyword::Maintainer => Body::Words(vec![Word {
            span: lt.span_of(args.start, args.end),
            value: lt.text.get(args.clone()).unwrap_or("").to_string(),
        }]),
        Keyword::Healthcheck => healthcheck(cx, lt, args),
        Keyword::Onbuild => onbuild(cx, ins, lt, args, args_end),
    }
}

fn usage(kind: Keyword) -> &'static str {
    match kind {
        Keyword::From => "FROM image[:tag] [AS name]",
        Keyword::Env => "ENV KEY=value ...",
        Keyword::Label => "LABEL key=value ...",
        Keyword::Arg => "ARG NAME[=default]",
        Keyword::Copy => "COPY source... destination",
        Keyword::Add => "ADD source... destination",
        Keyword::Expose => "EXPOSE port[/protocol]...",
        Keyword::Volume => "VOLUME path...",
        Keyword::User => "USER user[:group]",
        Keyword::Workdir => "WORKDIR path",
        Keyword::Stopsignal => "STOPSIGNAL signal",
        Keyword::Maintainer => "MAINTAINER name (or LABEL maintainer=...)",
        Keyword::Healthcheck => "HEALTHCHECK [options] CMD command, or HEALTHCHECK NONE",
        Keyword::Onbuild => "ONBUILD instruction",
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell => "a command",
    }
}

/// A word's span and decoded value, and whether a quote was left open.
fn word(lt: &LogicalText, r: Range<usize>, escape: char) -> (Word, bool) {
    let (value, open) = decode(lt.text.get(r.clone()).unwrap_or(""), escape);
    (
        Word {
            span: lt.span_of(r.start, r.end),
            value,
        },
        open,
    )
}

/// Whitespace-separated words (BuildKit splits these without looking at quotes), each decoded as BuildKit
/// does when it expands them later: quotes removed, an unclosed quote read to the end of the word.
fn plain_words(lt: &LogicalText, args: Range<usize>, escape: char) -> Vec<Word> {
    split_whitespace(&lt.text, args)
        .into_iter()
        .map(|r| word(lt, r, escape).0)
        .collect()
}

/// Reports text after a JSON array, which Docker drops without a word.
fn check_trailing(cx: &mut Cx, lt: &LogicalText, array: &JsonArray) {
    if array.trailing.is_empty() {
        return;
    }
    let text = lt.text.get(array.trailing.clone()).unwrap_or("");
    let shown: String = text.chars().take(40).collect();
    cx.error(
        lt.span_of(array.trailing.start, array.trailing.end),
        format!("Docker ignores `{shown}` after the JSON array: remove it, or move a comment to its own line"),
    );
}

fn json_words(lt: &LogicalText, elements: Vec<(Range<usize>, String)>) -> Vec<Word> {
    elements
        .into_iter()
        .map(|(r, value)| Word {
            span: lt.span_of(r.start, r.end),
            value,
        })
        .collect()
}

fn not_strings(cx: &mut Cx, lt: &LogicalText, r: Range<usize>, name: &str) -> Body {
    cx.error(
        lt.span_of(r.start, r.end),
        format!("{name} in JSON form takes only strings, such as [\"executable\", \"arg\"]"),
    );
    Body::Invalid
}

/// `RUN`/`CMD`/`ENTRYPOINT`/`SHELL`/`HEALTHCHECK CMD`: the JSON form when it reads as a string array, else a
/// shell script. `None` after reporting a JSON array of non-strings.
fn command(cx: &mut Cx, lt: &LogicalText, args: Range<usize>, name: &str) -> Option<Command> {
    match parse_array(&lt.text, args.clone()) {
        Json::Strings(array) => {
            check_trailing(cx, lt, &array);
            Some(Command::Exec(ExecForm {
                span: lt.span_of(array.range.start, array.range.end),
                elements: json_words(lt, array.elements),
            }))
        }
        Json::NotStrings(r) => {
            not_strings(cx, lt, r, name);
            None
        }
        Json::No => Some(Command::Shell(lt.slice(args.start, args.end))),
    }
}

fn from(cx: &mut Cx, lt: &LogicalText, args: Range<usize>) -> Body {
    let words = split_whitespace(&lt.text, args.clone());
    let Some(image_range) = words.first().cloned() else {
        return Body::Invalid;
    };
    let (image, _) = word(lt, image_range.clone(), cx.escape);
    let raw = lt.text.get(image_range.clone()).unwrap_or("");
    let reference = if raw == image.value {
        split_and_check(raw, |s, e| {
            lt.span_of(image_range.start + s, image_range.start + e)
        })
    } else {
        split_and_check(&image.value, |_, _| image.span)
    };
    let (reference, error) = reference;
    if let Some(e) = error {
        cx.error(
            e.span,
            format!("invalid image reference `{}`: {}", image.value, e.message),
        );
    }
    let mut body = From {
        image,
        reference: Some(reference),
        as_keyword: None,
        stage_name: None,
    };
    match words.get(1..).unwrap_or(&[]) {
        [] => {}
        [as_kw, name]
            if lt
                .text
                .get(as_kw.clone())
                .is_some_and(|w| w.eq_ignore_ascii_case("as")) =>
        {
            body.as_keyword = Some(lt.span_of(as_kw.start, as_kw.end));
            body.stage_name = Some(word(lt, name.clone(), cx.escape).0);
        }
        [as_kw, ..]
            if lt
                .text
                .get(as_kw.clone())
                .is_some_and(|w| w.eq_ignore_ascii_case("as")) =>
        {
            body.as_keyword = Some(lt.span_of(as_kw.start, as_kw.end));
            if let Some(name) = words.get(2) {
                body.stage_name = Some(word(lt, name.clone(), cx.escape).0);
            }
            let span = lt.span_of(as_kw.start, args.end);
            cx.error(
                span,
                "FROM takes one stage name after AS: FROM image AS name",
            );
        }
        [extra, ..] => {
            let span = lt.span_of(extra.start, args.end);
            cx.error(
                span,
                "FROM takes an image and an optional `AS name`; this is neither",
            );
        }
    }
    Body::From(body)
}

/// `ENV`/`LABEL`: `KEY=value ...`, or the legacy `KEY value` when the first word has no `=`.
fn key_values(cx: &mut Cx, lt: &LogicalText, args: Range<usize>, name: &str) -> Body {
    let words = split_quoted(&lt.text, args.clone(), cx.escape);
    let Some(first) = words.first() else {
        return Body::Invalid;
    };
    if !lt.text.get(first.clone()).unwrap_or("").contains('=') {
        return legacy_key_value(cx, lt, args, name);
    }
    let mut pairs = Vec::new();
    for r in words {
        let raw = lt.text.get(r.clone()).unwrap_or("");
        let Some(eq) = raw.find('=') else {
            cx.error(
                lt.span_of(r.start, r.end),
                format!("`{raw}` has no `=`: when one pair uses `=`, every pair must ({name} KEY=value OTHER=value)"),
            );
            continue;
        };
        pairs.push(pair(cx, lt, r.clone(), r.start + eq, name));
    }
    Body::KeyValues(pairs)
}

/// One `KEY=value` word split at its first `=` (as BuildKit does, quotes or not).
fn pair(cx: &mut Cx, lt: &LogicalText, r: Range<usize>, eq: usize, name: &str) -> KeyValue {
    let (key, key_open) = word(lt, r.start..eq, cx.escape);
    let (value, _value_open) = word(lt, eq + 1..r.end, cx.escape);
    // BuildKit's parser reads an unclosed quote in a value (`ENV name='a\\'b'`); only building fails, so the
    // `unclosed-quote` rule reports it. A quote opened in the key and closed in the value still is an error.
    let report = name != "ARG";
    if key_open && report {
        cx.error(
            key.span,
            format!(
                "the {name} key `{}` opens a quote that closes after the `=`; quote only the value: {name} {}=\"...\"",
                lt.text.get(r.start..eq).unwrap_or(""),
                key.value
            ),
        );
    }
    if key.value.is_empty() && !key_open {
        cx.error(
            lt.span_of(r.start, r.end),
            format!("{name} needs a name before `=`"),
        );
    }
    KeyValue {
        span: lt.span_of(r.start, r.end),
        key,
        value: Some(value),
        legacy: false,
    }
}

/// `ENV KEY value with spaces`: the key, then the rest of the line as one value.
fn legacy_key_value(cx: &mut Cx, lt: &LogicalText, args: Range<usize>, name: &str) -> Body {
    let key_range = split_whitespace(&lt.text, args.clone())
        .into_iter()
        .next()
        .unwrap_or(args.clone());
    let value_range = trim(&lt.text, key_range.end..args.end);
    let (key, _) = word(lt, key_range.clone(), cx.escape);
    if value_range.is_empty() {
        cx.error(
            lt.span_of(args.start, args.end),
            format!(
                "{name} {} has no value: write {name} {}=value",
                key.value, key.value
            ),
        );
        return Body::KeyValues(vec![KeyValue {
            span: lt.span_of(args.start, args.end),
            key,
            value: None,
            legacy: true,
        }]);
    }
    let (value, _) = word(lt, value_range, cx.escape);
    Body::KeyValues(vec![KeyValue {
        span: lt.span_of(args.start, args.end),
        key,
        value: Some(value),
        legacy: true,
    }])
}

/// `ARG NAME[=default] ...`.
fn arg(cx: &mut Cx, lt: &LogicalText, args: Range<usize>) -> Body {
    let mut pairs = Vec::new();
    for r in split_quoted(&lt.text, args, cx.escape) {
        let raw = lt.text.get(r.clone()).unwrap_or("");
        match raw.find('=') {
            Some(eq) => pairs.push(pair(cx, lt, r.clone(), r.start + eq, "ARG")),
            None => {
                let (key, _) = word(lt, r.clone(), cx.escape);
                pairs.push(KeyValue {
                    span: key.span,
                    key,
                    value: None,
                    legacy: false,
                });
            }
        }
    }
    Body::KeyValues(pairs)
}

/// `COPY`/`ADD`: sources then destination, in JSON or whitespace-separated form.
fn copy(cx: &mut Cx, ins: &Instruction, lt: &LogicalText, args: Range<usize>, name: &str) -> Body {
    let (mut words, exec_form) = match parse_array(&lt.text, args.clone()) {
        Json::Strings(array) => {
            check_trailing(cx, lt, &array);
            (json_words(lt, array.elements), true)
        }
        Json::NotStrings(r) => return not_strings(cx, lt, r, name),
        Json::No => (plain_words(lt, args.clone(), cx.escape), false),
    };
    let destination = if words.len() >= 2 { words.pop() } else { None };
    if destination.is_none() {
        let span = if args.is_empty() {
            ins.keyword
        } else {
            lt.span_of(args.start, args.end)
        };
        cx.error(
            span,
            format!(
                "{name} needs a source and a destination: {}",
                usage(ins.kind)
            ),
        );
    }
    Body::Copy(Copy {
        sources: words,
        destination,
        exec_form,
    })
}

fn expose(cx: &mut Cx, lt: &LogicalText, args: Range<usize>) -> Body {
    let words = plain_words(lt, args, cx.escape);
    for w in &words {
        if w.value.starts_with('#') {
            let span = Span::new(
                w.span.start,
                words.last().map_or(w.span.end, |l| l.span.end),
            );
            cx.error(
                span,
                "EXPOSE does not take comments: `#` starts a comment only at the beginning of a line; move it to its own line",
            );
            break;
        }
        if let Some(problem) = port_problem(&w.value) {
            cx.error(w.span, problem);
        }
    }
    Body::Words(words)
}

/// What is wrong with an `EXPOSE` word (`80`, `8000-8010`, `53/udp`; words with variables are not checked).
fn port_problem(word: &str) -> Option<String> {
    if word.contains('$') {
        return None;
    }
    let (ports, proto) = match word.split_once('/') {
        Some((p, proto)) => (p, Some(proto)),
        None => (word, None),
    };
    if ports.contains(':') {
        let container = ports.rsplit(':').next().unwrap_or("");
        return Some(format!(
            "EXPOSE takes container ports only; `{word}` maps a host port, which belongs in `docker run -p`: write EXPOSE {container}"
        ));
    }
    if let Some(proto) = proto {
        if !["tcp", "udp", "sctp"]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(proto))
        {
            return Some(format!(
                "`{word}` has an unknown protocol `{proto}`: use tcp, udp or sctp"
            ));
        }
    }
    let valid_port = |p: &str| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= 65535)
    };
    let ok = match ports.split_once('-') {
        Some((a, b)) => valid_port(a) && valid_port(b),
        None => valid_port(ports),
    };
    (!ok).then(|| format!("`{word}` is not a port: write a number (80), a range (8000-8010), optionally with /tcp, /udp or /sctp"))
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [flags] CMD command`.
fn healthcheck(cx: &mut Cx, lt: &LogicalText, args: Range<usize>) -> Body {
    let text = lt.text.as_str();
    let first = split_whitespace(text, args.clone())
        .into_iter()
        .next()
        .unwrap_or(args.clone());
    let typ = text.get(first.clone()).unwrap_or("");
    let typ_span = lt.span_of(first.start, first.end);
    let rest = trim(text, first.end..args.end);
    if typ.eq_ignore_ascii_case("none") {
        if !rest.is_empty() {
            cx.error(
                lt.span_of(rest.start, rest.end),
                "HEALTHCHECK NONE takes no arguments",
            );
        }
        return Body::Healthcheck(Healthcheck::None(typ_span));
    }
    // BuildKit's parser reads any type (`HEALTHCHECK CONNECT ...`) and an empty `CMD`; building them fails,
    // so a rule (DW4xxx `invalid-healthcheck`) reports them, not the parser.
    if !typ.eq_ignore_ascii_case("cmd") {
        let mut words = vec![Word {
            span: typ_span,
            value: typ.to_string(),
        }];
        if !rest.is_empty() {
            words.push(Word {
                span: lt.span_of(rest.start, rest.end),
                value: text.get(rest.clone()).unwrap_or("").to_string(),
            });
        }
        return Body::Words(words);
    }
    match command(cx, lt, rest, "HEALTHCHECK CMD") {
        Some(command) => Body::Healthcheck(Healthcheck::Cmd {
            cmd_keyword: typ_span,
            command,
        }),
        None => Body::Invalid,
    }
}

/// `ONBUILD instruction`: the inner instruction, read the same way.
fn onbuild(
    cx: &mut Cx,
    ins: &Instruction,
    lt: &LogicalText,
    args: Range<usize>,
    args_end: usize,
) -> Body {
    /// `ONBUILD ONBUILD` is already an error; past this depth the rest is not read at all.
    const MAX_DEPTH: usize = 4;
    if cx.onbuild_depth >= MAX_DEPTH {
        return Body::Invalid;
    }
    let span = Span::new(lt.to_source(args.start).min(args_end), args_end);
    cx.onbuild_depth += 1;
    let inner = instruction::parse(cx, lt, args.start, span, args_end);
    cx.onbuild_depth -= 1;
    match inner {
        Ok(inner) => {
            if matches!(
                inner.kind,
                Keyword::Onbuild | Keyword::From | Keyword::Maintainer
            ) {
                cx.error(
                    inner.keyword,
                    format!("ONBUILD cannot trigger {}", inner.kind.as_str()),
                );
            }
            Body::Onbuild(Box::new(inner))
        }
        Err(NotInstruction::Empty) => {
            cx.error(ins.keyword, "ONBUILD needs an instruction: ONBUILD RUN ...");
            Body::Invalid
        }
        Err(NotInstruction::Unknown { keyword, message }) => {
            cx.error(keyword, message);
            Body::Invalid
        }
    }
}
