//! BuildKit's own parser test files (`frontend/dockerfile/parser/testfiles*` in moby/buildkit, Apache-2.0,
//! vendored with their licence in `tests/buildkit-testfiles/`, source and commit in its NOTICE): every file
//! BuildKit's parser accepts reads with no syntax error, every file it rejects gets at least one.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use dockwise_syntax::parse;

fn dockerfiles(folder: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/buildkit-testfiles")
        .join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.expect("readable folder").path().join("Dockerfile"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn valid_files_read_with_no_syntax_error() {
    let files = dockerfiles("testfiles");
    // The vendored set holds 33 valid files; fewer means the data went missing.
    assert!(files.len() >= 33, "only {} valid files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let text = read(path);
        let (file, errors) = parse(&text);
        if let Err(problem) = support::invariants(&text, &file, &errors) {
            failures.push(format!("{}: invariant broken: {problem}", path.display()));
        }
        for error in errors {
            failures.push(format!("{}: {error:?}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn negative_files_get_a_syntax_error() {
    let files = dockerfiles("testfiles-negative");
    assert!(files.len() >= 4, "only {} negative files", files.len());
    let accepted: Vec<String> = files
        .iter()
        .filter(|path| parse(&read(path)).1.is_empty())
        .map(|path| path.display().to_string())
        .collect();
    assert!(accepted.is_empty(), "accepted: {accepted:?}");
}
