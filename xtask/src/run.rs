//! Running commands loudly: each prints what it runs and fails with a message naming it.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// The workspace root (the folder above xtask/).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Cargo's target folder (`CARGO_TARGET_DIR`, relative to the root, or `target/`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_relative() => root().join(dir),
        Some(dir) => dir,
        None => root().join("target"),
    }
}

/// Run to completion with inherited output; an error names the command and its exit status.
pub fn command(cmd: &mut Command) -> Result<(), String> {
    let shown = describe(cmd);
    println!("$ {shown}");
    let status = cmd
        .current_dir(
            cmd.get_current_dir()
                .map(PathBuf::from)
                .unwrap_or_else(root),
        )
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Run and capture stdout (stderr passes through).
pub fn output(cmd: &mut Command) -> Result<String, String> {
    let shown = describe(cmd);
    let out = cmd
        .current_dir(
            cmd.get_current_dir()
                .map(PathBuf::from)
                .unwrap_or_else(root),
        )
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!("`{shown}` failed ({})", out.status))
    }
}

/// Stdout of a command, or `None` when it cannot run or fails (for probing installed versions).
pub fn probe(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    })
}

pub fn cargo(args: &[&str]) -> Result<String, String> {
    output(Command::new(env!("CARGO")).args(args))
}

/// A named step with a banner and its duration.
pub fn step(name: &str, body: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("\n==> {name}");
    let started = Instant::now();
    let result = body();
    let took = started.elapsed().as_secs_f64();
    match &result {
        Ok(()) => println!("==> {name}: ok ({took:.1} s)"),
        Err(e) => println!("==> {name}: FAILED ({took:.1} s): {e}"),
    }
    result
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}
