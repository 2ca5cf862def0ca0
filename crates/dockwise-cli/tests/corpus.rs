//! `dockwise check --format json` over the whole corpus (tests/corpus) completes: one review per file, no crash.
//! The corpus is `tests/corpus` in the repository, or `DOCKWISE_CORPUS`.

mod common;

use std::path::PathBuf;

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DOCKWISE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus"));
    dir.is_dir().then_some(dir)
}

#[test]
fn check_json_over_the_whole_corpus_completes() {
    let corpus =
        corpus().expect("the corpus is missing: it ships in the repository at tests/corpus");
    let folders: Vec<PathBuf> = ["binnacle-gold", "shipwright"]
        .iter()
        .map(|f| corpus.join(f))
        .collect();
    let expected: usize = folders
        .iter()
        .map(|f| {
            std::fs::read_dir(f)
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".Dockerfile"))
                .count()
        })
        .sum();
    assert!(
        expected > 1000,
        "the corpus has its 1,405 files ({expected} found)"
    );
    let args: Vec<String> = ["check", "--no-config", "--format", "json"]
        .iter()
        .map(|s| s.to_string())
        .chain(folders.iter().map(|f| f.to_string_lossy().into_owned()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = common::run_in(&corpus, &args, None);
    assert!(
        run.status == 0 || run.status == 1,
        "exit status {} (2 means a file could not be reviewed):\n{}",
        run.status,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let reviews = run.json();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), expected);
    let mut paths: Vec<&str> = reviews
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let in_order = paths.clone();
    paths.sort();
    assert_eq!(paths, in_order, "output is sorted by path");
    assert!(reviews
        .iter()
        .all(|r| r["findings"].is_array() && r["rewritten"].is_string()));
}
