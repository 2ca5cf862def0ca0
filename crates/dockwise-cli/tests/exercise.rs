//! `dockwise exercise`, the classroom autograder, end to end: exit codes, the JSON shape, TOML and JSON exercise
//! files, errors naming the file and the field, built-ins.

mod common;

use common::{run_in, TempDir};

const EXERCISE_TOML: &str = r#"
title = "Runtime settings"
instructions = "Set **PYTHONUNBUFFERED** and expose 8000."
starting = """
FROM python:3.12-slim
CMD ["python", "app.py"]
"""
hints = ["Use ENV.", "ENV PYTHONUNBUFFERED=1"]

[[goals]]
env-set = "PYTHONUNBUFFERED"

[[goals]]
kind = "exposes"
value = 8000
description = "Port 8000 is documented"
"#;

const FAILING: &str = "FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n";
const PASSING: &str =
    "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n";

fn classroom() -> TempDir {
    let dir = TempDir::new();
    dir.write("exercise.toml", EXERCISE_TOML);
    dir.write("failing/Dockerfile", FAILING);
    dir.write("passing/Dockerfile", PASSING);
    dir
}

#[test]
fn exit_code_is_0_when_every_goal_passes_and_1_when_one_fails() {
    let dir = classroom();
    let pass = run_in(
        dir.path(),
        &[
            "exercise",
            "check",
            "--exercise",
            "exercise.toml",
            "passing/Dockerfile",
        ],
        None,
    );
    assert_eq!(pass.status, 0, "{}{}", pass.stdout, pass.stderr);
    assert!(
        pass.stdout.contains("✓ PYTHONUNBUFFERED is set with ENV"),
        "{}",
        pass.stdout
    );
    assert!(pass.stdout.contains("Score: 2/2 goals"), "{}", pass.stdout);
    let fail = run_in(
        dir.path(),
        &[
            "exercise",
            "check",
            "--exercise",
            "exercise.toml",
            "failing/Dockerfile",
        ],
        None,
    );
    assert_eq!(fail.status, 1, "{}{}", fail.stdout, fail.stderr);
    assert!(
        fail.stdout.contains("✗ PYTHONUNBUFFERED is set with ENV"),
        "{}",
        fail.stdout
    );
    assert!(
        fail.stdout.contains("✓ Port 8000 is documented"),
        "{}",
        fail.stdout
    );
    assert!(fail.stdout.contains("Score: 1/2 goals"), "{}", fail.stdout);
}

#[test]
fn json_output_has_each_goal_the_score_and_the_verdict() {
    let dir = classroom();
    let run = run_in(
        dir.path(),
        &[
            "exercise",
            "check",
            "-e",
            "exercise.toml",
            "--format",
            "json",
            "failing/Dockerfile",
        ],
        None,
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["exercise"], "Runtime settings");
    assert_eq!(v["path"], "failing/Dockerfile");
    assert_eq!(
        (v["score"].as_u64(), v["total"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(v["passed"], false);
    let goals = v["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 2);
    assert_eq!(goals[0]["description"], "PYTHONUNBUFFERED is set with ENV");
    assert_eq!(goals[0]["passed"], false);
    assert!(goals[0]["detail"]
        .as_str()
        .unwrap()
        .contains("never sets PYTHONUNBUFFERED"));
    assert_eq!(goals[1]["passed"], true);
    assert!(v["syntax_errors"].as_array().unwrap().is_empty());
}

#[test]
fn a_json_exercise_and_standard_input_work_too() {
    let dir = classroom();
    dir.write(
        "exercise.json",
        r#"{"title": "J", "starting": "FROM python:3.12\n", "goals": [{"env-set": "PYTHONUNBUFFERED"}]}"#,
    );
    let run = run_in(
        dir.path(),
        &["exercise", "check", "--exercise=exercise.json", "-"],
        Some(PASSING),
    );
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_bad_exercise_file_exits_2_naming_the_file_and_the_field() {
    let dir = classroom();
    dir.write(
        "bad.toml",
        "title = \"x\"\nstarting = \"FROM a:1\"\n\n[[goals]]\nkind = \"healthcheck\"\n\n[[goals]]\nkind = \"finall-stage\"\n",
    );
    let run = run_in(
        dir.path(),
        &[
            "exercise",
            "check",
            "--exercise",
            "bad.toml",
            "passing/Dockerfile",
        ],
        None,
    );
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains(
            "bad.toml: goals[1].kind: unknown goal \"finall-stage\"; did you mean \"final-stage-non-root\"?"
        ),
        "{}",
        run.stderr
    );
    dir.write("broken.toml", "title = \n");
    let run = run_in(
        dir.path(),
        &[
            "exercise",
            "check",
            "--exercise",
            "broken.toml",
            "passing/Dockerfile",
        ],
        None,
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("broken.toml: not valid TOML"),
        "{}",
        run.stderr
    );
    let run = run_in(
        dir.path(),
        &[
            "exercise",
            "check",
            "--exercise",
            "missing.toml",
            "passing/Dockerfile",
        ],
        None,
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("cannot read missing.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = classroom();
    for args in [
        vec!["exercise"],
        vec!["exercise", "grade"],
        vec!["exercise", "check", "passing/Dockerfile"],
        vec![
            "exercise",
            "check",
            "--builtin",
            "nope",
            "passing/Dockerfile",
        ],
        vec!["exercise", "check", "--builtin", "python-01-env"],
        vec![
            "exercise",
            "check",
            "--builtin",
            "python-01-env",
            "--format",
            "xml",
            "passing/Dockerfile",
        ],
        vec![
            "exercise",
            "check",
            "--builtin",
            "python-01-env",
            "no/Dockerfile",
        ],
    ] {
        let run = run_in(dir.path(), &args, None);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("dockwise: error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn builtins_are_listed_shown_and_graded() {
    let dir = TempDir::new();
    let list = run_in(dir.path(), &["exercise", "list", "--format", "json"], None);
    assert_eq!(list.status, 0);
    let names: Vec<String> = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    assert!(names.contains(&"python-01-env".to_string()));
    let show = run_in(dir.path(), &["exercise", "show", "python-01-env"], None);
    assert_eq!(show.status, 0, "{}", show.stderr);
    let exercise = show.json();
    let starting = exercise["starting"].as_str().unwrap();
    let solution = exercise["solution"].as_str().unwrap();
    dir.write("exercise.json", &show.stdout);
    dir.write("start/Dockerfile", starting);
    dir.write("done/Dockerfile", solution);
    let start = run_in(
        dir.path(),
        &["exercise", "check", "-b", "python-01", "start/Dockerfile"],
        None,
    );
    assert_eq!(start.status, 1, "{}", start.stdout);
    let done = run_in(
        dir.path(),
        &["exercise", "check", "-b", "python-01", "done/Dockerfile"],
        None,
    );
    assert_eq!(done.status, 0, "{}", done.stdout);
    // What `show` prints is a valid exercise file.
    let again = run_in(
        dir.path(),
        &[
            "exercise",
            "check",
            "-e",
            "exercise.json",
            "done/Dockerfile",
        ],
        None,
    );
    assert_eq!(again.status, 0, "{}{}", again.stdout, again.stderr);
}
