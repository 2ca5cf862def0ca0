//! Benchmarks that print their numbers: parse throughput, review throughput next to hadolint's.

use crate::run;

pub fn run() -> Result<(), String> {
    run::step("parse throughput over the corpus", || {
        run::command(std::process::Command::new(env!("CARGO")).args([
            "run",
            "--release",
            "--quiet",
            "-p",
            "dockwise-syntax",
            "--example",
            "bench",
        ]))
    })?;
    run::step(
        "review throughput over the corpus, next to hadolint's",
        || {
            run::command(std::process::Command::new(env!("CARGO")).args([
                "run",
                "--release",
                "--quiet",
                "-p",
                "dockwise-cli",
                "--",
                "bench",
            ]))
        },
    )
}
