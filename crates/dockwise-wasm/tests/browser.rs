//! The JS API running as wasm in headless Chromium (`cargo xtask test` runs it with wasm-bindgen-test-runner).

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn review_returns_the_review_shape_with_findings() {
    let json = dockwise_wasm::review_json("FROM python:latest\n", "{}").expect("review");
    let review: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let findings = review["findings"].as_array().expect("findings array");
    let latest = findings
        .iter()
        .find(|f| f["rule"] == "DW2007")
        .expect("DW2007 fires on :latest");
    assert_eq!(latest["line"], 1);
    assert_eq!(latest["aliases"]["hadolint"], "DL3007");
    assert!(review["rewritten"].as_str().is_some());
}

#[wasm_bindgen_test]
fn options_switch_rules_off_and_bad_options_are_errors() {
    let json =
        dockwise_wasm::review_json("FROM python:latest\n", r#"{"disable": ["DL3007"]}"#).unwrap();
    assert!(!json.contains("\"DW2007\""));
    assert!(dockwise_wasm::review_json("FROM a\n", r#"{"no_such_option": 1}"#).is_err());
}

#[wasm_bindgen_test]
fn fix_and_rules_work_in_the_browser() {
    let fixed =
        dockwise_wasm::fix_json("FROM python:3.12-slim\nCMD [\"python\"]\n", "", false).unwrap();
    let fixed: serde_json::Value = serde_json::from_str(&fixed).unwrap();
    assert!(fixed["text"]
        .as_str()
        .unwrap()
        .contains("PYTHONUNBUFFERED=1"));
    let rules: serde_json::Value =
        serde_json::from_str(&dockwise_wasm::rules_json().unwrap()).unwrap();
    assert!(rules
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "DW2007"));
}

#[wasm_bindgen_test]
fn findings_carry_utf16_offsets_for_javascript_strings() {
    let source = "# 🐳 café\nFROM python:latest\n";
    let review: serde_json::Value =
        serde_json::from_str(&dockwise_wasm::review_json(source, "").unwrap()).unwrap();
    let latest = review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "DW2007")
        .expect("DW2007 fires");
    let (start, start16) = (
        latest["start"].as_u64().unwrap(),
        latest["start_utf16"].as_u64().unwrap(),
    );
    // The whale is 4 bytes and 2 UTF-16 units, é 2 bytes and 1 unit.
    assert_eq!(start - start16, 3);
    let units: Vec<u16> = source.encode_utf16().collect();
    let word = String::from_utf16(
        &units[start16 as usize..latest["end_utf16"].as_u64().unwrap() as usize],
    )
    .unwrap();
    assert!(word.contains("latest"), "{word}");
}
