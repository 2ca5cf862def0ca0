//! Classroom exercises: a starting Dockerfile, goals the student's file must meet, hints and a solution.
//!
//! The engine stays format-neutral and small: an exercise is read from a JSON value ([`Exercise::from_value`],
//! [`Exercise::from_json`]). Front ends read the text: the CLI accepts TOML (converted to the same value) and
//! JSON, the playground JSON (the share link). Errors name the field (`goals[2].kind: unknown goal ...`).
//! [`check`] grades a Dockerfile against an exercise with the model and the rules.

mod builtin;
mod check;

pub use builtin::{builtin, builtins, Builtin};
pub use check::{check, check_model, ExerciseResult, GoalResult};

use serde::Serialize;
use serde_json::{Map, Value};

/// One exercise, validated: every goal is known and well-formed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exercise {
    pub title: String,
    /// Markdown.
    pub instructions: String,
    /// The Dockerfile the student starts from.
    pub starting: String,
    pub goals: Vec<Goal>,
    /// Revealed one at a time.
    pub hints: Vec<String>,
    /// A reference solution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
}

/// One goal: what is checked and how it reads to the student.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Goal {
    #[serde(flatten)]
    pub kind: GoalKind,
    /// Human text (the author's, or derived from the kind).
    pub description: String,
}

/// What a goal checks. Serialized in the same shape the reader accepts (`{"kind": "env-set", "value": ...}`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum GoalKind {
    /// The rule (code, name or peer alias) must not fire; it runs even if off by default. With `needs` (an
    /// instruction keyword such as `USER`), the final stage must also have that instruction: a rule about the
    /// USER line is quiet when there is no USER at all, and that must not count as met.
    Rule {
        rule: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        needs: Option<String>,
    },
    /// The final stage runs as a user other than root.
    FinalStageNonRoot,
    /// Every base image has a specific tag (not `latest`, not a bare word like `slim` or `lts`); with
    /// `digest`, also an `@sha256:` digest.
    BaseImagePinned {
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        digest: bool,
    },
    /// Two or more stages, the final one copying from an earlier one.
    MultiStage,
    /// The final stage's base is of this kind: `distroless`, `slim`, `alpine`, `scratch`, or a distro family
    /// (`debian`, `rhel`, `suse`).
    FinalBase { value: String },
    /// Dependency manifests are copied and installed before the whole source (`COPY . .`).
    DependenciesCachedBeforeSource,
    /// No package-manager cache left in the image (pip, apt, apk, npm, yarn...).
    NoPackageCache,
    /// The final stage's `CMD`/`ENTRYPOINT` use the exec (JSON) form.
    ExecFormCmd,
    /// The final stage has a `HEALTHCHECK` (not `NONE`).
    Healthcheck,
    /// The final stage sets this environment variable with `ENV`.
    EnvSet { value: String },
    /// At most this many layer-creating instructions (`RUN`, `COPY`, `ADD`) in the final stage.
    MaxLayers { value: u64 },
    /// The final stage `EXPOSE`s this port.
    Exposes { value: u64 },
}

/// Kinds as authors write them, with whether they take a `value`.
const KINDS: [(&str, Param); 12] = [
    ("rule", Param::Rule),
    ("final-stage-non-root", Param::None),
    ("base-image-pinned", Param::Digest),
    ("multi-stage", Param::None),
    ("final-base", Param::Text),
    ("dependencies-cached-before-source", Param::None),
    ("no-package-cache", Param::None),
    ("exec-form-cmd", Param::None),
    ("healthcheck", Param::None),
    ("env-set", Param::Text),
    ("max-layers", Param::Number),
    ("exposes", Param::Number),
];

#[derive(Clone, Copy, PartialEq)]
enum Param {
    None,
    Rule,
    Digest,
    Text,
    Number,
}

/// What `final-base` accepts.
pub const FINAL_BASES: [&str; 8] = [
    "distroless",
    "slim",
    "alpine",
    "scratch",
    "debian",
    "ubuntu",
    "rhel",
    "suse",
];

/// A problem in an exercise file: the field's path (`goals[2].kind`) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FormatError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for FormatError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> FormatError {
    FormatError {
        field: field.into(),
        message: message.into(),
    }
}

const TOP_FIELDS: [&str; 6] = [
    "title",
    "instructions",
    "starting",
    "goals",
    "hints",
    "solution",
];
const GOAL_FIELDS: [&str; 6] = ["kind", "rule", "needs", "value", "digest", "description"];

impl Exercise {
    /// Read an exercise from JSON text.
    pub fn from_json(text: &str) -> Result<Exercise, FormatError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            err(
                "",
                format!(
                    "not valid JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        Exercise::from_value(&value)
    }

    /// Read and validate an exercise from a JSON value (what TOML and JSON both become).
    pub fn from_value(value: &Value) -> Result<Exercise, FormatError> {
        let object = value.as_object().ok_or_else(|| {
            err(
                "",
                format!("expected a table of fields, found {}", type_name(value)),
            )
        })?;
        for key in object.keys() {
            if !TOP_FIELDS.contains(&key.as_str()) {
                return Err(err(key.clone(), unknown("field", key, &TOP_FIELDS)));
            }
        }
        let title = required_text(object, "title")?;
        if title.trim().is_empty() {
            return Err(err("title", "must not be empty"));
        }
        let instructions = optional_text(object, "instructions")?.unwrap_or_default();
        let starting = required_text(object, "starting")?;
        let solution = optional_text(object, "solution")?;
        let hints = match object.get("hints") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    h.as_str().map(str::to_string).ok_or_else(|| {
                        err(
                            format!("hints[{i}]"),
                            format!("expected text, found {}", type_name(h)),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(err(
                    "hints",
                    format!("expected a list of texts, found {}", type_name(other)),
                ))
            }
        };
        let goals = match object.get("goals") {
            None => return Err(err("goals", "missing: an exercise needs at least one goal")),
            Some(Value::Array(items)) if items.is_empty() => {
                return Err(err("goals", "empty: an exercise needs at least one goal"))
            }
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, g)| read_goal(g, &format!("goals[{i}]")))
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(err(
                    "goals",
                    format!("expected a list of goals, found {}", type_name(other)),
                ))
            }
        };
        Ok(Exercise {
            title,
            instructions,
            starting,
            goals,
            hints,
            solution,
        })
    }

    /// The exercise as JSON text, in the shape [`Exercise::from_json`] reads back (the share format).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// One goal: `"healthcheck"`, `{ kind = "env-set", value = "X" }`, `{ env-set = "X" }` or `{ rule = "DW2007" }`.
fn read_goal(value: &Value, path: &str) -> Result<Goal, FormatError> {
    let object = match value {
        Value::String(kind) => {
            let mut map = Map::new();
            map.insert("kind".into(), Value::String(kind.clone()));
            return read_goal(&Value::Object(map), path);
        }
        Value::Object(object) => object,
        other => {
            return Err(err(
                path,
                format!(
                    "expected a goal (a table or a kind name), found {}",
                    type_name(other)
                ),
            ))
        }
    };
    // Shorthand `{ env-set = "PYTHONUNBUFFERED" }`: a key that is a kind name, without `kind`.
    let mut object = object.clone();
    if !object.contains_key("kind") {
        if object.contains_key("rule") {
            object.insert("kind".into(), Value::String("rule".into()));
        } else if let Some((name, _)) = KINDS.iter().find(|(k, _)| object.contains_key(*k)) {
            let shorthand = object.remove(*name).unwrap_or(Value::Null);
            object.insert("kind".into(), Value::String((*name).into()));
            if !matches!(shorthand, Value::Bool(true)) {
                object.insert("value".into(), shorthand);
            }
        } else {
            return Err(err(
                format!("{path}.kind"),
                "missing: say what the goal checks (`kind = \"healthcheck\"`, or `rule = \"DW2007\"`)",
            ));
        }
    }
    for key in object.keys() {
        if !GOAL_FIELDS.contains(&key.as_str()) {
            return Err(err(
                format!("{path}.{key}"),
                unknown("field", key, &GOAL_FIELDS),
            ));
        }
    }
    let kind_name = match object.get("kind") {
        Some(Value::String(k)) => k.trim().to_ascii_lowercase(),
        Some(other) => {
            return Err(err(
                format!("{path}.kind"),
                format!("expected a goal name, found {}", type_name(other)),
            ))
        }
        None => String::new(),
    };
    let names: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
    let Some(&(_, param)) = KINDS.iter().find(|(k, _)| *k == kind_name) else {
        return Err(err(
            format!("{path}.kind"),
            unknown("goal", &kind_name, &names),
        ));
    };
    // Fields that do not belong to this kind.
    let allowed: &[&str] = match param {
        Param::None => &[],
        Param::Rule => &["rule", "needs"],
        Param::Digest => &["digest"],
        Param::Text | Param::Number => &["value"],
    };
    for key in ["rule", "needs", "value", "digest"] {
        if object.contains_key(key) && !allowed.contains(&key) {
            return Err(err(
                format!("{path}.{key}"),
                format!("the goal \"{kind_name}\" takes no `{key}`"),
            ));
        }
    }
    let text = |key: &str| -> Result<String, FormatError> {
        match object.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Some(Value::String(_)) => Err(err(format!("{path}.{key}"), "must not be empty")),
            Some(other) => Err(err(
                format!("{path}.{key}"),
                format!("expected text, found {}", type_name(other)),
            )),
            None => Err(err(
                format!("{path}.{key}"),
                format!("missing: the goal \"{kind_name}\" needs a `{key}`"),
            )),
        }
    };
    let number = |key: &str, max: u64, what: &str| -> Result<u64, FormatError> {
        match object.get(key) {
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v) if (1..=max).contains(&v) => Ok(v),
                _ => Err(err(
                    format!("{path}.{key}"),
                    format!("expected {what} (1 to {max}), found {n}"),
                )),
            },
            Some(Value::String(s)) => match s.trim().parse::<u64>() {
                Ok(v) if (1..=max).contains(&v) => Ok(v),
                _ => Err(err(
                    format!("{path}.{key}"),
                    format!("expected {what} (1 to {max}), found \"{s}\""),
                )),
            },
            Some(other) => Err(err(
                format!("{path}.{key}"),
                format!("expected {what}, found {}", type_name(other)),
            )),
            None => Err(err(
                format!("{path}.{key}"),
                format!("missing: the goal \"{kind_name}\" needs a `{key}`"),
            )),
        }
    };
    let kind = match kind_name.as_str() {
        "rule" => {
            let rule = text("rule")?;
            if crate::rules::find(&rule).is_none() {
                return Err(err(
                    format!("{path}.rule"),
                    format!("unknown rule \"{rule}\" (use a code like DW2007, a rule name or a hadolint code)"),
                ));
            }
            let needs = match object.get("needs") {
                None => None,
                Some(Value::String(word)) => match dockwise_syntax::Keyword::parse(word.trim()) {
                    Some(keyword) => Some(keyword.as_str().to_string()),
                    None => {
                        // `closest` compares in lower case; instructions read in upper case.
                        let lower: Vec<String> = dockwise_syntax::Keyword::ALL
                            .iter()
                            .map(|k| k.as_str().to_ascii_lowercase())
                            .collect();
                        let names: Vec<&str> = lower.iter().map(String::as_str).collect();
                        let word = word.trim().to_ascii_uppercase();
                        let message = match closest(&word, &names) {
                            Some(best) => format!(
                                "unknown instruction \"{word}\"; did you mean \"{}\"?",
                                best.to_ascii_uppercase()
                            ),
                            None => format!("unknown instruction \"{word}\""),
                        };
                        return Err(err(format!("{path}.needs"), message));
                    }
                },
                Some(other) => {
                    return Err(err(
                        format!("{path}.needs"),
                        format!("expected an instruction name, found {}", type_name(other)),
                    ))
                }
            };
            GoalKind::Rule { rule, needs }
        }
        "final-stage-non-root" => GoalKind::FinalStageNonRoot,
        "base-image-pinned" => GoalKind::BaseImagePinned {
            digest: match object.get("digest") {
                None => false,
                Some(Value::Bool(b)) => *b,
                Some(other) => {
                    return Err(err(
                        format!("{path}.digest"),
                        format!("expected true or false, found {}", type_name(other)),
                    ))
                }
            },
        },
        "multi-stage" => GoalKind::MultiStage,
        "final-base" => {
            let value = text("value")?.to_ascii_lowercase();
            if !FINAL_BASES.contains(&value.as_str()) {
                return Err(err(
                    format!("{path}.value"),
                    unknown("base kind", &value, &FINAL_BASES),
                ));
            }
            GoalKind::FinalBase { value }
        }
        "dependencies-cached-before-source" => GoalKind::DependenciesCachedBeforeSource,
        "no-package-cache" => GoalKind::NoPackageCache,
        "exec-form-cmd" => GoalKind::ExecFormCmd,
        "healthcheck" => GoalKind::Healthcheck,
        "env-set" => {
            let value = text("value")?;
            if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(err(
                    format!("{path}.value"),
                    format!("\"{value}\" is not a variable name"),
                ));
            }
            GoalKind::EnvSet { value }
        }
        "max-layers" => GoalKind::MaxLayers {
            value: number("value", 1000, "a number of layers")?,
        },
        _ => GoalKind::Exposes {
            value: number("value", 65535, "a port number")?,
        },
    };
    let description = match object.get("description") {
        None => kind.default_description(),
        Some(Value::String(s)) if s.trim().is_empty() => kind.default_description(),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(other) => {
            return Err(err(
                format!("{path}.description"),
                format!("expected text, found {}", type_name(other)),
            ))
        }
    };
    Ok(Goal { kind, description })
}

impl GoalKind {
    /// How the goal reads when the author gave no description.
    pub fn default_description(&self) -> String {
        match self {
            GoalKind::Rule { rule, .. } => {
                let name = crate::rules::find(rule)
                    .map(|r| format!(" ({})", r.name))
                    .unwrap_or_default();
                format!("No {rule}{name} finding")
            }
            GoalKind::FinalStageNonRoot => "The final stage runs as a non-root user".into(),
            GoalKind::BaseImagePinned { digest: false } => {
                "Every base image has a specific version tag".into()
            }
            GoalKind::BaseImagePinned { digest: true } => {
                "Every base image is pinned by tag and digest".into()
            }
            GoalKind::MultiStage => {
                "A multi-stage build: the final stage copies from a build stage".into()
            }
            GoalKind::FinalBase { value } => format!("The final image is based on a {value} image"),
            GoalKind::DependenciesCachedBeforeSource => {
                "Dependencies are installed before the source is copied (cache-friendly order)"
                    .into()
            }
            GoalKind::NoPackageCache => "No package-manager cache is left in the image".into(),
            GoalKind::ExecFormCmd => "CMD/ENTRYPOINT use the exec (JSON) form".into(),
            GoalKind::Healthcheck => "The image has a HEALTHCHECK".into(),
            GoalKind::EnvSet { value } => format!("{value} is set with ENV"),
            GoalKind::MaxLayers { value } => {
                format!("At most {value} layers (RUN, COPY, ADD) in the final stage")
            }
            GoalKind::Exposes { value } => format!("Port {value} is exposed"),
        }
    }
}

fn required_text(object: &Map<String, Value>, key: &str) -> Result<String, FormatError> {
    optional_text(object, key)?.ok_or_else(|| err(key, "missing"))
}

fn optional_text(object: &Map<String, Value>, key: &str) -> Result<Option<String>, FormatError> {
    match object.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(err(
            key,
            format!("expected text, found {}", type_name(other)),
        )),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

/// `unknown goal "finall-stage"; did you mean "final-stage-non-root"?` (or the list of choices).
fn unknown(what: &str, word: &str, choices: &[&str]) -> String {
    match closest(word, choices) {
        Some(best) => format!("unknown {what} \"{word}\"; did you mean \"{best}\"?"),
        None => format!(
            "unknown {what} \"{word}\"; expected one of: {}",
            choices.join(", ")
        ),
    }
}

/// The choice closest to `word`: a prefix of it (or it of a prefix), or within a small edit distance.
fn closest<'c>(word: &str, choices: &[&'c str]) -> Option<&'c str> {
    let word = word.to_ascii_lowercase();
    if word.is_empty() {
        return None;
    }
    let limit = (word.chars().count() / 3).clamp(1, 4);
    choices
        .iter()
        .map(|c| {
            // Also against the choice's beginning, so a typo in the first words still finds it
            // (`finall-stage` → `final-stage-non-root`).
            let head: String = c.chars().take(word.chars().count()).collect();
            let prefix_penalty = usize::from(head.len() < c.len());
            (
                distance(&word, c).min(distance(&word, &head) + prefix_penalty),
                *c,
            )
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                if let Some(p) = prev2.get(j - 2) {
                    best = best.min(p + 1);
                }
            }
            row[j] = best;
        }
        prev2 = std::mem::replace(&mut prev, row);
    }
    prev.get(b.len()).copied().unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests;
