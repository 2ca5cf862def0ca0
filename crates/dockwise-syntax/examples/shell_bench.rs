//! Shell-view speed over the corpus: `cargo run --release -p dockwise-syntax --example shell_bench [corpus dir]`.
//! Pass `--errors` to list the scripts brush could not read (they fell back to the best-effort split).

use std::path::PathBuf;
use std::time::Instant;

use dockwise_syntax::shell::{parse_heredoc_script, parse_script};
use dockwise_syntax::{Body, Command, Healthcheck, Keyword, LogicalText, Span};

enum Job {
    Text(LogicalText),
    Heredoc(usize, Span),
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let root = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--rounds"))
        .map(|(_, a)| a)
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus"),
            PathBuf::from,
        );
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let sources: Vec<(PathBuf, String)> = files
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some((p, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect();
    // Collect the scripts first so only the shell view is timed.
    let mut jobs: Vec<(usize, Job)> = Vec::new();
    for (i, (_, source)) in sources.iter().enumerate() {
        let (dockerfile, _) = dockwise_syntax::parse(source);
        for instruction in dockerfile.instructions() {
            match &instruction.body {
                Body::Command(Command::Shell(lt))
                | Body::Healthcheck(Healthcheck::Cmd {
                    command: Command::Shell(lt),
                    ..
                }) => jobs.push((i, Job::Text(lt.clone()))),
                _ => {}
            }
            if instruction.kind == Keyword::Run {
                for h in &instruction.heredocs {
                    jobs.push((i, Job::Heredoc(i, h.body)));
                }
            }
        }
    }
    // `--rounds N` (default 5). On a busy machine, compare CPU time (`/usr/bin/time`) of two round counts.
    let rounds: u32 = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let start = Instant::now();
    let (mut commands, mut fallbacks) = (0usize, 0usize);
    for round in 0..rounds {
        for (file, job) in &jobs {
            let script = match job {
                Job::Text(lt) => parse_script(lt),
                Job::Heredoc(i, body) => parse_heredoc_script(&sources[*i].1, *body),
            };
            if round == 0 {
                commands += script.commands.len();
                if let Some(e) = &script.error {
                    fallbacks += 1;
                    if show_errors {
                        let text = match job {
                            Job::Text(lt) => lt.text.clone(),
                            Job::Heredoc(i, body) => body.text(&sources[*i].1).to_string(),
                        };
                        let short: String = text.chars().take(160).collect();
                        println!("{}: {e}\n    {short:?}", sources[*file].0.display());
                    }
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(rounds);
    println!(
        "{} files, {} scripts, {commands} commands ({fallbacks} scripts fell back) in {:.1} ms: {:.0} commands/s, {:.0} scripts/s",
        sources.len(),
        jobs.len(),
        secs * 1000.0,
        commands as f64 / secs,
        jobs.len() as f64 / secs
    );
}
