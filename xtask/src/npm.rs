//! `cargo xtask npm`: the `dockwise` npm package (the JS API and the docs widget) in target/npm/dockwise/.
//! One package for browsers and Node: wasm-bindgen's `web` output, wrapped by crates/dockwise-wasm/npm/index.js
//! (browsers fetch the .wasm next to it) and node.js (reads it from disk), selected by package.json "exports".

use crate::run;
use crate::setup::Tools;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the package is assembled (not committed); Trunk copies it into dist/dockwise/ for the demo page.
pub fn out_dir() -> PathBuf {
    run::root().join("target/npm/dockwise")
}

/// The hand-written files of the package, and where they live in the repository.
const FILES: &[(&str, &str)] = &[
    ("crates/dockwise-wasm/npm/package.json", "package.json"),
    ("crates/dockwise-wasm/npm/index.js", "index.js"),
    ("crates/dockwise-wasm/npm/node.js", "node.js"),
    ("crates/dockwise-wasm/npm/cli.js", "cli.js"),
    ("crates/dockwise-wasm/npm/dockwise.d.ts", "dockwise.d.ts"),
    ("crates/dockwise-wasm/npm/README.md", "README.md"),
    ("web/widget/dockwise-widget.js", "dockwise-widget.js"),
];

pub fn build(tools: &Tools) -> Result<(), String> {
    {
        run::command(tools.command(env!("CARGO")).args([
            "build",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "dockwise-wasm",
            "--profile",
            "wasm-release",
        ]))?;
        let wasm = run::target_dir().join("wasm32-unknown-unknown/wasm-release/dockwise_wasm.wasm");
        let out = out_dir();
        if out.exists() {
            std::fs::remove_dir_all(&out)
                .map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
        }
        std::fs::create_dir_all(&out)
            .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
        run::command(
            tools
                .command("wasm-bindgen")
                .args([
                    "--target",
                    "web",
                    "--no-typescript",
                    "--out-name",
                    "dockwise_wasm",
                    "--out-dir",
                ])
                .arg(&out)
                .arg(&wasm),
        )?;
        let bg = out.join("dockwise_wasm_bg.wasm");
        run::command(
            tools
                .command("wasm-opt")
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext",
                ])
                .args([
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                    "--enable-multivalue",
                ])
                .arg(&bg)
                .arg("-o")
                .arg(&bg),
        )?;
        for (from, to) in FILES {
            std::fs::copy(run::root().join(from), out.join(to))
                .map_err(|e| format!("cannot copy {from}: {e}"))?;
        }
        report(&out)
    }
}

/// Print each file's size (raw, gzip -9, brotli 11) and the total a page using the widget downloads.
fn report(out: &Path) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("wasm" | "js")))
        .collect();
    files.sort();
    let script = r#"
        const fs = require('fs'), zlib = require('zlib'), path = require('path');
        const kb = (n) => (n / 1024).toFixed(1) + ' KB';
        let total = [0, 0, 0];
        console.log(['raw', 'gzip -9', 'brotli 11'].map((s) => s.padStart(10)).join(' ') + '  file');
        for (const f of process.argv.slice(1)) {
            const b = fs.readFileSync(f);
            const row = [b.length, zlib.gzipSync(b, { level: 9 }).length,
                zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
            if (!f.endsWith('node.js')) total = total.map((t, i) => t + row[i]);
            console.log(row.map((n) => kb(n).padStart(10)).join(' ') + '  ' + path.basename(f));
        }
        console.log(total.map((n) => kb(n).padStart(10)).join(' ') + '  total for a browser page (without node.js)');"#;
    let table = run::output(Command::new("node").arg("-e").arg(script).args(&files))?;
    println!("{table}package: {}", out.display());
    Ok(())
}
