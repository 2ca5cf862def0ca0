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

/// The student-style multi-stage and distroless files (tests/students): the stage findings each must get, as a
/// teacher reading them would list them. End of life (DW1021) is dated data, so only the copy and stage rules are
/// compared exactly; the messages name both stages and both facts.
#[test]
fn the_student_multistage_and_distroless_files_get_the_right_stage_findings() {
    let expected: &[(&str, &[&str])] = &[
        // 3.11 packages into Debian 11's 3.9, PYTHONPATH by hand, distroless larger than -slim.
        ("flask-distroless-01", &["DW1022", "DW1027", "DW1028"]),
        // site-packages copied by hand onto an unsuffixed distroless Python: the PYTHONPATH hack.
        ("flask-distroless-02", &["DW1027"]),
        // musl packages onto glibc, a shell-form ENTRYPOINT without a shell, larger than alpine.
        ("flask-distroless-03", &["DW1022", "DW1024", "DW1028"]),
        ("flask-multistage-01", &[]),
        ("flask-multistage-02", &[]),
        // cgo on glibc into distroless/base, which has glibc: fine.
        ("go-distroless-01", &[]),
        // cgo binary into distroless/static, which has no libc.
        ("go-distroless-02", &["DW1023"]),
        // golang:alpine has no C compiler, so cgo is off; the shell-form ENTRYPOINT is the mistake.
        ("go-distroless-03", &["DW1024"]),
        // glibc cgo binary onto Alpine's musl.
        ("go-multistage-01", &["DW1030"]),
        ("go-multistage-02", &[]),
        // Built on bookworm's glibc 2.36, run on bullseye's 2.31.
        ("go-multistage-03", &["DW1030"]),
        ("node-distroless-01", &[]),
        ("node-distroless-02", &[]),
        // node_modules from musl onto glibc, shell-form ENTRYPOINT without a shell.
        ("node-distroless-03", &["DW1024", "DW1030"]),
        ("node-multistage-01", &[]),
        // Both stages on the same Alpine image.
        ("node-multistage-02", &[]),
    ];
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/students");
    for (name, want) in expected {
        let path = format!("{folder}/{name}.Dockerfile");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let got: Vec<&str> = codes(&text)
            .into_iter()
            .filter(|c| *c != "DW1021")
            .collect();
        assert_eq!(&got, want, "{name}");
    }
    // Every multi-stage or distroless student file is in the table.
    let listed = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.contains("multistage") || name.contains("distroless")
        })
        .count();
    assert_eq!(listed, expected.len());
    let glibc = lint(
        &std::fs::read_to_string(format!("{folder}/go-multistage-03.Dockerfile")).unwrap(),
        &Config::default(),
    );
    let finding = glibc
        .findings
        .iter()
        .find(|f| f.rule.code == "DW1030")
        .unwrap();
    assert!(
        finding
            .diagnostic
            .message
            .contains("glibc 2.36 (Debian 12)")
            && finding
                .diagnostic
                .message
                .contains("glibc 2.31 (Debian 11)"),
        "{}",
        finding.diagnostic.message
    );
}
