//! The integrations run for real: the hooks in `.pre-commit-hooks.yaml` the way pre-commit runs them, and the
//! composite `action.yml` the way a GitHub runner does, both with the built binary on temporary repositories.
//! Each test reads the file it covers and fails loudly when its shape is no longer what it emulates.

mod common;

use common::TempDir;
use serde::Deserialize;
use serde_norway::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const BAD: &str = "FROM ubuntu\nRUN apt-get update && apt-get install -y curl\n";
const GOOD: &str = "FROM busybox:1.36.1\nUSER 10001:10001\nCMD [\"true\"]\n";

fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One hook of `.pre-commit-hooks.yaml`: the keys pre-commit's manifest allows (anything else is an error here).
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Hook {
    id: String,
    name: String,
    entry: String,
    language: String,
    description: Option<String>,
    files: Option<String>,
    exclude: Option<String>,
    #[serde(default = "file_type")]
    types: Vec<String>,
    #[serde(default)]
    types_or: Vec<String>,
    #[serde(default)]
    exclude_types: Vec<String>,
    #[serde(default)]
    args: Vec<String>,
    pass_filenames: Option<bool>,
    always_run: Option<bool>,
    require_serial: Option<bool>,
    stages: Option<Vec<String>>,
    minimum_pre_commit_version: Option<String>,
}

fn file_type() -> Vec<String> {
    vec!["file".to_string()]
}

fn hooks() -> BTreeMap<String, Hook> {
    let text = std::fs::read_to_string(repository_root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<Hook> = serde_norway::from_str(&text).expect("pre-commit's manifest shape");
    hooks.into_iter().map(|h| (h.id.clone(), h)).collect()
}

/// identify's tags for a file, as far as the hooks use them: `file`, and `text` when the first KiB has no NUL.
fn file_tags(path: &Path) -> Vec<&'static str> {
    let bytes = std::fs::read(path).unwrap();
    let head = &bytes[..bytes.len().min(1024)];
    let mut tags = vec!["file"];
    if !head.contains(&0) {
        tags.push("text");
    }
    tags
}

/// The files pre-commit hands the hook: `files` and `exclude` with `re.search` on the repository path, then
/// every tag of `types`, one of `types_or`, none of `exclude_types`.
fn selected(hook: &Hook, repo: &Path, files: &[&str]) -> Vec<String> {
    let include = regex::Regex::new(hook.files.as_deref().unwrap_or("")).unwrap();
    let exclude = regex::Regex::new(hook.exclude.as_deref().unwrap_or("^$")).unwrap();
    for tag in hook
        .types
        .iter()
        .chain(&hook.types_or)
        .chain(&hook.exclude_types)
    {
        assert!(
            ["file", "text"].contains(&tag.as_str()),
            "hook {}: type `{tag}` is not emulated here",
            hook.id
        );
    }
    files
        .iter()
        .filter(|f| include.is_match(f) && !exclude.is_match(f))
        .filter(|f| {
            let tags = file_tags(&repo.join(f));
            hook.types.iter().all(|t| tags.contains(&t.as_str()))
                && (hook.types_or.is_empty()
                    || hook.types_or.iter().any(|t| tags.contains(&t.as_str())))
                && !hook
                    .exclude_types
                    .iter()
                    .any(|t| tags.contains(&t.as_str()))
        })
        .map(|f| f.to_string())
        .collect()
}

/// Runs a hook as pre-commit does (`entry`, then `args`, then the file names), from the repository root, with
/// the built binary in place of the `dockwise` that `language: system` finds on PATH.
fn run_hook(hook: &Hook, repo: &Path, files: &[String]) -> common::Run {
    assert_eq!(
        hook.language, "system",
        "hook {}: only `system` is emulated",
        hook.id
    );
    assert!(
        !hook.entry.contains(['"', '\'', '\\']),
        "hook {}: the entry is split on spaces here, pre-commit uses shlex",
        hook.id
    );
    let mut words = hook.entry.split_whitespace();
    assert_eq!(words.next(), Some("dockwise"), "hook {}", hook.id);
    assert_ne!(hook.pass_filenames, Some(false), "hook {}", hook.id);
    let output = Command::new(env!("CARGO_BIN_EXE_dockwise"))
        .args(words)
        .args(&hook.args)
        .args(files)
        .current_dir(repo)
        .env_remove("NO_COLOR")
        .output()
        .expect("the dockwise binary runs");
    common::Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A repository with Dockerfiles under every name the hooks should take, and files they must leave alone.
fn hook_repository() -> (TempDir, Vec<&'static str>) {
    let repo = TempDir::new();
    let files = vec![
        "Dockerfile",
        "Dockerfile.dev",
        "x.Dockerfile",
        "api/Containerfile",
        "README.md",
        "Dockerfile.j2",
        "Dockerfile.dockerignore",
        "docs/Dockerfile.md",
        "notes.txt",
    ];
    for f in &files {
        repo.write(f, if *f == "Dockerfile.dev" { BAD } else { GOOD });
    }
    (repo, files)
}

#[test]
fn pre_commit_hooks_select_dockerfiles_and_report_the_bad_one() {
    let hooks = hooks();
    assert_eq!(
        hooks.keys().collect::<Vec<_>>(),
        ["dockwise", "dockwise-fix"],
        "the hooks this test knows"
    );
    let (repo, files) = hook_repository();
    let expected = [
        "Dockerfile",
        "Dockerfile.dev",
        "x.Dockerfile",
        "api/Containerfile",
    ];
    for hook in hooks.values() {
        assert_eq!(
            selected(hook, repo.path(), &files),
            expected,
            "hook {}",
            hook.id
        );
    }

    let check = &hooks["dockwise"];
    let good: Vec<String> = selected(check, repo.path(), &files)
        .into_iter()
        .filter(|f| f != "Dockerfile.dev")
        .collect();
    let run = run_hook(check, repo.path(), &good);
    assert_eq!(
        run.status, 0,
        "good files pass:\n{}{}",
        run.stdout, run.stderr
    );

    let run = run_hook(check, repo.path(), &selected(check, repo.path(), &files));
    assert_eq!(
        run.status, 1,
        "the bad file fails the hook:\n{}{}",
        run.stdout, run.stderr
    );
    let output = format!("{}{}", run.stdout, run.stderr);
    assert!(
        output.contains("Dockerfile.dev:2:"),
        "names the bad file and line:\n{output}"
    );
    assert!(
        !output.contains("x.Dockerfile:"),
        "good files have no findings:\n{output}"
    );
}

#[test]
fn the_fix_hook_rewrites_the_bad_file_in_place() {
    let hooks = hooks();
    let (repo, files) = hook_repository();
    let fix = &hooks["dockwise-fix"];
    let run = run_hook(fix, repo.path(), &selected(fix, repo.path(), &files));
    assert!(
        run.status == 0 || run.status == 1,
        "{}{}",
        run.stdout,
        run.stderr
    );
    // pre-commit fails a hook that modifies files; the bad one is modified, the good ones are not.
    let fixed = repo.read("Dockerfile.dev");
    assert_ne!(fixed, BAD);
    assert!(fixed.contains("rm -rf /var/lib/apt/lists/*"), "{fixed}");
    assert_eq!(repo.read("x.Dockerfile"), GOOD);
}

/// The `${{ ... }}` expressions of action.yml: only `inputs.NAME` (declared) is supported; anything else fails.
fn substitute(text: &str, inputs: &BTreeMap<String, String>) -> String {
    let expression = regex::Regex::new(r"\$\{\{\s*(.*?)\s*\}\}").unwrap();
    expression
        .replace_all(text, |c: &regex::Captures| {
            let name = c[1]
                .strip_prefix("inputs.")
                .unwrap_or_else(|| panic!("expression `{}` is not emulated", &c[1]));
            inputs
                .get(name)
                .unwrap_or_else(|| panic!("`inputs.{name}` is not a declared input"))
                .clone()
        })
        .into_owned()
}

/// A step's `if:`: `always()`, `success()` and `inputs.NAME == 'value'` joined by `&&`.
fn condition(expression: Option<&str>, failed: bool, inputs: &BTreeMap<String, String>) -> bool {
    let Some(expression) = expression else {
        return !failed;
    };
    let mut always = false;
    let mut holds = true;
    for term in expression.split("&&").map(str::trim) {
        match term {
            "always()" => always = true,
            "success()" => holds &= !failed,
            _ => {
                let (left, right) = term
                    .split_once("==")
                    .unwrap_or_else(|| panic!("condition `{term}` is not emulated"));
                let name = left.trim().strip_prefix("inputs.").expect("an input");
                let value = right.trim().trim_matches('\'');
                holds &= inputs[name] == value;
            }
        }
    }
    holds && (always || !failed)
}

struct ActionRun {
    /// (step name, exit status) of each `run:` step that ran.
    statuses: Vec<(String, i32)>,
    stdout: String,
    /// The SARIF file handed to the upload step, when that step would run.
    uploaded: Option<PathBuf>,
}

/// Runs action.yml's steps as a runner does: each `run:` with `bash --noprofile --norc -eo pipefail`, the
/// inputs substituted, INPUT_* set, later steps skipped after a failure unless `if: always()`. `cargo` is a
/// stand-in that checks the install step's arguments and installs the built binary where it asks.
fn run_action(workspace: &Path, given: &[(&str, &str)]) -> ActionRun {
    let text = std::fs::read_to_string(repository_root().join("action.yml")).unwrap();
    let action: Value = serde_norway::from_str(&text).unwrap();
    let declared = action["inputs"].as_mapping().expect("inputs");
    let mut inputs = BTreeMap::new();
    for (name, spec) in declared {
        let name = name.as_str().unwrap().to_string();
        let default = spec.get("default").and_then(Value::as_str).unwrap_or("");
        inputs.insert(name, default.to_string());
    }
    for (name, value) in given {
        assert!(
            inputs.contains_key(*name),
            "`{name}` is not an input of action.yml"
        );
        inputs.insert(name.to_string(), value.to_string());
    }
    assert_eq!(
        action["runs"]["using"].as_str(),
        Some("composite"),
        "a composite action"
    );
    let steps = action["runs"]["steps"].as_sequence().expect("steps");

    let runner = TempDir::new();
    let fake_cargo = runner.write(
        "fake-bin/cargo",
        r#"#!/usr/bin/env bash
set -eu
[ "$1" = install ] || { echo "fake cargo: only install: $*" >&2; exit 97; }
shift
path= root=
while [ $# -gt 0 ]; do
  case "$1" in
    --path) path=$2; shift 2 ;;
    --root) root=$2; shift 2 ;;
    --locked) shift ;;
    *) echo "fake cargo: unexpected argument $1" >&2; exit 98 ;;
  esac
done
grep -q '^name = "dockwise"' "$path/Cargo.toml" || { echo "fake cargo: no dockwise binary in $path" >&2; exit 99; }
mkdir -p "$root/bin"
cp "$DOCKWISE_BUILT" "$root/bin/dockwise"
"#,
    );
    make_executable(&fake_cargo);
    let built = PathBuf::from(env!("CARGO_BIN_EXE_dockwise"));
    let path = format!(
        "{}:{}:{}",
        runner.path().join("fake-bin").display(),
        built.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut result = ActionRun {
        statuses: Vec::new(),
        stdout: String::new(),
        uploaded: None,
    };
    let mut failed = false;
    for step in steps {
        let keys: Vec<&str> = step
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .collect();
        for key in &keys {
            assert!(
                ["name", "id", "shell", "run", "if", "uses", "with", "env"].contains(key),
                "step key `{key}` is not emulated"
            );
        }
        let name = step["name"].as_str().unwrap_or("").to_string();
        if !condition(step.get("if").and_then(Value::as_str), failed, &inputs) {
            continue;
        }
        if let Some(uses) = step.get("uses").and_then(Value::as_str) {
            assert!(
                uses.starts_with("github/codeql-action/upload-sarif@"),
                "the only action used is the SARIF upload, not {uses}"
            );
            let file = substitute(step["with"]["sarif_file"].as_str().unwrap(), &inputs);
            result.uploaded = Some(workspace.join(file));
            continue;
        }
        assert_eq!(step["shell"].as_str(), Some("bash"), "step {name}");
        assert!(
            step.get("env").is_none(),
            "step {name}: `env` is not emulated"
        );
        let script = substitute(step["run"].as_str().expect("a run step"), &inputs);
        let script_file = runner.write(&format!("step-{}.sh", result.statuses.len()), &script);
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script_file)
            .current_dir(workspace)
            .env("PATH", &path)
            .env("DOCKWISE_BUILT", &built)
            .env("GITHUB_ACTION_PATH", repository_root())
            .env("GITHUB_WORKSPACE", workspace)
            .env("RUNNER_TEMP", runner.path().join("temp"))
            .env_remove("NO_COLOR");
        for (input, value) in &inputs {
            command.env(
                format!("INPUT_{}", input.to_uppercase().replace(' ', "_")),
                value,
            );
        }
        let output = command.output().unwrap();
        let status = output.status.code().unwrap_or(-1);
        result
            .stdout
            .push_str(&String::from_utf8_lossy(&output.stdout));
        assert!(
            status == 0 || status == 1,
            "step {name} broke ({status}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        failed |= status != 0;
        result.statuses.push((name, status));
    }
    result
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_action_annotates_writes_sarif_and_fails_on_findings() {
    let workspace = TempDir::new();
    workspace.write("Dockerfile", BAD);
    workspace.write("services/api/Dockerfile", GOOD);
    let run = run_action(workspace.path(), &[]);
    let statuses: Vec<i32> = run.statuses.iter().map(|(_, s)| *s).collect();
    assert_eq!(
        statuses,
        [0, 0, 1],
        "install, annotations (--no-fail), SARIF (fails the job): {:?}",
        run.statuses
    );
    assert!(
        run.stdout.contains("::warning file=Dockerfile,line=2,"),
        "annotations for the pull request:\n{}",
        run.stdout
    );
    let sarif_path = run
        .uploaded
        .expect("the upload step runs even after the failure");
    assert_eq!(sarif_path, workspace.path().join("dockwise.sarif"));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).expect("the SARIF file exists"))
            .unwrap();
    common::sarif_schema_validates(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| {
        let location = &r["locations"][0]["physicalLocation"];
        location["artifactLocation"]["uri"] == "Dockerfile" && location["region"]["startLine"] == 2
    }));
    assert!(results
        .iter()
        .all(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "Dockerfile"));
}

#[test]
fn the_action_passes_args_and_honours_its_inputs() {
    let workspace = TempDir::new();
    workspace.write("app/Dockerfile", BAD);
    let run = run_action(
        workspace.path(),
        &[
            ("paths", "app"),
            ("args", "--failure-threshold error"),
            ("sarif-file", "report.sarif"),
            ("upload-sarif", "false"),
        ],
    );
    let statuses: Vec<i32> = run.statuses.iter().map(|(_, s)| *s).collect();
    assert_eq!(
        statuses,
        [0, 0, 0],
        "warnings pass below the threshold: {:?}",
        run.statuses
    );
    assert!(
        run.uploaded.is_none(),
        "upload-sarif: false skips the upload"
    );
    let sarif = std::fs::read_to_string(workspace.path().join("report.sarif"))
        .expect("sarif-file is honoured");
    assert!(sarif.contains("app/Dockerfile"), "{sarif}");
    assert!(!workspace.path().join("dockwise.sarif").exists());
}
