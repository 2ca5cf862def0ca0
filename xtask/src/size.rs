//! The bundle size budget: what a visitor downloads (wasm + JS + CSS), raw, gzip and brotli.

use crate::run;
use std::process::Command;

/// The one place the budget is set: brotli bytes of wasm + JS + CSS in dist/.
/// Raised from 400 KB to 420 KB when twelve rules, the dated lifecycle data and the playground's accessibility
/// work landed together (414.9 KB measured). Issue 13's goal is 300 KB: that work (rule metadata defaults, docs
/// out of the wasm build) is open, and this number must come down with it, never go up again without a reason.
/// Raised again, to 440 KB, when the playground's "This line" panel and quick-fix menu (the core's instruction
/// explanations, about 10 KB), measured savings per change, DW1032 and the stage-fact data landed (437.4 KB
/// measured on 2026-12-05): the features a student asked for won over the budget, and the 300 KB work is still
/// the way back down.
/// Raised to 442 KB with the fixes that keep rewrites building (pip source installs, DW2003's restored WORKDIR,
/// DW1029's moved references) and the first review before the first render: 440.5 KB measured on 2026-12-05.
/// Lowered to 425 KB when the rules' docs beyond `what` left the wasm for `rules.json`, fetched when a reader
/// opens them (423.2 KB measured on 2026-12-05, from 440.4 KB).
/// Lowered to 412 KB when the playground's searches folded case in ASCII only and two numbers were formatted with
/// integers: that dropped the Unicode case tables and the f64 formatting code from the wasm (427.2 KB with the
/// day's new fixes, 410.7 KB after, measured on 2026-12-06).
/// Lowered to 409 KB when share and exercise links were deflated by the browser's CompressionStream instead of
/// miniz_oxide's compressor in the wasm (-6.4 KB), which also paid for exercise grading in the worker (+3.2 KB):
/// 407.5 KB measured on 2026-12-06 (snippets counted from then on).
/// Raised to 413 KB for the playground keeping up with the typist (issue 13): the editor renders only the lines
/// on screen, the findings list a page at a time, the worker answers with the findings before the rewrite and
/// holds one request at a time, and the app's callbacks are made once so that the findings list and the rewrite
/// are not rendered again on each keystroke (412.5 KB measured on 2026-12-06, +4.2 KB).
/// Raised to 417 KB for fixes the expert rewrite needed (issue 12): DW2003 moving a `cd` past commands that ignore
/// the directory, DW2025's JSON form for scripts that need the shell (with `exec`), DW2045's `WORKDIR` and DW1001
/// following a script's `cd` (415.8 KB measured on 2026-12-06, +3.1 KB; `FixKind` carrying its safety text,
/// compiled out of the wasm, saved 0.3 KB). `wasm-opt --converge` or `--gufa` would save 0.4-0.6 KB: not taken.
/// Raised to 418 KB for DW1033 (a WORKDIR that changes nothing), DW2004's fix for a non-root user's `sudo` steps
/// and DW2003 reading later steps that `cd` first (417.5 KB measured on 2026-12-07, +1.7 KB; the same day's
/// speed work, one-pass DW5009 and commands holding their program name, had saved 0.7 KB before them).
/// Raised to 420 KB for DW2003 splitting a `RUN` at a `cd` that follows commands that only write files (issue 12;
/// 419.2 KB measured on 2026-12-07, +1.7 KB).
/// Raised to 423 KB for rewrites that build (issue 12): DW1001 keeping users out of `/root` (moving a lone
/// `WORKDIR /root` to `/app`), DW2000 resolving against the base image's `WORKDIR`, DW1021 refusing Debian 12 under
/// a system `pip install` (PEP 668), and the new DW1034 (a useless `apk update`): 421.7 KB measured on 2026-12-07
/// (+2.2 KB); a margin for the ±0.3 KB a fresh clone's build differs by.
/// Raised to 425 KB the same day for DW1007 keeping the `-dev` packages' runtime libraries (a table of 22) and
/// moving build dependencies into the one later `RUN` that builds with them: 423.1 KB measured (+1.4 KB).
/// Raised to 429 KB for rewrites that no longer break (issue 12): DW1030's static Go build, DW2106 giving pipefail to
/// the stage's own `SHELL`, DW1005 keeping the full image for C headers, DW1021 on Alpine 3.19+ (PEP 668) and
/// distroless Node.js lines, DW1029 building a distroless venv on the runtime's Debian, DW1017 reading a Flask
/// script: 427.5 KB measured on 2026-12-07 (+4.4 KB; 1.5 KB of margin for a fresh build). The 300 KB goal of
/// issue 13 is still not met.
/// Raised to 433 KB for rewrites that stop breaking builds and apps (issue 12, found by a container engineer's
/// review of 67 new files): DW1001 giving `VOLUME` folders to the user, DW1010/DW1015 reading `package.json`
/// (install scripts, `file:` dependencies, a start script that needs devDependencies), DW1021 reading the
/// project's Python requirement, DW1005 knowing packages without Linux wheels, DW1023/DW1030 knowing Go
/// modules that need cgo, DW2066's `USER 0`, and no runtime fixes for `ONBUILD` bases: 431.0 KB measured on
/// 2026-12-07 (+3.7 KB).
/// Raised to 439 KB the same day for the second review's findings (69 more files): DW1010 reading
/// `composer.json` and `go.mod` `replace`s, DW1021 refusing packages a newer Debian/Ubuntu lacks and pins
/// without wheels for the newer Python (two tables), DW1005 keeping compilers for `bundle install` and node-gyp
/// packages, DW1001 for php-fpm and the folders Rails, Laravel, Symfony and Next.js write: 436.6 KB measured
/// (+5.6 KB). The next cut that pays for these: the built-in exercises (21.7 KB of JSON) fetched when exercise
/// mode opens, as the rules' docs are.
/// Raised to 441 KB for a third review's build breaks (issue 12): DW2047 giving BusyBox's wget `-q` (it has no
/// `--progress`), DW1012 keeping names off `COPY --link`, DW1025 keeping `debug` where the stage uses busybox,
/// DW1003 leaving ids a build argument sets, DW1001 knowing images that start as their own non-root user, and
/// DW1021 keeping a builder on the Debian release its cgo binary runs on (`golang:1.26-bookworm`): 438.5 KB
/// measured on 2026-12-07 (+1.6 KB; a margin for the ±0.3 KB a fresh clone's build differs by).
/// Raised to 445 KB the same day for the rest of that review and a code review of the day's changes: DW1021
/// moving the official image's `python3.N` folders with the base, DW1007 keeping a deleted group's runtime
/// libraries, DW1001 reading start scripts and knowing credential CLIs, DW2015's ssh client for git, DW1029's
/// earlier `ENV`s, the escape character in fix edits, and message fixes (DW1002, DW2025, DW2064, DW2067, the pin
/// dates): 443.2 KB measured on 2026-12-07 (+4.7 KB). The 300 KB goal of issue 13 is further away; the exercises
/// out of the wasm are still the next cut.
pub const BUDGET_BROTLI_BYTES: u64 = 445 * 1024;

/// The `.js` files under `dir`, at any depth (none when it does not exist).
fn snippets(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.is_dir() {
            out.extend(snippets(&path));
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
    out
}

pub fn check() -> Result<(), String> {
    let dist = run::root().join("dist");
    let mut files: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|e| {
            format!(
                "no bundle at {} ({e}); run `cargo xtask build` first",
                dist.display()
            )
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("wasm" | "js" | "css")
            )
        })
        .collect();
    // wasm-bindgen's JS snippets (`#[wasm_bindgen(module = ...)]`, such as web/deflate.js) load with the glue.
    files.extend(snippets(&dist.join("snippets")));
    files.sort();
    if files.is_empty() {
        return Err(format!("{} holds no .wasm/.js/.css files", dist.display()));
    }
    // Node's zlib has gzip and brotli built in; no extra tool to install.
    let script = r#"
        const fs = require('fs'), zlib = require('zlib');
        for (const f of process.argv.slice(1)) {
            const b = fs.readFileSync(f);
            const gz = zlib.gzipSync(b, { level: 9 }).length;
            const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
            console.log([b.length, gz, br, f].join('\t'));
        }"#;
    // Fetched only when a reader opens a rule's docs: shown, not counted.
    let on_demand = dist.join("rules.json");
    let out = run::output(
        Command::new("node")
            .arg("-e")
            .arg(script)
            .args(&files)
            .args(on_demand.is_file().then_some(&on_demand)),
    )?;
    let mut total = (0u64, 0u64, 0u64);
    let mut deferred = None;
    println!("{:>10} {:>10} {:>10}  file", "raw", "gzip -9", "brotli 11");
    for line in out.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            continue;
        }
        let n = |i: usize| cols[i].parse::<u64>().unwrap_or(0);
        let name = cols[3].rsplit('/').next().unwrap_or(cols[3]);
        if name == "rules.json" {
            let line = format!("{:>10} {:>10} {:>10}", kb(n(0)), kb(n(1)), kb(n(2)));
            deferred = Some(format!(
                "{line}  rules.json (fetched when a rule's docs are opened; not counted)"
            ));
            continue;
        }
        total = (total.0 + n(0), total.1 + n(1), total.2 + n(2));
        println!("{:>10} {:>10} {:>10}  {name}", kb(n(0)), kb(n(1)), kb(n(2)));
    }
    println!(
        "{:>10} {:>10} {:>10}  total",
        kb(total.0),
        kb(total.1),
        kb(total.2)
    );
    if let Some(line) = deferred {
        println!("{line}");
    }
    println!(
        "budget: {} brotli; used {} ({:.0}%)",
        kb(BUDGET_BROTLI_BYTES),
        kb(total.2),
        100.0 * total.2 as f64 / BUDGET_BROTLI_BYTES as f64
    );
    if total.2 > BUDGET_BROTLI_BYTES {
        return Err(format!(
            "the bundle is {} brotli, over the {} budget (xtask/src/size.rs)",
            kb(total.2),
            kb(BUDGET_BROTLI_BYTES)
        ));
    }
    Ok(())
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
