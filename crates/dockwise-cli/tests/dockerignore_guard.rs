//! The suggested `.dockerignore` never excludes what the Dockerfile copies: a property checked over every corpus
//! Dockerfile (tests/corpus), with Docker's matching (`dockwise::dockerignore_patterns`).

mod common;

use dockwise::dockerignore_patterns::{clean_path, has_wildcard, IgnoreList};
use dockwise::model::Model;
use dockwise::syntax::{Body, Keyword};
use std::path::PathBuf;

fn corpus_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut files: Vec<PathBuf> = ["binnacle-gold", "shipwright"]
        .iter()
        .flat_map(|folder| {
            std::fs::read_dir(root.join(folder)).expect("tests/corpus ships in the repository")
        })
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".Dockerfile"))
        .collect();
    files.sort();
    files
}

/// The context paths a Dockerfile's `COPY`/`ADD` name (not `--from`, not URLs, heredocs or variables).
fn copied_sources(source: &str) -> Vec<String> {
    let (file, errors) = dockwise::syntax::parse(source);
    let model = Model::new(source, &file, &errors);
    let mut out = Vec::new();
    for info in &model.instructions {
        if !matches!(info.kind(), Keyword::Copy | Keyword::Add) || info.node.flag("from").is_some()
        {
            continue;
        }
        if let Body::Copy(copy) = &info.node.body {
            for word in &copy.sources {
                let v = word.value.as_str();
                let remote = v.contains("://") || v.starts_with("git@");
                if !remote && !v.contains('$') && !v.starts_with("<<") && !clean_path(v).is_empty()
                {
                    out.push(v.to_string());
                }
            }
        }
    }
    out
}

fn suggestion(source: &str) -> Option<String> {
    let (file, errors) = dockwise::syntax::parse(source);
    let model = Model::new(source, &file, &errors);
    dockwise::rewrite::dockerignore::suggest(&model)
}

/// Paths a `COPY` glob matches, built from it (`*` as nothing and as `zz`, `?` as `q`, a class as its first
/// member, `**` as no folder and as one): the guard must keep every one.
fn instances(glob: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (star, double_star) in [("", None), ("zz", Some("sub"))] {
        let mut segments = Vec::new();
        let mut ok = true;
        for segment in clean_path(glob).split('/') {
            if segment == "**" {
                segments.extend(double_star.map(str::to_string));
                continue;
            }
            let bytes = segment.as_bytes();
            let mut text = String::new();
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'*' => text.push_str(star),
                    b'?' => text.push('q'),
                    b'\\' if i + 1 < bytes.len() => {
                        i += 1;
                        text.push(bytes[i] as char);
                    }
                    b'[' => match bytes.get(i + 1) {
                        Some(&c) if c != b'^' && c != b']' && c != b'\\' => {
                            text.push(c as char);
                            match bytes[i..].iter().position(|&b| b == b']') {
                                Some(close) => i += close,
                                None => ok = false,
                            }
                        }
                        _ => ok = false,
                    },
                    c => text.push(c as char),
                }
                i += 1;
            }
            segments.push(text);
        }
        let path = segments.join("/");
        // Keep only instances the glob really matches (read with the same Docker semantics).
        if ok && !path.is_empty() && IgnoreList::parse(glob).excluded_by(&path).is_some() {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_corpus_suggestion_excludes_a_path_its_dockerfile_copies() {
    let files = corpus_files();
    assert!(
        files.len() > 1000,
        "the corpus has its 1,405 files ({} found)",
        files.len()
    );
    let (mut suggested, mut literal_checked, mut glob_checked) = (0, 0, 0);
    let mut conflicts = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let Some(text) = suggestion(&source) else {
            continue;
        };
        suggested += 1;
        let ignore = IgnoreList::parse(&text);
        let mut conflicted = false;
        for copied in copied_sources(&source) {
            let paths = if has_wildcard(&copied) {
                glob_checked += 1;
                instances(&copied)
            } else {
                literal_checked += 1;
                vec![clean_path(&copied)]
            };
            for p in paths {
                if let Some(line) = ignore.excluded_by(&p) {
                    conflicts.push(format!(
                        "{}: `{copied}` ({p}) excluded by `{}`",
                        path.display(),
                        line.text
                    ));
                    conflicted = true;
                }
            }
        }
        if conflicted {
            conflicts.push(String::new());
        }
    }
    let files_in_conflict = conflicts.iter().filter(|c| c.is_empty()).count();
    eprintln!(
        "{} corpus files, {suggested} with a suggestion, {literal_checked} literal and {glob_checked} glob \
         sources checked, {files_in_conflict} files in conflict",
        files.len()
    );
    // The property must not hold for want of cases.
    assert!(suggested > 300 && literal_checked > 250 && glob_checked > 20);
    assert!(
        files_in_conflict == 0,
        "{files_in_conflict} suggestions exclude copied paths:\n{}",
        conflicts.join("\n")
    );
}

#[test]
fn corpus_suggestions_still_exclude_what_no_copy_names() {
    let mut checked = 0;
    for path in corpus_files() {
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let Some(text) = suggestion(&source) else {
            continue;
        };
        let copied: Vec<String> = copied_sources(&source)
            .iter()
            .map(|c| clean_path(c))
            .collect();
        let ignore = IgnoreList::parse(&text);
        for secret in [".git/config", ".env", "id.pem"] {
            let named = copied
                .iter()
                .any(|c| secret == c || secret.starts_with(&format!("{c}/")) || c.contains('*'));
            if !named {
                checked += 1;
                assert!(
                    ignore.excluded_by(secret).is_some(),
                    "{}: `{secret}` is no longer excluded:\n{text}",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 900, "{checked}");
}

#[test]
fn fix_write_keeps_the_copied_env_file_in_the_context() {
    let dir = common::TempDir::new();
    dir.write(".dockwise.toml", "only = [\"DW2007\"]\n");
    dir.write(
        "Dockerfile",
        "FROM python:3.12.7-slim\nWORKDIR /app\nCOPY .env ./\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
    );
    let run = common::run_in(dir.path(), &["fix", "--write", "Dockerfile"], None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let written = dir.read(".dockerignore");
    let ignore = IgnoreList::parse(&written);
    assert!(ignore.excluded_by(".env").is_none(), "{written}");
    assert!(ignore.excluded_by(".git").is_some(), "{written}");
}
