//! How review time and memory grow with the size of a file: generated Dockerfiles of 1k, 2k, 4k and 8k
//! instructions of each kind, each reviewed in a fresh process so its peak memory is its own.
//! Prints the numbers and the goals (each doubling at most 2.2x the time; 8k ENV lines under 100 ms and
//! 60 MB); asserts nothing. Run with `cargo run --release -p dockwise --example scaling` (or `cargo xtask bench`).
//!
//! `scaling KIND` measures one kind; `scaling KIND N` reviews one generated file and prints `milliseconds peak-kB` (the child mode).

use std::process::Command;

// The generated inputs, shared with the linear-growth test (tests/linear_growth.rs).
#[path = "../tests/common/cpu.rs"]
mod cpu;
#[path = "../tests/common/generate.rs"]
mod generate;
use cpu::cpu_ms;
use generate::generate;

const SIZES: [usize; 4] = [1000, 2000, 4000, 8000];
const KINDS: [&str; 9] = [
    "env",
    "arg",
    "run",
    "run-row",
    "copy",
    "label",
    "stages",
    "heredoc",
    "continuation",
];

/// Peak resident memory of this process so far, in kB (Linux; 0 elsewhere).
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn child(kind: &str, n: usize) {
    let text = generate(kind, n);
    let config = dockwise::Config::default();
    // The best of at least three runs, and of as many as fit in half a second of CPU (up to 50): the machine is
    // shared, the slower runs measure the neighbours, and a few runs of a few milliseconds are mostly noise.
    let (mut best, mut spent, mut runs) = (f64::INFINITY, 0.0, 0);
    while runs < 3 || (spent < 500.0 && runs < 50) {
        let start = cpu_ms();
        std::hint::black_box(dockwise::review(&text, &config));
        let ms = cpu_ms() - start;
        best = best.min(ms);
        spent += ms;
        runs += 1;
    }
    println!("{best:.2} {}", peak_kb());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [kind, n] = args.as_slice() {
        child(kind, n.parse().unwrap_or(1000));
        return;
    }
    let kinds: Vec<&str> = match args.first() {
        Some(only) => KINDS.iter().copied().filter(|k| k == only).collect(),
        None => KINDS.to_vec(),
    };
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("scaling: cannot find own executable");
        std::process::exit(2);
    };
    println!(
        "review time and peak memory by file size (each a fresh process; CPU time: the best of 3 to 50 reviews)"
    );
    println!(
        "  {:<13}{:>8}{:>11}{:>9}{:>11}",
        "kind", "size", "cpu ms", "x prev", "peak MB"
    );
    let mut worst = 0.0f64;
    for kind in kinds {
        let mut previous: Option<f64> = None;
        for n in SIZES {
            let out = Command::new(&exe).args([kind, &n.to_string()]).output();
            let text = out
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default();
            let mut parts = text.split_whitespace();
            let (Some(ms), Some(kb)) = (
                parts.next().and_then(|p| p.parse::<f64>().ok()),
                parts.next().and_then(|p| p.parse::<f64>().ok()),
            ) else {
                println!("  {kind:<13}{n:>8}  (the child failed)");
                continue;
            };
            let growth = previous.map(|p| ms / p.max(0.01));
            // Below a few milliseconds the ratio is noise, not growth.
            if let (Some(g), true) = (growth, ms > 5.0) {
                worst = worst.max(g);
            }
            println!(
                "  {kind:<13}{n:>8}{ms:>11.1}{:>9}{:>11.1}",
                growth.map_or("-".to_string(), |g| format!("{g:.2}")),
                kb / 1024.0
            );
            previous = Some(ms);
        }
    }
    println!(
        "  worst doubling: {worst:.2}x (goal <= 2.2x); goal for 8k ENV lines: < 100 ms and < 60 MB"
    );
}
