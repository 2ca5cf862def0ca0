//! Differential test against the deprecated `dockerfile-parser` crate over the corpus: on every file both
//! accept, the same instructions in the same order with the same arguments. Values are compared after the
//! normalisations below, which only paper over how each parser spells the same reading.

mod support;

use dockerfile_parser as dp;
use dockwise_syntax::*;
use support::corpus_files;

const BACKSLASH: &str =
    "legacy `ENV K C:\\\\dir`: BuildKit unescapes `\\\\` to `\\`; they keep both";
const JSON_NO_SPACES: &str = "`COPY [\"a\",\"b\"]` is JSON; they read it as one word";
const UNCLOSED_QUOTE: &str =
    "legacy `ENV K \"v`: the quote is removed when BuildKit expands it; they keep it";
const NOT_ESCAPABLE: &str =
    "`\\0` inside double quotes stays as written in BuildKit; they decode it to a control char";
const SINGLE_QUOTED_JSON: &str =
    "`CMD [\'a\']` is not JSON, so BuildKit runs it as a shell command; they read an array";
const LEGACY_QUOTES: &str = "legacy `ENV K a \'b c\'`: BuildKit removes the quotes (and `$` inside them is literal); they keep them";

/// Where the two disagree and BuildKit agrees with us: (file prefix, keyword, why).
const KNOWN: &[(&str, &str, &str)] = &[
    ("binnacle-gold/04cce459", "ENV", BACKSLASH),
    ("binnacle-gold/08faf411", "ENV", BACKSLASH),
    ("binnacle-gold/0ee0b008", "ENV", BACKSLASH),
    ("binnacle-gold/0f119a2e", "ENV", BACKSLASH),
    ("binnacle-gold/165bdd13", "ENV", BACKSLASH),
    ("binnacle-gold/1e26f46f", "ENV", BACKSLASH),
    ("binnacle-gold/227af162", "ENV", BACKSLASH),
    ("binnacle-gold/2ce4f507", "ENV", BACKSLASH),
    ("binnacle-gold/46842c07", "ENV", BACKSLASH),
    ("binnacle-gold/64df04f3", "ENV", BACKSLASH),
    ("binnacle-gold/882094de", "ENV", BACKSLASH),
    ("binnacle-gold/8ac98664", "ENV", BACKSLASH),
    ("binnacle-gold/8e69218c", "ENV", BACKSLASH),
    ("binnacle-gold/9c569007", "ENV", BACKSLASH),
    ("binnacle-gold/a40a1e8d", "ENV", BACKSLASH),
    ("binnacle-gold/a80fec6e", "ENV", BACKSLASH),
    ("binnacle-gold/c4362f36", "ENV", BACKSLASH),
    ("binnacle-gold/d62114ed", "ENV", BACKSLASH),
    ("binnacle-gold/deffa499", "ENV", BACKSLASH),
    ("binnacle-gold/f361fc5d", "ENV", BACKSLASH),
    ("binnacle-gold/f693f219", "ENV", BACKSLASH),
    ("shipwright/086d0507", "COPY", JSON_NO_SPACES),
    ("shipwright/1699f441", "ENV", UNCLOSED_QUOTE),
    ("shipwright/232f9757", "ENV", NOT_ESCAPABLE),
    ("shipwright/24b3119e", "CMD", SINGLE_QUOTED_JSON),
    ("shipwright/29661392", "CMD", SINGLE_QUOTED_JSON),
    ("shipwright/2b7ee1a0", "ENV", LEGACY_QUOTES),
    ("shipwright/2b7ee1a0", "CMD", SINGLE_QUOTED_JSON),
];

/// Whitespace runs collapsed: the two parsers keep different indentation when joining continuation lines.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Our reading of one instruction, as (keyword, fields) comparable with theirs.
fn ours(source: &str, i: &Instruction) -> (String, Vec<String>) {
    let mut fields: Vec<String> = i
        .flags
        .iter()
        .map(|f| {
            format!(
                "--{}={}",
                f.name_text,
                f.value.as_ref().map_or("", |v| v.value.as_str())
            )
        })
        .collect();
    let text_of = |c: &Command| match c {
        Command::Exec(e) => e
            .elements
            .iter()
            .map(|w| format!("[{}]", w.value))
            .collect::<Vec<_>>(),
        Command::Shell(t) => vec![norm(&t.text)],
    };
    match &i.body {
        Body::From(f) => {
            fields.push(f.image.value.clone());
            fields.extend(f.stage_name.iter().map(|n| format!("AS {}", n.value)));
        }
        // They read no flags on RUN: the flags stay in their command text.
        Body::Command(Command::Shell(t)) if i.kind == Keyword::Run && !i.flags.is_empty() => {
            let flags: Vec<&str> = i.flags.iter().map(|f| f.span.text(source)).collect();
            fields = vec![norm(&format!("{} {}", flags.join(" "), t.text))];
        }
        Body::Command(c) if matches!(i.kind, Keyword::Run | Keyword::Cmd | Keyword::Entrypoint) => {
            fields.extend(text_of(c))
        }
        Body::KeyValues(pairs)
            if matches!(i.kind, Keyword::Env | Keyword::Label | Keyword::Arg) =>
        {
            for p in pairs {
                fields.push(p.key.value.clone());
                fields.extend(p.value.iter().map(|v| norm(&v.value)));
            }
        }
        Body::Copy(c) if i.kind == Keyword::Copy => {
            fields.extend(c.sources.iter().map(|w| w.value.clone()));
            fields.extend(c.destination.iter().map(|w| w.value.clone()));
        }
        _ => {
            // Everything else is "misc" to them: compare the argument text with continuations removed.
            fields.clear();
            fields.push(norm(&logical_args(source, i)));
        }
    }
    (i.kind.as_str().to_string(), fields)
}

/// The argument text (flags included) with escaped newlines and comment lines removed.
fn logical_args(source: &str, i: &Instruction) -> String {
    let start = i.keyword.end;
    let text = source.get(start..i.args.end).unwrap_or("");
    let mut out = String::new();
    for line in text.split('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let line = line.trim_end_matches('\r');
        let body = line.trim_end();
        out.push_str(body.strip_suffix('\\').unwrap_or(body));
        out.push(' ');
    }
    out
}

/// Their reading, in the same shape.
fn theirs(i: &dp::Instruction) -> (String, Vec<String>) {
    let shell = |e: &dp::ShellOrExecExpr| match e {
        dp::ShellOrExecExpr::Shell(s) => vec![norm(&s.to_string())],
        dp::ShellOrExecExpr::Exec(a) => a
            .elements
            .iter()
            .map(|w| format!("[{}]", w.content))
            .collect(),
    };
    match i {
        dp::Instruction::From(f) => {
            let mut fields: Vec<String> = f
                .flags
                .iter()
                .map(|fl| format!("--{}={}", fl.name.content, fl.value.content))
                .collect();
            fields.push(f.image.content.clone());
            fields.extend(f.alias.iter().map(|a| format!("AS {}", a.content)));
            ("FROM".into(), fields)
        }
        dp::Instruction::Arg(a) => {
            let mut fields = vec![a.name.content.clone()];
            fields.extend(a.value.iter().map(|v| norm(&v.content)));
            ("ARG".into(), fields)
        }
        dp::Instruction::Label(l) => (
            "LABEL".into(),
            l.labels
                .iter()
                .flat_map(|l| [l.name.content.clone(), norm(&l.value.content)])
                .collect(),
        ),
        dp::Instruction::Env(e) => (
            "ENV".into(),
            e.vars
                .iter()
                .flat_map(|v| [v.key.content.clone(), norm(&v.value.to_string())])
                .collect(),
        ),
        dp::Instruction::Run(r) => ("RUN".into(), shell(&r.expr)),
        dp::Instruction::Cmd(c) => ("CMD".into(), shell(&c.expr)),
        dp::Instruction::Entrypoint(e) => ("ENTRYPOINT".into(), shell(&e.expr)),
        dp::Instruction::Copy(c) => {
            let mut fields: Vec<String> = c
                .flags
                .iter()
                .map(|fl| format!("--{}={}", fl.name.content, fl.value.content))
                .collect();
            fields.extend(c.sources.iter().map(|s| s.content.clone()));
            fields.push(c.destination.content.clone());
            ("COPY".into(), fields)
        }
        dp::Instruction::Misc(m) => (
            m.instruction.content.to_ascii_uppercase(),
            vec![norm(&m.arguments.to_string())],
        ),
    }
}

#[test]
fn agrees_with_dockerfile_parser_on_the_corpus() {
    let mut both = 0;
    let mut instructions = 0;
    let mut agree = 0;
    let mut explained = 0;
    let mut differences = Vec::new();
    for (name, text) in corpus_files() {
        let Ok(reference) = dp::Dockerfile::parse(&text) else {
            continue;
        };
        let (file, _) = parse(&text);
        both += 1;
        let ours: Vec<_> = file.instructions().map(|i| ours(&text, i)).collect();
        let theirs: Vec<_> = reference.instructions.iter().map(theirs).collect();
        let kinds_ours: Vec<&str> = ours.iter().map(|(k, _)| k.as_str()).collect();
        let kinds_theirs: Vec<&str> = theirs.iter().map(|(k, _)| k.as_str()).collect();
        if kinds_ours != kinds_theirs {
            differences.push(format!(
                "{name}: instructions differ\n  ours   {kinds_ours:?}\n  theirs {kinds_theirs:?}"
            ));
            continue;
        }
        for (a, b) in ours.iter().zip(&theirs) {
            instructions += 1;
            if a == b {
                agree += 1;
            } else if KNOWN
                .iter()
                .any(|(f, k, _)| name.starts_with(f) && a.0 == *k)
            {
                explained += 1;
            } else {
                differences.push(format!(
                    "{name}: {}\n  ours   {:?}\n  theirs {:?}",
                    a.0, a.1, b.1
                ));
            }
        }
    }
    eprintln!(
        "dockerfile-parser: {both} files both accept, {agree} of {instructions} instructions agree, \
         {explained} differ where BuildKit agrees with us, {} unexplained",
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
