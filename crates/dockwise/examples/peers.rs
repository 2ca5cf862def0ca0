//! `cargo xtask peers DIR`: runs hadolint's own rule tests (`test/Hadolint/Rule/*Spec.hs` in a local checkout
//! of hadolint at DIR) against Dockwise and prints the pass rate per rule and overall.
//!
//! Each case is one `ruleCatches`/`ruleCatchesNot`/`onBuildRuleCatches`/`onBuildRuleCatchesNot` call with a
//! literal snippet (or a `let` list of lines joined by `Text.unlines`), under hadolint's default configuration
//! only (`let ?config = def`). The `onBuild` variants wrap every `RUN` in `ONBUILD`, as hadolint's helper does,
//! and expect exactly one finding. Cases written any other way are counted as skipped. hadolint is GPL-3.0:
//! its tests are read from the checkout at run time and never copied into this repository.

use std::collections::BTreeMap;
use std::path::Path;

use dockwise::config::Config;
use dockwise::lint::lint;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(String),
    Ident(String),
    Sym(char),
}

/// A token with the indentation of the line it starts (`Some`) when it is the first on its line.
struct Token {
    tok: Tok,
    line_indent: Option<usize>,
    line: usize,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("--") {
            continue;
        }
        let indent = line.len() - code.len();
        let mut first = true;
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut push = |tok: Tok, first: &mut bool| {
            out.push(Token {
                tok,
                line_indent: first.then_some(indent),
                line: n + 1,
            });
            *first = false;
        };
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
            } else if c == '-' && chars.get(i + 1) == Some(&'-') {
                break;
            } else if c == '"' {
                let mut s = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        i += 1;
                        match chars[i] {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            '&' => {}
                            d if d.is_ascii_digit() => {
                                let mut num = String::new();
                                while i < chars.len() && chars[i].is_ascii_digit() {
                                    num.push(chars[i]);
                                    i += 1;
                                }
                                i -= 1;
                                if let Some(ch) = num.parse().ok().and_then(char::from_u32) {
                                    s.push(ch);
                                }
                            }
                            other => s.push(other),
                        }
                    } else {
                        s.push(chars[i]);
                    }
                    i += 1;
                }
                i += 1;
                push(Tok::Str(s), &mut first);
            } else if c.is_alphanumeric() || c == '_' || c == '?' {
                let mut s = String::new();
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '\'' | '?'))
                {
                    s.push(chars[i]);
                    i += 1;
                }
                push(Tok::Ident(s), &mut first);
            } else {
                push(Tok::Sym(c), &mut first);
                i += 1;
            }
        }
    }
    out
}

struct Case {
    file: String,
    line: usize,
    code: String,
    snippet: String,
    on_build: bool,
    catches: bool,
}

/// A `[ "a", "b" ]` list of string literals starting at `at`: the strings and the index after `]`.
fn string_list(tokens: &[Token], at: usize) -> Option<(Vec<String>, usize)> {
    if tokens.get(at)?.tok != Tok::Sym('[') {
        return None;
    }
    let mut items = Vec::new();
    let mut i = at + 1;
    loop {
        match &tokens.get(i)?.tok {
            Tok::Str(s) => items.push(s.clone()),
            Tok::Sym(',') => {}
            Tok::Sym(']') => return Some((items, i + 1)),
            _ => return None,
        }
        i += 1;
    }
}

fn unlines(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The cases of one spec file, and how many calls could not be read.
fn extract(file: &str, text: &str) -> (Vec<Case>, usize) {
    let tokens = tokenize(text);
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Non-default `?config` scopes: the indentation of the `let` that set it.
    let mut custom: Vec<usize> = Vec::new();
    let mut cases = Vec::new();
    let mut skipped = 0;
    for (i, t) in tokens.iter().enumerate() {
        if let Some(indent) = t.line_indent {
            custom.retain(|&c| indent >= c);
        }
        match &t.tok {
            Tok::Ident(name) if name == "?config" => {
                let is_def = matches!(tokens.get(i + 2).map(|t| &t.tok), Some(Tok::Ident(d)) if d == "def")
                    && tokens.get(i + 3).is_none_or(|n| n.tok != Tok::Sym('{'));
                if !is_def {
                    let indent = tokens[..i]
                        .iter()
                        .rev()
                        .find_map(|t| t.line_indent)
                        .unwrap_or(0);
                    custom.push(indent);
                }
            }
            Tok::Ident(name) if tokens.get(i + 1).map(|t| &t.tok) == Some(&Tok::Sym('=')) => {
                if let Some((items, _)) = string_list(&tokens, i + 2) {
                    lists.insert(name.clone(), items);
                }
            }
            Tok::Ident(name)
                if matches!(
                    name.as_str(),
                    "ruleCatches"
                        | "ruleCatchesNot"
                        | "onBuildRuleCatches"
                        | "onBuildRuleCatchesNot"
                ) =>
            {
                let Some(Tok::Str(code)) = tokens.get(i + 1).map(|t| &t.tok) else {
                    continue;
                };
                let snippet = match tokens.get(i + 2).map(|t| &t.tok) {
                    Some(Tok::Str(s)) => Some(s.clone()),
                    Some(Tok::Sym('$')) => match tokens.get(i + 3).map(|t| &t.tok) {
                        Some(Tok::Ident(f)) if f.ends_with("unlines") => {
                            match tokens.get(i + 4).map(|t| &t.tok) {
                                Some(Tok::Ident(var)) => lists.get(var).map(|l| unlines(l)),
                                Some(Tok::Sym('[')) => {
                                    string_list(&tokens, i + 4).map(|(l, _)| unlines(&l))
                                }
                                _ => None,
                            }
                        }
                        _ => None,
                    },
                    _ => None,
                };
                match snippet {
                    Some(snippet) if custom.is_empty() => cases.push(Case {
                        file: file.to_string(),
                        line: t.line,
                        code: code.clone(),
                        snippet,
                        on_build: name.starts_with("onBuild"),
                        catches: !name.ends_with("Not"),
                    }),
                    _ => skipped += 1,
                }
            }
            _ => {}
        }
    }
    (cases, skipped)
}

/// hadolint's `onBuild` helper: every `RUN` instruction becomes `ONBUILD RUN`.
fn wrap_runs(snippet: &str) -> String {
    let mut out = String::new();
    let mut continued = false;
    for line in snippet.split_inclusive('\n') {
        let starts_run = line
            .trim_start()
            .get(..4)
            .is_some_and(|k| k.eq_ignore_ascii_case("RUN ") || k.eq_ignore_ascii_case("RUN\t"));
        if !continued && starts_run {
            out.push_str("ONBUILD ");
        }
        out.push_str(line);
        continued = line.trim_end().ends_with('\\');
    }
    out
}

/// How many findings Dockwise reports under hadolint `code` for `source`.
fn count(code: &str, source: &str) -> usize {
    let config = Config {
        enable: vec![code.to_string()],
        ..Config::default()
    };
    lint(source, &config)
        .findings
        .iter()
        .filter(|f| {
            f.rule
                .aliases
                .iter()
                .any(|a| a.1.eq_ignore_ascii_case(code))
        })
        .count()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v" || a == "--verbose");
    let Some(dir) = args.iter().find(|a| !a.starts_with('-')) else {
        eprintln!("usage: peers HADOLINT_CHECKOUT [-v]");
        std::process::exit(2);
    };
    let spec_dir = Path::new(dir).join("test/Hadolint/Rule");
    let mut entries: Vec<_> = match std::fs::read_dir(&spec_dir) {
        Ok(d) => d.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", spec_dir.display());
            std::process::exit(2);
        }
    };
    entries.sort();
    let known: Vec<String> = dockwise::rules::all()
        .flat_map(|r| r.aliases.iter().map(|a| a.1.to_ascii_uppercase()))
        .collect();
    let mut per_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut skipped, mut unaliased) = (0, 0);
    for path in entries
        .iter()
        .filter(|p| p.to_string_lossy().ends_with("Spec.hs"))
    {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (cases, skip) = extract(&name, &text);
        skipped += skip;
        for case in cases {
            if !known.contains(&case.code.to_ascii_uppercase()) {
                unaliased += 1;
                continue;
            }
            let source = if case.on_build {
                wrap_runs(&case.snippet)
            } else {
                case.snippet.clone()
            };
            let found = count(&case.code, &source);
            let pass = match (case.catches, case.on_build) {
                (true, true) => found == 1,
                (true, false) => found >= 1,
                (false, _) => found == 0,
            };
            let entry = per_rule.entry(case.code.clone()).or_default();
            entry.1 += 1;
            if pass {
                entry.0 += 1;
            } else if verbose {
                println!(
                    "MISS {}:{} {} {}{} found {found}\n{}",
                    case.file,
                    case.line,
                    case.code,
                    if case.on_build { "onBuild " } else { "" },
                    if case.catches {
                        "catches"
                    } else {
                        "catchesNot"
                    },
                    source.trim_end()
                );
            }
        }
    }
    let (mut pass, mut total) = (0, 0);
    println!("{:<8} {:>6} {:>6} {:>7}", "rule", "pass", "cases", "rate");
    for (code, (p, t)) in &per_rule {
        pass += p;
        total += t;
        println!(
            "{code:<8} {p:>6} {t:>6} {:>6.1}%",
            100.0 * *p as f64 / *t as f64
        );
    }
    println!(
        "overall  {pass:>6} {total:>6} {:>6.1}%  ({skipped} calls not read: custom configuration or \
         computed snippets; {unaliased} cases of rules Dockwise does not alias)",
        100.0 * pass as f64 / total.max(1) as f64
    );
}
