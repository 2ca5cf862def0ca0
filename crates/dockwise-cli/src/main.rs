//! The `dockwise` command: check, fix, rules, explain. The only part of Dockwise that touches the file system.

mod args;
mod bench;
mod diff;
mod exercise;
mod files;
mod output;
mod rules_cmd;
mod settings;
mod yaml;

use args::{Command, FixMode, Format};
use files::Input;
use output::Reviewed;
use settings::Settings;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Exit statuses: the contract in shared/spec/interfaces.md.
const PASS: u8 = 0;
const FAIL: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().is_some_and(|c| c == "exercise") {
        return ExitCode::from(exercise::run(&argv[1..]));
    }
    let command = match args::parse(argv) {
        Ok(command) => command,
        Err(args::Usage(message)) => {
            eprintln!("dockwise: error: {message}\n\nRun `dockwise --help` for usage.");
            return ExitCode::from(TROUBLE);
        }
    };
    let status = match command {
        Command::Help(text) => print(&format!("{text}\n")),
        Command::Version => print(&format!(
            "dockwise {} (base-image data {})\n",
            env!("CARGO_PKG_VERSION"),
            dockwise::data::base_images::LAST_VERIFIED
        )),
        Command::Check {
            format,
            color,
            rules,
            paths,
        } => match settings::load(&rules) {
            Ok(settings) => check(format, color, &settings, &paths),
            Err(message) => error(&message),
        },
        Command::Fix {
            mode,
            unsafe_fixes,
            rules,
            paths,
        } => match settings::load(&rules) {
            Ok(mut settings) => {
                settings.config.unsafe_fixes |= unsafe_fixes;
                fix(mode, &settings, &paths)
            }
            Err(message) => error(&message),
        },
        Command::Rules { format } => print(&rules_cmd::rules(format)),
        Command::Explain { selector } => match rules_cmd::explain(&selector) {
            Ok(text) => print(&text),
            Err(message) => error(&message),
        },
        Command::Bench {
            rounds,
            corpus,
            per_rule,
        } => bench::run(rounds, corpus.as_deref(), per_rule),
    };
    ExitCode::from(status)
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

/// Review one text; a panic in a rule becomes an error for this file instead of taking the run down.
fn review_text(
    text: &str,
    path: &str,
    settings: &Settings,
    input: &Input,
    rewrite: bool,
) -> Result<dockwise::Review, String> {
    let file = match input {
        Input::File(p) => Some(p.as_path()),
        Input::Stdin => None,
    };
    let config = settings::for_file(&settings.config, file);
    let reviewed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match rewrite {
        true => dockwise::review(text, &config),
        false => dockwise::review_findings(text, &config),
    }));
    match reviewed {
        Ok(mut review) => {
            review.path = Some(path.to_string());
            Ok(review)
        }
        Err(_) => Err("internal error while reviewing this file (a Dockwise bug: please report it with the file)".into()),
    }
}

/// Read and review every input in parallel; the results keep the inputs' (sorted) order. The rewrite is
/// computed only when `rewrite` (the output shows it).
fn review_all(
    inputs: &[Input],
    settings: &Settings,
    rewrite: bool,
) -> Vec<Result<Reviewed, (String, String)>> {
    let stdin = files::read_stdin_if_needed(inputs);
    files::parallel_map(inputs, |input| {
        let path = input.display();
        let source = files::read(input, &stdin).map_err(|e| (path.clone(), e))?;
        let review =
            review_text(&source, &path, settings, input, rewrite).map_err(|e| (path.clone(), e))?;
        Ok(Reviewed { source, review })
    })
}

fn check(format: Format, color: bool, settings: &Settings, paths: &[String]) -> u8 {
    let (inputs, missing) = files::discover(paths);
    let mut trouble = !missing.is_empty();
    for (path, message) in &missing {
        eprintln!("dockwise: error: cannot read {path}: {message}");
    }
    let mut reviewed = Vec::new();
    // Only the JSON output carries the rewrite, its changes and estimate.
    for result in review_all(&inputs, settings, format == Format::Json) {
        match result {
            Ok(r) => reviewed.push(r),
            Err((path, message)) => {
                trouble = true;
                eprintln!("dockwise: error: cannot read {path}: {message}");
            }
        }
    }
    if inputs.is_empty() && missing.is_empty() {
        let searched = if paths.is_empty() {
            ".".to_string()
        } else {
            paths.join(", ")
        };
        eprintln!("dockwise: warning: no Dockerfile found in {searched}");
    }
    let colour = color
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = match format {
        Format::Pretty => output::pretty(&reviewed, colour),
        Format::Json => output::json(&reviewed),
        Format::Sarif => output::sarif(&reviewed),
        Format::Github => output::github(&reviewed),
        Format::Checkstyle => output::checkstyle(&reviewed),
    };
    if print(&text) == TROUBLE {
        return TROUBLE;
    }
    let failed = reviewed.iter().any(|r| match settings.threshold {
        Some(level) => r.review.fails(level),
        None => !r.review.syntax_errors.is_empty(),
    });
    if trouble {
        TROUBLE
    } else if failed {
        FAIL
    } else {
        PASS
    }
}

fn fix(mode: FixMode, settings: &Settings, paths: &[String]) -> u8 {
    let (inputs, missing) = files::discover(paths);
    let mut trouble = !missing.is_empty();
    for (path, message) in &missing {
        eprintln!("dockwise: error: cannot read {path}: {message}");
    }
    let stdin = files::read_stdin_if_needed(&inputs);
    let include_unsafe = settings.config.unsafe_fixes;
    let results = files::parallel_map(&inputs, |input| {
        let source = files::read(input, &stdin)?;
        let config = settings::for_file(
            &settings.config,
            match input {
                Input::File(p) => Some(p.as_path()),
                Input::Stdin => None,
            },
        );
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            dockwise::fix::fix(&source, &config, include_unsafe)
        }))
        .map(|outcome| (source, outcome))
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
        let path = input.display();
        let (source, outcome) = match result {
            Ok(pair) => pair,
            Err(message) => {
                trouble = true;
                eprintln!("dockwise: error: cannot read {path}: {message}");
                continue;
            }
        };
        if !outcome.converged {
            eprintln!("dockwise: warning: {path}: fixes did not settle; showing the last consistent rewrite");
        }
        if let Some(why) = &outcome.refused {
            eprintln!("dockwise: warning: {path}: {why}");
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
                Input::File(file) if changed => match std::fs::write(file, &outcome.text) {
                    Ok(()) => {
                        written += 1;
                        eprintln!("fixed {path}:");
                        for change in &outcome.changes {
                            let line = change
                                .line
                                .map(|l| format!("line {l}: "))
                                .unwrap_or_default();
                            let kind = match change.applicability {
                                dockwise::Applicability::Safe => "safe",
                                dockwise::Applicability::Unsafe => "unsafe",
                            };
                            eprintln!(
                                "  {line}{} [{}, {kind}]",
                                change.title,
                                change.rules.join(", ")
                            );
                        }
                    }
                    Err(e) => {
                        trouble = true;
                        eprintln!(
                            "dockwise: error: cannot write {path}: {}",
                            files::describe(&e)
                        );
                    }
                },
                Input::File(_) => unchanged += 1,
            },
        }
    }
    if mode == FixMode::Write && inputs.iter().any(|i| matches!(i, Input::File(_))) {
        let plural = |n: usize| if n == 1 { "file" } else { "files" };
        eprintln!(
            "{written} {} fixed, {unchanged} {} unchanged",
            plural(written),
            plural(unchanged)
        );
    }
    if print(&out) == TROUBLE || trouble {
        TROUBLE
    } else if differs {
        FAIL
    } else {
        PASS
    }
}
