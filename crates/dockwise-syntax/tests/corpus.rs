//! The real-world corpus: every file parses losslessly; files hadolint reads get no syntax error; files it
//! cannot read get one at the line hadolint names, and the rest of the file is still read.

mod support;

use std::collections::BTreeMap;

use dockwise_syntax::{parse, Item, LineIndex};
use support::{corpus_dir, corpus_files, invariants};

/// Files hadolint rejects that BuildKit reads, with why: we follow BuildKit.
const HADOLINT_ONLY: &[(&str, &str)] = &[
    (
        "shipwright/1ac10edf8b2026426c007c15f0a23208486c6121.Dockerfile",
        "EXPOSE ${ZK_clientPort:-2181}: BuildKit expands variables with defaults in EXPOSE",
    ),
    (
        "shipwright/29857c7f9392169c13fc92d0666f23374c6f5d74.Dockerfile",
        "an unclosed quote in a LABEL value: BuildKit's parser reads it, building fails (rule unclosed-quote)",
    ),
];

/// hadolint's DL1000 (parse error) line per file, from the jsonl beside the corpus.
fn hadolint_parse_errors() -> BTreeMap<String, usize> {
    let path = corpus_dir().join("hadolint-2.15.1.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut map = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let file = v["file"].as_str().expect("file").to_string();
        for f in v["findings"].as_array().into_iter().flatten() {
            if f["code"] == "DL1000" {
                map.insert(file.clone(), f["line"].as_u64().expect("line") as usize);
            }
        }
    }
    map
}

#[test]
fn every_file_round_trips() {
    let files = corpus_files();
    let mut failures = Vec::new();
    for (name, text) in &files {
        let (file, errors) = parse(text);
        if let Err(problem) = invariants(text, &file, &errors) {
            failures.push(format!("{name}: {problem}"));
        }
        let start = file.bom.map_or(0, |b| b.end);
        let joined: String = file.items.iter().map(|i| i.span().text(text)).collect();
        if joined != text[start..] {
            failures.push(format!("{name}: concatenated items differ from the input"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    assert_eq!(files.len(), 1405, "the corpus should hold 1,405 files");
}

#[test]
fn files_hadolint_reads_have_no_syntax_errors() {
    let rejected = hadolint_parse_errors();
    let mut failures = Vec::new();
    let mut clean = 0;
    for (name, text) in corpus_files() {
        if rejected.contains_key(&name) {
            continue;
        }
        let (_, errors) = parse(&text);
        if errors.is_empty() {
            clean += 1;
            continue;
        }
        let index = LineIndex::new(&text);
        for e in errors {
            let at = index.line_col(&text, e.span.start);
            failures.push(format!("{name}:{}:{}: {}", at.line, at.column, e.message));
        }
    }
    assert!(
        failures.is_empty(),
        "unexpected syntax errors:\n{}",
        failures.join("\n")
    );
    assert_eq!(clean, 1405 - rejected.len());
}

#[test]
fn files_hadolint_rejects_get_errors_at_its_line_and_are_still_read() {
    let rejected = hadolint_parse_errors();
    assert_eq!(rejected.len(), 9, "hadolint rejects 9 files of the corpus");
    let files: BTreeMap<String, String> = corpus_files().into_iter().collect();
    let mut failures = Vec::new();
    for (name, &line) in &rejected {
        let text = &files[name];
        let (file, errors) = parse(text);
        let index = LineIndex::new(text);
        let lines: Vec<usize> = errors
            .iter()
            .map(|e| index.line_col(text, e.span.start).line)
            .collect();
        if let Some((_, why)) = HADOLINT_ONLY.iter().find(|(n, _)| n == name) {
            if !errors.is_empty() {
                failures.push(format!(
                    "{name}: expected no error ({why}), got lines {lines:?}"
                ));
            }
            continue;
        }
        if !lines.contains(&line) {
            failures.push(format!(
                "{name}: hadolint says line {line}, we say {lines:?}"
            ));
        }
        // The rest is read: instructions after the bad line are instructions, not one error node.
        let after = file
            .items
            .iter()
            .filter(|i| index.line_col(text, i.span().start).line > line)
            .filter(|i| matches!(i, Item::Instruction(_)))
            .count();
        let total_after = text.lines().skip(line).filter(|l| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#')
        });
        if total_after.count() > 0 && after == 0 {
            failures.push(format!(
                "{name}: nothing after line {line} was read as an instruction"
            ));
        }
        if file.instructions().count() == 0 {
            failures.push(format!("{name}: no instruction read"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
