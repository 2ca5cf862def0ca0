//! The `dockwise` command: check, fix, rules, explain. The only part of Dockwise that touches the file system.

use args::{Cli, ColorChoice, Command, FixMode, Format, WalkOptions};
use dockwise_cli::{
    args, bench, diff, exercise, files, formats, output, progress, rules_cmd, settings, warn, QUIET,
};
use files::Input;
use output::Reviewed;
use settings::{Resolver, Settings};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

/// A review allocates many small strings and vectors (shell words, findings): mimalloc serves them faster than
/// the system allocator, and a run over many files returns memory to it from two threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit statuses: the contract in shared/spec/interfaces.md.
const PASS: u8 = 0;
const FAIL: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let parsed = args::command()
        .try_get_matches()
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout (status 0) and usage errors to stderr (status 2).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { TROUBLE } else { PASS });
        }
    };
    QUIET.store(cli.global.quiet, Ordering::Relaxed);
    let out = Output {
        file: cli.global.output_file.clone(),
        color: cli.global.color(),
    };
    let Some(command) = cli.command else {
        let mut command = args::command();
        return ExitCode::from(out.write(&format!("{}\n", command.render_help())));
    };
    let status = match command {
        Command::Check {
            format,
            rules,
            walk,
            paths,
        } => match Resolver::new(&rules) {
            Ok(resolver) => check(format, &out, &resolver, &walk, &paths),
            Err(message) => error(&message),
        },
        Command::Fix {
            unsafe_fixes,
            write,
            diff,
            rules,
            walk,
            paths,
        } => match Resolver::new(&rules) {
            Ok(resolver) => {
                let mode = match (write, diff) {
                    (true, _) => FixMode::Write,
                    (_, true) => FixMode::Diff,
                    _ => FixMode::Print,
                };
                fix(mode, unsafe_fixes, &out, &resolver, &walk, &paths)
            }
            Err(message) => error(&message),
        },
        Command::Rules { format } => out.write(&rules_cmd::rules(format)),
        Command::Explain { selector } => match rules_cmd::explain(&selector) {
            Ok(text) => out.write(&text),
            Err(message) => error(&message),
        },
        Command::Exercise { args } => exercise::run(&args),
        Command::Server { .. } => dockwise_cli::server::run(),
        Command::Generate { dir } => match args::generate(&dir) {
            Ok(written) => {
                for path in written {
                    progress(&format!("wrote {}", path.display()));
                }
                PASS
            }
            Err(e) => error(&format!("cannot write into {}: {e}", dir.display())),
        },
        Command::Bench {
            rounds,
            corpus,
            per_rule,
        } => bench::run(rounds as usize, corpus.as_deref(), per_rule),
    };
    ExitCode::from(status)
}

/// Where reports go: standard output or `--output-file`, coloured only on a terminal unless asked.
struct Output {
    file: Option<PathBuf>,
    color: ColorChoice,
}

impl Output {
    fn colour(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                self.file.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }

    fn write(&self, text: &str) -> u8 {
        match &self.file {
            None => print(text),
            Some(path) => match std::fs::write(path, text) {
                Ok(()) => PASS,
                Err(e) => error(&format!(
                    "cannot write {}: {}",
                    path.display(),
                    files::describe(&e)
                )),
            },
        }
    }
}

/// Print to stdout; a closed pipe (`dockwise rules | head`) is not an error worth a panic.
fn print(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => PASS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => PASS,
        Err(e) => error(&format!("cannot write the output: {e}")),
    }
}

fn error(message: &str) -> u8 {
    eprintln!("dockwise: error: {message}");
    TROUBLE
}

/// An input's name in output (`--stdin-filename` names standard input), and the path its configuration and
/// `.dockerignore` are looked up from.
fn name_of(input: &Input, walk: &WalkOptions) -> (String, Option<PathBuf>) {
    match (input, &walk.stdin_filename) {
        (Input::File(p), _) => (input.display(), Some(p.clone())),
        (Input::Stdin, Some(name)) => (name.clone(), Some(PathBuf::from(name))),
        (Input::Stdin, None) => (input.display(), None),
    }
}

/// Review one text; a panic in a rule becomes an error for this file instead of taking the run down.
fn review_text(
    text: &str,
    path: &str,
    config: &dockwise::Config,
    rewrite: bool,
) -> Result<dockwise::Review, String> {
    let reviewed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match rewrite {
        true => dockwise::review(text, config),
        false => dockwise::review_findings(text, config),
    }));
    match reviewed {
        Ok(mut review) => {
            review.path = Some(path.to_string());
            Ok(review)
        }
        Err(_) => Err("internal error while reviewing this file (a Dockwise bug: please report it with the file)".into()),
    }
}

/// One reviewed input and the settings it was judged by.
type Judged = (Reviewed, Settings);

/// Read and review every input in parallel; the results keep the inputs' (sorted) order. The rewrite is
/// computed only when `rewrite` (the output shows it).
fn review_all(
    inputs: &[Input],
    resolver: &Resolver,
    walk: &WalkOptions,
    limit: u64,
    rewrite: bool,
) -> Vec<Result<Judged, (String, String)>> {
    let stdin = files::read_stdin_if_needed(inputs);
    let contexts = settings::Contexts::default();
    files::parallel_map(inputs, |input| {
        let (path, location) = name_of(input, walk);
        let fail = |e: String| (path.clone(), e);
        let settings = resolver.for_path(location.as_deref()).map_err(fail)?;
        let source = files::read(input, &stdin, limit).map_err(fail)?;
        let config = contexts.for_file(&settings.config, location.as_deref());
        let review = review_text(&source, &path, &config, rewrite).map_err(fail)?;
        Ok((Reviewed { source, review }, settings))
    })
}

/// Find the inputs, reporting skipped files; also returns the paths that could not be read, with the reason.
fn discover(
    paths: &[String],
    resolver: &Resolver,
    walk: &WalkOptions,
) -> (Vec<Input>, Vec<(String, String)>) {
    let mut excludes = resolver.excludes();
    excludes.extend(walk.exclude.iter().cloned());
    let found = files::discover(paths, &excludes);
    for (path, message) in &found.errors {
        eprintln!("dockwise: error: cannot read {path}: {message}");
    }
    for (path, why) in &found.skipped {
        warn(&format!("skipped {path}: {why}"));
    }
    if found.inputs.is_empty() && found.errors.is_empty() {
        let searched = if paths.is_empty() {
            ".".to_string()
        } else {
            paths.join(", ")
        };
        warn(&format!("no Dockerfile found in {searched}"));
    }
    (found.inputs, found.errors)
}

fn check(
    format: Format,
    out: &Output,
    resolver: &Resolver,
    walk: &WalkOptions,
    paths: &[String],
) -> u8 {
    let (inputs, missing) = discover(paths, resolver, walk);
    let mut unreadable = missing;
    let limit = resolver.max_file_size(walk);
    let mut reviewed = Vec::new();
    let mut failed = false;
    // Only the JSON output carries the rewrite, its changes and estimate.
    for result in review_all(&inputs, resolver, walk, limit, format == Format::Json) {
        match result {
            Ok((r, settings)) => {
                failed |= match settings.threshold {
                    Some(level) => r.review.fails(level),
                    None => false,
                };
                reviewed.push(r);
            }
            Err((path, message)) if message == files::BINARY => {
                warn(&format!("skipped {path}: {message}"))
            }
            Err((path, message)) => {
                eprintln!("dockwise: error: cannot read {path}: {message}");
                unreadable.push((path, message));
            }
        }
    }
    let trouble = !unreadable.is_empty();
    let quiet = QUIET.load(Ordering::Relaxed);
    let text = match format {
        Format::Pretty => output::pretty(&reviewed, out.colour(), quiet),
        Format::Json => output::json(&reviewed),
        Format::Sarif => output::sarif(&reviewed, &unreadable),
        Format::Github => output::github(&reviewed),
        Format::Checkstyle => output::checkstyle(&reviewed),
        Format::Codeclimate => formats::codeclimate(&reviewed),
        Format::Junit => formats::junit(&reviewed),
        Format::Sonarqube => formats::sonarqube(&reviewed),
        Format::Rdjson => formats::rdjson(&reviewed),
    };
    if out.write(&text) == TROUBLE {
        return TROUBLE;
    }
    if trouble {
        TROUBLE
    } else if failed {
        FAIL
    } else {
        PASS
    }
}

fn fix(
    mode: FixMode,
    unsafe_fixes: bool,
    output: &Output,
    resolver: &Resolver,
    walk: &WalkOptions,
    paths: &[String],
) -> u8 {
    let (inputs, missing) = discover(paths, resolver, walk);
    let mut trouble = !missing.is_empty();
    let limit = resolver.max_file_size(walk);
    let stdin = files::read_stdin_if_needed(&inputs);
    let contexts = settings::Contexts::default();
    let results = files::parallel_map(&inputs, |input| {
        let (_, location) = name_of(input, walk);
        let settings = resolver.for_path(location.as_deref())?;
        let source = files::read(input, &stdin, limit)?;
        let mut config = contexts.for_file(&settings.config, location.as_deref());
        config.unsafe_fixes |= unsafe_fixes;
        let include_unsafe = config.unsafe_fixes;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let outcome = dockwise::fix::fix(&source, &config, include_unsafe);
            let suggested = (config.context_has_dockerignore == Some(false))
                .then(|| dockwise::review(&source, &config).dockerignore)
                .flatten();
            (outcome, suggested)
        }))
        .map(|(outcome, suggested)| (source, outcome, suggested))
        .map_err(|_| {
            "internal error while fixing this file (a Dockwise bug: please report it with the file)"
                .to_string()
        })
    });
    let mut out = String::new();
    let mut differs = false;
    let (mut written, mut unchanged) = (0, 0);
    let many = inputs.len() > 1;
    for (input, result) in inputs.iter().zip(results) {
        let (path, _) = name_of(input, walk);
        let (source, outcome, suggested_ignore) = match result {
            Ok(triple) => triple,
            Err(message) if message == files::BINARY => {
                warn(&format!("skipped {path}: {message}"));
                continue;
            }
            Err(message) => {
                trouble = true;
                eprintln!("dockwise: error: cannot read {path}: {message}");
                continue;
            }
        };
        if !outcome.converged {
            warn(&format!(
                "{path}: fixes did not settle; showing the last consistent rewrite"
            ));
        }
        if let Some(why) = &outcome.refused {
            warn(&format!("{path}: {why}"));
        }
        let changed = outcome.text != source;
        match mode {
            FixMode::Print => {
                if many {
                    out.push_str(&format!("==> {path} <==\n"));
                }
                out.push_str(&outcome.text);
                if many && !outcome.text.ends_with('\n') {
                    out.push('\n');
                }
            }
            FixMode::Diff => {
                if changed {
                    differs = true;
                    out.push_str(&diff::unified(
                        &source,
                        &outcome.text,
                        &format!("a/{path}"),
                        &format!("b/{path}"),
                    ));
                }
            }
            FixMode::Write => match input {
                Input::Stdin => out.push_str(&outcome.text),
                Input::File(file) => {
                    if let Some(ignore) = &suggested_ignore {
                        match files::write_dockerignore(file, ignore) {
                            Ok(Some(written_to)) => progress(&format!(
                                "wrote {} (review it: it keeps out of the build context what the image does not need)",
                                Input::File(written_to).display()
                            )),
                            Ok(None) => {}
                            Err(e) => {
                                trouble = true;
                                eprintln!("dockwise: error: {e}");
                            }
                        }
                    }
                    if !changed {
                        unchanged += 1;
                        continue;
                    }
                    match std::fs::write(file, &outcome.text) {
                        Ok(()) => {
                            written += 1;
                            progress(&format!("fixed {path}:"));
                            for change in &outcome.changes {
                                let line = change
                                    .line
                                    .map(|l| format!("line {l}: "))
                                    .unwrap_or_default();
                                let kind = match change.applicability {
                                    dockwise::Applicability::Safe => "safe",
                                    dockwise::Applicability::Unsafe => "unsafe",
                                };
                                let saves = match &change.saves {
                                    Some(s) => match s.mb {
                                        Some(mb) => format!(" (saves about {mb} MB)"),
                                        None => String::new(),
                                    },
                                    None => String::new(),
                                };
                                progress(&format!(
                                    "  {line}{} [{}, {kind}]{saves}",
                                    change.title,
                                    change.rules.join(", ")
                                ));
                            }
                        }
                        Err(e) => {
                            trouble = true;
                            eprintln!(
                                "dockwise: error: cannot write {path}: {}",
                                files::describe(&e)
                            );
                        }
                    }
                }
            },
        }
    }
    if mode == FixMode::Write && inputs.iter().any(|i| matches!(i, Input::File(_))) {
        let plural = |n: usize| if n == 1 { "file" } else { "files" };
        progress(&format!(
            "{written} {} fixed, {unchanged} {} unchanged",
            plural(written),
            plural(unchanged)
        ));
    }
    if output.write(&out) == TROUBLE || trouble {
        TROUBLE
    } else if differs {
        FAIL
    } else {
        PASS
    }
}
