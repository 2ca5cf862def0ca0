//! The JavaScript API: `review`, `fix` and `rules` over wasm-bindgen. The only crate (with `web/`) that knows
//! JavaScript. Values cross the boundary as JSON text, which keeps the wasm small (no serde-wasm-bindgen) and
//! the shape identical to the CLI's `--format json`.

use dockwise::rule::RuleInfo;
use dockwise::{Config, Review};
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub mod utf16;

/// Options accepted by `review` and `fix`: a `dockwise::Config` as JSON (`{}` or empty for defaults).
fn config_from(options: &str) -> Result<Config, JsError> {
    if options.trim().is_empty() {
        return Ok(Config::default());
    }
    serde_json::from_str(options).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// Review a Dockerfile; returns the `Review` as JSON (see the JSON shape in the README), with UTF-16 offsets
/// (`start_utf16`/`end_utf16`) beside every byte span for JavaScript editors (see `utf16`).
#[wasm_bindgen(js_name = reviewJson)]
pub fn review_json(source: &str, options: &str) -> Result<String, JsError> {
    let review: Review = dockwise::review(source, &config_from(options)?);
    let mut value = serde_json::to_value(&review).map_err(|e| JsError::new(&e.to_string()))?;
    utf16::add_offsets(source, &mut value);
    to_json(&value)
}

#[derive(Serialize)]
struct FixResult {
    text: String,
    changes: Vec<dockwise::fix::Change>,
    converged: bool,
}

/// Apply fixes (unsafe ones too when `include_unsafe`); returns `{text, changes, converged}` as JSON.
#[wasm_bindgen(js_name = fixJson)]
pub fn fix_json(source: &str, options: &str, include_unsafe: bool) -> Result<String, JsError> {
    let outcome = dockwise::fix::fix(source, &config_from(options)?, include_unsafe);
    to_json(&FixResult {
        text: outcome.text,
        changes: outcome.changes,
        converged: outcome.converged,
    })
}

/// Every rule with its docs, as JSON (the shape of `dockwise rules --format json`).
#[wasm_bindgen(js_name = rulesJson)]
pub fn rules_json() -> Result<String, JsError> {
    let rules: Vec<RuleInfo> = dockwise::rules::all().map(RuleInfo::from).collect();
    to_json(&rules)
}

fn to_json(value: &impl Serialize) -> Result<String, JsError> {
    serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))
}
