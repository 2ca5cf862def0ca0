//! Grading: does a Dockerfile meet an exercise's goals? Uses the model and the rules, never raw text.

use super::{Exercise, Goal, GoalKind};
use crate::config::Config;
use crate::model::{Base, Distro, ImageName, InstructionInfo, Model, Stage};
use crate::rewrite::dockerignore::is_context_root;
use dockwise_syntax::shell::ShellCommand;
use dockwise_syntax::{Body, Command, Healthcheck, Keyword};
use serde::{Deserialize, Serialize};

/// The grade of one Dockerfile against one exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExerciseResult {
    pub goals: Vec<GoalResult>,
    /// Goals met.
    pub score: usize,
    /// Goals in the exercise.
    pub total: usize,
    /// Every goal met and no syntax error.
    pub passed: bool,
    /// Syntax errors in the Dockerfile (`line: message`); any of them fails the exercise.
    pub syntax_errors: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalResult {
    pub description: String,
    pub passed: bool,
    /// Why it passed or what is still missing, in a sentence.
    pub detail: String,
}

/// Grade `source` against `exercise`.
pub fn check(exercise: &Exercise, source: &str) -> ExerciseResult {
    check_model(exercise, &crate::Analysis::new(source).model())
}

/// Grade an analysed text (the one the review already parsed and modelled) against `exercise`.
pub fn check_model(exercise: &Exercise, model: &Model) -> ExerciseResult {
    let goals: Vec<GoalResult> = exercise
        .goals
        .iter()
        .map(|goal| {
            let (passed, detail) = check_goal(goal, model);
            GoalResult {
                description: goal.description.clone(),
                passed,
                detail,
            }
        })
        .collect();
    let score = goals.iter().filter(|g| g.passed).count();
    let syntax_errors: Vec<String> = model
        .syntax_errors
        .iter()
        .map(|e| format!("line {}: {}", model.line_of(e.span.start), e.message))
        .collect();
    ExerciseResult {
        passed: score == goals.len() && syntax_errors.is_empty(),
        total: goals.len(),
        score,
        goals,
        syntax_errors,
    }
}

fn check_goal(goal: &Goal, model: &Model) -> (bool, String) {
    let Some(last) = model.final_stage() else {
        return (false, "the Dockerfile has no FROM yet".into());
    };
    match &goal.kind {
        GoalKind::Rule { rule, needs } => {
            if let Some(needs) = needs {
                let present = model.stage_chain(last)
                    .flat_map(|s| model.stage_instructions(s))
                    .any(|i| i.kind().as_str() == needs);
                if !present {
                    return (false, format!("no {needs} instruction in the final stage yet"));
                }
            }
            rule_quiet(model, &[rule.as_str()])
        }
        GoalKind::NoPackageCache => rule_quiet(model, &["DW1009", "DL3042", "DL3009", "DL3019", "DL3060"],
        ),
        GoalKind::FinalStageNonRoot => non_root(model, last),
        GoalKind::BaseImagePinned { digest } => pinned(model, *digest),
        GoalKind::MultiStage => multi_stage(model, last),
        GoalKind::FinalBase { value } => final_base(model, last, value),
        GoalKind::DependenciesCachedBeforeSource => dependencies_first(model),
        GoalKind::ExecFormCmd => exec_form(model, last),
        GoalKind::Healthcheck => {
            let last_check = model.stage_chain(last)
                .flat_map(|s| model.stage_instructions(s).iter().rev())
                .find_map(|i| match &i.node.body {
                    Body::Healthcheck(h) => Some((h, i)),
                    _ => None,
                });
            match last_check {
                Some((Healthcheck::Cmd { .. }, i)) => {
                    (true, format!("HEALTHCHECK on line {}", line(model, i)))
                }
                Some((Healthcheck::None(_), i)) => (
                    false,
                    format!("line {} switches the health check off (HEALTHCHECK NONE)", line(model, i)),
                ),
                None => (false, "no HEALTHCHECK in the final stage".into()),
            }
        }
        GoalKind::EnvSet { value } => match last.end_scope.kind(value) {
            Some(crate::model::VarKind::Env) => {
                let shown = last.end_scope.get(value).unwrap_or("?");
                (true, format!("{value}={shown}"))
            }
            Some(crate::model::VarKind::Arg) => (
                false,
                format!("{value} is a build ARG: the running container does not see it; set it with ENV"),
            ),
            None => (false, format!("the final stage never sets {value} with ENV")),
        },
        GoalKind::MaxLayers { value } => {
            let layers = model
                .stage_instructions(last)
                .iter()
                .filter(|i| matches!(i.kind(), Keyword::Run | Keyword::Copy | Keyword::Add))
                .count();
            let passed = layers as u64 <= *value;
            (
                passed,
                format!(
                    "{layers} layer{} (RUN, COPY, ADD) in the final stage, at most {value} allowed",
                    if layers == 1 { "" } else { "s" }
                ),
            )
        }
        GoalKind::Exposes { value } => {
            let mut seen = Vec::new();
            for info in model.stage_chain(last).flat_map(|s| model.stage_instructions(s)) {
                if let (Keyword::Expose, Body::Words(words)) = (info.kind(), &info.node.body) {
                    for w in words {
                        let text = crate::model::expand(&w.value, &info.scope);
                        let port = text.split('/').next().unwrap_or("").trim().to_string();
                        seen.push(port);
                    }
                }
            }
            if seen.iter().any(|p| p == &value.to_string()) {
                (true, format!("EXPOSE {value}"))
            } else if seen.is_empty() {
                (false, format!("no EXPOSE: document port {value} with `EXPOSE {value}`"))
            } else {
                (false, format!("exposes {} but not {value}", seen.join(", ")))
            }
        }
    }
}

fn line(model: &Model, info: &InstructionInfo) -> usize {
    model.line_of(info.node.span.start)
}

fn rule_quiet(model: &Model, selectors: &[&str]) -> (bool, String) {
    let rules: Vec<String> = selectors
        .iter()
        .filter(|s| crate::rules::find(s).is_some())
        .map(|s| s.to_string())
        .collect();
    let config = Config {
        only: rules,
        ..Config::default()
    };
    let findings = crate::lint::findings(model, &config);
    match findings.first() {
        None => {
            let names: Vec<String> = selectors
                .iter()
                .filter_map(|s| crate::rules::find(s))
                .map(|r| format!("{} {}", r.code, r.name))
                .collect();
            (true, format!("no finding from {}", names.join(", ")))
        }
        Some(f) => {
            let first_line = model.line_of(f.diagnostic.span.start);
            let message = f.diagnostic.message.split(". ").next().unwrap_or("");
            let more = match findings.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            (
                false,
                format!(
                    "{} {} on line {first_line}: {message}{more}",
                    f.rule.code, f.rule.name
                ),
            )
        }
    }
}

fn non_root(model: &Model, last: &Stage) -> (bool, String) {
    let user = last
        .end_user
        .clone()
        .or_else(|| match model.root_base(last) {
            // Images whose tag says they run as nonroot (`distroless/...:nonroot`, `:debug-nonroot`).
            Base::Image(image) if image.tag.as_deref().is_some_and(|t| t.contains("nonroot")) => {
                Some("nonroot".to_string())
            }
            _ => None,
        });
    let Some(user) = user else {
        return (
            false,
            "no USER in the final stage: the container runs as root".into(),
        );
    };
    let expanded = crate::model::expand(&user, &last.end_scope);
    let name = expanded.split(':').next().unwrap_or("").trim();
    if name.is_empty() || name == "root" || name == "0" {
        (
            false,
            format!("USER {user}: the container still runs as root"),
        )
    } else if name.contains('$') {
        (
            false,
            format!("USER {user}: the user depends on a variable without a default"),
        )
    } else {
        (true, format!("runs as {name}"))
    }
}

/// A tag names a version when it holds a digit (`3.12-slim`, `20-alpine`, `1.22`), not `latest`, `slim`, `lts`.
/// Images that carry the version in their name (`distroless/python3-debian12:nonroot`) need only a tag other
/// than `latest`.
fn specific_tag(image: &ImageName, tag: &str) -> bool {
    if tag.eq_ignore_ascii_case("latest") {
        return false;
    }
    tag.chars().any(|c| c.is_ascii_digit())
        || image.short_name().chars().any(|c| c.is_ascii_digit())
}

fn pinned(model: &Model, digest: bool) -> (bool, String) {
    let mut problems = Vec::new();
    let mut images = 0;
    for stage in &model.stages {
        match &stage.base {
            Base::Image(image) => {
                images += 1;
                let shown = stage.base_resolved.as_str();
                match image.tag.as_deref() {
                    None if image.digest.is_none() || !digest => {
                        problems.push(format!("`{shown}` has no tag (it means latest)"))
                    }
                    Some(t) if !specific_tag(image, t) => {
                        problems.push(format!("`{shown}`: the tag `{t}` moves to new versions"))
                    }
                    _ => {
                        if digest && image.digest.is_none() {
                            problems.push(format!("`{shown}` has no @sha256 digest"));
                        }
                    }
                }
            }
            Base::Unresolved(text) => problems.push(format!("`{text}` cannot be resolved")),
            Base::Stage(_) | Base::Scratch => {}
        }
    }
    if !problems.is_empty() {
        (false, problems.join("; "))
    } else if images == 0 {
        (true, "no registry image to pin".into())
    } else if digest {
        (
            true,
            "every base image has a version tag and a digest".into(),
        )
    } else {
        (true, "every base image has a version tag".into())
    }
}

fn multi_stage(model: &Model, last: &Stage) -> (bool, String) {
    if model.stages.len() < 2 {
        return (
            false,
            "a single stage: build tools end up in the final image".into(),
        );
    }
    let copies_from_stage = model.stage_instructions(last).iter().any(|i| {
        i.kind() == Keyword::Copy
            && i.node
                .flag("from")
                .and_then(|f| f.value.as_ref())
                .is_some_and(|v| {
                    model.stage_named(&v.value).is_some_and(|s| s < last.index)
                        || v.value.parse::<usize>().is_ok_and(|n| n < last.index)
                })
    });
    if copies_from_stage {
        (
            true,
            format!(
                "{} stages; the final one copies from a build stage",
                model.stages.len()
            ),
        )
    } else {
        (
            false,
            "the final stage copies nothing from an earlier stage (`COPY --from=builder ...`)"
                .into(),
        )
    }
}

fn final_base(model: &Model, last: &Stage, value: &str) -> (bool, String) {
    let base = model.root_base(last);
    let (shown, image): (String, Option<&ImageName>) = match base {
        Base::Image(image) => (last.base_resolved.clone(), Some(image)),
        Base::Scratch => ("scratch".into(), None),
        Base::Unresolved(t) => (t.clone(), None),
        Base::Stage(_) => (last.base_resolved.clone(), None),
    };
    let distro = image.map(Distro::of_image);
    let tag = image
        .and_then(|i| i.tag.as_deref())
        .unwrap_or("")
        .to_ascii_lowercase();
    let passed = match value {
        "scratch" => matches!(base, Base::Scratch),
        "distroless" => distro == Some(Distro::Distroless),
        "slim" => tag.contains("slim"),
        "alpine" => distro == Some(Distro::Alpine),
        "ubuntu" => {
            image.is_some_and(|i| i.short_name().eq_ignore_ascii_case("ubuntu"))
                || ["jammy", "focal", "noble"].iter().any(|c| tag.contains(c))
        }
        "debian" => distro == Some(Distro::Debian),
        "rhel" => distro == Some(Distro::Rhel),
        "suse" => distro == Some(Distro::Suse),
        _ => false,
    };
    if passed {
        (true, format!("the final stage is based on `{shown}`"))
    } else {
        (
            false,
            format!("the final stage is based on `{shown}`, not a {value} image"),
        )
    }
}

/// A command that installs dependencies from a manifest (`pip install -r`, `npm ci`, `go mod download`...).
fn installs_dependencies(c: &ShellCommand) -> bool {
    let words: Vec<&str> = c.words.iter().map(|w| w.value.as_str()).collect();
    // `python -m pip install ...` reads as `pip install ...`.
    let words: &[&str] = match words.as_slice() {
        [python, "-m", rest @ ..]
            if python
                .rsplit('/')
                .next()
                .is_some_and(|p| p.starts_with("python")) =>
        {
            rest
        }
        _ => &words,
    };
    let Some((name, args)) = words.split_first() else {
        return false;
    };
    let program = name.rsplit('/').next().unwrap_or(name);
    let sub = args.iter().find(|a| !a.starts_with('-')).copied();
    match program {
        "pip" | "pip3" | "uv" => {
            args.iter().any(|a| matches!(*a, "-r" | "--requirement")) || sub == Some("sync")
        }
        "poetry" | "pipenv" | "bundle" | "composer" | "pnpm" => sub == Some("install"),
        "npm" => {
            matches!(sub, Some("ci" | "install" | "i"))
                && args.iter().filter(|a| !a.starts_with('-')).count() == 1
        }
        "yarn" => matches!(sub, None | Some("install")),
        "go" => sub == Some("mod") && args.contains(&"download"),
        "cargo" => sub == Some("fetch"),
        "mvn" | "mvnw" => args.iter().any(|a| a.starts_with("dependency:")),
        _ => false,
    }
}

fn copies_whole_context(info: &InstructionInfo) -> bool {
    matches!(info.kind(), Keyword::Copy | Keyword::Add)
        && info.node.flag("from").is_none()
        && matches!(&info.node.body, Body::Copy(c) if c.sources.iter().any(|s| is_context_root(&s.value)))
}

fn dependencies_first(model: &Model) -> (bool, String) {
    let mut installs_before = 0;
    for stage in &model.stages {
        let mut whole_copy: Option<&InstructionInfo> = None;
        for info in model.stage_instructions(stage) {
            if whole_copy.is_none() && copies_whole_context(info) {
                whole_copy = Some(info);
            }
            if info.kind() != Keyword::Run || !info.commands().any(installs_dependencies) {
                continue;
            }
            match whole_copy {
                Some(copy) => {
                    return (
                        false,
                        format!(
                            "line {} copies the whole source before the install on line {}: any code change reinstalls every dependency",
                            line(model, copy),
                            line(model, info)
                        ),
                    )
                }
                None => installs_before += 1,
            }
        }
    }
    if installs_before == 0 {
        return (
            false,
            "no dependency install (`pip install -r`, `npm ci`, `go mod download`...) found".into(),
        );
    }
    let (quiet, detail) = rule_quiet(model, &["DW1010"]);
    if !quiet {
        return (false, detail);
    }
    (
        true,
        "the manifests are copied and installed before the source".into(),
    )
}

fn exec_form(model: &Model, last: &Stage) -> (bool, String) {
    let mut found = Vec::new();
    for keyword in [Keyword::Entrypoint, Keyword::Cmd] {
        let info = model
            .stage_chain(last)
            .flat_map(|s| model.stage_instructions(s).iter().rev())
            .find(|i| i.kind() == keyword);
        if let Some(info) = info {
            found.push((keyword, info));
        }
    }
    if found.is_empty() {
        return (
            false,
            "no CMD or ENTRYPOINT: say what the container runs".into(),
        );
    }
    let shell: Vec<String> = found
        .iter()
        .filter(|(_, i)| matches!(&i.node.body, Body::Command(Command::Shell(_))))
        .map(|(k, i)| {
            format!(
                "{} on line {} uses the shell form",
                k.as_str(),
                line(model, i)
            )
        })
        .collect();
    if shell.is_empty() {
        (true, "exec form: the process gets signals directly".into())
    } else {
        (false, shell.join("; "))
    }
}
