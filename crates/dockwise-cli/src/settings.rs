//! Configuration files and flags into one `dockwise::Config`: `.dockwise.toml`, or hadolint's `.hadolint.yaml`
//! when there is none, found by walking up from the current folder; command-line flags win over both.

use crate::args::{parse_threshold, RuleOptions, Threshold, WalkOptions};
use dockwise::{Config, LabelFormat, Severity};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
    /// gitignore-style patterns of files and folders never searched (`exclude` in .dockwise.toml).
    pub exclude: Vec<String>,
    /// Files larger than this many bytes are not read (`max_file_size`; default 5 MB).
    pub max_file_size: Option<u64>,
    /// What the file says that Dockwise does not apply, each named once in a warning.
    pub notes: Vec<String>,
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
    exclude: Vec<String>,
    max_file_size: Option<u64>,
    label_schema: BTreeMap<String, LabelFormat>,
    strict_labels: bool,
    disable_ignore_pragma: bool,
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

/// The settings for each file: the nearest configuration file walking up from the file's folder (as Ruff
/// does), or the one `--config` names, with `HADOLINT_*` variables and then the flags on top. Each file is read
/// once and its warnings are printed once.
pub struct Resolver {
    options: RuleOptions,
    /// `--config FILE` or `--no-config`: one settings for every file.
    fixed: Option<Settings>,
    /// By configuration file: each is read once.
    cache: Mutex<HashMap<PathBuf, Result<Settings, String>>>,
    /// By folder of a Dockerfile: the walk up to its configuration is made once per folder, not per file.
    by_folder: Mutex<HashMap<PathBuf, Result<Settings, String>>>,
}

impl Resolver {
    pub fn new(options: &RuleOptions) -> Result<Resolver, String> {
        let mut options = options.clone();
        if !options.no_config {
            merge_environment(&mut options, |name| std::env::var(name).ok());
        }
        let fixed = if options.no_config {
            Some(finish(default_settings(), &options))
        } else if let Some(given) = &options.config {
            let path = PathBuf::from(given);
            Some(finish(read_file(&path)?, &options))
        } else {
            None
        };
        let flags = options
            .enable
            .iter()
            .chain(&options.disable)
            .cloned()
            .chain(options.severities().into_iter().map(|(s, _)| s))
            .filter(|s| !names_a_rule(s))
            .collect::<Vec<_>>();
        for selector in dedup(flags) {
            crate::warn(&format!(
                "`{selector}` names no rule (`dockwise rules` lists them)"
            ));
        }
        for pair in &options.require_label {
            if let Err(message) = parse_label_requirement(pair) {
                crate::warn(&format!("--require-label {pair}: {message}; ignored"));
            }
        }
        Ok(Resolver {
            options,
            fixed,
            cache: Mutex::new(HashMap::new()),
            by_folder: Mutex::new(HashMap::new()),
        })
    }

    /// The settings for a Dockerfile at `path` (`None`: standard input without a name, judged from the
    /// current folder).
    pub fn for_path(&self, path: Option<&Path>) -> Result<Settings, String> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let dir = path
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let mut by_folder = self.by_folder.lock().unwrap_or_else(|p| p.into_inner());
        by_folder
            .entry(dir)
            .or_insert_with_key(|dir| self.for_folder(dir))
            .clone()
    }

    fn for_folder(&self, dir: &Path) -> Result<Settings, String> {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let Some(file) = find_config(&dir) else {
            return Ok(finish(default_settings(), &self.options));
        };
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .entry(file.clone())
            .or_insert_with(|| read_file(&file).map(|s| finish(s, &self.options)))
            .clone()
    }

    /// The `exclude` patterns of the configuration that governs the current folder.
    pub fn excludes(&self) -> Vec<String> {
        self.for_path(Some(Path::new("./Dockerfile")))
            .map(|s| s.exclude)
            .unwrap_or_default()
    }

    /// The size limit: `--max-file-size`, else the configuration's, else 5 MB.
    pub fn max_file_size(&self, walk: &WalkOptions) -> u64 {
        walk.max_file_size.unwrap_or_else(|| {
            self.for_path(Some(Path::new("./Dockerfile")))
                .ok()
                .and_then(|s| s.max_file_size)
                .unwrap_or(DEFAULT_MAX_FILE_SIZE)
        })
    }
}

/// One configuration file (or none) with `options` on top, read now and not cached: what `Resolver` caches per
/// file, for a caller that reloads files when they change (`dockwise server`).
pub fn load(file: Option<&Path>, options: &RuleOptions) -> Result<Settings, String> {
    let base = match file {
        Some(path) => read_file(path)?,
        None => default_settings(),
    };
    Ok(finish(base, options))
}

/// Files larger than this are not read unless the limit is raised: a Dockerfile is a few kilobytes, and a
/// huge file is almost surely something else.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;

fn default_settings() -> Settings {
    Settings {
        config: Config::default(),
        threshold: Some(Config::default().failure_threshold),
        file: None,
        exclude: Vec::new(),
        max_file_size: None,
        notes: Vec::new(),
    }
}

fn dedup(mut items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items.retain(|s| seen.insert(s.to_ascii_lowercase()));
    items
}

/// Warn about selectors of our own files that name no rule, then apply the flags.
fn finish(mut settings: Settings, options: &RuleOptions) -> Settings {
    let from_hadolint = settings
        .file
        .as_ref()
        .is_some_and(|f| f.extension().is_some_and(|e| e != "toml"));
    if let Some(file) = &settings.file {
        for note in &settings.notes {
            crate::warn(&format!("{}: {note}", file.display()));
        }
    }
    // hadolint files name many checks Dockwise does not have; only our own selectors are worth a warning.
    if !from_hadolint {
        for selector in dedup(unknown_selectors(&settings.config)) {
            let shown = settings
                .file
                .as_ref()
                .map(|f| format!("{}: ", f.display()))
                .unwrap_or_default();
            crate::warn(&format!(
                "{shown}`{selector}` names no rule (`dockwise rules` lists them)"
            ));
        }
    }
    apply_flags(&mut settings, options);
    settings
}

/// hadolint's environment variables, below the flags: each fills in only what the command line left unset.
pub fn merge_environment(options: &mut RuleOptions, var: impl Fn(&str) -> Option<String>) {
    let list = |name: &str| -> Vec<String> {
        var(name)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let truthy = |name: &str| {
        var(name).is_some_and(|v| {
            !matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "" | "0" | "false" | "no" | "off"
            )
        })
    };
    let fill = |field: &mut Vec<String>, name: &str| {
        if field.is_empty() {
            *field = list(name);
        }
    };
    fill(&mut options.disable, "HADOLINT_IGNORE");
    fill(&mut options.error, "HADOLINT_OVERRIDE_ERROR");
    fill(&mut options.warning, "HADOLINT_OVERRIDE_WARNING");
    fill(&mut options.info, "HADOLINT_OVERRIDE_INFO");
    fill(&mut options.style, "HADOLINT_OVERRIDE_STYLE");
    fill(&mut options.trusted_registry, "HADOLINT_TRUSTED_REGISTRIES");
    fill(&mut options.require_label, "HADOLINT_REQUIRE_LABELS");
    options.no_fail |= truthy("HADOLINT_NOFAIL");
    options.strict_labels |= truthy("HADOLINT_STRICT_LABELS");
    options.disable_ignore_pragma |= truthy("HADOLINT_DISABLE_IGNORE_PRAGMA");
    if options.failure_threshold.is_none() {
        if let Some(level) = var("HADOLINT_FAILURE_THRESHOLD") {
            match parse_threshold(&level) {
                Some(threshold) => options.failure_threshold = Some(threshold),
                None => crate::warn(&format!(
                    "HADOLINT_FAILURE_THRESHOLD: unknown level `{level}`, ignored"
                )),
            }
        }
    }
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
    // Editors on Windows save a byte-order mark; neither reader wants it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut settings = if is_yaml {
        from_hadolint(text).map_err(|(line, message)| format!("{shown}:{line}: {message}"))?
    } else {
        from_toml(text).map_err(|message| format!("{shown}: {message}"))?
    };
    settings.file = Some(path.to_path_buf());
    Ok(settings)
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
        label_schema: parsed.label_schema,
        strict_labels: parsed.strict_labels,
        disable_ignore_pragma: parsed.disable_ignore_pragma,
        ..defaults
    };
    Ok(Settings {
        config,
        threshold,
        file: None,
        exclude: parsed.exclude,
        max_file_size: parsed.max_file_size,
        notes: Vec::new(),
    })
}

/// Map a `.hadolint.yaml` onto our configuration: `ignored` → disable, `override` → severities,
/// `trustedRegistries` (with `*` patterns), `failure-threshold` (info by default, as in hadolint), `no-fail`.
/// `label-schema`, `strict-labels` and `disable-ignore-pragma`. Every other key is named in a note: output
/// preferences belong on the command line. Anchors, aliases and merge keys (`<<: *base`) are resolved
/// by the YAML reader. Errors carry the 1-based line.
/// YAML counts a lone `\r` as a line break; the file's lines (what an editor and our messages count) end at `\n`.
/// Turns the YAML reader's 1-based line into ours.
fn our_line(text: &str, yaml_line: usize) -> usize {
    let mut yaml = 1;
    let mut ours = 1;
    let mut bytes = text.bytes().peekable();
    while yaml < yaml_line {
        match bytes.next() {
            Some(b'\n') => {
                yaml += 1;
                ours += 1;
            }
            Some(b'\r') if bytes.peek() != Some(&b'\n') => yaml += 1,
            Some(_) => {}
            None => break,
        }
    }
    ours
}

pub fn from_hadolint(text: &str) -> Result<Settings, (usize, String)> {
    use serde_norway::Value;
    let mut document: Value = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_norway::from_str(text).map_err(|e| {
            let line = e.location().map_or(1, |l| our_line(text, l.line()));
            (line, e.to_string())
        })?
    };
    document
        .apply_merge()
        .map_err(|e| (1, format!("merge key: {e}")))?;
    let entries = match document {
        Value::Null => serde_norway::Mapping::new(),
        Value::Mapping(map) => map,
        _ => return Err((1, "expected `key: value` entries at the top level".into())),
    };
    let mut config = Config::default();
    // hadolint fails on info and above unless told otherwise; a hadolint user keeps that behaviour.
    let mut threshold = Some(Severity::Info);
    let mut notes = Vec::new();
    let mut no_fail = false;
    for (key, value) in entries {
        let key = scalar_text(&key).unwrap_or_default();
        let line = line_of(text, &key);
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
            "no-fail" => no_fail = value.as_bool().unwrap_or(false),
            "override" => {
                let levels = match value {
                    Value::Null => continue,
                    Value::Mapping(levels) => levels,
                    other => {
                        return Err((
                            line,
                            format!(
                                "`override` should be a map of levels to rule lists, not {}",
                                kind(&other)
                            ),
                        ))
                    }
                };
                for (level, rules) in levels {
                    let level = scalar_text(&level).unwrap_or_default();
                    let key = format!("override.{level}");
                    let line = line_of(text, &level);
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
            // Output preferences: the command line decides these in Dockwise.
            "format" | "no-color" | "verbose" | "output-file" => notes.push(format!(
                "line {line}: `{key}` is not read from the configuration; use the command-line option"
            )),
            // hadolint's `label-schema` (a map of label → format); `require-labels` takes the same map, or the
            // `label:format` list of `--require-label`.
            "label-schema" | "require-labels" => {
                config.label_schema.extend(label_schema(&key, line, &value)?)
            }
            "strict-labels" => config.strict_labels = flag(&key, line, &value)?,
            "disable-ignore-pragma" => config.disable_ignore_pragma = flag(&key, line, &value)?,
            other => notes.push(format!("line {line}: unknown key `{other}`, ignored")),
        }
    }
    if no_fail {
        threshold = None;
    }
    if let Some(level) = threshold {
        config.failure_threshold = level;
    }
    Ok(Settings {
        config,
        threshold,
        file: None,
        exclude: Vec::new(),
        max_file_size: None,
        notes,
    })
}

/// The 1-based line where `key:` first appears (the YAML value tree keeps no positions); 1 when not found.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches("- ");
            [
                format!("{key}:"),
                format!("\"{key}\":"),
                format!("'{key}':"),
            ]
            .iter()
            .any(|k| line.starts_with(k.as_str()))
        })
        .map_or(1, |i| i + 1)
}

fn scalar_text(value: &serde_norway::Value) -> Option<String> {
    use serde_norway::Value;
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn kind(value: &serde_norway::Value) -> &'static str {
    use serde_norway::Value;
    match value {
        Value::Null => "nothing",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a map",
        Value::Tagged(_) => "a tagged value",
        _ => "a single value",
    }
}

fn strings(
    key: &str,
    line: usize,
    value: &serde_norway::Value,
) -> Result<Vec<String>, (usize, String)> {
    use serde_norway::Value;
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Sequence(items) => items
            .iter()
            .map(|item| {
                scalar_text(item).ok_or_else(|| {
                    (
                        line,
                        format!("`{key}`: expected a rule code, found {}", kind(item)),
                    )
                })
            })
            .collect(),
        Value::Mapping(_) => Err((line, format!("`{key}` should be a list, not a map"))),
        other => scalar_text(other)
            .map(|s| vec![s])
            .ok_or_else(|| (line, format!("`{key}` should be a list"))),
    }
}

fn scalar(key: &str, line: usize, value: &serde_norway::Value) -> Result<String, (usize, String)> {
    scalar_text(value).ok_or_else(|| {
        (
            line,
            format!("`{key}` should be a single value, not {}", kind(value)),
        )
    })
}

fn flag(key: &str, line: usize, value: &serde_norway::Value) -> Result<bool, (usize, String)> {
    match value {
        serde_norway::Value::Null => Ok(false),
        serde_norway::Value::Bool(b) => Ok(*b),
        other => Err((
            line,
            format!("`{key}` should be true or false, not {}", kind(other)),
        )),
    }
}

/// A label schema: a map of label → format, or a list of `label:format`.
fn label_schema(
    key: &str,
    line: usize,
    value: &serde_norway::Value,
) -> Result<BTreeMap<String, LabelFormat>, (usize, String)> {
    use serde_norway::Value;
    let pairs: Vec<(String, String)> = match value {
        Value::Null => Vec::new(),
        Value::Mapping(map) => map
            .iter()
            .map(|(label, format)| {
                let label = scalar_text(label).unwrap_or_default();
                let format = scalar_text(format).ok_or_else(|| {
                    (
                        line,
                        format!("`{key}.{label}`: expected a format, found {}", kind(format)),
                    )
                })?;
                Ok((label, format))
            })
            .collect::<Result<_, _>>()?,
        _ => strings(key, line, value)?
            .into_iter()
            .map(|pair| {
                pair.split_once(':')
                    .map(|(l, f)| (l.trim().to_string(), f.trim().to_string()))
                    .ok_or_else(|| {
                        (
                            line,
                            format!("`{key}`: expected `label: format`, found `{pair}`"),
                        )
                    })
            })
            .collect::<Result<_, _>>()?,
    };
    pairs
        .into_iter()
        .map(|(label, format)| {
            LabelFormat::parse(&format)
                .map(|f| (label.clone(), f))
                .ok_or_else(|| {
                    (
                        line,
                        format!("`{key}.{label}`: {}", unknown_format(&format)),
                    )
                })
        })
        .collect()
}

fn unknown_format(format: &str) -> String {
    format!("unknown format `{format}`; expected text, url, spdx, rfc3339, hash, semver or email")
}

/// `--require-label LABEL:FORMAT` (hadolint's spelling).
pub fn parse_label_requirement(pair: &str) -> Result<(String, LabelFormat), String> {
    let (label, format) = pair
        .split_once(':')
        .ok_or_else(|| "expected LABEL:FORMAT".to_string())?;
    let label = label.trim();
    if label.is_empty() {
        return Err("the label is empty".into());
    }
    LabelFormat::parse(format)
        .map(|f| (label.to_string(), f))
        .ok_or_else(|| unknown_format(format.trim()))
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
    for (rule, severity) in options.severities() {
        config
            .severity
            .retain(|k, _| !k.eq_ignore_ascii_case(&rule));
        config.severity.insert(rule, severity);
    }
    config
        .trusted_registries
        .extend(options.trusted_registry.iter().cloned());
    config.label_schema.extend(
        options
            .require_label
            .iter()
            .filter_map(|pair| parse_label_requirement(pair).ok()),
    );
    config.strict_labels |= options.strict_labels;
    config.disable_ignore_pragma |= options.disable_ignore_pragma;
    if let Some(threshold) = options.threshold() {
        settings.threshold = threshold;
        if let Some(level) = threshold {
            config.failure_threshold = level;
        }
    }
}

/// The configuration for one file: the run's, plus its build context's `.dockerignore`. The context is taken
/// to be the Dockerfile's folder (the usual `docker build -f dir/Dockerfile dir`); BuildKit's per-Dockerfile
/// `<name>.dockerignore` beside it wins over `.dockerignore`, as in `docker build`. Standard input has no
/// folder, so nothing is assumed for it. Reads the folder afresh: a run over many files uses [`Contexts`].
pub fn for_file(config: &Config, path: Option<&Path>) -> Config {
    Contexts::default().for_file(config, path)
}

/// The build-context folders a run has read, each once: a folder of many Dockerfiles is listed once, not once
/// per file (which made a run over one large folder quadratic).
#[derive(Default)]
pub struct Contexts {
    folders: Mutex<HashMap<PathBuf, Arc<ContextFolder>>>,
}

/// What a build-context folder holds that rules read.
#[derive(Debug)]
struct ContextFolder {
    dockerignore: Option<IgnoreFile>,
    package_json: Option<String>,
    text_files: BTreeMap<String, String>,
}

impl ContextFolder {
    fn read(dir: &Path) -> ContextFolder {
        ContextFolder {
            dockerignore: IgnoreFile::at(&dir.join(".dockerignore")),
            // Read only when small: they are manifests, and a huge one is not worth holding for a fix.
            package_json: read_small(&dir.join("package.json")),
            text_files: context_text_files(dir),
        }
    }
}

/// A `.dockerignore` that exists, with its text when it could be read.
#[derive(Clone, Debug)]
struct IgnoreFile {
    text: Option<String>,
}

impl IgnoreFile {
    fn at(path: &Path) -> Option<IgnoreFile> {
        path.is_file().then(|| IgnoreFile {
            text: std::fs::read_to_string(path).ok(),
        })
    }
}

impl Contexts {
    /// See [`for_file`].
    pub fn for_file(&self, config: &Config, path: Option<&Path>) -> Config {
        let mut config = config.clone();
        let Some(path) = path else { return config };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let folder = {
            let mut folders = self.folders.lock().unwrap_or_else(|p| p.into_inner());
            folders
                .entry(dir)
                .or_insert_with_key(|dir| Arc::new(ContextFolder::read(dir)))
                .clone()
        };
        let mut own = path.as_os_str().to_os_string();
        own.push(".dockerignore");
        let ignore = IgnoreFile::at(Path::new(&own)).or_else(|| folder.dockerignore.clone());
        config.context_has_dockerignore = Some(ignore.is_some());
        config.dockerignore = ignore.and_then(|i| i.text);
        config.package_json = folder.package_json.clone();
        config.context_files = folder.text_files.clone();
        config
    }
}

/// Manifests beside the Dockerfile that rules read: Yarn 2+'s settings and a pnpm workspace (the install needs
/// more than `package.json`), the Python version a project accepts (`pyproject.toml`, `Pipfile`), Go's
/// module requirements (`go.mod`: packages that need cgo, local `replace`s) and Composer's scripts and
/// repositories (`composer.json`).
const MANIFESTS: &[&str] = &[
    ".yarnrc.yml",
    "pnpm-workspace.yaml",
    "pyproject.toml",
    "Pipfile",
    "go.mod",
    "composer.json",
];

/// A file's text when it is a regular file of at most 1 MB.
fn read_small(path: &Path) -> Option<String> {
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file() && m.len() <= 1 << 20)
        .and_then(|_| std::fs::read_to_string(path).ok())
}

/// The small text files of the build context that rules read, by path relative to it: the pip requirements files
/// (`requirements*.txt` beside the Dockerfile and in a `requirements/` folder), whose local paths and VCS URLs
/// `pip install` builds from source, the Python and shell scripts beside the Dockerfile (`app.py` calling
/// `app.run()` without a host, a start script that writes to `/etc`), and the project manifests that say what an install needs ([`MANIFESTS`]).
fn context_text_files(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for (folder, prefix) in [
        (dir.to_path_buf(), ""),
        (dir.join("requirements"), "requirements/"),
    ] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let requirements =
                name.ends_with(".txt") && (!prefix.is_empty() || name.starts_with("requirements"));
            let script = prefix.is_empty() && (name.ends_with(".py") || name.ends_with(".sh"));
            let manifest = prefix.is_empty() && MANIFESTS.contains(&name.as_str());
            let wanted = requirements || script || manifest;
            if let Some(text) = wanted.then(|| read_small(&entry.path())).flatten() {
                files.insert(format!("{prefix}{name}"), text);
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_errors_after_lone_carriage_returns_name_the_files_line() {
        // Found by the config fuzz target: YAML counts each lone `\r` as a line, the file has 3 lines.
        let text = "base:v\r\r\r\r\roverride:\n! <<: *b\nig: x\n";
        let (line, _) = from_hadolint(text).expect_err("not valid YAML");
        assert!(line <= text.lines().count(), "line {line}");
    }

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
        assert_eq!(config.package_json, None);
        std::fs::write(dir.join("package.json"), "{\"scripts\": {}}").unwrap();
        let config = for_file(&Config::default(), Some(&dockerfile));
        assert_eq!(config.package_json.as_deref(), Some("{\"scripts\": {}}"));
        assert!(config.context_files.is_empty());
        std::fs::write(dir.join("requirements.txt"), "./pkg\n").unwrap();
        std::fs::write(dir.join("notes.txt"), "not requirements\n").unwrap();
        std::fs::create_dir_all(dir.join("requirements")).unwrap();
        std::fs::write(dir.join("requirements/prod.txt"), "flask\n").unwrap();
        std::fs::write(dir.join("app.py"), "app.run()\n").unwrap();
        std::fs::write(dir.join("requirements/setup.py"), "\n").unwrap();
        std::fs::write(dir.join(".yarnrc.yml"), "nodeLinker: pnp\n").unwrap();
        std::fs::write(dir.join("go.mod"), "module x\n").unwrap();
        std::fs::write(dir.join("go.sum"), "\n").unwrap();
        let config = for_file(&Config::default(), Some(&dockerfile));
        assert_eq!(
            config.context_files.keys().collect::<Vec<_>>(),
            [
                ".yarnrc.yml",
                "app.py",
                "go.mod",
                "requirements.txt",
                "requirements/prod.txt"
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_run_reads_each_context_folder_once() {
        let dir = std::env::temp_dir().join(format!("dockwise-contexts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("requirements.txt"), "flask\n").unwrap();
        let contexts = Contexts::default();
        let first = contexts.for_file(&Config::default(), Some(&dir.join("a.Dockerfile")));
        std::fs::write(dir.join("requirements.txt"), "django\n").unwrap();
        std::fs::write(dir.join("b.Dockerfile.dockerignore"), ".git\n").unwrap();
        let second = contexts.for_file(&Config::default(), Some(&dir.join("b.Dockerfile")));
        let _ = std::fs::remove_dir_all(&dir);
        // The folder was listed for the first file and not again; each file's own ignore file is its own.
        assert_eq!(first.context_files, second.context_files);
        assert_eq!(second.context_files["requirements.txt"], "flask\n");
        assert_eq!(first.context_has_dockerignore, Some(false));
        assert_eq!(second.dockerignore.as_deref(), Some(".git\n"));
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
