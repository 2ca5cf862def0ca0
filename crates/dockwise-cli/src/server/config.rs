//! The configuration of each document: the nearest `.dockwise.toml` / `.hadolint.yaml` from its folder up (read
//! again when it changes on disk), with the client's settings on top, as flags are on the command line.

use crate::args::RuleOptions;
use crate::settings::{self, Settings};
use dockwise::Severity;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Settings from the client (`initializationOptions`, `workspace/didChangeConfiguration`), either at the top
/// level or under a `dockwise` key: `{"dockwise": {"disable": ["DW1005"], "severity": {"DL3007": "error"}}}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct ClientSettings {
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub severity: BTreeMap<String, String>,
    pub trusted_registries: Vec<String>,
    /// One configuration file for every document, instead of the nearest one.
    pub config: Option<String>,
    /// No configuration files at all.
    pub no_config: bool,
}

impl ClientSettings {
    /// Read the settings a client sent; `None` when the value holds none of ours (left as they were).
    pub fn from_value(value: &Value) -> Result<Option<ClientSettings>, String> {
        let ours = value.get("dockwise").unwrap_or(value);
        if !ours.is_object() {
            return Ok(None);
        }
        serde_json::from_value(ours.clone())
            .map(Some)
            .map_err(|e| format!("the client's dockwise settings: {e}"))
    }

    fn options(&self) -> (RuleOptions, Vec<String>) {
        let mut problems = Vec::new();
        let severity = self
            .severity
            .iter()
            .filter_map(|(rule, level)| match Severity::parse(level) {
                Some(s) => Some((rule.clone(), s)),
                None => {
                    problems.push(format!("severity of {rule}: unknown level `{level}`"));
                    None
                }
            })
            .collect();
        let options = RuleOptions {
            config: self.config.clone(),
            no_config: self.no_config,
            enable: self.enable.clone(),
            disable: self.disable.clone(),
            severity,
            trusted_registry: self.trusted_registries.clone(),
            ..RuleOptions::default()
        };
        (options, problems)
    }
}

/// What a configuration file looked like when read, to notice changes.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Resolves and caches settings per configuration file, reloading a file when its time or size changes.
#[derive(Default)]
pub struct Configs {
    client: ClientSettings,
    cache: HashMap<Option<PathBuf>, (Stamp, Result<Settings, String>)>,
}

impl Configs {
    /// New client settings: every cached result is judged again. Returns what could not be applied.
    pub fn set_client(&mut self, client: ClientSettings) -> Vec<String> {
        self.client = client;
        self.cache.clear();
        self.client.options().1
    }

    /// Forget every file read (a watched configuration file changed).
    pub fn clear(&mut self) {
        self.cache.clear();
    }

    /// The configuration file that governs a document at `path` (`None`: an unsaved document, or none found).
    pub fn file_for(&self, path: Option<&Path>) -> Option<PathBuf> {
        if self.client.no_config {
            return None;
        }
        if let Some(given) = &self.client.config {
            return Some(PathBuf::from(given));
        }
        settings::find_config(path?.parent()?)
    }

    /// The settings of a document at `path`, and the configuration error, if any (then the client's settings
    /// alone apply).
    pub fn for_document(&mut self, path: Option<&Path>) -> (dockwise::Config, Option<String>) {
        let file = self.file_for(path);
        let now = file.as_deref().and_then(stamp);
        let fresh = matches!(self.cache.get(&file), Some((s, _)) if *s == now);
        if !fresh {
            let (mut options, _) = self.client.options();
            // The file is named here, so `load` reads exactly it; `HADOLINT_*` apply unless configs are off.
            options.config = None;
            if !self.client.no_config {
                settings::merge_environment(&mut options, |name| std::env::var(name).ok());
            }
            let loaded = settings::load(file.as_deref(), &options);
            self.cache.insert(file.clone(), (now, loaded));
        }
        let (_, loaded) = &self.cache[&file];
        let (config, error) = match loaded {
            Ok(s) => (s.config.clone(), None),
            Err(e) => {
                // The file cannot be read: the client's settings alone.
                let (options, _) = self.client.options();
                let config = settings::load(None, &options)
                    .map(|s| s.config)
                    .unwrap_or_default();
                (config, Some(e.clone()))
            }
        };
        (settings::for_file(&config, path), error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn client_settings_are_read_under_dockwise_or_at_the_top() {
        let nested = json!({"dockwise": {"disable": ["DW1005"], "severity": {"DL3007": "error"}}});
        let flat = json!({"disable": ["DW1005"], "severity": {"DL3007": "error"}});
        let a = ClientSettings::from_value(&nested).unwrap().unwrap();
        assert_eq!(a, ClientSettings::from_value(&flat).unwrap().unwrap());
        assert_eq!(a.disable, vec!["DW1005"]);
        assert!(ClientSettings::from_value(&json!(null)).unwrap().is_none());
        assert!(ClientSettings::from_value(&json!({"disable": 3})).is_err());
    }

    #[test]
    fn a_configuration_file_is_read_again_when_it_changes() {
        let dir = std::env::temp_dir().join(format!("dockwise-lsp-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let dockerfile = dir.join("Dockerfile");
        let toml = dir.join(".dockwise.toml");
        std::fs::write(&toml, "disable = [\"DW2007\"]\n").unwrap();
        let mut configs = Configs::default();
        let (config, error) = configs.for_document(Some(&dockerfile));
        assert_eq!(error, None);
        assert_eq!(config.disable, vec!["DW2007"]);
        // A different size is a change even when the clock has not moved.
        std::fs::write(&toml, "disable = [\"DW2007\", \"DW1005\"]\n").unwrap();
        let (config, _) = configs.for_document(Some(&dockerfile));
        assert_eq!(config.disable, vec!["DW2007", "DW1005"]);
        std::fs::write(&toml, "disable = 3\n").unwrap();
        let (_, error) = configs.for_document(Some(&dockerfile));
        assert!(error.is_some_and(|e| e.contains(".dockwise.toml")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
