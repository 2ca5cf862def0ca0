//! Engine-level regressions for fix safety (issue 11): each runs `fix`/`review` on a minimal Dockerfile and
//! checks what the rewrite does, with the whole default rule set (so fixes of different rules meet).

use dockwise::config::Config;
use dockwise::fix::fix;
use dockwise::review::review;
use dockwise::Applicability;

fn unsafe_rewrite(source: &str) -> String {
    fix(source, &Config::default(), true).text
}

#[test]
fn files_with_syntax_errors_are_not_rewritten_and_the_review_says_why() {
    let source = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY\n";
    let outcome = fix(source, &Config::default(), true);
    assert_eq!(outcome.text, source);
    assert!(outcome.changes.is_empty());
    let reviewed = review(source, &Config::default());
    assert!(!reviewed.syntax_errors.is_empty());
    assert_eq!(reviewed.rewritten, source);
    let why = reviewed.rewrite_refused.expect("the review says why");
    assert!(why.contains("syntax error"), "{why}");
    let json = serde_json::to_value(review(source, &Config::default())).unwrap();
    assert!(json["rewrite_refused"].is_string());
}

#[test]
fn the_review_lists_unsafe_changes_with_their_applicability() {
    let source = "FROM debian:12\nRUN apt-get update && apt-get install -y jq\nCMD [\"jq\"]\n";
    let reviewed = review(source, &Config::default());
    let unsafe_changes: Vec<_> = reviewed
        .changes
        .iter()
        .filter(|c| c.applicability == Applicability::Unsafe)
        .collect();
    assert!(!unsafe_changes.is_empty(), "{:?}", reviewed.changes);
    assert!(unsafe_changes.iter().all(|c| !c.applied));
    assert!(reviewed
        .changes
        .iter()
        .filter(|c| c.applicability == Applicability::Safe)
        .all(|c| c.applied));
    // The unsafe changes are listed, not applied: the rewrite keeps the recommends.
    assert!(!reviewed.rewritten.contains("--no-install-recommends"));
    assert!(unsafe_changes
        .iter()
        .any(|c| c.rules.iter().any(|r| r == "DW2015")));
}

#[test]
fn the_unsafe_rewrite_keeps_build_tools_until_the_last_run_that_needs_them() {
    let source = "FROM python:3.12-alpine\nWORKDIR /app\nCOPY requirements.txt .\n\
                  RUN apk add --no-cache gcc musl-dev\n\
                  RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n";
    let text = unsafe_rewrite(source);
    let del = text.find("apk del");
    let pip = text.find("pip install").unwrap();
    assert!(del.is_none_or(|d| d > pip), "{text}");
}

const GO_ALPINE: &str =
    "FROM golang:1.22-alpine\nWORKDIR /app\nCOPY go.mod main.go ./\nCOPY templates ./templates\n\
                         RUN go build -o /server .\nEXPOSE 8080\nCMD [\"/server\"]\n";

#[test]
fn a_go_split_into_distroless_adds_no_shell_command_to_the_runtime_stage() {
    let text = unsafe_rewrite(GO_ALPINE);
    let stages: Vec<&str> = text.split("\nFROM ").collect();
    let last = stages.last().unwrap();
    assert!(last.starts_with("gcr.io/distroless/static"), "{text}");
    assert!(!last.contains("\nRUN "), "{text}");
    assert!(text.contains("RUN CGO_ENABLED=0 go build"), "{text}");
    assert!(
        last.contains("COPY --from=build /app/templates /app/templates"),
        "{text}"
    );
    assert!(last.contains("USER 65532:65532"), "{text}");
}
