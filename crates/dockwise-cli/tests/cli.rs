//! The `dockwise` binary end to end: formats (parsed, not grepped), exit codes, discovery, stdin, fixes,
//! configuration files and `explain`. Only DW2007 (image-latest-tag, hadolint DL3007) and DW1013
//! (python-runtime-env) are relied on; `only = [...]` keeps other rules out of the way.

mod common;

use common::{codes, run_in, TempDir};

const LATEST: &str = "FROM python:latest\nCMD [\"python\"]\n";
const PINNED: &str = "FROM python:3.12.7-slim\nCMD [\"python\"]\n";
const ONLY_LATEST: &str = "only = [\"DW2007\"]\n";

/// A folder with a config running only DW2007, and a Dockerfile using `latest`.
fn project() -> TempDir {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", ONLY_LATEST);
    dir.write("Dockerfile", LATEST);
    dir
}

#[test]
fn json_is_an_array_of_reviews_with_paths_and_positions() {
    let dir = project();
    let run = run_in(
        dir.path(),
        &["check", "--format", "json", "Dockerfile"],
        None,
    );
    assert_eq!(
        run.status, 1,
        "a warning fails at the default threshold\n{}",
        run.stderr
    );
    let reviews = run.json();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 1);
    let review = &reviews[0];
    assert_eq!(review["path"], "Dockerfile");
    assert_eq!(codes(review), vec!["DW2007"]);
    let f = &review["findings"][0];
    assert_eq!(f["name"], "image-latest-tag");
    assert_eq!(f["aliases"]["hadolint"], "DL3007");
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(1), Some(6))
    );
    let (start, end) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&LATEST[start..end], "python:latest");
    assert!(review["syntax_errors"].as_array().unwrap().is_empty());
    assert!(review["rewritten"].is_string() && review["changes"].is_array());
}

#[test]
fn folders_are_searched_recursively_in_sorted_order_skipping_vendored_folders() {
    let dir = project();
    dir.write("services/api/Dockerfile.dev", LATEST);
    dir.write("services/web/web.Dockerfile", PINNED);
    dir.write("b/Containerfile", PINNED);
    dir.write("c/build.dockerfile", PINNED);
    dir.write("node_modules/pkg/Dockerfile", LATEST);
    dir.write(".git/Dockerfile", LATEST);
    dir.write("target/Dockerfile", LATEST);
    dir.write("docs/Dockerfile.md/../README.md", "not a Dockerfile");
    dir.write("notes.txt", "FROM x");
    let run = run_in(dir.path(), &["check", "--format", "json"], None);
    let paths: Vec<String> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        vec![
            "Dockerfile",
            "b/Containerfile",
            "c/build.dockerfile",
            "services/api/Dockerfile.dev",
            "services/web/web.Dockerfile"
        ]
    );
    assert_eq!(run.status, 1);
}

#[test]
fn exit_status_follows_the_failure_threshold() {
    let dir = project();
    dir.write("pinned/Dockerfile", PINNED);
    assert_eq!(run_in(dir.path(), &["check", "pinned"], None).status, 0);
    assert_eq!(run_in(dir.path(), &["check", "Dockerfile"], None).status, 1);
    assert_eq!(
        run_in(
            dir.path(),
            &["check", "--failure-threshold", "error", "Dockerfile"],
            None
        )
        .status,
        0
    );
    assert_eq!(
        run_in(
            dir.path(),
            &["check", "--failure-threshold=none", "Dockerfile"],
            None
        )
        .status,
        0
    );
    let raised = [
        "check",
        "--failure-threshold",
        "error",
        "--severity",
        "DL3007=error",
        "Dockerfile",
    ];
    assert_eq!(run_in(dir.path(), &raised, None).status, 1);
    assert_eq!(
        run_in(
            dir.path(),
            &["check", "--disable", "image-latest-tag", "Dockerfile"],
            None
        )
        .status,
        0
    );
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let dir = project();
    for args in [
        &["check", "--bogus"][..],
        &["check", "--format", "xml"],
        &["check", "--severity", "DW2007"],
        &["check", "--failure-threshold", "fatal"],
        &["frobnicate"],
        &["fix", "--write", "--diff"],
        &["explain"],
        &["rules", "--format", "csv"],
    ] {
        let run = run_in(dir.path(), args, None);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.stderr.contains("error:"), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn an_unreadable_file_is_named_and_the_others_are_still_reviewed() {
    let dir = project();
    dir.write("other/Dockerfile", LATEST);
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "missing/Dockerfile",
            "Dockerfile",
            "other",
        ],
        None,
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("missing/Dockerfile"), "{}", run.stderr);
    let reviews = run.json();
    let paths: Vec<&str> = reviews
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["Dockerfile", "other/Dockerfile"]);
    assert!(reviews
        .as_array()
        .unwrap()
        .iter()
        .all(|r| codes(r) == ["DW2007"]));
}

#[test]
fn stdin_is_read_for_a_dash() {
    let dir = project();
    let run = run_in(
        dir.path(),
        &["check", "--format", "json", "-"],
        Some(LATEST),
    );
    assert_eq!(run.status, 1);
    let reviews = run.json();
    assert_eq!(reviews[0]["path"], "<stdin>");
    assert_eq!(codes(&reviews[0]), vec!["DW2007"]);
    let clean = run_in(dir.path(), &["check", "-"], Some(PINNED));
    assert_eq!(clean.status, 0, "{}", clean.stdout);
}

#[test]
fn pretty_shows_a_code_frame_with_carets_under_the_span_and_a_summary() {
    let dir = project();
    let run = run_in(dir.path(), &["check", "Dockerfile"], None);
    let out = &run.stdout;
    assert!(
        !out.contains('\x1b'),
        "no colours when stdout is not a terminal"
    );
    assert!(out.contains("warning[DW2007 image-latest-tag]"), "{out}");
    assert!(out.contains("--> Dockerfile:1:6"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.ends_with("| FROM python:latest"))
        .expect(out);
    let carets = lines[source + 1];
    let bar = lines[source].find('|').unwrap();
    assert_eq!(carets.find('^').unwrap(), bar + 2 + "FROM ".len(), "{out}");
    assert_eq!(
        carets.trim_end().matches('^').count(),
        "python:latest".len(),
        "{out}"
    );
    assert!(out.contains("run `dockwise explain DW2007`"), "{out}");
    let summary = lines.last().unwrap();
    assert!(
        summary.contains("1 file checked") && summary.contains("1 warning"),
        "{summary}"
    );
}

#[test]
fn pretty_mentions_available_fixes_and_syntax_errors_with_positions() {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", "only = [\"DW1013\"]\n");
    dir.write(
        "Dockerfile",
        "FROM python:3.12-slim\nFORM x\nCMD [\"python\"]\n",
    );
    let run = run_in(dir.path(), &["check", "Dockerfile"], None);
    assert_eq!(run.status, 1, "syntax errors fail the check");
    assert!(
        run.stdout.contains("fix available (safe)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("error[syntax]"), "{}", run.stdout);
    assert!(run.stdout.contains("--> Dockerfile:2:1"), "{}", run.stdout);
}

#[test]
fn sarif_lists_every_rule_and_locates_results() {
    let dir = project();
    let run = run_in(
        dir.path(),
        &["check", "--format", "sarif", "Dockerfile"],
        None,
    );
    let log = run.json();
    assert_eq!(log["version"], "2.1.0");
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for rule in dockwise::rules::all() {
        assert!(
            ids.contains(&rule.code),
            "{} missing from tool.driver.rules",
            rule.code
        );
    }
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(result["ruleId"], "DW2007");
    assert_eq!(result["level"], "warning");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "DW2007");
    assert_eq!(rules[index]["name"], "image-latest-tag");
    assert!(rules[index]["help"]["markdown"]
        .as_str()
        .unwrap()
        .contains("latest"));
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "Dockerfile");
    let region = &location["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(1), Some(6))
    );
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(1), Some(19))
    );
}

#[test]
fn github_prints_one_workflow_command_per_finding() {
    let dir = project();
    dir.write("a,b/Dockerfile", LATEST);
    let run = run_in(dir.path(), &["check", "--format", "github"], None);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    for (line, file) in lines.iter().zip(["Dockerfile", "a%2Cb/Dockerfile"]) {
        let rest = line.strip_prefix("::warning ").expect(line);
        let (properties, message) = rest.split_once("::").unwrap();
        let properties: std::collections::BTreeMap<&str, &str> = properties
            .split(',')
            .map(|p| p.split_once('=').unwrap())
            .collect();
        assert_eq!(properties["file"], file);
        assert_eq!(
            (
                properties["line"],
                properties["col"],
                properties["endLine"],
                properties["endColumn"]
            ),
            ("1", "6", "1", "19")
        );
        assert_eq!(properties["title"], "DW2007 image-latest-tag");
        assert!(message.contains("latest"), "{message}");
    }
}

#[test]
fn checkstyle_is_well_formed_xml() {
    let dir = project();
    dir.write("x/Dockerfile", "FROM python:latest\nLABEL note=\"<&>\"\n");
    let run = run_in(dir.path(), &["check", "--format", "checkstyle"], None);
    let doc =
        roxmltree::Document::parse(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let files: Vec<_> = root.children().filter(|n| n.has_tag_name("file")).collect();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].attribute("name"), Some("Dockerfile"));
    assert_eq!(files[1].attribute("name"), Some("x/Dockerfile"));
    for file in files {
        let errors: Vec<_> = file
            .children()
            .filter(|n| n.has_tag_name("error"))
            .collect();
        assert_eq!(errors.len(), 1);
        let e = errors[0];
        assert_eq!(
            (e.attribute("line"), e.attribute("column")),
            (Some("1"), Some("6"))
        );
        assert_eq!(e.attribute("severity"), Some("warning"));
        assert_eq!(
            e.attribute("source"),
            Some("dockwise.DW2007.image-latest-tag")
        );
        assert!(e.attribute("message").unwrap().contains("latest"));
    }
}

fn python_project() -> (TempDir, String) {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", "only = [\"DW1013\"]\n");
    let source = "FROM python:3.12-slim\nCMD [\"python\"]\n";
    dir.write("Dockerfile", source);
    dir.write("clean/Dockerfile", "FROM alpine:3.20\nCMD [\"sh\"]\n");
    let config = dockwise::Config::only("DW1013");
    let expected = dockwise::fix::fix(source, &config, false).text;
    assert_ne!(expected, source, "the example must have something to fix");
    (dir, expected)
}

#[test]
fn fix_prints_the_rewrite() {
    let (dir, expected) = python_project();
    let run = run_in(dir.path(), &["fix", "Dockerfile"], None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, expected);
    let piped = run_in(dir.path(), &["fix", "-"], Some(&dir.read("Dockerfile")));
    assert_eq!(piped.stdout, expected);
}

#[test]
fn fix_write_rewrites_changed_files_only_and_says_what_changed() {
    let (dir, expected) = python_project();
    let clean = dir.read("clean/Dockerfile");
    let run = run_in(dir.path(), &["fix", "--write", "."], None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(dir.read("Dockerfile"), expected);
    assert_eq!(dir.read("clean/Dockerfile"), clean);
    assert!(run.stderr.contains("fixed Dockerfile"), "{}", run.stderr);
    assert!(run.stderr.contains("DW1013"), "{}", run.stderr);
    assert!(
        run.stderr.contains("1 file fixed, 1 file unchanged"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    // Nothing left to do the second time.
    let again = run_in(dir.path(), &["fix", "--diff", "."], None);
    assert_eq!((again.status, again.stdout.as_str()), (0, ""));
}

#[test]
fn fix_diff_prints_a_unified_diff_and_fails_when_there_is_one() {
    let (dir, expected) = python_project();
    let before = dir.read("Dockerfile");
    let run = run_in(dir.path(), &["fix", "--diff", "."], None);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(dir.read("Dockerfile"), before, "--diff does not write");
    let mut lines = run.stdout.lines();
    assert_eq!(lines.next(), Some("--- a/Dockerfile"));
    assert_eq!(lines.next(), Some("+++ b/Dockerfile"));
    assert!(lines.next().unwrap().starts_with("@@ -1,"));
    // Rebuild both sides from the hunk: they must be the original and the rewrite.
    let (mut old, mut new) = (String::new(), String::new());
    for line in lines {
        let (mark, text) = line.split_at(1);
        match mark {
            " " => {
                old += text;
                old += "\n";
                new += text;
                new += "\n";
            }
            "-" => {
                old += text;
                old += "\n";
            }
            "+" => {
                new += text;
                new += "\n";
            }
            _ => panic!("unexpected diff line {line:?}"),
        }
    }
    assert_eq!((old, new), (before, expected));
}

#[test]
fn dockwise_toml_is_found_from_a_sub_folder_and_errors_name_file_and_line() {
    let dir = TempDir::new();
    dir.write(
        ".dockwise.toml",
        "only = [\"DW2007\"]\ndisable = [\"DL3007\"]\n",
    );
    dir.write("sub/Dockerfile", LATEST);
    let run = run_in(
        &dir.path().join("sub"),
        &["check", "--format", "json", "Dockerfile"],
        None,
    );
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert!(codes(&run.json()[0]).is_empty());
    // Flags win over the file.
    let run = run_in(
        &dir.path().join("sub"),
        &[
            "check",
            "--format",
            "json",
            "--enable",
            "DL3007",
            "Dockerfile",
        ],
        None,
    );
    assert_eq!(codes(&run.json()[0]), vec!["DW2007"]);

    dir.write(
        ".dockwise.toml",
        "only = [\"DW2007\"]\n\n[severity]\nDW2007 = \"fatal\"\n",
    );
    let run = run_in(&dir.path().join("sub"), &["check", "Dockerfile"], None);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(".dockwise.toml") && run.stderr.contains("line 4"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("fatal"), "{}", run.stderr);
}

#[test]
fn config_flag_and_no_config() {
    let dir = project();
    dir.write(
        "elsewhere/strict.toml",
        "only = [\"DW2007\"]\nfailure_threshold = \"error\"\n",
    );
    let run = run_in(
        dir.path(),
        &["check", "--config", "elsewhere/strict.toml", "Dockerfile"],
        None,
    );
    assert_eq!(run.status, 0, "{}", run.stdout);
    let missing = run_in(
        dir.path(),
        &["check", "--config", "nope.toml", "Dockerfile"],
        None,
    );
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.contains("nope.toml"), "{}", missing.stderr);
    let none = run_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "Dockerfile"],
        None,
    );
    assert!(codes(&none.json()[0]).contains(&"DW2007".to_string()));
}

#[test]
fn hadolint_yaml_is_mapped_when_there_is_no_dockwise_toml() {
    let dir = TempDir::new();
    dir.write("Dockerfile", LATEST);
    dir.write(
        ".hadolint.yaml",
        "# team settings\nignored:\n  - DW1013 # python env\n  - DW1005\noverride:\n  error: [DL3007]\nfailure-threshold: error\n",
    );
    let run = run_in(
        dir.path(),
        &["check", "--format", "json", "Dockerfile"],
        None,
    );
    let review = &run.json()[0];
    let findings = review["findings"].as_array().unwrap();
    assert!(
        !codes(review).iter().any(|c| c == "DW1013" || c == "DW1005"),
        "{:?}",
        codes(review)
    );
    let latest = findings
        .iter()
        .find(|f| f["rule"] == "DW2007")
        .expect("DW2007 still runs");
    assert_eq!(latest["severity"], "error");
    assert_eq!(run.status, 1, "an error reaches the `error` threshold");

    dir.write(
        ".hadolint.yaml",
        "ignored: [DL3007]\nfailure-threshold: none\n",
    );
    let run = run_in(
        dir.path(),
        &["check", "--format", "json", "Dockerfile"],
        None,
    );
    assert!(!codes(&run.json()[0]).contains(&"DW2007".to_string()));
    assert_eq!(run.status, 0);

    dir.write(
        ".hadolint.yaml",
        "ignored: [DL3007]\noverride:\n  fatal: [DL3008]\n",
    );
    let run = run_in(dir.path(), &["check", "Dockerfile"], None);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(".hadolint.yaml:3") && run.stderr.contains("override.fatal"),
        "{}",
        run.stderr
    );
}

#[test]
fn inline_hadolint_ignore_is_honoured() {
    let dir = TempDir::new();
    dir.write(".dockwise.toml", ONLY_LATEST);
    dir.write(
        "Dockerfile",
        "# hadolint ignore=DL3007\nFROM python:latest\nCMD [\"python\"]\n",
    );
    let run = run_in(
        dir.path(),
        &["check", "--format", "json", "Dockerfile"],
        None,
    );
    assert!(codes(&run.json()[0]).is_empty(), "{}", run.stdout);
    assert_eq!(run.status, 0);
}

#[test]
fn explain_accepts_a_code_a_name_or_a_peer_code() {
    let dir = TempDir::new();
    for selector in ["DW2007", "image-latest-tag", "DL3007", "dl3007"] {
        let run = run_in(dir.path(), &["explain", selector], None);
        assert_eq!(run.status, 0, "{selector}: {}", run.stderr);
        assert!(
            run.stdout.starts_with("DW2007 image-latest-tag\n"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("hadolint DL3007"));
        let rule = dockwise::rules::find("DW2007").unwrap();
        assert!(run
            .stdout
            .contains(rule.docs.example.lines().next().unwrap()));
        assert!(run.stdout.contains(rule.docs.fixed.lines().next().unwrap()));
    }
    let run = run_in(dir.path(), &["explain", "DL9999"], None);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("DL9999"));
}

#[test]
fn rules_lists_every_rule_as_json_and_table() {
    let dir = TempDir::new();
    let run = run_in(dir.path(), &["rules", "--format", "json"], None);
    assert_eq!(run.status, 0);
    let list = run.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), dockwise::rules::all().count());
    let latest = list.iter().find(|r| r["code"] == "DW2007").unwrap();
    assert_eq!(latest["name"], "image-latest-tag");
    assert_eq!(latest["aliases"]["hadolint"], "DL3007");
    assert_eq!(latest["enabled_by_default"], true);
    assert!(
        latest["fix"].is_string()
            && latest["category"].is_string()
            && latest["severity"].is_string()
    );
    let table = run_in(dir.path(), &["rules"], None);
    for rule in dockwise::rules::all() {
        assert!(
            table
                .stdout
                .lines()
                .any(|l| l.starts_with(rule.code) && l.contains(rule.name)),
            "{}",
            rule.code
        );
    }
}

#[test]
fn help_and_version() {
    let dir = TempDir::new();
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["fix", "-h"],
        &["rules", "--help"],
        &["explain", "--help"],
    ] {
        let run = run_in(dir.path(), args, None);
        assert_eq!(run.status, 0, "{args:?}");
        assert!(run.stdout.contains("Usage: dockwise"), "{args:?}");
    }
    let version = run_in(dir.path(), &["--version"], None);
    assert_eq!(
        version.stdout.trim(),
        format!(
            "dockwise {} (base-image data {})",
            env!("CARGO_PKG_VERSION"),
            dockwise::data::base_images::LAST_VERIFIED
        )
    );
}

#[test]
fn the_dockerignore_beside_the_dockerfile_reaches_the_rules() {
    // Whichever rule reads `context_has_dockerignore`: its docs example fires without a .dockerignore.
    let Some(rule) = dockwise::rules::find("whole-context-copy") else {
        eprintln!("skipped: no whole-context-copy rule yet");
        return;
    };
    let dir = TempDir::new();
    dir.write(".dockwise.toml", &format!("only = [\"{}\"]\n", rule.code));
    dir.write("app/Dockerfile", rule.docs.example);
    let run = run_in(dir.path(), &["check", "--format", "json", "app"], None);
    assert_eq!(
        codes(&run.json()[0]),
        vec![rule.code],
        "no .dockerignore: {}",
        run.stdout
    );
    dir.write("app/.dockerignore", ".git\n.env\n");
    let run = run_in(dir.path(), &["check", "--format", "json", "app"], None);
    assert!(
        codes(&run.json()[0]).is_empty(),
        "with a .dockerignore: {}",
        run.stdout
    );
}

#[test]
fn selectors_naming_no_rule_are_warned_about() {
    let dir = project();
    dir.write(
        ".dockwise.toml",
        "only = [\"DW2007\"]\ndisable = [\"no-such-rule\"]\n",
    );
    let run = run_in(
        dir.path(),
        &["check", "--enable", "DW9999", "Dockerfile"],
        None,
    );
    assert_eq!(run.status, 1, "a warning, not an error");
    assert!(
        run.stderr.contains("`no-such-rule` names no rule"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`DW9999` names no rule"),
        "{}",
        run.stderr
    );
    // hadolint files list hadolint checks Dockwise may not have: no noise for those.
    let dir = TempDir::new();
    dir.write(".hadolint.yaml", "ignored: [DL9999]\n");
    dir.write("Dockerfile", PINNED);
    assert!(!run_in(dir.path(), &["check", "Dockerfile"], None)
        .stderr
        .contains("DL9999"));
}

#[test]
fn unsafe_fixes_apply_only_with_the_flag() {
    let Some(rule) =
        dockwise::rules::all().find(|r| matches!(r.fix, dockwise::rule::FixKind::Unsafe(_)))
    else {
        eprintln!("skipped: no rule with unsafe fixes yet");
        return;
    };
    let dir = TempDir::new();
    dir.write(".dockwise.toml", &format!("only = [\"{}\"]\n", rule.code));
    dir.write("Dockerfile", rule.docs.example);
    let config = dockwise::Config::only(rule.code);
    let safe = dockwise::fix::fix(rule.docs.example, &config, false).text;
    let risky = dockwise::fix::fix(rule.docs.example, &config, true).text;
    assert_ne!(
        risky, rule.docs.example,
        "{}'s unsafe fix changes its example",
        rule.code
    );
    assert_eq!(
        run_in(dir.path(), &["fix", "Dockerfile"], None).stdout,
        safe
    );
    assert_eq!(
        run_in(dir.path(), &["fix", "--unsafe", "Dockerfile"], None).stdout,
        risky
    );
    // The configuration file can ask for them too.
    dir.write(
        ".dockwise.toml",
        &format!("only = [\"{}\"]\nunsafe_fixes = true\n", rule.code),
    );
    assert_eq!(
        run_in(dir.path(), &["fix", "Dockerfile"], None).stdout,
        risky
    );
}
