//! Fixing every corpus file (1,405 real Dockerfiles), with and without unsafe fixes, keeps these properties:
//!
//! - fixing converges, and the output parses with no more syntax errors than the input;
//! - fixing the output again changes nothing (idempotent);
//! - every comment of the input is still in the output;
//! - no instruction disappears except `RUN`s (merged or emptied by a fix that moves their commands); other
//!   instructions may change kind (`ADD` to `COPY`, `MAINTAINER` to `LABEL`) but their number never drops;
//! - re-linting the output leaves no finding whose automatic fix of the applied kind could still apply.
//!
//! Run with `cargo test -p dockwise --test fix_corpus -- --nocapture` for the numbers (files changed, findings
//! fixed by rule, findings left by rule and why). The corpus is found through `DOCKWISE_CORPUS` or at
//! `<repo>/tests/corpus`.

use dockwise::diagnostic::Applicability;
use dockwise::fix::fix;
use dockwise::lint::lint;
use dockwise::syntax::{parse, Keyword};
use dockwise::Config;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus_files() -> Vec<PathBuf> {
    let dir = std::env::var("DOCKWISE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus"));
    let mut files = Vec::new();
    for sub in ["binnacle-gold", "shipwright"] {
        let entries = std::fs::read_dir(dir.join(sub)).unwrap_or_else(|e| {
            panic!(
                "the corpus folder {} cannot be read: {e}",
                dir.join(sub).display()
            )
        });
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "Dockerfile") {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}

#[derive(Default)]
struct Tally {
    files: usize,
    changed: usize,
    fixed_by_rule: BTreeMap<String, usize>,
    /// Fixes the engine refused because they add syntax errors (a bug in that rule's fix), with a file.
    rejected_by_rule: BTreeMap<String, (usize, String)>,
    left_by_rule: BTreeMap<(String, &'static str), usize>,
    /// Files not rewritten because they have syntax errors.
    refused_for_syntax: usize,
    failures: Vec<String>,
}

fn keyword_counts(source: &str) -> BTreeMap<Keyword, usize> {
    let (file, _) = parse(source);
    let mut counts = BTreeMap::new();
    for i in file.instructions() {
        *counts.entry(i.kind).or_insert(0) += 1;
    }
    counts
}

fn check_file(path: &Path, source: &str, include_unsafe: bool, tally: &mut Tally) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let config = Config {
        unsafe_fixes: include_unsafe,
        ..Config::default()
    };
    let outcome = fix(source, &config, include_unsafe);
    let mode = if include_unsafe { "unsafe" } else { "safe" };
    let mut fail = |what: String| tally.failures.push(format!("[{mode}] {name}: {what}"));
    if !outcome.converged {
        fail(format!("did not converge after {} rounds", outcome.rounds));
    }
    let text = &outcome.text;
    let errors_before = parse(source).1.len();
    // A file with syntax errors is not rewritten at all, and says why.
    if errors_before > 0 {
        if include_unsafe {
            tally.files += 1;
            tally.refused_for_syntax += 1;
        }
        if text != source || !outcome.changes.is_empty() || outcome.refused.is_none() {
            fail(format!(
                "rewritten although it has {errors_before} syntax error(s)"
            ));
        }
        return;
    }
    let errors_after = parse(text).1.len();
    if errors_after > errors_before {
        fail(format!("syntax errors {errors_before} -> {errors_after}"));
    }
    let again = fix(text, &config, include_unsafe);
    if &again.text != text {
        let rules: Vec<String> = again.changes.iter().flat_map(|c| c.rules.clone()).collect();
        fail(format!("not idempotent (second pass applied {rules:?})"));
    }
    let (original, _) = parse(source);
    for comment in original.comments() {
        let c = comment.text(source).trim_end();
        if !text.contains(c) {
            // Name the rule whose fix, applied alone, loses it.
            let culprit = outcome
                .changes
                .iter()
                .flat_map(|ch| ch.rules.iter())
                .find(|rule| {
                    let alone = Config {
                        unsafe_fixes: include_unsafe,
                        ..Config::only(rule)
                    };
                    !fix(source, &alone, include_unsafe).text.contains(c)
                })
                .cloned()
                .unwrap_or_default();
            fail(format!("lost comment ({culprit}) {c:?}"));
        }
    }
    // Fixes may turn one instruction into another (`MAINTAINER` into `LABEL`): count non-`RUN`s together.
    // `WORKDIR`s aside: DW2003 writes them for `cd`s and DW1033 removes those that change nothing (a repeat of
    // the folder in force); their tests and the build fixtures check that every step keeps its folder.
    let non_run = |counts: BTreeMap<Keyword, usize>| -> usize {
        counts
            .iter()
            .filter(|(k, _)| !matches!(**k, Keyword::Run | Keyword::Workdir))
            .map(|(_, n)| n)
            .sum()
    };
    let (before, after) = (
        non_run(keyword_counts(source)),
        non_run(keyword_counts(text)),
    );
    if after < before {
        fail(format!("non-RUN instructions {before} -> {after}"));
    }
    let linted = lint(text, &config);
    for finding in &linted.findings {
        let fixable = finding
            .diagnostic
            .fix
            .as_ref()
            .is_some_and(|f| include_unsafe || f.applicability == Applicability::Safe);
        let refused = outcome.rejected.iter().any(|r| {
            r.rules.iter().any(|c| c == finding.rule.code)
                && finding
                    .diagnostic
                    .fix
                    .as_ref()
                    .is_some_and(|f| f.title == r.title)
        });
        if fixable && !refused {
            fail(format!(
                "{} still has an applicable fix at {}",
                finding.rule.code, finding.diagnostic.span.start
            ));
        }
        if include_unsafe {
            let why = match &finding.diagnostic.fix {
                None => "no automatic fix",
                Some(_) => "fix could not apply",
            };
            *tally
                .left_by_rule
                .entry((finding.rule.code.to_string(), why))
                .or_insert(0) += 1;
        }
    }
    for change in &outcome.rejected {
        for rule in &change.rules {
            let entry = tally
                .rejected_by_rule
                .entry(rule.clone())
                .or_insert((0, name.clone()));
            entry.0 += 1;
        }
    }
    if include_unsafe {
        tally.files += 1;
        if text != source {
            tally.changed += 1;
        }
        for change in &outcome.changes {
            for rule in &change.rules {
                *tally.fixed_by_rule.entry(rule.clone()).or_insert(0) += 1;
            }
        }
    }
}

/// Line endings stay the file's: every tenth corpus file, converted to CRLF, is fixed (unsafe included) without a
/// single bare LF appearing. Prints the rules whose fixes, applied alone, add one.
#[test]
fn fixing_crlf_files_keeps_crlf() {
    let files = corpus_files();
    let mut bad: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut changed = 0;
    for path in files.iter().step_by(10) {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let source = String::from_utf8_lossy(&bytes)
            .replace("\r\n", "\n")
            .replace('\n', "\r\n");
        let config = Config {
            unsafe_fixes: true,
            ..Config::default()
        };
        let out = fix(&source, &config, true);
        changed += usize::from(out.text != source && out.text.contains("\r\n"));
        if out.text.replace("\r\n", "").contains('\n') {
            for change in &out.changes {
                for rule in &change.rules {
                    let alone = Config {
                        unsafe_fixes: true,
                        ..Config::only(rule)
                    };
                    if fix(&source, &alone, true)
                        .text
                        .replace("\r\n", "")
                        .contains('\n')
                    {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_default();
                        bad.entry(rule.clone()).or_default().push(name);
                    }
                }
            }
        }
    }
    println!(
        "CRLF: {changed} of {} sampled files rewritten",
        files.len().div_ceil(10)
    );
    assert!(
        files.is_empty() || changed > 0,
        "the sample must exercise some fixes"
    );
    for (rule, names) in &bad {
        println!(
            "CRLF broken by {rule} in {} files, e.g. {}",
            names.len(),
            names[0]
        );
    }
    assert!(
        bad.is_empty(),
        "fixes wrote bare LF into CRLF files: {:?}",
        bad.keys().collect::<Vec<_>>()
    );
}

#[test]
fn fixing_the_corpus_keeps_every_property() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("corpus not found; set DOCKWISE_CORPUS");
        return;
    }
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    let chunks: Vec<&[PathBuf]> = files.chunks(files.len().div_ceil(threads)).collect();
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    let mut tally = Tally::default();
                    for path in chunk {
                        let Ok(bytes) = std::fs::read(path) else {
                            continue;
                        };
                        let source = String::from_utf8_lossy(&bytes).into_owned();
                        check_file(path, &source, false, &mut tally);
                        check_file(path, &source, true, &mut tally);
                    }
                    tally
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut total = Tally::default();
    for t in tallies {
        total.files += t.files;
        total.changed += t.changed;
        total.refused_for_syntax += t.refused_for_syntax;
        for (k, v) in t.fixed_by_rule {
            *total.fixed_by_rule.entry(k).or_insert(0) += v;
        }
        for (k, (n, file)) in t.rejected_by_rule {
            total.rejected_by_rule.entry(k).or_insert((0, file)).0 += n;
        }
        for (k, v) in t.left_by_rule {
            *total.left_by_rule.entry(k).or_insert(0) += v;
        }
        total.failures.extend(t.failures);
    }
    println!(
        "files: {}, changed by fixing (unsafe included): {}",
        total.files, total.changed
    );
    println!(
        "files not rewritten because they have syntax errors: {}",
        total.refused_for_syntax
    );
    println!("changes applied by rule:");
    for (rule, n) in &total.fixed_by_rule {
        println!("  {rule}: {n}");
    }
    println!("fixes refused because they add syntax errors (bugs in those fixes), by rule:");
    for (rule, (n, file)) in &total.rejected_by_rule {
        println!("  {rule}: {n} (e.g. {file})");
    }
    println!("findings left after fixing, by rule and why:");
    for ((rule, why), n) in &total.left_by_rule {
        println!("  {rule}: {n} ({why})");
    }
    total.failures.sort();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for f in &total.failures {
        let kind = f
            .split(": ")
            .nth(1)
            .unwrap_or("")
            .split([' ', '('])
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        *kinds.entry(kind).or_insert(0) += 1;
    }
    for (kind, n) in &kinds {
        println!("failures: {n} x {kind}");
    }
    for f in total.failures.iter().take(40) {
        println!("FAIL {f}");
    }
    assert_eq!(total.files, files.len(), "every corpus file is checked");
    assert!(
        total.failures.is_empty(),
        "{} property failures (first above)",
        total.failures.len()
    );
}
