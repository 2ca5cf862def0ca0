//! Dockwise as a drop-in for real repositories and for hadolint users: the folder walker, the nearest
//! configuration per Dockerfile, hadolint's flags, keys and environment variables, global options, and the CI
//! report formats read as their consumers read them. Only DW2007 (image-latest-tag, hadolint DL3007) and DW1013
//! (python-runtime-env, info) are relied on.

mod common;

use common::{codes, run_env, run_in, TempDir};

const LATEST: &str = "FROM python:latest\nCMD [\"python\"]\n";
const ONLY_LATEST: &str = "only = [\"DW2007\"]\n";

fn paths(run: &common::Run) -> Vec<String> {
    run.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_walker_skips_gitignored_hidden_templates_backups_and_dockerignore_files() {
    let dir = TempDir::new();
    dir.write(
        ".dockwise.toml",
        "only = [\"DW2007\"]\nexclude = [\"legacy/\"]\n",
    );
    dir.write(".gitignore", "generated/\n");
    for file in [
        "Dockerfile",
        "api/api.Dockerfile",
        "generated/Dockerfile",
        ".devcontainer/Dockerfile",
        "legacy/Dockerfile",
        "vendor-x/Dockerfile",
        "node_modules/pkg/Dockerfile",
        "Dockerfile.j2",
        "Dockerfile.tmpl",
        "Dockerfile.orig",
        "Dockerfile.swp",
        "docs/Dockerfile.md",
        "api/api.Dockerfile.dockerignore",
        "Dockerfile.dockerignore",
    ] {
        dir.write(file, LATEST);
    }
    let run = run_in(
        dir.path(),
        &["check", "-f", "json", "--exclude", "vendor-*"],
        None,
    );
    assert_eq!(
        paths(&run),
        ["Dockerfile", "api/api.Dockerfile"],
        "{}",
        run.stderr
    );
    // Named explicitly, a template is read.
    let run = run_in(dir.path(), &["check", "-f", "json", "Dockerfile.j2"], None);
    assert_eq!(paths(&run), ["Dockerfile.j2"]);
}

#[test]
fn binary_files_are_skipped_with_a_message_and_big_files_are_an_error() {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", ONLY_LATEST);
    dir.write("Dockerfile.bin", "FROM a\0\u{1}\n");
    dir.write("Dockerfile", "FROM python:3.12.7-slim\n");
    let run = run_in(dir.path(), &["check", "-f", "json"], None);
    assert_eq!(paths(&run), ["Dockerfile"]);
    assert!(
        run.stderr.contains("skipped Dockerfile.bin: a binary file"),
        "{}",
        run.stderr
    );
    assert_eq!(run.status, 0, "a skipped binary is not a failure");

    let run = run_in(
        dir.path(),
        &["check", "--max-file-size", "10", "Dockerfile"],
        None,
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("size limit of 10 bytes"),
        "{}",
        run.stderr
    );
    dir.write(
        ".dockwise.toml",
        "only = [\"DW2007\"]\nmax_file_size = 12\n",
    );
    let run = run_in(dir.path(), &["check", "Dockerfile"], None);
    assert!(
        run.stderr.contains("size limit of 12 bytes"),
        "{}",
        run.stderr
    );
}

#[test]
fn each_dockerfile_gets_its_nearest_configuration() {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", ONLY_LATEST);
    dir.write("Dockerfile", LATEST);
    dir.write("svc/.dockwise.toml", "only = [\"DW2007\", \"DW1013\"]\n");
    dir.write("svc/Dockerfile", LATEST);
    dir.write("legacy/.hadolint.yaml", "ignored: [DL3007]\n");
    dir.write("legacy/Dockerfile", LATEST);
    let run = run_in(dir.path(), &["check", "-f", "json"], None);
    let reviews = run.json();
    let by_path = |p: &str| {
        let review = reviews
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"] == p)
            .unwrap();
        let mut c = codes(review);
        c.sort();
        c
    };
    assert_eq!(by_path("Dockerfile"), ["DW2007"]);
    assert_eq!(by_path("svc/Dockerfile"), ["DW1013", "DW2007"]);
    assert!(!by_path("legacy/Dockerfile").contains(&"DW2007".to_string()));
    // From a sub-folder, standard input named by --stdin-filename takes that file's configuration.
    let run = run_in(
        dir.path(),
        &[
            "check",
            "-f",
            "json",
            "--stdin-filename",
            "svc/Dockerfile",
            "-",
        ],
        Some(LATEST),
    );
    assert_eq!(paths(&run), ["svc/Dockerfile"]);
    let mut c = codes(&run.json()[0]);
    c.sort();
    assert_eq!(c, ["DW1013", "DW2007"]);
}

#[test]
fn hadolint_flag_spellings_work() {
    let dir = TempDir::new();
    dir.write(
        ".dockwise.toml",
        "only = [\"DW2007\", \"DW1013\", \"DW2026\"]\n",
    );
    dir.write("Dockerfile", LATEST);
    let check = |args: &[&str]| {
        let mut all = vec!["check", "-f", "json"];
        all.extend_from_slice(args);
        all.push("Dockerfile");
        run_in(dir.path(), &all, None)
    };
    let run = check(&["--ignore", "DL3007,DW1013"]);
    assert!(codes(&run.json()[0]).is_empty());
    assert_eq!(run.status, 0);

    let run = check(&["--ignore", "DW1013", "--error", "DL3007", "-t", "error"]);
    assert_eq!(run.json()[0]["findings"][0]["severity"], "error");
    assert_eq!(run.status, 1);
    let run = check(&["--ignore", "DW1013", "--style", "DL3007", "-t", "info"]);
    assert_eq!(run.json()[0]["findings"][0]["severity"], "style");
    assert_eq!(run.status, 0, "style is below the info threshold");
    let run = check(&[
        "--info",
        "DL3007",
        "--warning",
        "DW1013",
        "--failure-threshold=warning",
    ]);
    assert_eq!(run.status, 1);
    let run = check(&["--no-fail"]);
    assert_eq!(run.status, 0);

    // DW2026 (DL3026) only runs with trusted registries: python:latest is on docker.io.
    let run = check(&["--trusted-registry", "*.gcr.io"]);
    assert!(codes(&run.json()[0]).contains(&"DW2026".to_string()));
    let run = check(&[
        "--trusted-registry",
        "*.gcr.io",
        "--trusted-registry",
        "docker.io",
    ]);
    assert!(!codes(&run.json()[0]).contains(&"DW2026".to_string()));

    let run = check(&["--require-label", "maintainer:txt"]);
    assert!(
        run.stderr
            .contains("--require-label maintainer:txt: unknown format `txt`"),
        "{}",
        run.stderr
    );
}

/// The Dockerfile for the label and pragma settings: an inline ignore of DL3007, a label that should be a URL
/// and one outside the schema, and no `maintainer`.
const LABELLED: &str =
    "# hadolint ignore=DL3007\nFROM python:latest\nLABEL homepage=example.com extra=1\nCMD [\"python\"]\n";
/// What the settings below turn on: DL3049 (maintainer missing), DL3052 (homepage), DL3050 (extra) and DL3007
/// (its ignore comment no longer counts).
const FROM_SETTINGS: [&str; 4] = ["DW2007", "DW2049", "DW2050", "DW2052"];

fn label_codes(run: &common::Run) -> Vec<String> {
    let mut found: Vec<String> = codes(&run.json()[0])
        .into_iter()
        .filter(|c| FROM_SETTINGS.contains(&c.as_str()))
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn label_schema_strict_labels_and_disable_ignore_pragma_apply_from_every_source() {
    let dir = TempDir::new();
    dir.write("Dockerfile", LABELLED);
    let args = ["check", "-f", "json", "Dockerfile"];
    let run = run_in(dir.path(), &args, None);
    assert_eq!(label_codes(&run), Vec::<String>::new(), "none by default");

    dir.write(
        ".dockwise.toml",
        "label_schema = { homepage = \"url\", maintainer = \"text\" }\nstrict_labels = true\ndisable_ignore_pragma = true\n",
    );
    let run = run_in(dir.path(), &args, None);
    assert_eq!(
        label_codes(&run),
        FROM_SETTINGS,
        ".dockwise.toml: {}",
        run.stderr
    );
    std::fs::remove_file(dir.path().join(".dockwise.toml")).unwrap();

    dir.write(
        ".hadolint.yaml",
        "label-schema:\n  homepage: url\n  maintainer: text\nstrict-labels: true\ndisable-ignore-pragma: true\n",
    );
    let run = run_in(dir.path(), &args, None);
    assert_eq!(
        label_codes(&run),
        FROM_SETTINGS,
        ".hadolint.yaml: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("not applied"), "{}", run.stderr);
    // hadolint's list spelling of required labels, and only the schema: strictness and pragmas stay off.
    dir.write(
        ".hadolint.yaml",
        "require-labels: ['homepage:url', 'maintainer:text']\n",
    );
    let run = run_in(dir.path(), &args, None);
    assert_eq!(label_codes(&run), ["DW2049", "DW2052"], "{}", run.stderr);
    dir.write(".hadolint.yaml", "label-schema:\n  homepage: link\n");
    let run = run_in(dir.path(), &args, None);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(".hadolint.yaml:1:") && run.stderr.contains("unknown format `link`"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(dir.path().join(".hadolint.yaml")).unwrap();

    let run = run_env(
        dir.path(),
        &args,
        None,
        &[
            ("HADOLINT_REQUIRE_LABELS", "homepage:url,maintainer:text"),
            ("HADOLINT_STRICT_LABELS", "1"),
            ("HADOLINT_DISABLE_IGNORE_PRAGMA", "true"),
        ],
    );
    assert_eq!(
        label_codes(&run),
        FROM_SETTINGS,
        "variables: {}",
        run.stderr
    );

    let run = run_in(
        dir.path(),
        &[
            "check",
            "-f",
            "json",
            "--require-label",
            "homepage:url",
            "--require-label",
            "maintainer:text",
            "--strict-labels",
            "--disable-ignore-pragma",
            "Dockerfile",
        ],
        None,
    );
    assert_eq!(label_codes(&run), FROM_SETTINGS, "flags: {}", run.stderr);
    let run = run_in(
        dir.path(),
        &[
            "check",
            "-f",
            "json",
            "--disable-ignore-pragma",
            "--disable",
            "DL3049",
            "Dockerfile",
        ],
        None,
    );
    assert_eq!(label_codes(&run), ["DW2007"], "{}", run.stderr);
}

#[test]
fn hadolint_environment_variables_apply_below_the_flags() {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", "only = [\"DW2007\", \"DW1013\"]\n");
    dir.write("Dockerfile", LATEST);
    let args = ["check", "-f", "json", "Dockerfile"];
    let run = run_env(
        dir.path(),
        &args,
        None,
        &[("HADOLINT_IGNORE", "DL3007,DW1013")],
    );
    assert!(codes(&run.json()[0]).is_empty());
    let run = run_env(dir.path(), &args, None, &[("HADOLINT_NOFAIL", "1")]);
    assert_eq!(run.status, 0);
    let run = run_env(
        dir.path(),
        &args,
        None,
        &[
            ("HADOLINT_OVERRIDE_STYLE", "DL3007"),
            ("HADOLINT_FAILURE_THRESHOLD", "warning"),
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stdout);
    let run = run_env(
        dir.path(),
        &["check", "-f", "json", "--ignore", "DW1013", "Dockerfile"],
        None,
        &[("HADOLINT_IGNORE", "DL3007")],
    );
    assert_eq!(
        codes(&run.json()[0]),
        ["DW2007"],
        "the flag replaces the variable"
    );
}

#[test]
fn every_hadolint_yaml_key_is_applied_or_named() {
    let dir = TempDir::new();
    dir.write("Dockerfile", LATEST);
    let check = |yaml: &str| {
        dir.write(".hadolint.yaml", yaml);
        run_in(dir.path(), &["check", "-f", "json", "Dockerfile"], None)
    };
    // hadolint's default threshold is info: DW1013 (info) fails the run.
    let run = check("ignored: [DL3007, DW1001, DW1005]\n");
    assert_eq!(codes(&run.json()[0]), ["DW1013"]);
    assert_eq!(run.status, 1);
    let run = check("\u{feff}ignored: [DL3007, DW1001, DW1005]\nno-fail: true\n");
    assert_eq!(run.status, 0, "a byte-order mark is fine: {}", run.stderr);
    let run = check("ignored: [DL3007, DW1001, DW1005]\nfailure-threshold: warning\n");
    assert_eq!(run.status, 0);
    // Anchors, aliases and merge keys.
    let run = check(
        "base: &base\n  error: [DL3007]\noverride:\n  <<: *base\n  style: [DW1013]\nignored: &skip [DW1001, DW1005]\nstrict-labels: true\n",
    );
    let findings = run.json()[0]["findings"].clone();
    let severity = |code: &str| {
        findings
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == code)
            .map(|f| f["severity"].clone())
    };
    assert_eq!(severity("DW2007"), Some("error".into()), "{}", run.stderr);
    assert_eq!(severity("DW1013"), Some("style".into()));
    assert!(run.stderr.contains("unknown key `base`"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("strict-labels"),
        "applied: {}",
        run.stderr
    );
    let run = check(
        "trustedRegistries: ['*.gcr.io']\nlabel-schema:\n  maintainer: text\ndisable-ignore-pragma: true\nformat: json\nno-color: true\nverbose: true\n",
    );
    assert!(codes(&run.json()[0]).contains(&"DW2026".to_string()));
    for key in ["format", "no-color", "verbose"] {
        assert!(
            run.stderr.contains(&format!("`{key}`")),
            "{key}: {}",
            run.stderr
        );
    }
    let run = check("ignored: [DL3007\n");
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains(".hadolint.yaml:"), "{}", run.stderr);
}

#[test]
fn quiet_output_file_and_colour() {
    let dir = TempDir::new();
    dir.write(
        ".dockwise.toml",
        "only = [\"DW2007\"]\nenable = [\"no-such-rule\"]\n",
    );
    dir.write("Dockerfile", LATEST);
    let run = run_in(dir.path(), &["check", "Dockerfile"], None);
    assert!(run.stdout.contains("summary:") && run.stderr.contains("warning"));
    let run = run_in(dir.path(), &["--quiet", "check", "Dockerfile"], None);
    assert!(!run.stdout.contains("summary:"), "{}", run.stdout);
    assert!(run.stdout.contains("DW2007"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);

    let run = run_in(
        dir.path(),
        &["check", "-f", "sarif", "-o", "report.sarif", "Dockerfile"],
        None,
    );
    assert!(run.stdout.is_empty());
    assert_eq!(run.status, 1);
    let report: serde_json::Value = serde_json::from_str(&dir.read("report.sarif")).unwrap();
    assert_eq!(report["version"], "2.1.0");

    let run = run_in(
        dir.path(),
        &["check", "--color", "always", "Dockerfile"],
        None,
    );
    assert!(run.stdout.contains("\x1b["));
    let run = run_in(dir.path(), &["check", "--color=never", "Dockerfile"], None);
    assert!(!run.stdout.contains('\x1b'));
}

fn reviewed(format: &str) -> (TempDir, String) {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", "only = [\"DW2007\", \"DW1013\"]\n");
    dir.write("Dockerfile", LATEST);
    dir.write("bad/Dockerfile", "FROM\n");
    dir.write("ok/Dockerfile", "FROM scratch\n");
    let run = run_in(dir.path(), &["check", "-f", format], None);
    assert_eq!(run.status, 1, "{format}: {}", run.stderr);
    (dir, run.stdout)
}

#[test]
fn gitlab_code_quality_has_the_fields_gitlab_reads() {
    let (_dir, out) = reviewed("gitlab");
    let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
    let issues = issues.as_array().unwrap();
    assert!(issues.len() >= 3);
    let mut fingerprints = std::collections::HashSet::new();
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&issue["severity"].as_str().unwrap()));
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
    }
    assert!(issues.iter().any(|i| i["check_name"] == "syntax-error"));
}

#[test]
fn sonarqube_generic_issues_follow_the_import_format() {
    let (_dir, out) = reviewed("sonarqube");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    for issue in report["issues"].as_array().unwrap() {
        assert_eq!(issue["engineId"], "dockwise");
        assert!(issue["ruleId"].is_string());
        assert!(["INFO", "MINOR", "MAJOR", "CRITICAL", "BLOCKER"]
            .contains(&issue["severity"].as_str().unwrap()));
        assert!(["BUG", "VULNERABILITY", "CODE_SMELL"].contains(&issue["type"].as_str().unwrap()));
        let location = &issue["primaryLocation"];
        assert!(location["message"].is_string() && location["filePath"].is_string());
        let range = &location["textRange"];
        assert!(range["startLine"].as_u64().unwrap() >= 1);
        if let Some(end) = range["endColumn"].as_u64() {
            assert!(
                range["endLine"] != range["startLine"]
                    || end > range["startColumn"].as_u64().unwrap(),
                "{range}"
            );
        }
    }
}

#[test]
fn rdjson_has_reviewdog_positions_codes_and_suggestions() {
    let (_dir, out) = reviewed("rdjson");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["source"]["name"], "dockwise");
    let diagnostics = report["diagnostics"].as_array().unwrap();
    for d in diagnostics {
        assert!(d["message"].is_string());
        assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().unwrap()));
        let start = &d["location"]["range"]["start"];
        assert!(start["line"].as_u64().unwrap() >= 1 && start["column"].as_u64().unwrap() >= 1);
        assert!(d["code"]["value"].is_string());
    }
    // DW1013's safe fix inserts an ENV line: a suggestion with a range.
    let env = diagnostics
        .iter()
        .find(|d| d["code"]["value"] == "DW1013")
        .unwrap();
    let suggestion = &env["suggestions"][0];
    assert!(suggestion["text"]
        .as_str()
        .unwrap()
        .contains("PYTHONUNBUFFERED"));
    assert!(suggestion["range"]["start"]["line"].as_u64().unwrap() >= 1);
}

#[test]
fn junit_is_xml_with_one_failure_per_problem() {
    let (_dir, out) = reviewed("junit");
    let xml = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 3);
    let failures = xml
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(
        root.attribute("failures"),
        Some(failures.to_string().as_str())
    );
    let clean = suites
        .iter()
        .find(|s| s.attribute("name") == Some("ok/Dockerfile"))
        .unwrap();
    assert_eq!(clean.attribute("failures"), Some("0"));
    assert_eq!(
        clean
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        1
    );
}

#[test]
fn fix_write_adds_the_suggested_dockerignore_only_when_there_is_none() {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", "only = [\"DW2007\"]\n");
    dir.write("requirements.txt", "flask\n");
    dir.write(
        "Dockerfile",
        "FROM python:3.12.7-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
    );
    let run = run_in(dir.path(), &["fix", "--write", "Dockerfile"], None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let ignore = dir.read(".dockerignore");
    assert!(ignore.contains(".git"), "{ignore}");
    assert!(run.stderr.contains("wrote .dockerignore"), "{}", run.stderr);
    dir.write(".dockerignore", "mine\n");
    run_in(dir.path(), &["fix", "--write", "Dockerfile"], None);
    assert_eq!(
        dir.read(".dockerignore"),
        "mine\n",
        "an existing file is kept"
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema_and_has_what_code_scanning_reads() {
    let dir = TempDir::new();
    dir.write(
        ".dockwise.toml",
        "only = [\"DW2007\", \"DW1013\", \"DW1001\"]\n",
    );
    dir.write("Dockerfile", LATEST);
    dir.write("bad/Dockerfile", "FROM\n");
    let run = run_in(
        dir.path(),
        &["check", "-f", "sarif", ".", "missing/Dockerfile"],
        None,
    );
    assert_eq!(run.status, 2, "an unreadable path: {}", run.stderr);
    let report = run.json();
    common::sarif_schema_validates(&report).unwrap();
    // The validator really rejects what the schema forbids.
    let mut broken = report.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(common::sarif_schema_validates(&broken).is_err());

    let run0 = &report["runs"][0];
    let invocation = &run0["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(
        note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing/Dockerfile"
    );
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["helpUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://"))));
    let syntax = rules.iter().find(|r| r["id"] == "syntax-error").unwrap();
    assert!(syntax["fullDescription"]["text"].is_string() && syntax["help"]["text"].is_string());
    let missing_user = rules.iter().find(|r| r["id"] == "DW1001").unwrap();
    assert!(
        missing_user["properties"]["security-severity"].is_string(),
        "{missing_user}"
    );
    let results = run0["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "syntax-error"));
    for result in results.iter().filter(|r| r["ruleId"] != "syntax-error") {
        assert!(result["partialFingerprints"]["dockwise/v1"].is_string());
    }
    // DW1013's fix: its deleted region is in lines and columns, as GitHub and reviewdog read it.
    let fixed = results.iter().find(|r| r["ruleId"] == "DW1013").unwrap();
    let region = &fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"];
    assert!(
        region["startLine"].as_u64().unwrap() >= 1 && region["startColumn"].as_u64().unwrap() >= 1
    );
}

#[test]
fn a_powershell_pragma_turns_the_shell_rules_off() {
    let dir = TempDir::new();
    let src = "FROM debian:12.7\nRUN cd /tmp && apt-get install curl\n";
    dir.write("Dockerfile", src);
    let run = run_in(dir.path(), &["check", "-f", "json", "Dockerfile"], None);
    let before = codes(&run.json()[0]);
    assert!(before.iter().any(|c| c.starts_with("DW")), "{before:?}");
    dir.write("Dockerfile", &format!("# hadolint shell=powershell\n{src}"));
    let run = run_in(dir.path(), &["check", "-f", "json", "Dockerfile"], None);
    let after = codes(&run.json()[0]);
    assert!(after.len() < before.len(), "{before:?} -> {after:?}");
}

#[test]
fn the_cli_image_dockerfile_has_no_findings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let run = run_in(
        &root,
        &["check", "-f", "json", "--no-config", "Dockerfile"],
        None,
    );
    let review = &run.json()[0];
    assert_eq!(review["path"], "Dockerfile");
    assert!(codes(review).is_empty(), "{:?}", codes(review));
    assert!(review["syntax_errors"].as_array().unwrap().is_empty());
    assert_eq!(run.status, 0, "{}", run.stderr);
}
