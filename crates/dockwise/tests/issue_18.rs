//! Issue 18's student file: what each stage is decides what the review says about the copy between them.

use dockwise::{fix::fix, lint::lint, Config};

const ISSUE_18: &str = "FROM python:3.11-alpine3.19 AS build
WORKDIR /app
COPY requirements.txt .
RUN pip install --target=/app/deps -r requirements.txt
COPY app.py .
FROM gcr.io/distroless/python3-debian11:nonroot
WORKDIR /app
COPY --from=build /app /app
ENV PYTHONPATH=/app/deps
CMD [\"app.py\"]
";

fn codes(source: &str) -> Vec<&'static str> {
    let mut codes: Vec<&str> = lint(source, &Config::default())
        .findings
        .iter()
        .map(|f| f.rule.code)
        // The base-image and stage rules: DW1021 to DW1030.
        .filter(|c| ("DW1021"..="DW1030").contains(c))
        .collect();
    codes.sort_unstable();
    codes
}

#[test]
fn the_issue_file_gets_the_stage_findings() {
    // End of life: Alpine 3.19 (the builder, 2025-11-01) and Debian 11 (the runtime); the 3.11/musl → 3.9/glibc copy, the PYTHONPATH hack, and the honest
    // size note (distroless Python is larger than the alpine image it started from).
    assert_eq!(
        codes(ISSUE_18),
        ["DW1021", "DW1021", "DW1022", "DW1027", "DW1028"]
    );
    let linted = lint(ISSUE_18, &Config::default());
    let mismatch = linted
        .findings
        .iter()
        .find(|f| f.rule.code == "DW1022")
        .unwrap();
    assert!(mismatch
        .diagnostic
        .message
        .contains("built for Python 3.11 (musl) in `build`; the copy runs on Python 3.9 (glibc) in the final stage"));
    let eol = linted
        .findings
        .iter()
        .find(|f| f.rule.code == "DW1021" && f.diagnostic.message.contains("Debian"))
        .unwrap();
    assert!(
        eol.diagnostic
            .message
            .contains("Debian 11 (bullseye) reached end of life on 2026-08-31"),
        "{}",
        eol.diagnostic.message
    );
}

#[test]
fn the_unsafe_rewrite_aligns_builder_and_runtime() {
    let fixed = fix(ISSUE_18, &Config::default(), true);
    assert!(fixed.converged);
    assert!(
        fixed
            .text
            .contains("FROM python:3.11-slim-bookworm AS build"),
        "{}",
        fixed.text
    );
    assert!(
        fixed
            .text
            .contains("FROM gcr.io/distroless/python3-debian12:nonroot"),
        "{}",
        fixed.text
    );
    let left = codes(&fixed.text);
    assert!(
        !left.contains(&"DW1021") && !left.contains(&"DW1022"),
        "{left:?}\n{}",
        fixed.text
    );
}

/// The build-harness fixtures whose originals fail at run time: the unsafe rewrite must change exactly the line
/// that breaks them (the harness then proves they serve).
#[test]
fn the_failing_distroless_fixtures_get_their_fix() {
    let python =
        include_str!("../../../tests/builds/python-distroless-cmd/Dockerfile.distroless-broken");
    let fixed = fix(python, &Config::default(), true).text;
    assert!(fixed.contains("CMD [\"app.py\"]\n"), "{fixed}");
    assert!(!fixed.contains("\"python\""), "{fixed}");
    let go = include_str!("../../../tests/builds/go-distroless-cgo/Dockerfile.static-cgo");
    let fixed = fix(go, &Config::default(), true).text;
    assert!(
        fixed.contains("RUN CGO_ENABLED=0 go build -o /server .\n"),
        "{fixed}"
    );
    // The working distroless file stays as it is where it matters.
    let working = include_str!("../../../tests/builds/python-distroless-cmd/Dockerfile");
    assert!(fix(working, &Config::default(), true)
        .text
        .contains("CMD [\"app.py\"]\n"));
}
