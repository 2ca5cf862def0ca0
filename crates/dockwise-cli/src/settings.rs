//! Configuration files and flags into one `dockwise::Config`: `.dockwise.toml`, or hadolint's `.hadolint.yaml`
//! when there is none, found by walking up from the current folder; command-line flags win over both.

use crate::args::{parse_threshold, RuleOptions, Threshold};
use crate::yaml;
use dockwise::{Config, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Names searched in each folder, in order of preference.
const CONFIG_NAMES: [&str; 3] = [".dockwise.toml", ".hadolint.yaml", ".hadolint.yml"];

/// Everything a run needs to judge files.
#[derive(Clone, Debug)]
pub struct Settings {
    pub config: Config,
    /// Findings at or above this severity fail the run; `None` never fails on findings.
    pub threshold: Threshold,
    /// The configuration file read, if any.
    pub file: Option<PathBuf>,
}

/// `.dockwise.toml`: the fields of `dockwise::Config` that users set.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct TomlConfig {
    enable: Vec<String>,
    disable: Vec<String>,
    only: Vec<String>,
    severity: BTreeMap<String, Severity>,
    trusted_registries: Vec<String>,
    failure_threshold: Option<TomlThreshold>,
    unsafe_fixes: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum TomlThreshold {
    Error,
    Warning,
    Info,
    Style,
    None,
    Ignore,
}

/// Load the configuration file (given or found) and apply the flags on top.
pub fn load(options: &RuleOptions) -> Result<Settings, String> {
    let file = if options.no_config {
        None
    } else if let Some(given) = &options.config {
        Some(PathBuf::from(given))
    } else {
        std::env::current_dir()
            .ok()
            .and_then(|dir| find_config(&dir))
    };
    let mut settings = match &file {
        Some(path) => read_file(path)?,
        None => Settings {
            config: Config::default(),
            threshold: Some(Config::default().failure_threshold),
            file: None,
        },
    };
    let from_hadolint = file
        .as_ref()
        .is_some_and(|f| f.extension().is_some_and(|e| e != "toml"));
    settings.file = file;
    // hadolint files name many checks Dockwise does not have; only our own selectors are worth a warning.
    let mut unknown = if from_hadolint {
        Vec::new()
    } else {
        unknown_selectors(&settings.config)
    };
    apply_flags(&mut settings, options);
    let flags = options
        .enable
        .iter()
        .chain(&options.disable)
        .chain(options.severity.iter().map(|(s, _)| s));
    unknown.extend(flags.filter(|s| !names_a_rule(s)).cloned());
    unknown.dedup();
    for selector in unknown {
        eprintln!("dockwise: warning: `{selector}` names no rule (`dockwise rules` lists them)");
    }
    Ok(settings)
}

fn names_a_rule(selector: &str) -> bool {
    selector.eq_ignore_ascii_case("all") || dockwise::rules::all().any(|r| r.is_named_by(selector))
}

/// Selectors in a configuration that match no rule, code, name, peer code or category.
fn unknown_selectors(config: &Config) -> Vec<String> {
    config
        .enable
        .iter()
        .chain(&config.disable)
        .chain(&config.only)
        .chain(config.severity.keys())
        .filter(|s| !names_a_rule(s))
        .cloned()
        .collect()
}

/// The nearest configuration file in `dir` or its ancestors.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |name| d.join(name)))
        .find(|p| p.is_file())
}

fn read_file(path: &Path) -> Result<Settings, String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read configuration file {shown}: {}",
            crate::files::describe(&e)
        )
    })?;
    let is_yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if is_yaml {
        from_hadolint(&text).map_err(|(line, message)| format!("{shown}:{line}: {message}"))
    } else {
        from_toml(&text).map_err(|message| format!("{shown}: {message}"))
    }
}

/// Parse a `.dockwise.toml`.
pub fn from_toml(text: &str) -> Result<Settings, String> {
    let parsed: TomlConfig =
        toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
    let defaults = Config::default();
    let threshold = match parsed.failure_threshold {
        None => Some(defaults.failure_threshold),
        Some(TomlThreshold::None | TomlThreshold::Ignore) => None,
        Some(TomlThreshold::Error) => Some(Severity::Error),
        Some(TomlThreshold::Warning) => Some(Severity::Warning),
        Some(TomlThreshold::Info) => Some(Severity::Info),
        Some(TomlThreshold::Style) => Some(Severity::Style),
    };
    let config = Config {
        enable: parsed.enable,
        disable: parsed.disable,
        only: parsed.only,
        severity: parsed.severity,
        trusted_registries: parsed.trusted_registries,
        failure_threshold: threshold.unwrap_or(Severity::Error),
        unsafe_fixes: parsed.unsafe_fixes.unwrap_or(defaults.unsafe_fixes),
        ..defaults
    };
    Ok(Settings {
        config,
        threshold,
        file: None,
    })
}

/// Map a `.hadolint.yaml` onto our configuration: `ignored` → disable, `override` → severities,
/// `trustedRegistries`, `failure-threshold`. hadolint's other keys (output format, label schema...) do not
/// apply and are skipped. Errors carry the 1-based line.
pub fn from_hadolint(text: &str) -> Result<Settings, (usize, String)> {
    let document = yaml::parse(text).map_err(|e| (e.line, e.to_string()))?;
    let yaml::Value::Map(entries) = document else {
        return Err((1, "expected `key: value` entries at the top level".into()));
    };
    let mut config = Config::default();
    let mut threshold = Some(config.failure_threshold);
    for (key, line, value) in entries {
        match key.as_str() {
            "ignored" => config.disable.extend(strings(&key, line, &value)?),
            "trustedRegistries" => config
                .trusted_registries
                .extend(strings(&key, line, &value)?),
            "failure-threshold" => {
                let level = scalar(&key, line, &value)?;
                threshold = parse_threshold(&level).ok_or_else(|| {
                    (
                        line,
                        format!(
                            "`failure-threshold`: unknown level `{level}`; expected error, warning, info, style, ignore or none"
                        ),
                    )
                })?;
            }
            "override" => {
                let yaml::Value::Map(levels) = value else {
                    if value == yaml::Value::Null {
                        continue;
                    }
                    return Err((
                        line,
                        format!(
                            "`override` should be a map of levels to rule lists, not {}",
                            value.kind()
                        ),
                    ));
                };
                for (level, line, rules) in levels {
                    let key = format!("override.{level}");
                    let severity = Severity::parse(&level).ok_or_else(|| {
                        (
                            line,
                            format!("`{key}`: unknown level `{level}`; expected error, warning, info or style"),
                        )
                    })?;
                    for rule in strings(&key, line, &rules)? {
                        config.severity.insert(rule, severity);
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(level) = threshold {
        config.failure_threshold = level;
    }
    Ok(Settings {
        config,
        threshold,
        file: None,
    })
}

fn strings(key: &str, line: usize, value: &yaml::Value) -> Result<Vec<String>, (usize, String)> {
    match value {
        yaml::Value::Null => Ok(Vec::new()),
        yaml::Value::Scalar(s) => Ok(vec![s.clone()]),
        yaml::Value::List(items) => items
            .iter()
            .map(|(line, item)| match item {
                yaml::Value::Scalar(s) => Ok(s.clone()),
                other => Err((
                    *line,
                    format!("`{key}`: expected a rule code, found {}", other.kind()),
                )),
            })
            .collect(),
        yaml::Value::Map(_) => Err((line, format!("`{key}` should be a list, not a map"))),
    }
}

fn scalar(key: &str, line: usize, value: &yaml::Value) -> Result<String, (usize, String)> {
    match value {
        yaml::Value::Scalar(s) => Ok(s.clone()),
        other => Err((
            line,
            format!("`{key}` should be a single value, not {}", other.kind()),
        )),
    }
}

/// Flags win over the file: `--enable X` undoes a file's `disable = ["X"]`, and the other way round.
fn apply_flags(settings: &mut Settings, options: &RuleOptions) {
    let config = &mut settings.config;
    for rule in &options.enable {
        config.disable.retain(|d| !d.eq_ignore_ascii_case(rule));
        config.enable.push(rule.clone());
    }
    for rule in &options.disable {
        config.enable.retain(|e| !e.eq_ignore_ascii_case(rule));
        config.only.retain(|e| !e.eq_ignore_ascii_case(rule));
        config.disable.push(rule.clone());
    }
    for (rule, severity) in &options.severity {
        config.severity.retain(|k, _| !k.eq_ignore_ascii_case(rule));
        config.severity.insert(rule.clone(), *severity);
    }
    if let Some(threshold) = options.failure_threshold {
        settings.threshold = threshold;
        if let Some(level) = threshold {
            config.failure_threshold = level;
        }
    }
}

/// The configuration for one file: the run's, plus its build context's `.dockerignore`. The context is taken
/// to be the Dockerfile's folder (the usual `docker build -f dir/Dockerfile dir`); BuildKit's per-Dockerfile
/// `<name>.dockerignore` beside it wins over `.dockerignore`, as in `docker build`. Standard input has no
/// folder, so nothing is assumed for it.
pub fn for_file(config: &Config, path: Option<&Path>) -> Config {
    let mut config = config.clone();
    let Some(path) = path else { return config };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut own = path.as_os_str().to_os_string();
    own.push(".dockerignore");
    let ignore = [PathBuf::from(own), dir.join(".dockerignore")]
        .into_iter()
        .find(|p| p.is_file());
    config.context_has_dockerignore = Some(ignore.is_some());
    config.dockerignore = ignore.and_then(|p| std::fs::read_to_string(p).ok());
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_hadolint_keys() {
        let s = from_hadolint(
            "ignored: [DL3008]\noverride:\n  error:\n    - DL3007\ntrustedRegistries:\n  - docker.io\nfailure-threshold: none\nformat: json\n",
        )
        .unwrap();
        assert_eq!(s.config.disable, vec!["DL3008"]);
        assert_eq!(s.config.severity.get("DL3007"), Some(&Severity::Error));
        assert_eq!(s.config.trusted_registries, vec!["docker.io"]);
        assert_eq!(s.threshold, None);
    }

    #[test]
    fn names_the_line_and_key_of_a_bad_level() {
        let err = from_hadolint("ignored: []\noverride:\n  fatal: [DL3007]\n").unwrap_err();
        assert_eq!(err.0, 3);
        assert!(err.1.contains("override.fatal"), "{}", err.1);
    }

    #[test]
    fn reads_toml_and_rejects_unknown_keys_with_their_line() {
        let s = from_toml("disable = [\"DW2007\"]\nfailure_threshold = \"error\"\n[severity]\nDL3042 = \"info\"\n").unwrap();
        assert_eq!(s.config.disable, vec!["DW2007"]);
        assert_eq!(s.threshold, Some(Severity::Error));
        assert_eq!(s.config.severity.get("DL3042"), Some(&Severity::Info));
        let err = from_toml("enable = []\ndisabled = [\"x\"]\n").unwrap_err();
        assert!(err.contains("line 2") && err.contains("disabled"), "{err}");
    }

    #[test]
    fn reads_the_dockerignore_beside_the_dockerfile() {
        let dir = std::env::temp_dir().join(format!("dockwise-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let dockerfile = dir.join("api.Dockerfile");
        let config = for_file(&Config::default(), Some(&dockerfile));
        assert_eq!(
            (config.context_has_dockerignore, config.dockerignore),
            (Some(false), None)
        );
        std::fs::write(dir.join(".dockerignore"), "node_modules\n").unwrap();
        let config = for_file(&Config::default(), Some(&dockerfile));
        assert_eq!(config.context_has_dockerignore, Some(true));
        assert_eq!(config.dockerignore.as_deref(), Some("node_modules\n"));
        std::fs::write(dir.join("api.Dockerfile.dockerignore"), ".git\n").unwrap();
        let config = for_file(&Config::default(), Some(&dockerfile));
        assert_eq!(
            config.dockerignore.as_deref(),
            Some(".git\n"),
            "the Dockerfile's own ignore file wins"
        );
        assert_eq!(
            for_file(&Config::default(), None).context_has_dockerignore,
            None
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn flags_win_over_the_file() {
        let mut s = from_toml("disable = [\"DW2007\"]\n").unwrap();
        let options = RuleOptions {
            enable: vec!["dw2007".into()],
            failure_threshold: Some(None),
            ..RuleOptions::default()
        };
        apply_flags(&mut s, &options);
        assert!(s.config.disable.is_empty());
        assert_eq!(s.threshold, None);
    }
}
