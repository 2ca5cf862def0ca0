//! Editor latency of `dockwise server --stdio`: the time from sending `didOpen` (and an incremental `didChange`)
//! to reading the `publishDiagnostics` that answers it, through the real binary and its framing. Files: a small
//! Dockerfile, generated files of 100 and 1,000 lines, the largest Dockerfile under tests/corpus and a generated
//! one of 8,000 instructions. Prints the numbers; asserts nothing (the end-to-end test is tests/lsp.rs).
//! Run with `cargo bench -p dockwise-cli --bench lsp` (or `cargo xtask bench`).

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use lsp_client::Server;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SMALL: &str = "FROM python:3.12-slim\n\
WORKDIR /app\n\
COPY requirements.txt .\n\
RUN pip install -r requirements.txt\n\
COPY . .\n\
EXPOSE 8000\n\
CMD python app.py\n";

/// A Dockerfile of `n` instructions after its `FROM`, cycling through common kinds (each one line).
fn generate(n: usize) -> String {
    let mut out = String::from("FROM debian:12-slim\n");
    for i in 0..n {
        let line = match i % 6 {
            0 => format!("ENV VAR_{i}=value_{i}\n"),
            1 => format!(
                "RUN apt-get update && apt-get install -y --no-install-recommends pkg{i}=1.{i} \
                 && rm -rf /var/lib/apt/lists/*\n"
            ),
            2 => format!("COPY --chown=1000:1000 src/part{i} /app/part{i}/\n"),
            3 => format!("LABEL org.example.key{i}=\"value {i}\"\n"),
            4 => format!("ARG ARG_{i}=default_{i}\n"),
            _ => format!("WORKDIR /opt/app{i}\n"),
        };
        out.push_str(&line);
    }
    out
}

/// The largest file named `*Dockerfile*` under `dir`, recursively.
fn largest_dockerfile(dir: &Path) -> Option<PathBuf> {
    let mut best: Option<(u64, PathBuf)> = None;
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).ok()?.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                folders.push(path);
            } else if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains("Dockerfile"))
                && best.as_ref().is_none_or(|(size, _)| meta.len() > *size)
            {
                best = Some((meta.len(), path));
            }
        }
    }
    best.map(|(_, path)| path)
}

/// Median, 90th percentile and maximum of the samples, in milliseconds.
fn summary(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:7.2} ms   p90 {:7.2} ms   max {:7.2} ms   ({} runs)",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(*samples.last().unwrap()),
        samples.len()
    )
}

/// Open `text` `runs` times (a new document each time) and time each open until its diagnostics arrive.
fn time_open(server: &mut Server, name: &str, text: &str, runs: usize) -> Vec<Duration> {
    (0..runs)
        .map(|run| {
            let uri = format!("file:///bench/{name}/{run}/Dockerfile");
            let started = Instant::now();
            server.notify(
                "textDocument/didOpen",
                json!({ "textDocument": { "uri": uri, "languageId": "dockerfile", "version": 1, "text": text } }),
            );
            server.diagnostics(&uri, 1);
            let took = started.elapsed();
            server.notify(
                "textDocument/didClose",
                json!({ "textDocument": { "uri": uri } }),
            );
            took
        })
        .collect()
}

/// Open `text` once, then time `runs` one-character incremental edits (typing at the end of the first line).
fn time_change(server: &mut Server, name: &str, text: &str, runs: usize) -> Vec<Duration> {
    let uri = format!("file:///bench/{name}/change/Dockerfile");
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "dockerfile", "version": 1, "text": text } }),
    );
    server.diagnostics(&uri, 1);
    let end_of_first_line = text.lines().next().unwrap_or("").encode_utf16().count();
    let samples = (0..runs)
        .map(|run| {
            let version = run as i64 + 2;
            let at = json!({ "line": 0, "character": end_of_first_line + run });
            let started = Instant::now();
            server.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": { "start": at, "end": at }, "text": " " }],
                }),
            );
            server.diagnostics(&uri, version);
            started.elapsed()
        })
        .collect();
    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    samples
}

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let largest = largest_dockerfile(&corpus).map(|path| {
        let text = std::fs::read_to_string(&path).expect("a corpus file reads");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        (name, text)
    });
    let mut files = vec![
        ("small".to_string(), SMALL.to_string(), 50),
        ("100 lines".to_string(), generate(99), 50),
        ("1,000 lines".to_string(), generate(999), 20),
    ];
    match largest {
        Some((name, text)) => files.push((format!("largest in tests/corpus ({name})"), text, 20)),
        None => eprintln!("no Dockerfile under {}", corpus.display()),
    }
    files.push(("8,000 instructions".to_string(), generate(8000), 5));

    let mut server = Server::start();
    server.initialize();
    // Warm up: the first review pays for lazily built tables.
    time_open(&mut server, "warm-up", SMALL, 3);

    println!("dockwise server --stdio: didOpen / didChange -> publishDiagnostics (wall time, release build)");
    for (index, (name, text, runs)) in files.iter().enumerate() {
        let label = format!(
            "{name}: {} lines, {} bytes",
            text.lines().count(),
            text.len()
        );
        println!("{label}");
        let opened = time_open(&mut server, &format!("open{index}"), text, *runs);
        println!("  didOpen    {}", summary(opened));
        let changed = time_change(&mut server, &format!("change{index}"), text, *runs);
        println!("  didChange  {}", summary(changed));
    }
    server.request("shutdown", serde_json::Value::Null);
    server.notify("exit", serde_json::Value::Null);
    let status = server.exit_code();
    if status != 0 {
        eprintln!("the server exited with status {status}");
    }
}
