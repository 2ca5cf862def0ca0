//! The user's settings: rules switched off, severity overrides, trusted registries and unsafe fixes. Kept in
//! localStorage and carried in share links.

use dockwise::{Config, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const KEY: &str = "dockwise.settings";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Rule codes switched off (rules that are off by default are switched on by `enabled`).
    pub disabled: Vec<String>,
    pub enabled: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub trusted_registries: Vec<String>,
    pub unsafe_fixes: bool,
}

impl Settings {
    pub fn config(&self) -> Config {
        Config {
            disable: self.disabled.clone(),
            enable: self.enabled.clone(),
            severity: self.severity.clone(),
            trusted_registries: self.trusted_registries.clone(),
            unsafe_fixes: self.unsafe_fixes,
            ..Config::default()
        }
    }

    /// Whether `rule` is on with these settings.
    pub fn is_on(&self, rule: &dockwise::Rule) -> bool {
        if self.disabled.iter().any(|c| c == rule.code) {
            return false;
        }
        rule.enabled_by_default || self.enabled.iter().any(|c| c == rule.code)
    }

    /// Switch `rule` on or off.
    pub fn set_on(&mut self, rule: &dockwise::Rule, on: bool) {
        self.disabled.retain(|c| c != rule.code);
        self.enabled.retain(|c| c != rule.code);
        match (on, rule.enabled_by_default) {
            (false, true) => self.disabled.push(rule.code.to_string()),
            (true, false) => self.enabled.push(rule.code.to_string()),
            _ => {}
        }
    }

    /// Read through `dom::stored`, which fails soft: a blocked storage (a third-party iframe) gives defaults.
    pub fn load() -> Settings {
        crate::dom::stored(KEY)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) {
        if let Ok(text) = serde_json::to_string(self) {
            crate::dom::store(KEY, &text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_a_rule_off_disables_it_in_the_config() {
        let rule = dockwise::rules::all()
            .find(|r| r.enabled_by_default)
            .unwrap();
        let mut s = Settings::default();
        s.set_on(rule, false);
        assert!(!s.is_on(rule));
        assert!(!s.config().is_enabled(rule));
        s.set_on(rule, true);
        assert!(s.is_on(rule));
        assert!(s.disabled.is_empty());
    }
}
