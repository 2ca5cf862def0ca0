//! Command-line parsing, by hand: a handful of flags does not need a parser crate, and the binary stays lean.

use dockwise::Severity;

/// A usage error: printed with a hint to `--help`, exit status 2.
#[derive(Debug)]
pub struct Usage(pub String);

/// Output formats of `dockwise check`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Pretty,
    Json,
    Sarif,
    Github,
    Checkstyle,
}

/// What `dockwise fix` does with the rewrite.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FixMode {
    Print,
    Write,
    Diff,
}

/// Where `dockwise check` stops passing: a severity, or never (`none`/`ignore`).
pub type Threshold = Option<Severity>;

/// Options shared by `check` and `fix`: which rules run and how findings are judged.
#[derive(Clone, Debug, Default)]
pub struct RuleOptions {
    pub config: Option<String>,
    pub no_config: bool,
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub failure_threshold: Option<Threshold>,
}

#[derive(Debug)]
pub enum Command {
    Help(&'static str),
    Version,
    Check {
        format: Format,
        color: bool,
        rules: RuleOptions,
        paths: Vec<String>,
    },
    Fix {
        mode: FixMode,
        unsafe_fixes: bool,
        rules: RuleOptions,
        paths: Vec<String>,
    },
    Rules {
        format: RulesFormat,
    },
    Explain {
        selector: String,
    },
    Bench {
        rounds: usize,
        corpus: Option<String>,
        per_rule: bool,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum RulesFormat {
    Table,
    Json,
    Markdown,
}

pub const USAGE: &str = "\
dockwise: review and rewrite Dockerfiles

Usage: dockwise <COMMAND> [OPTIONS]

Commands:
  check    review Dockerfiles and folders, report findings
  fix      print, write or diff the rewritten Dockerfiles
  rules    list every rule
  explain  show a rule's documentation (by code, name or peer code such as DL3042)
  exercise classroom exercises: grade a Dockerfile against an exercise's goals (list, show, check)

Options:
  -h, --help     print help (also `dockwise <COMMAND> --help`)
  -V, --version  print the version";

pub const CHECK_USAGE: &str = "\
Review Dockerfiles and report findings.

Usage: dockwise check [OPTIONS] [PATH|-]...

Folders are searched recursively for Dockerfile, Containerfile, *.Dockerfile, *.dockerfile and Dockerfile.*
(skipping .git, node_modules and target). `-` reads standard input. Without a path: the current folder.

Options:
  -f, --format FORMAT           pretty (default), json, sarif, github or checkstyle
  -c, --config FILE             read this .dockwise.toml or .hadolint.yaml instead of searching for one
      --no-config               ignore configuration files
      --enable RULE             switch a rule on (code, name, peer code or category; repeatable, comma lists)
      --disable RULE            switch a rule off (same selectors)
      --severity RULE=LEVEL     change a rule's severity (error, warning, info, style)
      --failure-threshold LEVEL fail on findings at or above LEVEL (error, warning, info, style, none)
      --no-color                no colours (also NO_COLOR=1); colours are only used on a terminal
  -h, --help                    print this help

Configuration: the nearest .dockwise.toml (or .hadolint.yaml / .hadolint.yml) from the current folder up.

Exit status: 0 when no finding reaches the failure threshold, 1 when one does, 2 for usage errors and
unreadable files (the other files are still reviewed).";

pub const FIX_USAGE: &str = "\
Apply fixes and print the rewritten Dockerfile.

Usage: dockwise fix [OPTIONS] [PATH|-]...

Options:
      --unsafe                  apply unsafe fixes too (they change what is built)
  -w, --write                   write the rewrite back to each file that changed (changes listed on stderr)
  -d, --diff                    print a unified diff instead of the rewrite (exit status 1 when there is one)
  -c, --config FILE             read this configuration file
      --no-config               ignore configuration files
      --enable RULE / --disable RULE / --severity RULE=LEVEL   as for `dockwise check`
  -h, --help                    print this help

Folders are searched as for `dockwise check`. Exit status: 0, or 1 with --diff when something would change,
2 for usage errors and unreadable files.";

pub const RULES_USAGE: &str = "\
List every rule: code, name, category, severity, peer codes, fix kind and whether it runs by default.

Usage: dockwise rules [--format table|json|markdown]

`--format markdown` prints the whole rule reference (docs/rules.md).";

pub const EXPLAIN_USAGE: &str = "\
Show a rule's documentation: what it flags, why, an example and its fix, how safe the fix is, and
deliberate differences from other tools.

Usage: dockwise explain RULE

RULE is a code (DW2007), a name (image-latest-tag) or a peer code (DL3007).";

const BENCH_USAGE: &str = "\
Measure review throughput over the corpus, next to hadolint's when it is installed.

Usage: dockwise bench [--rounds N] [--per-rule] [CORPUS_DIR]

  --per-rule  also time each rule on its own (slow) and list the ten slowest";

/// Parse the arguments after the program name.
pub fn parse(args: Vec<String>) -> Result<Command, Usage> {
    let mut args = args.into_iter();
    let Some(command) = args.next() else {
        return Ok(Command::Help(USAGE));
    };
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help(match rest.first().map(String::as_str) {
            Some("check") => CHECK_USAGE,
            Some("fix") => FIX_USAGE,
            Some("rules") => RULES_USAGE,
            Some("explain") => EXPLAIN_USAGE,
            _ => USAGE,
        })),
        "-V" | "--version" => Ok(Command::Version),
        "check" => parse_check(rest),
        "fix" => parse_fix(rest),
        "rules" => parse_rules(rest),
        "explain" => parse_explain(rest),
        "bench" => parse_bench(rest),
        other if other.starts_with('-') => Err(Usage(format!(
            "unknown option `{other}` (expected a command first)"
        ))),
        other => Err(Usage(format!(
            "unknown command `{other}`; the commands are check, fix, rules and explain"
        ))),
    }
}

/// Splits `--flag=value` and yields (flag, inline value) or positional arguments.
struct Cursor {
    args: std::vec::IntoIter<String>,
    only_paths: bool,
}

enum Arg {
    Flag(String, Option<String>),
    Positional(String),
}

impl Cursor {
    fn new(args: Vec<String>) -> Cursor {
        Cursor {
            args: args.into_iter(),
            only_paths: false,
        }
    }

    fn next(&mut self) -> Option<Arg> {
        let arg = self.args.next()?;
        if self.only_paths || arg == "-" || !arg.starts_with('-') {
            return Some(Arg::Positional(arg));
        }
        if arg == "--" {
            self.only_paths = true;
            return self.next();
        }
        if arg.starts_with("--") {
            if let Some((flag, value)) = arg.split_once('=') {
                return Some(Arg::Flag(flag.to_string(), Some(value.to_string())));
            }
        }
        Some(Arg::Flag(arg, None))
    }

    fn value(&mut self, flag: &str, inline: Option<String>) -> Result<String, Usage> {
        match inline.or_else(|| self.args.next()) {
            Some(v) => Ok(v),
            None => Err(Usage(format!("`{flag}` needs a value"))),
        }
    }
}

fn no_value(flag: &str, inline: &Option<String>) -> Result<(), Usage> {
    match inline {
        Some(_) => Err(Usage(format!("`{flag}` takes no value"))),
        None => Ok(()),
    }
}

fn list(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub fn parse_severity(value: &str) -> Result<Severity, Usage> {
    Severity::parse(value).ok_or_else(|| {
        Usage(format!(
            "unknown severity `{value}`; expected error, warning, info or style"
        ))
    })
}

pub fn parse_threshold(value: &str) -> Option<Threshold> {
    match value.trim().to_ascii_lowercase().as_str() {
        "none" | "ignore" | "never" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

/// Handles a flag shared by `check` and `fix`; `Ok(false)` when it is not one of them.
fn rule_option(
    cursor: &mut Cursor,
    rules: &mut RuleOptions,
    flag: &str,
    inline: Option<String>,
) -> Result<bool, Usage> {
    match flag {
        "-c" | "--config" => rules.config = Some(cursor.value(flag, inline)?),
        "--no-config" => {
            no_value(flag, &inline)?;
            rules.no_config = true;
        }
        "--enable" => rules.enable.extend(list(&cursor.value(flag, inline)?)),
        "--disable" => rules.disable.extend(list(&cursor.value(flag, inline)?)),
        "--severity" => {
            let value = cursor.value(flag, inline)?;
            for pair in list(&value) {
                let Some((rule, level)) = pair.split_once('=') else {
                    return Err(Usage(format!(
                        "`--severity {pair}`: expected RULE=LEVEL, e.g. DL3007=error"
                    )));
                };
                rules
                    .severity
                    .push((rule.trim().to_string(), parse_severity(level)?));
            }
        }
        "--failure-threshold" => {
            let value = cursor.value(flag, inline)?;
            let threshold = parse_threshold(&value).ok_or_else(|| {
                Usage(format!(
                    "unknown failure threshold `{value}`; expected error, warning, info, style or none"
                ))
            })?;
            rules.failure_threshold = Some(threshold);
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn unknown(flag: &str, command: &str) -> Usage {
    Usage(format!("unknown option `{flag}` for `dockwise {command}`"))
}

fn parse_check(args: Vec<String>) -> Result<Command, Usage> {
    let mut cursor = Cursor::new(args);
    let mut format = Format::Pretty;
    let mut color = true;
    let mut rules = RuleOptions::default();
    let mut paths = Vec::new();
    while let Some(arg) = cursor.next() {
        let (flag, inline) = match arg {
            Arg::Positional(p) => {
                paths.push(p);
                continue;
            }
            Arg::Flag(f, v) => (f, v),
        };
        if rule_option(&mut cursor, &mut rules, &flag, inline.clone())? {
            continue;
        }
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help(CHECK_USAGE)),
            "-f" | "--format" => {
                let value = cursor.value(&flag, inline)?;
                format = match value.as_str() {
                    "pretty" | "tty" | "text" => Format::Pretty,
                    "json" => Format::Json,
                    "sarif" => Format::Sarif,
                    "github" | "gh" => Format::Github,
                    "checkstyle" => Format::Checkstyle,
                    other => {
                        return Err(Usage(format!(
                            "unknown format `{other}`; expected pretty, json, sarif, github or checkstyle"
                        )))
                    }
                };
            }
            "--no-color" | "--no-colour" => {
                no_value(&flag, &inline)?;
                color = false;
            }
            _ => return Err(unknown(&flag, "check")),
        }
    }
    Ok(Command::Check {
        format,
        color,
        rules,
        paths,
    })
}

fn parse_fix(args: Vec<String>) -> Result<Command, Usage> {
    let mut cursor = Cursor::new(args);
    let mut mode = FixMode::Print;
    let mut unsafe_fixes = false;
    let mut rules = RuleOptions::default();
    let mut paths = Vec::new();
    let set_mode = |new: FixMode, mode: &mut FixMode| {
        if *mode != FixMode::Print && *mode != new {
            return Err(Usage(
                "`--write` and `--diff` cannot be used together".into(),
            ));
        }
        *mode = new;
        Ok(())
    };
    while let Some(arg) = cursor.next() {
        let (flag, inline) = match arg {
            Arg::Positional(p) => {
                paths.push(p);
                continue;
            }
            Arg::Flag(f, v) => (f, v),
        };
        if rule_option(&mut cursor, &mut rules, &flag, inline.clone())? {
            continue;
        }
        no_value(&flag, &inline)?;
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help(FIX_USAGE)),
            "--unsafe" | "--unsafe-fixes" => unsafe_fixes = true,
            "-w" | "--write" => set_mode(FixMode::Write, &mut mode)?,
            "-d" | "--diff" => set_mode(FixMode::Diff, &mut mode)?,
            _ => return Err(unknown(&flag, "fix")),
        }
    }
    Ok(Command::Fix {
        mode,
        unsafe_fixes,
        rules,
        paths,
    })
}

fn parse_rules(args: Vec<String>) -> Result<Command, Usage> {
    let mut cursor = Cursor::new(args);
    let mut format = RulesFormat::Table;
    while let Some(arg) = cursor.next() {
        match arg {
            Arg::Positional(p) => {
                return Err(Usage(format!(
                    "`dockwise rules` takes no argument (got `{p}`)"
                )))
            }
            Arg::Flag(flag, inline) => match flag.as_str() {
                "-h" | "--help" => return Ok(Command::Help(RULES_USAGE)),
                "-f" | "--format" => {
                    format = match cursor.value(&flag, inline)?.as_str() {
                        "table" => RulesFormat::Table,
                        "json" => RulesFormat::Json,
                        "markdown" | "md" => RulesFormat::Markdown,
                        other => {
                            return Err(Usage(format!(
                                "unknown format `{other}`; expected table, json or markdown"
                            )))
                        }
                    }
                }
                _ => return Err(unknown(&flag, "rules")),
            },
        }
    }
    Ok(Command::Rules { format })
}

fn parse_explain(args: Vec<String>) -> Result<Command, Usage> {
    let mut cursor = Cursor::new(args);
    let mut selector = None;
    while let Some(arg) = cursor.next() {
        match arg {
            Arg::Positional(p) if selector.is_none() => selector = Some(p),
            Arg::Positional(p) => {
                return Err(Usage(format!(
                    "`dockwise explain` takes one rule (got `{p}` too)"
                )))
            }
            Arg::Flag(flag, _) if flag == "-h" || flag == "--help" => {
                return Ok(Command::Help(EXPLAIN_USAGE))
            }
            Arg::Flag(flag, _) => return Err(unknown(&flag, "explain")),
        }
    }
    match selector {
        Some(selector) => Ok(Command::Explain { selector }),
        None => Err(Usage(
            "`dockwise explain` needs a rule: a code, a name or a peer code".into(),
        )),
    }
}

fn parse_bench(args: Vec<String>) -> Result<Command, Usage> {
    let mut cursor = Cursor::new(args);
    let mut rounds = 5;
    let mut corpus = None;
    let mut per_rule = false;
    while let Some(arg) = cursor.next() {
        match arg {
            Arg::Positional(p) => corpus = Some(p),
            Arg::Flag(flag, inline) => match flag.as_str() {
                "-h" | "--help" => return Ok(Command::Help(BENCH_USAGE)),
                "--per-rule" => per_rule = true,
                "--rounds" => {
                    let value = cursor.value(&flag, inline)?;
                    rounds = value.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                        Usage(format!("`--rounds {value}`: expected a positive number"))
                    })?;
                }
                _ => return Err(unknown(&flag, "bench")),
            },
        }
    }
    Ok(Command::Bench {
        rounds,
        corpus,
        per_rule,
    })
}
