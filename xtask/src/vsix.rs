//! `cargo xtask vsix`: the VS Code extension (editors/vscode) installed from its lock file, compiled with tsc and
//! packaged by `@vscode/vsce` into target/vsix/ (not published); then its Node test drives the real
//! `dockwise server` with the settings the extension sends (editors/vscode/test/).

use crate::run;
use crate::setup::Tools;
use std::path::PathBuf;

fn extension_dir() -> PathBuf {
    run::root().join("editors/vscode")
}

/// The package's version, from editors/vscode/package.json.
fn version() -> Result<String, String> {
    let manifest = extension_dir().join("package.json");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let at = text
        .find("\"version\"")
        .ok_or_else(|| format!("{} has no version", manifest.display()))?;
    let rest = &text[at + "\"version\"".len()..];
    let start = rest.find('"').map(|i| i + 1).unwrap_or(0);
    let end = start + rest[start..].find('"').unwrap_or(0);
    Ok(rest[start..end].to_string())
}

/// Install, compile and package; returns the .vsix.
pub fn build(tools: &Tools) -> Result<PathBuf, String> {
    crate::setup::node_and_npm()?;
    let dir = extension_dir();
    let bin = dir.join("node_modules/.bin");
    run::command(
        tools
            .command("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir),
    )
    .map_err(|e| {
        format!("{e}\n  could not install editors/vscode's dependencies from the npm registry")
    })?;
    run::command(
        tools
            .command(&bin.join("tsc").to_string_lossy())
            .args(["-p", "."])
            .current_dir(&dir),
    )?;
    let out = run::target_dir().join("vsix");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let vsix = out.join(format!("dockwise-{}.vsix", version()?));
    run::command(
        tools
            .command(&bin.join("vsce").to_string_lossy())
            .args(["package", "--out"])
            .arg(&vsix)
            .current_dir(&dir),
    )?;
    let size = std::fs::metadata(&vsix)
        .map_err(|e| format!("vsce wrote no {}: {e}", vsix.display()))?
        .len();
    println!(
        "VS Code extension: {} ({:.1} KB)",
        vsix.display(),
        size as f64 / 1024.0
    );
    Ok(vsix)
}

/// Package, build the CLI, and run the extension's test against both.
pub fn test(tools: &Tools) -> Result<(), String> {
    let vsix = build(tools)?;
    run::command(tools.command(env!("CARGO")).args([
        "build",
        "-p",
        "dockwise-cli",
        "--bin",
        "dockwise",
    ]))?;
    let dockwise = run::target_dir().join("debug/dockwise");
    run::command(
        tools
            .command("node")
            .args(["--test", "--test-reporter=spec", "test/"])
            .env("DOCKWISE_BIN", dockwise)
            .env("DOCKWISE_VSIX", vsix)
            .current_dir(extension_dir()),
    )
}
