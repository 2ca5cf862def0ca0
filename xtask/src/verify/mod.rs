//! `cargo xtask verify [--all] [FIXTURE...]`: build every fixture under tests/builds/ with buildah on stand-in
//! base images, then Dockwise's safe and unsafe rewrites of it, and check that each rewrite builds, starts as the
//! user it declares, answers the same body on the same port, and keeps the files the original shipped in its app
//! folder. Prints one table; fails on any failure and on any expected failure that now passes (XPASS).

mod buildah;
mod fixture;
mod mapping;
mod probe;
mod standins;

use buildah::{Buildah, ImageConfig};
use fixture::{Check, Fixture, Variant};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const START_TIMEOUT: Duration = Duration::from_secs(60);
const MAX_LISTED_FILES: usize = 50_000;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Column {
    Original,
    Safe,
    Unsafe,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::Original => "original",
            Column::Safe => "safe",
            Column::Unsafe => "unsafe",
        }
    }
}

/// How one image did.
#[derive(Clone, Default)]
struct Outcome {
    /// The first check that failed (build, start, serve, body, user, files, ...) and why.
    failure: Option<(String, String)>,
    uid: Option<u32>,
    size: Option<String>,
    body: String,
    files: BTreeSet<String>,
    seconds: f64,
    /// A tool image run to completion (fixture `run`), not a server.
    ran: bool,
    /// Same text as another column: that column's outcome is reused.
    same_as: Option<&'static str>,
    skipped: bool,
}

impl Outcome {
    fn fail(mut self, check: &str, why: impl Into<String>) -> Outcome {
        if self.failure.is_none() {
            self.failure = Some((check.to_string(), why.into()));
        }
        self
    }
    fn ok(&self) -> bool {
        self.failure.is_none() && !self.skipped
    }
}

/// A cell of the table after expectations (xfail) are applied.
struct Cell {
    outcome: Outcome,
    expected_failure: Option<String>,
}

struct Row {
    name: String,
    cells: [Cell; 3],
    seconds: f64,
    verdict: Verdict,
}

#[derive(PartialEq)]
enum Verdict {
    Pass,
    Fail(String),
    Xfail(String),
    Xpass(String),
}

/// The name every fixture image built here starts with (removed at the end of a run unless `--keep-images`).
const BUILT_PREFIX: &str = "localhost/dockwise-verify/";

struct Context<'a> {
    buildah: &'a Buildah,
    standins: standins::StandIns<'a>,
    dockwise: PathBuf,
    work: PathBuf,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let all = args.iter().any(|a| a == "--all");
    let keep_images = args.iter().any(|a| a == "--keep-images");
    let names: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if let Some(flag) = args
        .iter()
        .find(|a| a.starts_with("--") && *a != "--all" && *a != "--keep-images")
    {
        return Err(format!(
            "unknown option {flag} (usage: cargo xtask verify [--all] [--keep-images] [FIXTURE...])"
        ));
    }
    let root = crate::run::root();
    let fixtures = fixture::load_all(&root.join("tests/builds"))?;
    let selected: Vec<&Fixture> = if !names.is_empty() {
        let mut chosen = Vec::new();
        for name in &names {
            let name = name
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or(name);
            chosen.push(
                fixtures
                    .iter()
                    .find(|f| f.name == name)
                    .ok_or_else(|| format!("no fixture named {name} under tests/builds"))?,
            );
        }
        chosen
    } else {
        fixtures.iter().filter(|f| all || f.ci).collect()
    };
    let started = Instant::now();
    let tools = std::env::var_os("DOCKWISE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into()))
                .join(".cache/dockwise")
        });
    crate::run::command(Command::new(env!("CARGO")).args([
        "build",
        "--quiet",
        "-p",
        "dockwise-cli",
    ]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let buildah = Buildah::prepare(&tools)?;
    let work = target.join("verify");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let context = Context {
        standins: standins::StandIns::new(&buildah, &tools)?,
        buildah: &buildah,
        dockwise: target.join("debug/dockwise"),
        work,
    };
    let variant_count: usize = selected.iter().map(|f| f.variants.len()).sum();
    println!(
        "verify: {} fixture(s), {variant_count} Dockerfile(s) ({}), storage {}",
        selected.len(),
        if !names.is_empty() {
            "named"
        } else if all {
            "--all"
        } else {
            "the ci set"
        },
        buildah.driver
    );
    // Stand-ins the originals name are made first, so the set-up time is reported apart from the fixtures'
    // (a rewrite naming another base, e.g. distroless, makes its stand-in when it is built).
    let setup = Instant::now();
    for fixture in &selected {
        for variant in &fixture.variants {
            let text = std::fs::read_to_string(fixture.dir.join(&variant.file)).unwrap_or_default();
            let label = format!("tests/builds/{}/{}", fixture.name, variant.file);
            if let Err(e) = mapping::map_dockerfile(&label, &text, |s| context.standins.ensure(s)) {
                println!("verify: {e}");
            }
        }
    }
    println!(
        "verify: stand-ins ready in {:.0} s",
        setup.elapsed().as_secs_f64()
    );
    let mut rows = Vec::new();
    let mut index = 0;
    for fixture in &selected {
        for variant in &fixture.variants {
            index += 1;
            println!(
                "verify: [{index}/{variant_count}] {}/{} ({})",
                fixture.name, variant.file, fixture.description
            );
            rows.push(verify_variant(&context, fixture, variant));
        }
    }
    print_table(&rows, started.elapsed().as_secs_f64());
    if keep_images {
        println!("verify: images kept ({BUILT_PREFIX}*); remove them with buildah rmi");
    } else {
        let cleaning = Instant::now();
        match buildah.remove_images(BUILT_PREFIX) {
            Ok(count) => println!(
                "verify: removed {count} fixture image(s) and the untagged layers in {:.0} s (stand-ins kept; --keep-images keeps them)",
                cleaning.elapsed().as_secs_f64()
            ),
            // The results stand; a failed clean-up is reported, not turned into a failed verification.
            Err(e) => println!("verify: WARNING could not remove the images it built: {e}"),
        }
    }
    let failed: Vec<&Row> = rows
        .iter()
        .filter(|r| matches!(r.verdict, Verdict::Fail(_) | Verdict::Xpass(_)))
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} Dockerfile(s) failed verification (see above)",
            failed.len(),
            rows.len()
        ))
    }
}

fn verify_variant(context: &Context, fixture: &Fixture, variant: &Variant) -> Row {
    let started = Instant::now();
    let name = format!("{}/{}", fixture.name, variant.file);
    let file = fixture.dir.join(&variant.file);
    let original_text = std::fs::read_to_string(&file).unwrap_or_default();
    let original = check_image(context, fixture, variant, Column::Original, &original_text);
    let original_serves = original.ok();
    let skip = || Outcome {
        skipped: true,
        ..Outcome::default()
    };
    let mut cells: Vec<Outcome> = vec![original.clone()];
    let mut texts = vec![original_text.clone()];
    for (column, unsafe_fixes) in [(Column::Safe, false), (Column::Unsafe, true)] {
        let checked = if variant.original_fails {
            column == Column::Unsafe && variant.unsafe_must_serve
        } else {
            original_serves
        };
        if !checked {
            cells.push(skip());
            texts.push(String::new());
            continue;
        }
        let outcome = match rewrite(context, &file, unsafe_fixes) {
            Err(e) => Outcome::default().fail("fix", e),
            Ok(text) => if let Some(same) = texts.iter().position(|t| *t == text) {
                Outcome {
                    same_as: Some([Column::Original, Column::Safe][same].name()),
                    ..cells[same].clone()
                }
            } else {
                let mut outcome = check_image(context, fixture, variant, column, &text);
                if !variant.original_fails {
                    outcome = compare(outcome, &original, &fixture.build_inputs);
                }
                outcome
            }
            .tap_text(&mut texts, text),
        };
        println!("verify:     {:8} {}", column.name(), describe(&outcome));
        cells.push(outcome);
    }
    let mut cells = cells.into_iter();
    let (o, s, u) = (
        cells.next().unwrap_or_default(),
        cells.next().unwrap_or_default(),
        cells.next().unwrap_or_default(),
    );
    let cells = [
        Cell {
            outcome: o,
            expected_failure: None,
        },
        Cell {
            outcome: s,
            expected_failure: variant.xfail_safe.clone(),
        },
        Cell {
            outcome: u,
            expected_failure: variant.xfail_unsafe.clone(),
        },
    ];
    let verdict = judge(variant, &cells);
    Row {
        name,
        cells,
        seconds: started.elapsed().as_secs_f64(),
        verdict,
    }
}

trait TapText {
    fn tap_text(self, texts: &mut Vec<String>, text: String) -> Self;
}
impl TapText for Outcome {
    fn tap_text(self, texts: &mut Vec<String>, text: String) -> Outcome {
        texts.push(text);
        self
    }
}

fn judge(variant: &Variant, cells: &[Cell; 3]) -> Verdict {
    let original = &cells[0].outcome;
    if variant.original_fails {
        if original.ok() {
            return Verdict::Fail(
                "fixture.toml says the original fails, but it builds and serves".into(),
            );
        }
    } else if let Some((check, why)) = &original.failure {
        return Verdict::Fail(format!(
            "the original does not work ({check}: {why}); fix the fixture or its stand-in"
        ));
    }
    let mut failures = Vec::new();
    for (cell, column) in cells[1..].iter().zip([Column::Safe, Column::Unsafe]) {
        let failed = cell
            .outcome
            .failure
            .as_ref()
            .map(|(check, why)| format!("{} {check}: {why}", column.name()));
        match (&cell.expected_failure, failed) {
            (Some(reason), None) if !cell.outcome.skipped => {
                return Verdict::Xpass(format!(
                    "{} passes although xfail_{} = {reason:?}: remove the xfail",
                    column.name(),
                    column.name()
                ))
            }
            (None, Some(failure)) => failures.push(failure),
            _ => {}
        }
    }
    match (&variant.xfail, failures.is_empty()) {
        (Some(reason), true) => Verdict::Xpass(format!(
            "every rewrite passes although xfail = {reason:?}: remove the xfail"
        )),
        (Some(reason), false) => Verdict::Xfail(format!("{reason} [{}]", failures.join("; "))),
        (None, true) => Verdict::Pass,
        (None, false) => Verdict::Fail(failures.join("; ")),
    }
}

fn rewrite(context: &Context, file: &Path, unsafe_fixes: bool) -> Result<String, String> {
    let mut cmd = Command::new(&context.dockwise);
    cmd.args(["fix", "--no-config"]);
    if unsafe_fixes {
        cmd.arg("--unsafe");
    }
    let out = cmd
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", context.dockwise.display()))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "dockwise fix failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// A rewrite against its original: the same body, and every file the original shipped in its app folder except
/// the fixture's declared build inputs.
fn compare(outcome: Outcome, original: &Outcome, build_inputs: &[String]) -> Outcome {
    if outcome.failure.is_some() {
        return outcome;
    }
    if outcome.body != original.body {
        let why = format!(
            "body differs from the original's ({:.60?} vs {:.60?})",
            outcome.body, original.body
        );
        return outcome.fail("body", why);
    }
    let missing: Vec<String> = original
        .files
        .difference(&outcome.files)
        .filter(|file| {
            !build_inputs
                .iter()
                .any(|pattern| is_build_input(file, pattern))
        })
        .cloned()
        .collect();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).map(|s| s.as_str()).collect();
        return outcome.fail(
            "files",
            format!(
                "{} file(s) of the original's app folder missing: {}",
                missing.len(),
                shown.join(", ")
            ),
        );
    }
    outcome
}

/// `pattern` names `file` (a path relative to the app folder): a pattern with a `/` matches the whole path, one
/// without matches the file's own name at any depth; `*` stands for any run of characters.
pub(crate) fn is_build_input(file: &str, pattern: &str) -> bool {
    let subject = if pattern.contains('/') {
        file
    } else {
        file.rsplit('/').next().unwrap_or(file)
    };
    wildcard_match(pattern.as_bytes(), subject.as_bytes())
}

fn wildcard_match(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|skip| wildcard_match(rest, &text[skip..])),
        Some((c, rest)) => text.first() == Some(c) && wildcard_match(rest, &text[1..]),
    }
}

/// Build one Dockerfile text on the stand-ins, start it, and look at it.
fn check_image(
    context: &Context,
    fixture: &Fixture,
    variant: &Variant,
    column: Column,
    text: &str,
) -> Outcome {
    let started = Instant::now();
    let mut outcome = look(context, fixture, variant, column, text);
    outcome.seconds = started.elapsed().as_secs_f64();
    if column == Column::Original {
        println!("verify:     {:8} {}", column.name(), describe(&outcome));
    }
    outcome
}

fn look(
    context: &Context,
    fixture: &Fixture,
    variant: &Variant,
    column: Column,
    text: &str,
) -> Outcome {
    let outcome = Outcome::default();
    let slug: String = format!("{}-{}-{}", fixture.name, variant.file, column.name())
        .to_ascii_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let label = format!("tests/builds/{}/{}", fixture.name, variant.file);
    let mapped =
        match mapping::map_dockerfile(&label, text, |standin| context.standins.ensure(standin)) {
            Ok(mapped) => mapped,
            Err(e) => return outcome.fail("map", e),
        };
    let dockerfile = context.work.join(format!("{slug}.Dockerfile"));
    if let Err(e) = std::fs::write(&dockerfile, &mapped) {
        return outcome.fail("map", e.to_string());
    }
    let tag = format!("{BUILT_PREFIX}{slug}:latest");
    let build_log = context.work.join(format!("{slug}.build.log"));
    if let Err(e) = context
        .buildah
        .build(&dockerfile, &fixture.context, &tag, &build_log)
    {
        return outcome.fail("build", format!("{e} (log: {})", build_log.display()));
    }
    let mut outcome = Outcome {
        size: context.buildah.size(&tag),
        ..outcome
    };
    let config = match context.buildah.config(&tag) {
        Ok(config) => config,
        Err(e) => return outcome.fail("inspect", e),
    };
    let container = format!("dockwise-verify-{slug}");
    let (container, rootfs) = match context.buildah.mount(&tag, &container) {
        Ok(mounted) => mounted,
        Err(e) => return outcome.fail("start", e),
    };
    let declared = declared_uid(&rootfs, &config);
    outcome.files = app_files(&rootfs, &config.workdir);
    let outcome = match &fixture.check {
        Check::Serve => serve(context, fixture, &container, &config, &slug, outcome),
        Check::Run(args) => run_to_end(context, fixture, args, &container, &config, &slug, outcome),
    };
    context.buildah.remove_container(&container);
    match (declared, outcome.uid) {
        (_, _) if outcome.failure.is_some() => outcome,
        (Err(e), _) => outcome.fail("user", e),
        // A tool exits before anything can see its uid: buildah ran it with `--user` set to the declared one.
        (Ok(want), None) if outcome.ran => Outcome {
            uid: Some(want),
            ..outcome
        },
        (Ok(want), Some(got)) if want != got => outcome.fail(
            "user",
            format!(
                "declares uid {want} ({:?}) but serves as uid {got}",
                config.user
            ),
        ),
        (Ok(_), None) => outcome.fail("user", "cannot see which uid owns the listening socket"),
        _ => outcome,
    }
}

fn serve(
    context: &Context,
    fixture: &Fixture,
    container: &str,
    config: &ImageConfig,
    slug: &str,
    mut outcome: Outcome,
) -> Outcome {
    let port = fixture.port;
    if probe::listening(port) {
        return outcome.fail(
            "start",
            format!("port {port} is already in use on this machine before starting"),
        );
    }
    let log = context.work.join(format!("{slug}.run.log"));
    let mut attempts = 0;
    let (mut child, mut result) = loop {
        attempts += 1;
        let mut child = match context.buildah.start(container, config, &log) {
            Ok(child) => child,
            Err(e) => return outcome.fail("start", e),
        };
        let deadline = Instant::now() + START_TIMEOUT;
        let mut result = Err(String::new());
        let mut exited = false;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                exited = true;
                result = Err(format!(
                    "exited ({status}) before listening: {}",
                    buildah::last_lines(&log, 3)
                ));
                break;
            }
            if probe::listening(port) {
                result = Ok(());
                break;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        if exited && attempts < 2 && failed_before_the_app(&log) {
            continue;
        }
        break (child, result);
    };
    if result == Err(String::new()) {
        result = Err(format!(
            "not listening on port {port} after {} s: {}",
            START_TIMEOUT.as_secs(),
            buildah::last_lines(&log, 3)
        ));
    }
    match result {
        Err(e) => outcome = outcome.fail("start", e),
        Ok(()) => {
            outcome.uid = probe::listener_uid(port);
            match probe::get(port, &fixture.path) {
                Err(e) => outcome = outcome.fail("serve", format!("GET {}: {e}", fixture.path)),
                Ok((status, body)) => {
                    if !status.contains(" 200") {
                        outcome = outcome
                            .fail("serve", format!("GET {} answered {status:?}", fixture.path));
                    } else if !body.contains(&fixture.expect) {
                        outcome = outcome.fail(
                            "serve",
                            format!(
                                "GET {} body lacks {:?}: {body:.80?}",
                                fixture.path, fixture.expect
                            ),
                        );
                    }
                    outcome.body = body;
                }
            }
        }
    }
    buildah::stop(&mut child, Duration::from_secs(5));
    let freed = Instant::now() + Duration::from_secs(10);
    while probe::listening(port) && Instant::now() < freed {
        std::thread::sleep(Duration::from_millis(200));
    }
    if probe::listening(port) {
        outcome = outcome.fail(
            "stop",
            format!("port {port} still answers after stopping the process group we started"),
        );
    }
    outcome
}

/// buildah's chroot isolation re-executes itself from a sealed memfd copy, which fails now and then with EBUSY
/// before the app runs at all: that is the machine, not the image, so a start that failed so gets one more try.
fn failed_before_the_app(log: &Path) -> bool {
    let memfd = std::fs::read_to_string(log).is_ok_and(|l| l.contains("sealing memfd copy"));
    if memfd {
        eprintln!(
            "verify:     buildah failed before the app started (memfd sealing); trying once more"
        );
    }
    memfd
}

/// A tool image: its ENTRYPOINT with `args` must exit 0 within the start timeout and print `expect`.
fn run_to_end(
    context: &Context,
    fixture: &Fixture,
    args: &[String],
    container: &str,
    config: &ImageConfig,
    slug: &str,
    mut outcome: Outcome,
) -> Outcome {
    let log = context.work.join(format!("{slug}.run.log"));
    let shown = config
        .entrypoint
        .iter()
        .chain(args)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let mut attempts = 0;
    let (mut child, status) = loop {
        attempts += 1;
        let mut child = match context.buildah.start_with(container, config, args, &log) {
            Ok(child) => child,
            Err(e) => return outcome.fail("start", e),
        };
        let deadline = Instant::now() + START_TIMEOUT;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                _ => break None,
            }
        };
        let failed = status.is_some_and(|s| !s.success());
        if failed && attempts < 2 && failed_before_the_app(&log) {
            continue;
        }
        break (child, status);
    };
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    match status {
        None => {
            buildah::stop(&mut child, Duration::from_secs(5));
            return outcome.fail(
                "run",
                format!(
                    "`{shown}` still running after {} s",
                    START_TIMEOUT.as_secs()
                ),
            );
        }
        Some(status) if !status.success() => {
            return outcome.fail(
                "run",
                format!(
                    "`{shown}` exited with {status}: {}",
                    buildah::last_lines(&log, 3)
                ),
            )
        }
        Some(_) => {}
    }
    if !output.contains(&fixture.expect) {
        outcome = outcome.fail(
            "run",
            format!("`{shown}` printed no {:?}: {output:.80?}", fixture.expect),
        );
    }
    outcome.body = output;
    outcome.ran = true;
    outcome
}

/// The uid the image declares (USER name or id, resolved in its own /etc/passwd; root when unset).
fn declared_uid(rootfs: &Path, config: &ImageConfig) -> Result<u32, String> {
    let user = config.user.split(':').next().unwrap_or("");
    if user.is_empty() {
        return Ok(0);
    }
    if let Ok(uid) = user.parse() {
        return Ok(uid);
    }
    let passwd = std::fs::read_to_string(rootfs.join("etc/passwd")).unwrap_or_default();
    passwd
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields.len() > 2 && fields[0] == user)
                .then(|| fields[2].parse().ok())
                .flatten()
        })
        .ok_or_else(|| format!("USER {user} is not in the image's /etc/passwd"))
}

/// Files under the app folder (WORKDIR), relative to it; nothing when the WORKDIR is / or unset.
fn app_files(rootfs: &Path, workdir: &str) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    let relative = workdir.trim_start_matches('/');
    if relative.is_empty() {
        return files;
    }
    let base = rootfs.join(relative);
    let mut stack = vec![base.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name == "__pycache__" || name == ".cache" || files.len() >= MAX_LISTED_FILES {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(&base) {
                files.insert(rel.to_string_lossy().into_owned());
            }
        }
    }
    files
}

fn describe(outcome: &Outcome) -> String {
    if outcome.skipped {
        return "not checked".into();
    }
    let same = outcome
        .same_as
        .map(|s| format!(" (same text as {s})"))
        .unwrap_or_default();
    match &outcome.failure {
        Some((check, why)) => format!("FAIL {check}: {why}{same}"),
        None => format!(
            "{} as uid {}, {}, {} files in app folder, {:.0} s{same}",
            if outcome.ran {
                "ran to completion"
            } else {
                "serves"
            },
            outcome.uid.map(|u| u.to_string()).unwrap_or("?".into()),
            size(&outcome.size),
            outcome.files.len(),
            outcome.seconds
        ),
    }
}

fn size(reported: &Option<String>) -> String {
    reported.clone().unwrap_or_else(|| "? MB".into())
}

fn cell(cell: &Cell) -> String {
    let o = &cell.outcome;
    if o.skipped {
        return "-".into();
    }
    let text = match &o.failure {
        None => format!(
            "ok u{} {}",
            o.uid.map(|u| u.to_string()).unwrap_or("?".into()),
            size(&o.size)
        ),
        Some((check, _)) => format!("FAIL {check}"),
    };
    let text = if o.same_as.is_some() {
        format!("{text} =")
    } else {
        text
    };
    match (&cell.expected_failure, &o.failure) {
        (Some(_), Some(_)) => format!("x{text}"),
        (Some(_), None) => format!("XPASS {text}"),
        _ => text,
    }
}

fn print_table(rows: &[Row], seconds: f64) {
    let width = rows
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(10)
        .max(16);
    println!("\nverify: results (ok uUID SIZE = builds, starts, serves the same body as the declared uid; `=` same text as the column before; - not checked)");
    println!(
        "{:width$}  {:22} {:22} {:22} {:>6}  verdict",
        "fixture/variant", "original", "safe", "unsafe", "time"
    );
    for row in rows {
        let verdict = match &row.verdict {
            Verdict::Pass => "pass".to_string(),
            Verdict::Fail(_) => "FAIL".to_string(),
            Verdict::Xfail(_) => "xfail".to_string(),
            Verdict::Xpass(_) => "XPASS".to_string(),
        };
        println!(
            "{:width$}  {:22} {:22} {:22} {:>5.0}s  {verdict}",
            row.name,
            cell(&row.cells[0]),
            cell(&row.cells[1]),
            cell(&row.cells[2]),
            row.seconds
        );
    }
    let count = |f: fn(&Verdict) -> bool| rows.iter().filter(|r| f(&r.verdict)).count();
    println!(
        "verify: {} pass, {} xfail, {} FAIL, {} XPASS in {:.0} s",
        count(|v| *v == Verdict::Pass),
        count(|v| matches!(v, Verdict::Xfail(_))),
        count(|v| matches!(v, Verdict::Fail(_))),
        count(|v| matches!(v, Verdict::Xpass(_))),
        seconds
    );
    for row in rows {
        match &row.verdict {
            Verdict::Fail(why) => println!("  FAIL  {}: {why}", row.name),
            Verdict::Xpass(why) => println!("  XPASS {}: {why}", row.name),
            Verdict::Xfail(why) => println!("  xfail {}: {why}", row.name),
            Verdict::Pass => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_inputs_match_names_at_any_depth_and_paths_whole() {
        assert!(is_build_input("main.go", "*.go"));
        assert!(is_build_input("cmd/server/main.go", "*.go"));
        assert!(is_build_input("go.mod", "go.mod"));
        assert!(!is_build_input("templates/index.html", "*.go"));
        assert!(!is_build_input("go.mod.bak", "go.mod"));
        assert!(is_build_input("cmd/tool.go", "cmd/*.go"));
        assert!(!is_build_input("tool.go", "cmd/*.go"));
    }

    fn shipped(files: &[&str]) -> Outcome {
        Outcome {
            files: files.iter().map(|f| f.to_string()).collect(),
            ..Outcome::default()
        }
    }

    #[test]
    fn a_rewrite_may_leave_out_declared_build_inputs_only() {
        let original = shipped(&["main.go", "go.mod", "templates/index.html"]);
        let inputs = vec!["*.go".to_string(), "go.mod".to_string()];
        let kept = compare(shipped(&["templates/index.html"]), &original, &inputs);
        assert!(kept.failure.is_none(), "{:?}", kept.failure);
        let lost = compare(shipped(&[]), &original, &inputs);
        assert!(lost.failure.is_some());
        let none = compare(shipped(&["templates/index.html"]), &original, &[]);
        assert!(none.failure.is_some());
    }
}
