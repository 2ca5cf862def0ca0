//! The exercises that ship with Dockwise: a Python (Flask) track from a naive Dockerfile to distroless, a Node
//! track and a Go track. Each is a JSON file in `builtin/` (the share format), embedded at compile time.

use super::{Exercise, FormatError};

/// A built-in exercise: its stable name (`python-01-env`) and its JSON text.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    pub name: &'static str,
    pub json: &'static str,
}

impl Builtin {
    /// The exercise, parsed. Built-ins are tested to parse, so an error here is a bug in a shipped file.
    pub fn exercise(&self) -> Result<Exercise, FormatError> {
        Exercise::from_json(self.json)
    }
}

macro_rules! builtins {
    ($($name:literal),* $(,)?) => {
        const BUILTINS: &[Builtin] = &[
            $(Builtin { name: $name, json: include_str!(concat!("builtin/", $name, ".json")) },)*
        ];
    };
}

builtins![
    "python-01-env",
    "python-02-pip-cache",
    "python-03-layer-order",
    "python-04-slim-base",
    "python-05-non-root",
    "python-06-gunicorn",
    "python-07-healthcheck",
    "python-08-multi-stage-venv",
    "python-09-distroless",
    "node-01-basics",
    "node-02-non-root",
    "node-03-distroless",
    "go-01-multi-stage",
    "go-02-static-distroless",
    "go-03-scratch",
];

/// Every built-in exercise, in teaching order (Python, Node, Go tracks).
pub fn builtins() -> &'static [Builtin] {
    BUILTINS
}

/// A built-in exercise by name (`python-01-env`), or by a unique prefix (`python-01`).
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    let name = name.trim();
    BUILTINS.iter().find(|b| b.name == name).or_else(|| {
        let mut matches = BUILTINS.iter().filter(|b| b.name.starts_with(name));
        match (matches.next(), matches.next()) {
            (Some(only), None) if !name.is_empty() => Some(only),
            _ => None,
        }
    })
}
