use super::*;
use serde_json::json;

fn exercise(goals: serde_json::Value) -> Exercise {
    Exercise::from_value(&json!({
        "title": "t",
        "instructions": "i",
        "starting": "FROM python:3.12\n",
        "goals": goals,
    }))
    .expect("valid exercise")
}

fn format_error(value: serde_json::Value) -> String {
    match Exercise::from_value(&value) {
        Ok(_) => panic!("expected an error for {value}"),
        Err(e) => e.to_string(),
    }
}

/// Does `source` meet the single goal `goal`? Returns (passed, detail).
fn goal(goal: serde_json::Value, source: &str) -> (bool, String) {
    let result = check(&exercise(json!([goal])), source);
    let g = &result.goals[0];
    (g.passed, g.detail.clone())
}

fn passes(g: serde_json::Value, source: &str) {
    let (passed, detail) = goal(g.clone(), source);
    assert!(passed, "{g} should pass on:\n{source}\ndetail: {detail}");
}

fn fails(g: serde_json::Value, source: &str) -> String {
    let (passed, detail) = goal(g.clone(), source);
    assert!(!passed, "{g} should fail on:\n{source}\ndetail: {detail}");
    detail
}

// ---- format ----

#[test]
fn reads_every_goal_form() {
    let e = exercise(json!([
        "healthcheck",
        { "kind": "env-set", "value": "PYTHONUNBUFFERED", "description": "unbuffered" },
        { "env-set": "PYTHONDONTWRITEBYTECODE" },
        { "rule": "DL3042" },
        { "kind": "base-image-pinned", "digest": true },
        { "max-layers": 3 },
        { "exposes": "8000" },
        { "multi-stage": true },
    ]));
    assert_eq!(e.goals[0].kind, GoalKind::Healthcheck);
    assert_eq!(e.goals[0].description, "The image has a HEALTHCHECK");
    assert_eq!(e.goals[1].description, "unbuffered");
    assert_eq!(
        e.goals[2].kind,
        GoalKind::EnvSet {
            value: "PYTHONDONTWRITEBYTECODE".into()
        }
    );
    assert_eq!(
        e.goals[3].kind,
        GoalKind::Rule {
            rule: "DL3042".into(),
            needs: None
        }
    );
    assert!(e.goals[3].description.contains("DL3042"));
    assert_eq!(e.goals[4].kind, GoalKind::BaseImagePinned { digest: true });
    assert_eq!(e.goals[5].kind, GoalKind::MaxLayers { value: 3 });
    assert_eq!(e.goals[6].kind, GoalKind::Exposes { value: 8000 });
    assert_eq!(e.goals[7].kind, GoalKind::MultiStage);
}

#[test]
fn round_trips_through_its_own_json() {
    let e = exercise(json!([
        "healthcheck",
        { "rule": "DW1001" },
        { "kind": "base-image-pinned", "digest": true },
        { "kind": "final-base", "value": "distroless" },
        { "exposes": 8000 },
    ]));
    let again = Exercise::from_json(&e.to_json()).expect("reads its own JSON");
    assert_eq!(again, e);
}

#[test]
fn names_the_field_of_an_unknown_goal_with_a_suggestion() {
    let message = format_error(json!({
        "title": "t", "starting": "FROM a:1\n",
        "goals": ["healthcheck", "multi-stage", { "kind": "finall-stage" }],
    }));
    assert_eq!(
        message,
        "goals[2].kind: unknown goal \"finall-stage\"; did you mean \"final-stage-non-root\"?"
    );
}

#[test]
fn names_missing_and_mistyped_fields() {
    let m = format_error(json!({ "starting": "FROM a\n", "goals": ["healthcheck"] }));
    assert_eq!(m, "title: missing");
    let m = format_error(json!({ "title": "t", "goals": ["healthcheck"] }));
    assert_eq!(m, "starting: missing");
    let m = format_error(json!({ "title": "t", "starting": "", "goals": [] }));
    assert!(m.starts_with("goals: empty"), "{m}");
    let m = format_error(
        json!({ "title": "t", "starting": "", "goals": ["healthcheck"], "hints": ["a", 3] }),
    );
    assert_eq!(m, "hints[1]: expected text, found a number");
    let m =
        format_error(json!({ "title": "t", "starting": "", "goals": ["healthcheck"], "hint": [] }));
    assert_eq!(m, "hint: unknown field \"hint\"; did you mean \"hints\"?");
    let m = format_error(json!({ "title": 3, "starting": "", "goals": ["healthcheck"] }));
    assert_eq!(m, "title: expected text, found a number");
}

#[test]
fn names_bad_goal_parameters() {
    let base = |g: serde_json::Value| json!({ "title": "t", "starting": "", "goals": [g] });
    assert_eq!(
        format_error(base(json!({ "kind": "exposes", "value": 70000 }))),
        "goals[0].value: expected a port number (1 to 65535), found 70000"
    );
    assert_eq!(
        format_error(base(json!({ "kind": "env-set" }))),
        "goals[0].value: missing: the goal \"env-set\" needs a `value`"
    );
    assert_eq!(
        format_error(base(json!({ "kind": "final-base", "value": "distroles" }))),
        "goals[0].value: unknown base kind \"distroles\"; did you mean \"distroless\"?"
    );
    assert!(format_error(base(json!({ "rule": "DW9999" })))
        .starts_with("goals[0].rule: unknown rule \"DW9999\""));
    assert_eq!(
        format_error(base(json!({ "kind": "healthcheck", "value": 3 }))),
        "goals[0].value: the goal \"healthcheck\" takes no `value`"
    );
    assert_eq!(
        format_error(base(
            json!({ "kind": "base-image-pinned", "digest": "yes" })
        )),
        "goals[0].digest: expected true or false, found text"
    );
    assert_eq!(
        format_error(base(json!({ "kind": "healthcheck", "descripton": "x" }))),
        "goals[0].descripton: unknown field \"descripton\"; did you mean \"description\"?"
    );
    assert!(format_error(base(json!({ "title": "x" }))).starts_with("goals[0].kind: missing"));
    assert!(format_error(base(json!(42))).starts_with("goals[0]: expected a goal"));
}

#[test]
fn reports_invalid_json_with_its_position() {
    let m = Exercise::from_json("{\"title\": }")
        .unwrap_err()
        .to_string();
    assert!(m.starts_with("not valid JSON (line 1, column 11)"), "{m}");
}

// ---- goals ----

#[test]
fn rule_goal_passes_when_the_rule_is_quiet_by_code_name_or_alias() {
    let cached = "FROM python:3.12\nRUN pip install flask\n";
    let clean = "FROM python:3.12\nRUN pip install --no-cache-dir flask\n";
    for selector in ["DW2042", "pip-no-cache-dir", "DL3042"] {
        if crate::rules::find(selector).is_none() {
            continue;
        }
        let detail = fails(json!({ "rule": selector }), cached);
        assert!(detail.contains("line 2"), "{detail}");
        passes(json!({ "rule": selector }), clean);
    }
}

#[test]
fn final_stage_non_root() {
    fails(
        json!("final-stage-non-root"),
        "FROM python:3.12\nCMD [\"python\"]\n",
    );
    fails(
        json!("final-stage-non-root"),
        "FROM python:3.12\nUSER root\n",
    );
    fails(
        json!("final-stage-non-root"),
        "FROM python:3.12\nUSER 0:0\n",
    );
    fails(
        json!("final-stage-non-root"),
        "FROM python:3.12 AS b\nUSER app\nFROM python:3.12\nCOPY --from=b /a /a\n",
    );
    passes(
        json!("final-stage-non-root"),
        "FROM python:3.12\nRUN useradd -u 10001 app\nUSER 10001\n",
    );
    passes(
        json!("final-stage-non-root"),
        "FROM gcr.io/distroless/static-debian12:nonroot\n",
    );
    passes(
        json!("final-stage-non-root"),
        "FROM python:3.12 AS base\nUSER app\nFROM base\n",
    );
}

#[test]
fn base_image_pinned() {
    let g = json!("base-image-pinned");
    fails(g.clone(), "FROM python\n");
    fails(g.clone(), "FROM python:latest\n");
    let detail = fails(g.clone(), "FROM node:lts-alpine\n");
    assert!(detail.contains("lts-alpine"), "{detail}");
    fails(
        g.clone(),
        "FROM golang:1.22 AS b\nFROM alpine\nCOPY --from=b /x /x\n",
    );
    passes(g.clone(), "FROM python:3.12-slim\n");
    passes(
        g.clone(),
        "FROM gcr.io/distroless/python3-debian12:nonroot\n",
    );
    fails(
        g.clone(),
        "FROM gcr.io/distroless/python3-debian12:latest\n",
    );
    passes(g.clone(), "ARG V=3.12\nFROM python:${V}-slim\n");
    passes(
        g.clone(),
        "FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /x /x\n",
    );
    let digest = json!({ "kind": "base-image-pinned", "digest": true });
    fails(digest.clone(), "FROM python:3.12-slim\n");
    passes(
        digest,
        "FROM python:3.12-slim@sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
    );
}

#[test]
fn multi_stage() {
    fails(json!("multi-stage"), "FROM python:3.12\n");
    fails(
        json!("multi-stage"),
        "FROM python:3.12 AS a\nFROM python:3.12\nRUN true\n",
    );
    fails(
        json!("multi-stage"),
        "FROM python:3.12 AS a\nFROM python:3.12\nCOPY --from=nginx:1 /etc/nginx /etc/nginx\n",
    );
    passes(
        json!("multi-stage"),
        "FROM python:3.12 AS a\nFROM python:3.12\nCOPY --from=a /venv /venv\n",
    );
    passes(
        json!("multi-stage"),
        "FROM golang:1.22\nFROM scratch\nCOPY --from=0 /app /app\n",
    );
}

#[test]
fn final_base() {
    let base = |v: &str| json!({ "kind": "final-base", "value": v });
    passes(
        base("distroless"),
        "FROM golang:1.22 AS b\nFROM gcr.io/distroless/static-debian12\n",
    );
    fails(
        base("distroless"),
        "FROM gcr.io/distroless/static-debian12 AS b\nFROM golang:1.22\n",
    );
    passes(base("slim"), "FROM python:3.12-slim\n");
    fails(base("slim"), "FROM python:3.12\n");
    passes(base("alpine"), "FROM python:3.12-alpine3.19\n");
    passes(base("alpine"), "FROM alpine:3.20\n");
    passes(base("scratch"), "FROM scratch\n");
    passes(base("debian"), "FROM debian:12-slim\n");
    passes(base("ubuntu"), "FROM ubuntu:24.04\n");
    fails(base("ubuntu"), "FROM debian:12\n");
    passes(base("slim"), "FROM python:3.12-slim AS base\nFROM base\n");
}

#[test]
fn dependencies_cached_before_source() {
    let g = json!("dependencies-cached-before-source");
    let detail = fails(
        g.clone(),
        "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n",
    );
    assert!(
        detail.contains("line 2") && detail.contains("line 3"),
        "{detail}"
    );
    fails(g.clone(), "FROM python:3.12\nCOPY . .\n");
    passes(
        g.clone(),
        "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
    );
    passes(
        g.clone(),
        "FROM python:3.12\nCOPY requirements.txt .\nRUN python -m pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps .\n",
    );
    passes(
        g.clone(),
        "FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n",
    );
    fails(g.clone(), "FROM node:20\nCOPY . .\nRUN npm ci\n");
    passes(
        g.clone(),
        "FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build .\n",
    );
    fails(
        g,
        "FROM golang:1.22\nCOPY . .\nRUN go mod download && go build .\n",
    );
}

#[test]
fn no_package_cache() {
    let g = json!("no-package-cache");
    fails(g.clone(), "FROM python:3.12\nRUN pip install flask\n");
    fails(g.clone(), "FROM alpine:3.20\nRUN apk add curl\n");
    fails(
        g.clone(),
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    );
    passes(
        g.clone(),
        "FROM python:3.12\nRUN pip install --no-cache-dir flask\n",
    );
    passes(g.clone(), "FROM alpine:3.20\nRUN apk add --no-cache curl\n");
    passes(
        g,
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
    );
}

#[test]
fn exec_form_cmd() {
    let g = json!("exec-form-cmd");
    fails(g.clone(), "FROM python:3.12\n");
    let detail = fails(g.clone(), "FROM python:3.12\nCMD python app.py\n");
    assert!(detail.contains("CMD on line 2"), "{detail}");
    fails(
        g.clone(),
        "FROM python:3.12\nENTRYPOINT python\nCMD [\"app.py\"]\n",
    );
    passes(
        g.clone(),
        "FROM python:3.12\nCMD [\"python\", \"app.py\"]\n",
    );
    passes(
        g,
        "FROM python:3.12\nCMD python app.py\nCMD [\"python\", \"app.py\"]\n",
    );
}

#[test]
fn healthcheck() {
    fails(json!("healthcheck"), "FROM python:3.12\n");
    fails(json!("healthcheck"), "FROM python:3.12\nHEALTHCHECK NONE\n");
    fails(
        json!("healthcheck"),
        "FROM python:3.12 AS a\nHEALTHCHECK CMD true\nFROM python:3.12\nCOPY --from=a /a /a\n",
    );
    passes(
        json!("healthcheck"),
        "FROM python:3.12\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/\n",
    );
}

#[test]
fn env_set() {
    let g = json!({ "env-set": "PYTHONUNBUFFERED" });
    fails(g.clone(), "FROM python:3.12\n");
    let detail = fails(g.clone(), "FROM python:3.12\nARG PYTHONUNBUFFERED=1\n");
    assert!(detail.contains("ARG"), "{detail}");
    fails(
        g.clone(),
        "FROM python:3.12 AS a\nENV PYTHONUNBUFFERED=1\nFROM python:3.12\n",
    );
    passes(g.clone(), "FROM python:3.12\nENV PYTHONUNBUFFERED=1\n");
    passes(
        g.clone(),
        "FROM python:3.12\nENV A=1 \\\n    PYTHONUNBUFFERED=1\n",
    );
    passes(g, "FROM python:3.12\nENV PYTHONUNBUFFERED 1\n");
}

#[test]
fn max_layers() {
    let g = json!({ "max-layers": 2 });
    passes(
        g.clone(),
        "FROM python:3.12\nENV A=1\nCOPY . .\nRUN a && b\n",
    );
    let detail = fails(g.clone(), "FROM python:3.12\nCOPY . .\nRUN a\nRUN b\n");
    assert!(detail.starts_with("3 layers"), "{detail}");
    passes(
        g,
        "FROM python:3.12 AS a\nRUN a\nRUN b\nRUN c\nFROM scratch\nCOPY --from=a /x /x\n",
    );
}

#[test]
fn exposes() {
    let g = json!({ "exposes": 8000 });
    fails(g.clone(), "FROM python:3.12\n");
    let detail = fails(g.clone(), "FROM python:3.12\nEXPOSE 5000\n");
    assert!(detail.contains("5000"), "{detail}");
    passes(g.clone(), "FROM python:3.12\nEXPOSE 8000\n");
    passes(g.clone(), "FROM python:3.12\nEXPOSE 443/tcp 8000/tcp\n");
    passes(g, "FROM python:3.12\nARG PORT=8000\nEXPOSE $PORT\n");
}

#[test]
fn result_scores_goals_and_fails_on_syntax_errors() {
    let e = exercise(json!(["healthcheck", { "exposes": 8000 }]));
    let r = check(&e, "FROM python:3.12\nEXPOSE 8000\n");
    assert_eq!((r.score, r.total, r.passed), (1, 2, false));
    let r = check(&e, "FROM python:3.12\nEXPOSE 8000\nHEALTHCHECK CMD true\n");
    assert_eq!((r.score, r.total, r.passed), (2, 2, true));
    let r = check(
        &e,
        "FROM python:3.12\nEXPOSE 8000\nHEALTHCHECK CMD true\nFORM x\n",
    );
    assert!(!r.passed && !r.syntax_errors.is_empty(), "{r:?}");
    let r = check(&e, "");
    assert_eq!(r.score, 0);
    assert!(r.goals.iter().all(|g| g.detail.contains("no FROM")));
}

// ---- built-ins ----

#[test]
fn there_are_at_least_ten_builtins_with_unique_names() {
    let names: Vec<&str> = builtins().iter().map(|b| b.name).collect();
    assert!(names.len() >= 10, "{names:?}");
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len());
    assert_eq!(builtin("python-01").map(|b| b.name), Some("python-01-env"));
    assert!(
        builtin("python").is_none(),
        "an ambiguous prefix finds nothing"
    );
}

#[test]
fn every_builtin_starts_failing_and_its_solution_passes() {
    for b in builtins() {
        let e = b
            .exercise()
            .unwrap_or_else(|err| panic!("{}: {err}", b.name));
        assert!(!e.hints.is_empty(), "{}: no hints", b.name);
        let start = check(&e, &e.starting);
        assert!(
            start.goals.iter().any(|g| !g.passed),
            "{}: the starting file already passes every goal",
            b.name
        );
        let solution = e
            .solution
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no solution", b.name));
        let done = check(&e, solution);
        assert!(
            done.syntax_errors.is_empty(),
            "{}: {:?}",
            b.name,
            done.syntax_errors
        );
        for g in &done.goals {
            assert!(
                g.passed,
                "{}: the solution misses \"{}\": {}",
                b.name, g.description, g.detail
            );
        }
        assert!(done.passed, "{}", b.name);
    }
}

/// What a built-in teaches: its goals not already set by an earlier exercise of the same track (a starting file
/// built on the earlier solution rightly meets those).
#[test]
fn every_builtin_starting_file_fails_each_goal_it_teaches() {
    let key = |g: &Goal| format!("{:?}", g.kind);
    let track = |name: &str| name.split('-').next().unwrap_or("").to_string();
    let mut failures = Vec::new();
    for (i, b) in builtins().iter().enumerate() {
        let e = b.exercise().expect("built-ins parse");
        let kept: Vec<String> = builtins()[..i]
            .iter()
            .filter(|earlier| track(earlier.name) == track(b.name))
            .flat_map(|earlier| earlier.exercise().expect("built-ins parse").goals)
            .map(|g| key(&g))
            .collect();
        let start = check(&e, &e.starting);
        let mut taught = 0;
        for (goal, result) in e.goals.iter().zip(&start.goals) {
            if kept.contains(&key(goal)) {
                continue;
            }
            taught += 1;
            if result.passed {
                failures.push(format!(
                    "{}: \"{}\" is already met at the start ({})",
                    b.name, goal.description, result.detail
                ));
            }
        }
        assert!(taught > 0, "{} teaches nothing new", b.name);
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_rule_goal_with_needs_fails_without_that_instruction() {
    let g = json!({ "rule": "DW1003", "needs": "user" });
    let detail = fails(g.clone(), "FROM python:3.12-slim\nCMD [\"python\"]\n");
    assert!(detail.contains("no USER"), "{detail}");
    fails(g.clone(), "FROM python:3.12-slim\nUSER app\n");
    passes(g.clone(), "FROM python:3.12-slim\nUSER 10001:10001\n");
    // Without `needs`, the same goal is met vacuously: the rule has nothing to look at.
    passes(json!({ "rule": "DW1003" }), "FROM python:3.12-slim\n");
    let m = format_error(
        json!({ "title": "t", "starting": "", "goals": [{ "rule": "DW1003", "needs": "USR" }] }),
    );
    assert!(
        m.starts_with("goals[0].needs: unknown instruction \"USR\"; did you mean \"USER\""),
        "{m}"
    );
    let m = format_error(
        json!({ "title": "t", "starting": "", "goals": [{ "kind": "healthcheck", "needs": "USER" }] }),
    );
    assert!(m.contains("takes no `needs`"), "{m}");
}
