//! Parse throughput over the whole corpus: `cargo run --release -p dockwise-syntax --example bench [ROUNDS]`.
//! The corpus is `tests/corpus` in the repository, or `$DOCKWISE_CORPUS`.
use std::path::{Path, PathBuf};
use std::time::Instant;

fn corpus() -> PathBuf {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    if beside.is_dir() {
        return beside;
    }
    match std::env::var_os("DOCKWISE_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => panic!(
            "corpus not found at {}; set DOCKWISE_CORPUS",
            beside.display()
        ),
    }
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let mut files = Vec::new();
    for folder in ["binnacle-gold", "shipwright"] {
        for entry in std::fs::read_dir(corpus().join(folder))
            .expect("corpus folder")
            .flatten()
        {
            let bytes = std::fs::read(entry.path()).expect("readable file");
            files.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let bytes: usize = files.iter().map(String::len).sum();
    let mut items = 0;
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let start = Instant::now();
        for text in &files {
            let (file, errors) = dockwise_syntax::parse(text);
            items += file.items.len() + errors.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {:.2} MB: best of {rounds} rounds {:.1} ms, {:.0} MB/s ({} items)",
        files.len(),
        mb,
        best * 1e3,
        mb / best,
        items / rounds.max(1)
    );
}
