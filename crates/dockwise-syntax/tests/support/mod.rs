//! Shared by the integration tests: the lossless invariants, and the `check(input, expect)` helper.
// Each test binary compiles this module and uses only some of its helpers.
#![allow(dead_code)]

use dockwise_syntax::*;

/// Parses `input`, checks the invariants, and compares the readable dump with `expect`.
#[track_caller]
pub fn check(input: &str, expect: &str) {
    let (file, errors) = parse(input);
    if let Err(problem) = invariants(input, &file, &errors) {
        panic!("invariant broken for {input:?}: {problem}");
    }
    let actual = dump(input, &file, &errors);
    if actual != expect {
        panic!("dump differs for {input:?}\n--- expected\n{expect}\n--- actual\n{actual}");
    }
}

/// The promises of the tree: items tile the input after the BOM, every span sits inside its item on char
/// boundaries, and every logical text maps back to the source byte for byte.
pub fn invariants(source: &str, file: &Dockerfile, errors: &[SyntaxError]) -> Result<(), String> {
    let mut at = file.bom.map_or(0, |b| b.end);
    if file.bom.is_some() != source.starts_with('\u{feff}') {
        return Err("BOM misreported".into());
    }
    for item in &file.items {
        let span = item.span();
        if span.start != at {
            return Err(format!(
                "gap or overlap at {at}: next item starts at {}",
                span.start
            ));
        }
        if span.is_empty() {
            return Err(format!("empty item at {at}"));
        }
        within(source, span, span, "item")?;
        if let Item::Instruction(i) = item {
            instruction(source, span, i)?;
        }
        at = span.end;
    }
    if at != source.len() {
        return Err(format!("items end at {at}, input at {}", source.len()));
    }
    for e in errors {
        within(source, Span::new(0, source.len()), e.span, "error")?;
        if e.message.is_empty() {
            return Err("empty error message".into());
        }
    }
    Ok(())
}

fn within(source: &str, outer: Span, span: Span, what: &str) -> Result<(), String> {
    let ok = span.start <= span.end
        && outer.start <= span.start
        && span.end <= outer.end
        && source.is_char_boundary(span.start)
        && source.is_char_boundary(span.end);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{what} span {span:?} outside {outer:?} or off a char boundary"
        ))
    }
}

fn word(source: &str, outer: Span, w: &Word, what: &str) -> Result<(), String> {
    within(source, outer, w.span, what)
}

fn logical(source: &str, outer: Span, t: &LogicalText) -> Result<(), String> {
    let mut logical_at = 0;
    for &(l, s, len) in &t.segments {
        if l != logical_at || len == 0 {
            return Err(format!(
                "segments not contiguous at {l} (expected {logical_at})"
            ));
        }
        within(source, outer, Span::new(s, s + len), "segment")?;
        if t.text.get(l..l + len) != source.get(s..s + len) {
            return Err(format!(
                "segment {l}..{} does not match the source at {s}",
                l + len
            ));
        }
        logical_at += len;
    }
    if logical_at != t.text.len() {
        return Err(format!(
            "segments cover {logical_at} of {} bytes",
            t.text.len()
        ));
    }
    Ok(())
}

fn command(source: &str, outer: Span, c: &Command) -> Result<(), String> {
    match c {
        Command::Exec(e) => {
            within(source, outer, e.span, "exec")?;
            e.elements
                .iter()
                .try_for_each(|w| word(source, e.span, w, "element"))
        }
        Command::Shell(t) => logical(source, outer, t),
    }
}

fn instruction(source: &str, outer: Span, i: &Instruction) -> Result<(), String> {
    within(source, outer, i.keyword, "keyword")?;
    within(source, outer, i.args, "args")?;
    for f in &i.flags {
        within(source, outer, f.span, "flag")?;
        within(source, f.span, f.name, "flag name")?;
        if let Some(v) = &f.value {
            word(source, f.span, v, "flag value")?;
        }
    }
    for c in &i.comments {
        within(source, outer, *c, "comment")?;
    }
    for h in &i.heredocs {
        within(source, outer, h.opener, "heredoc opener")?;
        within(source, outer, h.body, "heredoc body")?;
        within(source, outer, h.terminator, "heredoc terminator")?;
    }
    match &i.body {
        Body::From(f) => {
            word(source, outer, &f.image, "image")?;
            if let Some(r) = &f.reference {
                within(source, outer, r.span, "reference")?;
                word(source, outer, &r.name, "name")?;
                for part in [&r.registry, &r.tag, &r.digest].into_iter().flatten() {
                    word(source, outer, part, "reference part")?;
                }
            }
            if let Some(n) = &f.stage_name {
                word(source, outer, n, "stage")?;
            }
            Ok(())
        }
        Body::Command(c) => command(source, outer, c),
        Body::KeyValues(pairs) => pairs.iter().try_for_each(|p| {
            within(source, outer, p.span, "pair")?;
            word(source, outer, &p.key, "key")?;
            p.value
                .iter()
                .try_for_each(|v| word(source, outer, v, "value"))
        }),
        Body::Copy(c) => c
            .sources
            .iter()
            .chain(&c.destination)
            .try_for_each(|w| word(source, outer, w, "path")),
        Body::Words(words) => words
            .iter()
            .try_for_each(|w| word(source, outer, w, "word")),
        Body::Healthcheck(Healthcheck::None(s)) => within(source, outer, *s, "NONE"),
        Body::Healthcheck(Healthcheck::Cmd {
            cmd_keyword,
            command: c,
        }) => {
            within(source, outer, *cmd_keyword, "CMD")?;
            command(source, outer, c)
        }
        Body::Onbuild(inner) => {
            within(source, outer, inner.span, "inner instruction")?;
            instruction(source, outer, inner)
        }
        Body::Invalid => Ok(()),
    }
}

/// The corpus folder: `tests/corpus` in the repository, or `$DOCKWISE_CORPUS`.
pub fn corpus_dir() -> std::path::PathBuf {
    let beside = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    if beside.is_dir() {
        return beside;
    }
    if let Some(dir) = std::env::var_os("DOCKWISE_CORPUS").map(std::path::PathBuf::from) {
        if dir.is_dir() {
            return dir;
        }
    }
    panic!(
        "the Dockerfile corpus was not found at {} and $DOCKWISE_CORPUS is not set to a folder; \
         it ships in the repository at tests/corpus",
        beside.display()
    );
}

/// Every corpus Dockerfile as (name relative to the corpus, text), sorted by name.
pub fn corpus_files() -> Vec<(String, String)> {
    let root = corpus_dir();
    let mut files = Vec::new();
    for folder in ["binnacle-gold", "shipwright"] {
        let dir = root.join(folder);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let name = format!("{folder}/{}", entry.file_name().to_string_lossy());
            files.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    files.sort();
    assert!(
        !files.is_empty(),
        "the corpus at {} holds no files",
        root.display()
    );
    files
}
