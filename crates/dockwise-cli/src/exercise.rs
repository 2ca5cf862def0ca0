//! `dockwise exercise`: the classroom autograder. `list` the built-in exercises, `show` one as JSON, `check` a
//! Dockerfile against an exercise file (TOML or JSON) or a built-in.
//!
//! Exit status: 0 when every goal passes, 1 when some fail, 2 for usage errors, a bad exercise file (the message
//! names the file and the field) or an unreadable Dockerfile.

use dockwise::exercise::{self, Exercise, ExerciseResult};
use std::io::{IsTerminal, Read, Write};

const PASS: u8 = 0;
const FAIL: u8 = 1;
const TROUBLE: u8 = 2;

pub const USAGE: &str = "\
Classroom exercises: grade a Dockerfile against an exercise's goals.

Usage: dockwise exercise list [--format pretty|json]
       dockwise exercise show NAME
       dockwise exercise check (--exercise FILE | --builtin NAME) [--format pretty|json] [--no-color] DOCKERFILE|-

Commands:
  list    the built-in exercises (Python, Node and Go tracks)
  show    a built-in exercise as JSON (a starting point for your own; the playground's share format)
  check   grade a Dockerfile: each goal passed or not, with why, and a score

Options:
  -e, --exercise FILE   the exercise: TOML (.toml) or JSON (.json; other names: JSON if it starts with `{`)
  -b, --builtin NAME    a built-in exercise (`python-01-env`, or a unique prefix such as `go-02`)
  -f, --format FORMAT   pretty (default) or json
      --no-color        no colours (also NO_COLOR=1); colours are only used on a terminal
  -h, --help            print this help

Exit status: 0 when every goal passes, 1 when some fail, 2 for usage errors, a bad exercise file or an
unreadable Dockerfile.";

#[derive(Copy, Clone, PartialEq, Eq)]
enum Format {
    Pretty,
    Json,
}

/// Run `dockwise exercise ARGS...`; returns the exit status.
pub fn run(args: &[String]) -> u8 {
    match run_inner(args) {
        Ok(status) => status,
        Err(message) => {
            eprintln!("dockwise: error: {message}");
            TROUBLE
        }
    }
}

fn run_inner(args: &[String]) -> Result<u8, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(
            "`dockwise exercise` needs a command: list, show or check\n\n".to_string() + USAGE,
        );
    };
    let mut format = Format::Pretty;
    let mut color = true;
    let mut exercise_file: Option<String> = None;
    let mut builtin: Option<String> = None;
    let mut positional: Vec<String> = Vec::new();
    let mut words = rest.iter();
    while let Some(word) = words.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (word.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| words.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(print(USAGE)),
            "-f" | "--format" => {
                format = match value("--format")?.as_str() {
                    "pretty" => Format::Pretty,
                    "json" => Format::Json,
                    other => {
                        return Err(format!(
                            "unknown format \"{other}\" (expected pretty or json)"
                        ))
                    }
                }
            }
            "-e" | "--exercise" => exercise_file = Some(value("--exercise")?),
            "-b" | "--builtin" => builtin = Some(value("--builtin")?),
            "--no-color" => color = false,
            "-" => positional.push(word.clone()),
            f if f.starts_with('-') => {
                return Err(format!("unknown option {word} for `dockwise exercise`"))
            }
            _ => positional.push(word.clone()),
        }
    }
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(print(USAGE)),
        "list" => {
            if let Some(extra) = positional.first() {
                return Err(format!(
                    "unexpected argument {extra} for `dockwise exercise list`"
                ));
            }
            Ok(print(&list(format)))
        }
        "show" => {
            let [name] = positional.as_slice() else {
                return Err("`dockwise exercise show` takes one built-in exercise name".into());
            };
            let exercise = load_builtin(name)?;
            let value = serde_json::to_value(&exercise).map_err(|e| e.to_string())?;
            Ok(print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )))
        }
        "check" => {
            let exercise = match (exercise_file, builtin) {
                (Some(file), None) => load_file(&file)?,
                (None, Some(name)) => load_builtin(&name)?,
                (Some(_), Some(_)) => {
                    return Err("give either --exercise or --builtin, not both".into())
                }
                (None, None) => {
                    return Err(
                        "`dockwise exercise check` needs --exercise FILE or --builtin NAME".into(),
                    )
                }
            };
            let [path] = positional.as_slice() else {
                return Err(
                    "`dockwise exercise check` grades one Dockerfile (or `-` for standard input)"
                        .into(),
                );
            };
            let source = read_dockerfile(path)?;
            let result = exercise::check(&exercise, &source);
            let colour = color
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let text = match format {
                Format::Pretty => pretty(&exercise, path, &result, colour),
                Format::Json => json(&exercise, path, &result),
            };
            let status = print(&text);
            Ok(if status != PASS {
                status
            } else if result.passed {
                PASS
            } else {
                FAIL
            })
        }
        other => Err(format!(
            "unknown command `dockwise exercise {other}` (expected list, show or check)"
        )),
    }
}

fn print(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => PASS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => PASS,
        Err(e) => {
            eprintln!("dockwise: error: cannot write the output: {e}");
            TROUBLE
        }
    }
}

fn load_builtin(name: &str) -> Result<Exercise, String> {
    let Some(found) = exercise::builtin(name) else {
        let names: Vec<&str> = exercise::builtins().iter().map(|b| b.name).collect();
        return Err(format!(
            "no built-in exercise \"{name}\" (run `dockwise exercise list`; names: {})",
            names.join(", ")
        ));
    };
    found
        .exercise()
        .map_err(|e| format!("built-in exercise {}: {e}", found.name))
}

/// Read an exercise file: TOML or JSON by extension (or by its first character), then the engine's checks.
pub fn load_file(path: &str) -> Result<Exercise, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    parse_exercise(path, &text).map_err(|message| format!("{path}: {message}"))
}

/// Read an exercise from JSON or TOML text (`path` decides which, else the text's first character).
pub fn parse_exercise(path: &str, text: &str) -> Result<Exercise, String> {
    let lower = path.to_ascii_lowercase();
    let is_json = if lower.ends_with(".json") {
        true
    } else if lower.ends_with(".toml") {
        false
    } else {
        text.trim_start().starts_with('{')
    };
    if is_json {
        return Exercise::from_json(text).map_err(|e| e.to_string());
    }
    let value: serde_json::Value = toml::from_str(text)
        .map_err(|e| format!("not valid TOML: {}", e.to_string().trim_end()))?;
    Exercise::from_value(&value).map_err(|e| e.to_string())
}

fn read_dockerfile(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn list(format: Format) -> String {
    let items: Vec<(&str, Result<Exercise, String>)> = exercise::builtins()
        .iter()
        .map(|b| (b.name, b.exercise().map_err(|e| e.to_string())))
        .collect();
    match format {
        Format::Json => {
            let values: Vec<serde_json::Value> = items
                .iter()
                .filter_map(|(name, e)| {
                    let e = e.as_ref().ok()?;
                    Some(serde_json::json!({ "name": name, "title": e.title, "goals": e.goals.len() }))
                })
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&values).unwrap_or_default()
            )
        }
        Format::Pretty => {
            let width = items.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
            let mut out = String::new();
            for (name, e) in &items {
                let title = match e {
                    Ok(e) => format!("{} ({} goals)", e.title, e.goals.len()),
                    Err(err) => format!("(broken: {err})"),
                };
                out.push_str(&format!("{name:<width$}  {title}\n"));
            }
            out.push_str(
                "\nGrade a Dockerfile: dockwise exercise check --builtin NAME Dockerfile\n",
            );
            out
        }
    }
}

fn json(exercise: &Exercise, path: &str, result: &ExerciseResult) -> String {
    let mut value = serde_json::to_value(result).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("exercise".into(), exercise.title.clone().into());
        map.insert("path".into(), path.into());
    }
    format!(
        "{}\n",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    )
}

fn pretty(exercise: &Exercise, path: &str, result: &ExerciseResult, colour: bool) -> String {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = format!("{} ({})\n", paint("1", &exercise.title), path);
    for goal in &result.goals {
        let mark = if goal.passed {
            paint("32", "✓")
        } else {
            paint("31", "✗")
        };
        out.push_str(&format!(
            "  {mark} {}\n      {}\n",
            goal.description, goal.detail
        ));
    }
    for e in result.syntax_errors.iter().take(3) {
        out.push_str(&format!("  {} syntax error, {e}\n", paint("31", "✗")));
    }
    if result.syntax_errors.len() > 3 {
        out.push_str(&format!(
            "    ... and {} more syntax errors\n",
            result.syntax_errors.len() - 3
        ));
    }
    let summary = format!("Score: {}/{} goals", result.score, result.total);
    if result.passed {
        out.push_str(&format!("{} — exercise passed\n", paint("32;1", &summary)));
    } else {
        let still = result.total - result.score;
        let mut why = format!("{still} goal{} to go", if still == 1 { "" } else { "s" });
        if !result.syntax_errors.is_empty() {
            why.push_str(", and the file has syntax errors");
        }
        out.push_str(&format!("{} — {why}\n", paint("31;1", &summary)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_with_tables_shorthand_and_names_the_field() {
        let toml = "title = \"Env\"\nstarting = \"\"\"\nFROM python:3.12\nCMD python app.py\n\"\"\"\nhints = [\"ENV\"]\n\n[[goals]]\nenv-set = \"PYTHONUNBUFFERED\"\ndescription = \"Logs unbuffered\"\n\n[[goals]]\nkind = \"base-image-pinned\"\ndigest = true\n";
        let e = parse_exercise("x.toml", toml).unwrap();
        assert_eq!(e.starting, "FROM python:3.12\nCMD python app.py\n");
        assert_eq!(e.goals[0].description, "Logs unbuffered");
        assert_eq!(e.hints, vec!["ENV".to_string()]);
        let toml = "title = \"Env\"\nstarting = \"FROM python:3.12\\n\"\n\n[[goals]]\nkind = \"env-set\"\nvalue = \"PYTHONUNBUFFERED\"\n\n[[goals]]\nkind = \"finall-stage\"\n";
        let err = parse_exercise("x.toml", toml).unwrap_err();
        assert_eq!(
            err,
            "goals[1].kind: unknown goal \"finall-stage\"; did you mean \"final-stage-non-root\"?"
        );
        let ok = parse_exercise(
            "x",
            "title = \"Env\"\nstarting = \"FROM python:3.12\"\ngoals = [\"healthcheck\", { exposes = 8000 }]\n",
        )
        .unwrap();
        assert_eq!(ok.goals.len(), 2);
    }

    #[test]
    fn every_builtin_round_trips_through_show() {
        for b in exercise::builtins() {
            let e = b.exercise().unwrap();
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(parse_exercise("x.json", &json).unwrap(), e, "{}", b.name);
        }
    }
}
