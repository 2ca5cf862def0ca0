//! Snapshots (insta) of every rule's code frame and fix diff on the example its docs give: a moved span, a
//! changed message or a changed fix fails here and shows as a diff of `tests/snapshots/rules/DWxxxx.snap`.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test -p dockwise-cli --test snapshots` rewrites the
//! snapshots (or `cargo insta review` with cargo-insta); read their diff before committing. A rule without a
//! snapshot fails (CI never writes one).

use dockwise::Config;
use dockwise_cli::output::{pretty, Reviewed};

fn frame_and_fix(code: &str, example: &str) -> String {
    let config = Config {
        unsafe_fixes: true,
        ..Config::for_example(code, example)
    };
    let mut review = dockwise::review(example, &config);
    review.path = Some("Dockerfile".into());
    let reviewed = Reviewed {
        source: example.into(),
        review,
    };
    let frames = pretty(std::slice::from_ref(&reviewed), false, false);
    let rewritten = &reviewed.review.rewritten;
    let diff = if rewritten == example {
        "(no fix)\n".to_string()
    } else {
        dockwise_cli::diff::unified(example, rewritten, "Dockerfile", "Dockerfile (fixed)")
    };
    format!("{frames}\n{diff}")
}

#[test]
fn every_rule_s_frame_and_fix_on_its_docs_example() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/rules");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        let mut count = 0;
        for rule in dockwise::rules::all() {
            assert!(
                !rule.docs.example.is_empty(),
                "{} has no example",
                rule.code
            );
            let snapshot = frame_and_fix(rule.code, rule.docs.example);
            assert!(
                snapshot.contains(rule.code),
                "{}'s example does not trigger it",
                rule.code
            );
            insta::assert_snapshot!(rule.code, snapshot);
            count += 1;
        }
        assert!(count >= 122, "only {count} rules");
    });
}
