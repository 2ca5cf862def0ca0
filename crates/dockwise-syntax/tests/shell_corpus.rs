//! Every `RUN` (and shell-form `CMD`/`ENTRYPOINT`/`HEALTHCHECK CMD`) script and `RUN` heredoc body of the corpus
//! goes through the shell view without panicking, with spans inside the source.

use std::path::{Path, PathBuf};

use dockwise_syntax::shell::{parse_heredoc_script, parse_script, Script};
use dockwise_syntax::{Body, Command, Healthcheck, Keyword};

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    assert!(root.is_dir(), "the corpus is missing: {}", root.display());
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn check(source: &str, script: &Script, what: &str) {
    for c in &script.commands {
        assert!(
            c.span.start <= c.span.end && c.span.end <= source.len(),
            "{what}: {c:?}"
        );
        for w in c.words.iter().chain(&c.assignments) {
            assert!(
                w.span.start <= w.span.end && w.span.end <= source.len(),
                "{what}: {w:?}"
            );
            assert!(source.is_char_boundary(w.span.start) && source.is_char_boundary(w.span.end));
            assert!(
                c.span.start <= w.span.start && w.span.end <= c.span.end,
                "{what}: {c:?}"
            );
        }
        for r in &c.redirects {
            assert!(r.span.end <= source.len(), "{what}: {r:?}");
        }
    }
}

#[test]
fn every_corpus_script_parses_without_panic() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    let (mut scripts, mut commands, mut fallbacks) = (0usize, 0usize, 0usize);
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let source = String::from_utf8_lossy(&bytes);
        let (dockerfile, _) = dockwise_syntax::parse(&source);
        let what = path.display().to_string();
        for instruction in dockerfile.instructions() {
            let mut texts = Vec::new();
            match &instruction.body {
                Body::Command(Command::Shell(lt)) => texts.push(lt),
                Body::Healthcheck(Healthcheck::Cmd {
                    command: Command::Shell(lt),
                    ..
                }) => texts.push(lt),
                _ => {}
            }
            for lt in texts {
                let script = parse_script(lt);
                check(&source, &script, &what);
                scripts += 1;
                commands += script.commands.len();
                fallbacks += usize::from(script.error.is_some());
            }
            if instruction.kind == Keyword::Run {
                for heredoc in &instruction.heredocs {
                    let script = parse_heredoc_script(&source, heredoc.body);
                    check(&source, &script, &what);
                    scripts += 1;
                    commands += script.commands.len();
                    fallbacks += usize::from(script.error.is_some());
                }
            }
        }
    }
    eprintln!(
        "{} files, {scripts} scripts, {commands} commands, {fallbacks} fell back",
        files.len()
    );
    assert!(scripts > 1000);
    // Real scripts are overwhelmingly valid shell: the fallback is for the odd one out.
    assert!(
        fallbacks * 50 < scripts,
        "{fallbacks} of {scripts} fell back"
    );
}

/// Random shell-ish strings (a fixed seed, so failures reproduce) never panic and keep spans in bounds.
#[test]
fn random_shell_text_never_panics() {
    const ALPHABET: [&str; 44] = [
        "a", "b", " ", " ", "$", "(", ")", "{", "}", "'", "\"", "`", "\\", "|", "&", ";", "<", ">",
        "0", "1", "2", "\n", "#", "=", "-", "é", "*", "!", "[", "]", "~", "<<", "EOF", "if", "fi",
        "$(", "$((", "$[", "${", "<<-", "\t", "))", "case", "in",
    ];
    let mut state: u64 = std::env::var("SHELL_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // SHELL_FUZZ_ITERATIONS=1000000 SHELL_FUZZ_SEED=7 SHELL_FUZZ_MAX_LEN=100 for a longer run.
    let iterations = std::env::var("SHELL_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let max_len: u64 = std::env::var("SHELL_FUZZ_MAX_LEN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    for _ in 0..iterations {
        let len = (next() % max_len) as usize;
        let text: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let result = std::panic::catch_unwind(|| {
            let script = parse_script(&dockwise_syntax::LogicalText::from_plain(&text, 0));
            check(&text, &script, &text);
        });
        assert!(result.is_ok(), "panicked on {text:?}");
    }
}
