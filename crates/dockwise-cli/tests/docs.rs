//! docs/rules.md is generated from the rules' own docs; this fails when it is stale.

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
