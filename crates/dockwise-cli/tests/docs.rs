//! docs/rules.md and web/rules.json are generated from the rules' own docs; these fail when either is stale.

mod common;

#[test]
fn docs_rules_md_is_up_to_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let run = common::run_in(&root, &["rules", "--format", "markdown"], None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let committed = std::fs::read_to_string(root.join("docs/rules.md")).unwrap_or_default();
    // Compare line by line so a checkout with CRLF line endings does not count as stale.
    let same = committed.lines().eq(run.stdout.lines());
    assert!(
        same,
        "docs/rules.md is stale: run `cargo xtask docs` to regenerate it from the rules' docs, and commit it"
    );
    for rule in dockwise::rules::all() {
        assert!(
            run.stdout
                .contains(&format!("## {} {}", rule.code, rule.name)),
            "{} has a section",
            rule.code
        );
    }
}

/// The playground's wasm carries only each rule's `what`; the rest of the docs it shows come from this file.
#[test]
fn web_rules_json_is_up_to_date_and_holds_every_rules_docs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let run = common::run_in(&root, &["rules", "--format", "json"], None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let committed = std::fs::read_to_string(root.join("web/rules.json")).unwrap_or_default();
    assert!(
        committed.lines().eq(run.stdout.lines()),
        "web/rules.json is stale: run `cargo xtask docs` to regenerate it from the rules' docs, and commit it"
    );
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&committed).expect("web/rules.json is JSON");
    assert_eq!(list.len(), dockwise::rules::all().count());
    for (entry, rule) in list.iter().zip(dockwise::rules::all()) {
        assert_eq!(entry["code"], rule.code);
        assert_eq!(entry["why"], rule.docs.why, "{}", rule.code);
        assert_eq!(entry["example"], rule.docs.example, "{}", rule.code);
        assert!(
            !rule.docs.why.is_empty() && !rule.docs.example.is_empty(),
            "{}",
            rule.code
        );
    }
}
