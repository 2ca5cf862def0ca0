//! What a rule's check sees: the model and the configuration.

use crate::config::Config;
use crate::model::Model;
use crate::rewrite::Style;
use crate::rules::common::stage_copies::{find_stage_copies, StageCopy};
use serde_json::Value;
use std::cell::OnceCell;

pub struct Context<'a> {
    pub model: &'a Model<'a>,
    pub config: &'a Config,
    /// The file's writing style, read once when a fix first asks (reading it scans the whole file, so a fix
    /// per instruction that read it each time made a review quadratic).
    style: OnceCell<Style>,
    /// The file's `COPY --from` stage copies with both stages' facts, found once when a rule first asks.
    stage_copies: OnceCell<Vec<StageCopy<'a>>>,
    /// The context's `package.json` and `composer.json`, parsed once when a rule first asks (up to eight rules
    /// read `package.json`).
    package_json: OnceCell<Option<Value>>,
    composer_json: OnceCell<Option<Value>>,
}

impl<'a> Context<'a> {
    pub fn new(model: &'a Model<'a>, config: &'a Config) -> Self {
        Context {
            model,
            config,
            style: OnceCell::new(),
            stage_copies: OnceCell::new(),
            package_json: OnceCell::new(),
            composer_json: OnceCell::new(),
        }
    }

    /// How the file writes keywords, newlines and continuation indents, for the lines fixes insert.
    pub fn style(&self) -> &Style {
        self.style.get_or_init(|| Style::of(self.model))
    }

    /// See [`crate::rules::common::stage_copies::stage_copies`].
    pub fn stage_copies(&self) -> &[StageCopy<'a>] {
        self.stage_copies
            .get_or_init(|| find_stage_copies(self.model))
    }

    /// The build context's `package.json` as a JSON object, when the front end read one that parses.
    pub fn package_json(&self) -> Option<&Value> {
        self.package_json
            .get_or_init(|| json_object(self.config.package_json.as_deref()?))
            .as_ref()
    }

    /// The build context's `composer.json` as a JSON object, when the front end read one that parses.
    pub fn composer_json(&self) -> Option<&Value> {
        self.composer_json
            .get_or_init(|| json_object(self.config.context_files.get("composer.json")?))
            .as_ref()
    }
}

/// A manifest's text as a JSON object (`None` for anything else: an array, a syntax error).
fn json_object(text: &str) -> Option<Value> {
    serde_json::from_str::<Value>(text)
        .ok()
        .filter(Value::is_object)
}

impl<'a> std::ops::Deref for Context<'a> {
    type Target = Model<'a>;

    fn deref(&self) -> &Model<'a> {
        self.model
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "FROM node:22\n";

    #[test]
    fn manifests_are_json_objects_or_nothing() {
        let mut config = Config::default();
        let cases = [
            (r#"{"name": "app"}"#, true),
            ("[1, 2]", false),
            ("not json", false),
        ];
        for (text, object) in cases {
            config.package_json = Some(text.into());
            config
                .context_files
                .insert("composer.json".into(), text.into());
            let (file, errors) = dockwise_syntax::parse(SOURCE);
            let model = Model::new(SOURCE, &file, &errors);
            let ctx = Context::new(&model, &config);
            assert_eq!(ctx.package_json().is_some(), object, "{text}");
            assert_eq!(ctx.composer_json().is_some(), object, "{text}");
        }
        let (file, errors) = dockwise_syntax::parse(SOURCE);
        let model = Model::new(SOURCE, &file, &errors);
        let unread = Config::default();
        let ctx = Context::new(&model, &unread);
        assert!(ctx.package_json().is_none() && ctx.composer_json().is_none());
    }
}
