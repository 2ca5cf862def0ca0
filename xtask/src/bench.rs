//! Benchmarks that print their numbers: parse throughput, review scaling with file size, the throughput of
//! `dockwise check` and `dockwise fix` next to hadolint's, the editor latency of `dockwise server`, and the
//! playground's bundle, load and keystroke figures and Lighthouse scores (tests/e2e/bench.mjs, lighthouse.mjs).

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
        "review time and peak memory by file size (1k-8k instructions of each kind)",
        || {
            run::command(std::process::Command::new(env!("CARGO")).args([
                "run",
                "--release",
                "--quiet",
                "-p",
                "dockwise",
                "--example",
                "scaling",
            ]))
        },
    )?;
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
    )?;
    run::step(
        "dockwise server: didOpen/didChange to publishDiagnostics",
        || {
            run::command(std::process::Command::new(env!("CARGO")).args([
                "bench",
                "--quiet",
                "-p",
                "dockwise-cli",
                "--bench",
                "lsp",
            ]))
        },
    )?;
    let tools = crate::setup::all(crate::setup::Needs::everything())?;
    crate::build(&tools)?;
    for (name, script) in [
        (
            "playground: bundle size, first review, keystrokes (1k lines)",
            "tests/e2e/bench.mjs",
        ),
        (
            "playground: Lighthouse, mobile and desktop",
            "tests/e2e/lighthouse.mjs",
        ),
    ] {
        run::step(name, || run::command(tools.command("node").arg(script)))?;
    }
    Ok(())
}
