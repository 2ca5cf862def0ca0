//! Which rules run, at what severity, and what counts as a failure. Built by front ends (CLI config files,
//! playground settings, JS options); the core only reads it.

use crate::rule::{Rule, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Rules to switch on (codes, names, aliases or categories), including off-by-default ones.
    pub enable: Vec<String>,
    /// Rules to switch off (codes, names, aliases or categories). Wins over `enable` for the same selector.
    pub disable: Vec<String>,
    /// When not empty, only these rules run (selectors as above); for focused runs and tests.
    pub only: Vec<String>,
    /// Severity overrides by selector.
    pub severity: BTreeMap<String, Severity>,
    /// Registries images may come from (`docker.io`, `ghcr.io`); empty means any.
    pub trusted_registries: Vec<String>,
    /// Findings at or above this severity make `dockwise check` fail.
    pub failure_threshold: Severity,
    /// Apply unsafe fixes in the rewrite too.
    pub unsafe_fixes: bool,
    /// Whether a `.dockerignore` sits next to the Dockerfile, when the front end knows (the CLI checks);
    /// `None`: unknown.
    pub context_has_dockerignore: Option<bool>,
    /// The contents of the build context's `.dockerignore`, when the front end read it (for `CopyIgnoredFile`).
    pub dockerignore: Option<String>,
    /// The build context's `package.json`, when the front end read it (DW1032's fix, DW1010, DW1015).
    pub package_json: Option<String>,
    /// Small text files of the build context the front end read, by path relative to the context: the
    /// requirements files (`requirements*.txt`, `requirements/*.txt`), so rules see local paths and VCS URLs
    /// that `pip install -r` builds from source, and the Python scripts beside the Dockerfile (a Flask
    /// `app.run()` without a host, DW1017), and the manifests `.yarnrc.yml`, `pnpm-workspace.yaml`,
    /// `pyproject.toml`, `Pipfile`, `go.mod` and `composer.json`.
    pub context_files: BTreeMap<String, String>,
    /// hadolint's label schema: label key → the format its value must have. When not empty, the label rules
    /// (DL3049, DL3051–DL3056, DL3058) check these keys instead of the built-in OCI keys, and run unless disabled.
    pub label_schema: BTreeMap<String, LabelFormat>,
    /// hadolint's `strict-labels`: labels outside the schema are findings (turns DL3050 on).
    pub strict_labels: bool,
    /// hadolint's `disable-ignore-pragma`: inline ignore comments (`# hadolint ignore=`, `# dockwise ignore=`,
    /// their `global` forms, Checkov's and Trivy's) silence nothing.
    pub disable_ignore_pragma: bool,
}

/// The format a label's value must have (hadolint's label-schema types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelFormat {
    /// Any value that is not empty.
    Text,
    Url,
    Spdx,
    Rfc3339,
    /// A full git commit hash.
    Hash,
    Semver,
    Email,
}

impl LabelFormat {
    /// hadolint's names: `text`, `url`, `spdx`, `rfc3339`, `hash`, `semver`, `email`.
    pub fn parse(name: &str) -> Option<LabelFormat> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "text" => LabelFormat::Text,
            "url" => LabelFormat::Url,
            "spdx" => LabelFormat::Spdx,
            "rfc3339" => LabelFormat::Rfc3339,
            "hash" => LabelFormat::Hash,
            "semver" => LabelFormat::Semver,
            "email" => LabelFormat::Email,
            _ => return None,
        })
    }
}

/// The label rules a label schema turns on (hadolint's codes); DL3050 is turned on by `strict_labels`.
const SCHEMA_RULES: [&str; 8] = [
    "DL3049", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058",
];

impl Default for Config {
    fn default() -> Config {
        Config {
            enable: Vec::new(),
            disable: Vec::new(),
            only: Vec::new(),
            severity: BTreeMap::new(),
            trusted_registries: Vec::new(),
            failure_threshold: Severity::Warning,
            unsafe_fixes: false,
            context_has_dockerignore: None,
            dockerignore: None,
            package_json: None,
            context_files: BTreeMap::new(),
            label_schema: BTreeMap::new(),
            strict_labels: false,
            disable_ignore_pragma: false,
        }
    }
}

impl Config {
    /// A configuration that runs just one rule (enabled even if it is off by default).
    pub fn only(selector: &str) -> Config {
        Config {
            only: vec![selector.to_string()],
            ..Config::default()
        }
    }

    /// The configuration a rule's docs example assumes: just rule `code`, plus the front-end facts its first line
    /// names (`# .dockerignore: a, b` or `# configuration: trusted_registries = ["r"]`), which a real file gets
    /// from its build context or settings. The docs tests, the rules' unit tests and the snapshots use it.
    pub fn for_example(code: &str, example: &str) -> Config {
        let mut config = Config::only(code);
        let first = example.lines().next().unwrap_or("");
        if let Some(list) = first.strip_prefix("# .dockerignore:") {
            config.dockerignore = Some(
                list.split(',')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        if let Some(list) = first.strip_prefix("# configuration: trusted_registries = ") {
            let names = list.trim_matches(['[', ']']).split(',');
            config.trusted_registries = names
                .map(|r| r.trim().trim_matches('"').to_string())
                .collect();
        }
        config
    }

    /// Does `rule` run under this configuration?
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        if self.disable.iter().any(|s| rule.is_named_by(s)) {
            return false;
        }
        if !self.only.is_empty() {
            return self.only.iter().any(|s| rule.is_named_by(s));
        }
        rule.enabled_by_default
            || self.enable.iter().any(|s| rule.is_named_by(s))
            || (!self.label_schema.is_empty() && SCHEMA_RULES.iter().any(|c| rule.is_named_by(c)))
            || (self.strict_labels && rule.is_named_by("DL3050"))
    }

    /// The severity `rule`'s findings get: the most specific override (code or name, then alias, then category).
    pub fn severity_of(&self, rule: &Rule) -> Severity {
        let by = |pred: &dyn Fn(&str) -> bool| {
            self.severity
                .iter()
                .find(|(selector, _)| pred(selector))
                .map(|(_, severity)| *severity)
        };
        by(&|s| rule.code.eq_ignore_ascii_case(s) || rule.name.eq_ignore_ascii_case(s))
            .or_else(|| by(&|s| rule.aliases.iter().any(|a| a.1.eq_ignore_ascii_case(s))))
            .or_else(|| by(&|s| rule.category.as_str().eq_ignore_ascii_case(s)))
            .unwrap_or(rule.severity)
    }
}
