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
}

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

    /// Does `rule` run under this configuration?
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        if self.disable.iter().any(|s| rule.is_named_by(s)) {
            return false;
        }
        if !self.only.is_empty() {
            return self.only.iter().any(|s| rule.is_named_by(s));
        }
        rule.enabled_by_default || self.enable.iter().any(|s| rule.is_named_by(s))
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
