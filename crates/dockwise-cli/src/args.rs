//! Command-line parsing with clap (derive): typo suggestions, `--flag=value`, global options and generated
//! completions and man pages come for free, and hadolint's flag spellings are aliases of ours.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dockwise::Severity;
use std::path::PathBuf;

/// Where `dockwise check` stops passing: a severity, or never (`none`/`ignore`).
pub type Threshold = Option<Severity>;

/// Output formats of `dockwise check`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style code frames for terminals
    #[value(alias = "tty", alias = "text")]
    Pretty,
    /// the Review JSON: an array of reviews
    Json,
    /// SARIF 2.1.0 (GitHub code scanning, reviewdog, IDEs)
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    #[value(alias = "gh")]
    Github,
    /// Checkstyle XML (Jenkins, many CI dashboards)
    Checkstyle,
    /// GitLab Code Quality (Code Climate JSON)
    #[value(
        alias = "gitlab",
        alias = "gitlab_codeclimate",
        alias = "gitlab-codeclimate"
    )]
    Codeclimate,
    /// JUnit XML (test reports in GitLab, Jenkins, Azure)
    Junit,
    /// SonarQube generic issue import format
    #[value(alias = "sonar")]
    Sonarqube,
    /// reviewdog's diagnostic JSON (rdjson)
    Rdjson,
}

/// When to colour terminal output.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// only on a terminal, and not when NO_COLOR is set
    #[default]
    Auto,
    Always,
    Never,
}

/// What `dockwise fix` does with the rewrite.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FixMode {
    Print,
    Write,
    Diff,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    #[value(alias = "md")]
    Markdown,
}

/// dockwise: review and rewrite Dockerfiles
#[derive(Debug, Parser)]
#[command(
    name = "dockwise",
    version,
    about = "dockwise: review and rewrite Dockerfiles",
    after_help = "Run `dockwise <COMMAND> --help` for a command's options."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command accepts, before or after the command's name.
#[derive(Debug, Clone, Args, Default)]
pub struct GlobalOptions {
    /// colour terminal output: auto (a terminal without NO_COLOR), always or never
    #[arg(
        long,
        value_enum,
        global = true,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorChoice,
    /// no colours (the same as --color never)
    #[arg(long, alias = "no-colour", global = true)]
    pub no_color: bool,
    /// print only findings and errors: no summary, no warnings, no progress
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// write the report (or the rewrite) to FILE instead of standard output
    #[arg(short = 'o', long, global = true, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
}

impl GlobalOptions {
    pub fn color(&self) -> ColorChoice {
        if self.no_color {
            ColorChoice::Never
        } else {
            self.color
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// review Dockerfiles and folders, report findings
    #[command(after_help = CHECK_AFTER)]
    Check {
        /// output format
        #[arg(
            short,
            long,
            value_enum,
            default_value = "pretty",
            value_name = "FORMAT"
        )]
        format: Format,
        #[command(flatten)]
        rules: RuleOptions,
        #[command(flatten)]
        walk: WalkOptions,
        /// Dockerfiles or folders (searched recursively); `-` reads standard input
        #[arg(value_name = "PATH")]
        paths: Vec<String>,
    },
    /// print, write or diff the rewritten Dockerfiles
    #[command(after_help = FIX_AFTER)]
    Fix {
        /// apply unsafe fixes too (they change what is built)
        #[arg(long = "unsafe", alias = "unsafe-fixes")]
        unsafe_fixes: bool,
        /// write the rewrite back to each file that changed (changes listed on stderr), and a suggested
        /// .dockerignore beside a Dockerfile that has none
        #[arg(short, long, conflicts_with = "diff")]
        write: bool,
        /// print a unified diff instead of the rewrite (exit status 1 when there is one)
        #[arg(short, long)]
        diff: bool,
        #[command(flatten)]
        rules: RuleOptions,
        #[command(flatten)]
        walk: WalkOptions,
        /// Dockerfiles or folders; `-` reads standard input
        #[arg(value_name = "PATH")]
        paths: Vec<String>,
    },
    /// list every rule
    #[command(
        long_about = "List every rule: code, name, category, severity, peer codes, fix kind and whether it runs by \
                      default. `--format markdown` prints the whole rule reference (docs/rules.md)."
    )]
    Rules {
        #[arg(short, long, value_enum, default_value = "table")]
        format: RulesFormat,
    },
    /// show a rule's documentation (by code, name or peer code such as DL3042)
    #[command(
        long_about = "Show a rule's documentation: what it flags, why, an example and its fix, how safe the fix \
                      is, and deliberate differences from other tools.\n\nRULE is a code (DW2007), a name \
                      (image-latest-tag) or a peer code (DL3007)."
    )]
    Explain {
        /// a code, a name or a peer code
        #[arg(value_name = "RULE")]
        selector: String,
    },
    /// classroom exercises: grade a Dockerfile against an exercise's goals (list, show, check)
    #[command(disable_help_flag = true)]
    Exercise {
        #[arg(
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "ARGS"
        )]
        args: Vec<String>,
    },
    /// the language server for editors (LSP over standard input and output)
    #[command(
        visible_alias = "lsp",
        long_about = "Run the Language Server Protocol server over standard input and output: diagnostics \
                      as you type, quick fixes, fix all, ignore comments and hover docs. Editors start it; \
                      the README shows the set-ups."
    )]
    Server {
        /// accepted for clients that pass it: standard input and output is the only transport
        #[arg(long)]
        stdio: bool,
    },
    /// write shell completions and the man page into DIR (`cargo xtask completions`)
    #[command(hide = true)]
    Generate {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// measure review throughput over the corpus, next to hadolint's when it is installed
    #[command(hide = true)]
    Bench {
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
        rounds: u32,
        /// also time each rule on its own (slow) and list the ten slowest
        #[arg(long)]
        per_rule: bool,
        corpus: Option<String>,
    },
}

const CHECK_AFTER: &str = "\
Folders are searched recursively for Dockerfile, Containerfile, *.Dockerfile, *.dockerfile and Dockerfile.*,
respecting .gitignore and skipping hidden folders, node_modules and target. Templates, backups and docs
(.md, .orig, .swp, .bak, .j2, .tmpl, ...) and *.dockerignore files are only read when named explicitly.

Configuration: for each Dockerfile, the nearest .dockwise.toml (or .hadolint.yaml / .hadolint.yml) from its
folder up; HADOLINT_* environment variables apply as in hadolint.

Exit status: 0 when no finding reaches the failure threshold, 1 when one does, 2 for usage errors and
unreadable files (the other files are still reviewed).";

const FIX_AFTER: &str = "\
Folders are searched as for `dockwise check`. Exit status: 0, or 1 with --diff when something would change,
2 for usage errors and unreadable files.";

/// Options shared by `check` and `fix`: which rules run and how findings are judged. hadolint's spellings are
/// aliases, so a hadolint command line keeps working.
#[derive(Clone, Debug, Default, Args)]
pub struct RuleOptions {
    /// read this .dockwise.toml or .hadolint.yaml instead of searching for one
    #[arg(short, long, value_name = "FILE")]
    pub config: Option<String>,
    /// ignore configuration files (and HADOLINT_* variables)
    #[arg(long)]
    pub no_config: bool,
    /// switch a rule on (code, name, peer code or category; repeatable, comma lists)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub enable: Vec<String>,
    /// switch a rule off (same selectors); hadolint's --ignore
    #[arg(long, alias = "ignore", value_name = "RULE", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// change a rule's severity (error, warning, info, style)
    #[arg(long, value_name = "RULE=LEVEL", value_delimiter = ',', value_parser = parse_severity_pair)]
    pub severity: Vec<(String, Severity)>,
    /// make these rules errors (hadolint's --error)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub error: Vec<String>,
    /// make these rules warnings (hadolint's --warning)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub warning: Vec<String>,
    /// make these rules info (hadolint's --info)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub info: Vec<String>,
    /// make these rules style (hadolint's --style)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub style: Vec<String>,
    /// fail on findings at or above LEVEL (error, warning, info, style, none)
    #[arg(short = 't', long, value_name = "LEVEL", value_parser = parse_threshold_arg)]
    pub failure_threshold: Option<Threshold>,
    /// never fail because of findings (exit status 0 unless a file cannot be read)
    #[arg(long)]
    pub no_fail: bool,
    /// a registry images may come from (repeatable; patterns such as *.gcr.io)
    #[arg(long, value_name = "REGISTRY", value_delimiter = ',')]
    pub trusted_registry: Vec<String>,
    /// a label every image must have, LABEL:FORMAT (format: text, rfc3339, semver, url, hash, spdx, email)
    #[arg(long, value_name = "LABEL:FORMAT")]
    pub require_label: Vec<String>,
    /// fail labels not in the label schema (hadolint's --strict-labels)
    #[arg(long)]
    pub strict_labels: bool,
    /// ignore `# hadolint ignore=...` and `# dockwise: ignore` comments
    #[arg(long)]
    pub disable_ignore_pragma: bool,
}

/// Options deciding which files are read.
#[derive(Clone, Debug, Default, Args)]
pub struct WalkOptions {
    /// skip files and folders matching this gitignore-style pattern (repeatable)
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
    /// the path standard input stands for: shown in output, and used to find its configuration
    #[arg(long, alias = "file-path", value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// read files larger than this many bytes too (default 5 MB, or `max_file_size` in .dockwise.toml)
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
}

impl RuleOptions {
    /// `--severity`, then hadolint's `--error/--warning/--info/--style`, as (selector, level) pairs.
    pub fn severities(&self) -> Vec<(String, Severity)> {
        let mut out = self.severity.clone();
        for (rules, level) in [
            (&self.error, Severity::Error),
            (&self.warning, Severity::Warning),
            (&self.info, Severity::Info),
            (&self.style, Severity::Style),
        ] {
            out.extend(rules.iter().map(|r| (r.clone(), level)));
        }
        out
    }

    /// The threshold the flags ask for: `--no-fail` wins over `--failure-threshold`.
    pub fn threshold(&self) -> Option<Threshold> {
        if self.no_fail {
            Some(None)
        } else {
            self.failure_threshold
        }
    }
}

pub fn parse_severity(value: &str) -> Result<Severity, String> {
    Severity::parse(value.trim()).ok_or_else(|| {
        format!("unknown severity `{value}`; expected error, warning, info or style")
    })
}

fn parse_severity_pair(pair: &str) -> Result<(String, Severity), String> {
    let Some((rule, level)) = pair.split_once('=') else {
        return Err(format!("`{pair}`: expected RULE=LEVEL, e.g. DL3007=error"));
    };
    Ok((rule.trim().to_string(), parse_severity(level)?))
}

pub fn parse_threshold(value: &str) -> Option<Threshold> {
    match value.trim().to_ascii_lowercase().as_str() {
        "none" | "ignore" | "never" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

fn parse_threshold_arg(value: &str) -> Result<Threshold, String> {
    parse_threshold(value).ok_or_else(|| {
        format!("unknown failure threshold `{value}`; expected error, warning, info, style or none")
    })
}

/// The clap command: what `main` parses with, and what completions and the man page are made from.
pub fn command() -> clap::Command {
    // The version names the date of the embedded base-image data; clap keeps a `&'static str`, made once here.
    let version: &'static str = Box::leak(
        format!(
            "{} (base-image data {})",
            env!("CARGO_PKG_VERSION"),
            dockwise::data::base_images::LAST_VERIFIED
        )
        .into_boxed_str(),
    );
    <Cli as clap::CommandFactory>::command().version(version)
}

/// Write completions for bash, zsh, fish, PowerShell and elvish, and the man pages (`dockwise.1` and one per
/// subcommand), into `dir`.
pub fn generate(dir: &std::path::Path) -> std::io::Result<Vec<PathBuf>> {
    use clap_complete::Shell;
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        written.push(clap_complete::generate_to(
            shell,
            &mut command(),
            "dockwise",
            dir,
        )?);
    }
    // dockwise.1 lists `dockwise-check(1)` and the others, so each visible subcommand gets its page too (as
    // clap_mangen::generate_to does, keeping the paths). No `help` subcommand: it would list a page never written.
    let mut command = command().disable_help_subcommand(true);
    command.build();
    man_pages(command, dir, &mut written)?;
    Ok(written)
}

fn man_pages(
    command: clap::Command,
    dir: &std::path::Path,
    written: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub.clone(), dir, written)?;
    }
    written.push(clap_mangen::Man::new(command).generate_to(dir)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("dockwise").chain(args.iter().copied()))
    }

    #[test]
    fn the_command_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn hadolint_spellings_are_aliases() {
        let cli = parse(&[
            "check",
            "--ignore",
            "DL3008,DL3009",
            "-t",
            "info",
            "--error",
            "DL3007",
            "--style",
            "DL3042",
            "--trusted-registry",
            "*.gcr.io",
            "--require-label",
            "maintainer:text",
            "--file-path",
            "x/Dockerfile",
            "--no-fail",
            "-",
        ])
        .unwrap();
        let Some(Command::Check {
            rules, walk, paths, ..
        }) = cli.command
        else {
            panic!()
        };
        assert_eq!(rules.disable, ["DL3008", "DL3009"]);
        assert_eq!(rules.failure_threshold, Some(Some(Severity::Info)));
        assert_eq!(rules.threshold(), Some(None), "--no-fail wins");
        assert_eq!(
            rules.severities(),
            [
                ("DL3007".to_string(), Severity::Error),
                ("DL3042".to_string(), Severity::Style)
            ]
        );
        assert_eq!(rules.trusted_registry, ["*.gcr.io"]);
        assert_eq!(rules.require_label, ["maintainer:text"]);
        assert_eq!(walk.stdin_filename.as_deref(), Some("x/Dockerfile"));
        assert_eq!(paths, ["-"]);
    }

    #[test]
    fn global_options_go_before_or_after_the_command() {
        for args in [
            &["--color", "never", "-q", "check"][..],
            &["check", "--quiet", "--color=never"],
        ] {
            let cli = parse(args).unwrap();
            assert!(cli.global.quiet, "{args:?}");
            assert_eq!(cli.global.color(), ColorChoice::Never, "{args:?}");
        }
        let cli = parse(&["check", "--no-color", "-o", "report.sarif", "-f", "sarif"]).unwrap();
        assert_eq!(cli.global.color(), ColorChoice::Never);
        assert_eq!(cli.global.output_file, Some(PathBuf::from("report.sarif")));
    }

    #[test]
    fn completions_and_the_man_page_name_the_commands_and_hadolint_aliases() {
        let dir = std::env::temp_dir().join(format!("dockwise-generate-{}", std::process::id()));
        let written = generate(&dir).unwrap();
        assert!(
            written.contains(&dir.join("dockwise.1"))
                && written.contains(&dir.join("dockwise-check.1"))
        );
        let bash = std::fs::read_to_string(dir.join("dockwise.bash")).unwrap();
        assert!(
            bash.contains("--failure-threshold") && bash.contains("check"),
            "{bash}"
        );
        let man = std::fs::read_to_string(dir.join("dockwise.1")).unwrap();
        assert!(
            man.contains(".TH dockwise") && man.contains("check"),
            "{man}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn typos_get_a_suggestion() {
        let err = parse(&["chekc"]).unwrap_err().to_string();
        assert!(err.contains("check"), "{err}");
        let err = parse(&["check", "--fromat", "json"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("--format"), "{err}");
    }

    #[test]
    fn every_format_has_its_consumer_spellings() {
        for (given, format) in [
            ("tty", Format::Pretty),
            ("gitlab_codeclimate", Format::Codeclimate),
            ("junit", Format::Junit),
            ("sonarqube", Format::Sonarqube),
            ("rdjson", Format::Rdjson),
            ("gh", Format::Github),
        ] {
            let cli = parse(&["check", &format!("--format={given}")]).unwrap();
            let Some(Command::Check { format: got, .. }) = cli.command else {
                panic!()
            };
            assert_eq!(got, format, "{given}");
        }
    }
}
