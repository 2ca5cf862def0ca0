//! Every test, in one command: what CI runs (`.ci/run`) and what the README tells a new user to run.

use crate::run;
use crate::setup::{self, Tools};
use crate::size;

type Step = (&'static str, fn(&Tools) -> Result<(), String>);

const STEPS: &[Step] = &[
    ("format (cargo fmt --check)", |t| {
        run::command(
            t.command(env!("CARGO"))
                .args(["fmt", "--all", "--", "--check"]),
        )
    }),
    ("lint (cargo clippy -D warnings)", |t| {
        run::command(t.command(env!("CARGO")).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    }),
    (
        "unit, docs and corpus tests (cargo test --workspace)",
        |t| run::command(t.command(env!("CARGO")).args(["test", "--workspace"])),
    ),
    ("fuzz smoke run (cargo fuzz, 20 s per target)", fuzz),
    ("wasm tests in headless Chromium (wasm-bindgen-test)", |t| {
        run::command(t.command(env!("CARGO")).args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "dockwise-wasm",
            "--test",
            "browser",
        ]))
    }),
    ("npm package (cargo xtask npm)", crate::npm::build),
    ("release bundle (trunk build --release --offline)", |t| {
        run::command(t.command("trunk").args(["build", "--release", "--offline"]))
    }),
    ("size budget", |_| size::check()),
    (
        "end to end in headless Chromium (node --test tests/e2e)",
        |t| {
            run::command(
                t.command("node")
                    .args(["--test", "--test-reporter=spec", "tests/e2e/"]),
            )
        },
    ),
    (
        "VS Code extension and its LSP client test (cargo xtask vsix)",
        crate::vsix::test,
    ),
    ("build harness (cargo xtask verify)", |_| {
        crate::verify::run(&[])
    }),
];

/// `cargo xtask test [--skip NAME-PREFIX]...`
pub fn all(args: &[String]) -> Result<(), String> {
    let skipped: Vec<&str> = args
        .windows(2)
        .filter(|w| w[0] == "--skip")
        .map(|w| w[1].as_str())
        .collect();
    let tools = setup::all(setup::Needs::everything())?;
    let mut failed = Vec::new();
    let mut passed = 0;
    for (name, body) in STEPS {
        if skipped.iter().any(|s| name.starts_with(s)) {
            println!("\n==> {name}: skipped (--skip)");
            continue;
        }
        match run::step(name, || body(&tools)) {
            Ok(()) => passed += 1,
            Err(_) => failed.push(*name),
        }
    }
    println!("\nxtask test summary:");
    for (name, _) in STEPS {
        let mark = if skipped.iter().any(|s| name.starts_with(s)) {
            "skipped"
        } else if failed.contains(name) {
            "FAILED"
        } else {
            "ok"
        };
        println!("  {mark:7} {name}");
    }
    println!("xtask: {passed} passed, {} failed", failed.len());
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} step(s) failed: {}",
            failed.len(),
            failed.join("; ")
        ))
    }
}

/// A short `cargo fuzz` run of every target on the nightly toolchain (installed by rustup if missing).
fn fuzz(tools: &Tools) -> Result<(), String> {
    let script = run::root().join("fuzz/run.sh");
    if !script.exists() {
        return Err("fuzz/run.sh is missing".to_string());
    }
    run::command(tools.command("bash").arg(script).arg("20"))
}
