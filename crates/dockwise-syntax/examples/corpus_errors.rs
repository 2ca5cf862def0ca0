//! Lists the syntax errors over a folder of Dockerfiles: `cargo run -p dockwise-syntax --example corpus_errors -- DIR...`.
fn main() {
    for dir in std::env::args().skip(1) {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .expect("folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let (file, errors) = dockwise_syntax::parse(&text);
            let start = file.bom.map_or(0, |b| b.end);
            let joined: String = file.items.iter().map(|i| i.span().text(&text)).collect();
            if joined != text[start..] {
                println!("{}: ROUND-TRIP FAILED", path.display());
            }
            let index = dockwise_syntax::LineIndex::new(&text);
            for e in errors {
                let lc = index.line_col(&text, e.span.start);
                println!(
                    "{}:{}:{}: {}",
                    path.display(),
                    lc.line,
                    lc.column,
                    e.message
                );
            }
        }
    }
}
