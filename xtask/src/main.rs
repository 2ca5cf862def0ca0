//! Project automation behind `cargo xtask`: it installs the pinned tools it needs (skipping what is already
//! there), then serves the playground or runs every test. Dependency-free so it builds in seconds.

mod bench;
mod hadolint_diff;
mod npm;
mod run;
mod setup;
mod size;
mod test;
mod verify;
mod vsix;

use std::process::ExitCode;

const USAGE: &str = "\
cargo xtask <command>

  setup        install what is missing (wasm32 target, trunk, wasm-bindgen-cli, wasm-opt, chromium, playwright-core)
  serve        set up, build and serve the playground on http://127.0.0.1:8080
  build        set up and build the release bundle into dist/
  test         set up and run every test (fmt, clippy, unit, corpus, wasm, bundle, size budget, end to end)
  npm          build the npm package (JS API + docs widget) into target/npm/dockwise/ and print its size
  vsix         package the VS Code extension (editors/vscode) into target/vsix/ and test it against `dockwise server`
  size         print the release bundle's size and check it against the budget (needs a build)
  bench        print parse throughput, review scaling by file size, check/fix throughput next to hadolint's, server latency,
               the playground's load and keystroke times and its Lighthouse scores (mobile, desktop)
  hadolint-diff [corpus|students]
               count hadolint 2.15.1's findings on tests/corpus and tests/students before and after
               `dockwise fix --unsafe` and `dockerfile-doctor --fix --unsafe-fixes` (installs both with pip)
  docs         regenerate docs/rules.md and web/rules.json from the rules' own docs
  base-images  check the dated base-image list (crates/dockwise/src/data/): dates, sources, pins, end-of-life lines
  peers DIR    run hadolint's rule tests (test/Hadolint/Rule/*Spec.hs in a hadolint checkout at DIR) against
               Dockwise and print the pass rate per rule (-v lists every miss)
  completions  write shell completions (bash, zsh, fish, PowerShell, elvish) and the man page into target/completions/
  verify       build tests/builds/ fixtures and Dockwise's rewrites with buildah on stand-in base images
               (the ci set; --all for every fixture; or name fixtures; --keep-images keeps the built images)

Set DOCKWISE_TOOLS to choose where tools are cached (default: ~/.cache/dockwise).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(setup::Needs::everything()).map(drop),
        Some("serve") => serve(),
        Some("build") => setup::all(setup::Needs::build()).and_then(|tools| build(&tools)),
        Some("test") => test::all(&args[1..]),
        Some("size") => size::check(),
        Some("npm") => setup::all(setup::Needs::build())
            .and_then(|tools| run::step("npm package", || npm::build(&tools))),
        Some("vsix") => setup::all(setup::Needs::editor())
            .and_then(|tools| run::step("VS Code extension", || vsix::test(&tools))),
        Some("bench") => bench::run(),
        Some("hadolint-diff") => hadolint_diff::run(args.get(1).map(String::as_str)),
        Some("completions") => {
            let dir = run::root().join("target/completions");
            run::cargo(&[
                "run",
                "--quiet",
                "-p",
                "dockwise-cli",
                "--",
                "generate",
                &dir.to_string_lossy(),
            ])
            .map(|_| eprintln!("completions and man page in {}", dir.display()))
        }
        Some("verify") => verify::run(&args[1..]),
        Some("docs") => docs(),
        // The list is Rust (the core embeds it and carries no TOML parser); its tests are the validation.
        Some("base-images") => run::step(
            "base-image data (data/lifecycle.rs, data/base_images.rs)",
            || {
                run::cargo(&["test", "--quiet", "-p", "dockwise", "--lib", "data::"])
                    .map(|out| print!("{out}"))
            },
        ),
        Some("peers") if args.len() > 1 => {
            let mut cargo = vec![
                "run",
                "--quiet",
                "-p",
                "dockwise",
                "--example",
                "peers",
                "--",
            ];
            cargo.extend(args[1..].iter().map(String::as_str));
            run::cargo(&cargo).map(|report| print!("{report}"))
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

pub fn build(tools: &setup::Tools) -> Result<(), String> {
    // The demo page (dist/demo/) loads the npm package, which Trunk copies into dist/dockwise/ (Trunk.toml hook).
    run::step("npm package", || npm::build(tools))?;
    run::step("trunk build --release --offline", || {
        run::command(
            tools
                .command("trunk")
                .args(["build", "--release", "--offline"]),
        )
    })
}

fn serve() -> Result<(), String> {
    let tools = setup::all(setup::Needs::build())?;
    run::step("npm package", || npm::build(&tools))?;
    let serve = || {
        run::command(tools.command("trunk").args([
            "serve",
            "--release",
            "--offline",
            "--address",
            "127.0.0.1",
            "--port",
            "8080",
        ]))
    };
    println!("\nServing the playground on http://127.0.0.1:8080 (Ctrl-C to stop)\n");
    // trunk's file watcher can panic on an inotify event without paths (notify-rs/notify#678): one restart.
    serve().or_else(|error| {
        if !error.contains("signal: 6") {
            return Err(error);
        }
        eprintln!(
            "\nxtask: trunk stopped ({error}); its file watcher crashed, starting it again\n"
        );
        serve()
    })
}

/// docs/rules.md and web/rules.json (the playground fetches the rules' full docs from it), both generated from the
/// rules' own docs; `tests/docs.rs` fails when either is stale.
fn docs() -> Result<(), String> {
    for (format, path) in [("markdown", "docs/rules.md"), ("json", "web/rules.json")] {
        let text = run::cargo(&[
            "run",
            "--quiet",
            "-p",
            "dockwise-cli",
            "--",
            "rules",
            "--format",
            format,
        ])?;
        std::fs::write(run::root().join(path), text)
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        eprintln!("wrote {path}");
    }
    Ok(())
}
