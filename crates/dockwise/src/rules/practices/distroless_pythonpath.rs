//! DW1027: `ENV PYTHONPATH` in a distroless Python stage: packages copied by hand instead of a virtualenv built
//! on the matching base.

use crate::model::{stage_facts, stage_label};
use crate::rules::prelude::*;

/// The distroless project's own pattern: a venv built on the Debian release the runtime uses.
pub const DISTROLESS_PYTHON_EXAMPLE: &str =
    "https://github.com/GoogleContainerTools/distroless/blob/main/examples/python3-requirements/Dockerfile";

pub static RULE: Rule = Rule {
    code: "DW1027",
    name: "distroless-pythonpath",
    category: Category::Correctness,
    severity: Severity::Info,
    fix: FixKind::None(fix_safety!(
        "No automatic fix: moving to a virtualenv changes the builder's base and how packages are installed."
    )),
    docs: rule_docs! {
        what: "Flags `ENV PYTHONPATH` in a stage on a distroless Python image.",
        why: "Setting `PYTHONPATH` to packages copied from a builder works only while the builder's Python minor \
              version and libc match Debian's Python in the runtime image exactly, and it hides the mismatch until \
              an import fails. The distroless project's own example builds a virtualenv on the same Debian release \
              (`debian:12-slim` with `python3-venv` for `python3-debian12`) and copies it whole: \
              https://github.com/GoogleContainerTools/distroless/blob/main/examples/python3-requirements/Dockerfile",
        example: "FROM python:3.11-slim-bookworm AS build\nRUN pip install --target=/deps flask\n\
                  FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /deps /deps\n\
                  ENV PYTHONPATH=/deps\nCMD [\"-m\", \"flask\", \"run\"]\n",
        fixed: "FROM debian:12-slim AS build\nRUN apt-get update && apt-get install --no-install-recommends -y \
                python3-venv && python3 -m venv /venv && /venv/bin/pip install flask\n\
                FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /venv /venv\n\
                ENTRYPOINT [\"/venv/bin/python3\", \"-m\", \"flask\", \"run\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.stages {
        let facts = stage_facts(ctx.model, stage);
        // An unsuffixed `distroless/python3` names no Debian release, so its Python version is unknown.
        let python = facts.python().or(facts
            .entrypoint
            .filter(|e| *e == "/usr/bin/python3")
            .map(|_| ""));
        let Some(python) = python.filter(|_| facts.distroless) else {
            continue;
        };
        let python = if python.is_empty() {
            "Python".to_string()
        } else {
            format!("Python {python}")
        };
        for info in ctx.stage_instructions(stage) {
            let Body::KeyValues(pairs) = &info.node.body else {
                continue;
            };
            if info.kind() != Keyword::Env {
                continue;
            }
            for pair in pairs.iter().filter(|p| p.key.value == "PYTHONPATH") {
                out.push(Diagnostic::new(
                    pair.span,
                    format!(
                        "`PYTHONPATH` points {}'s {python} at packages copied by hand; this only works while \
                         the builder's Python and libc match exactly. Copy a virtualenv built on the matching \
                         Debian release instead, as the distroless project's example does: \
                         {DISTROLESS_PYTHON_EXAMPLE}",
                        stage_label(stage),
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn flags_pythonpath_in_distroless_python_only() {
        assert_eq!(
            lines(
                "DW1027",
                "FROM gcr.io/distroless/python3-debian12\nENV A=1 PYTHONPATH=/deps\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1027",
                "FROM gcr.io/distroless/python3\nENV PYTHONPATH=/deps\n"
            ),
            vec![2]
        );
        assert!(lines("DW1027", "FROM python:3.12-slim\nENV PYTHONPATH=/deps\n").is_empty());
        assert!(lines(
            "DW1027",
            "FROM gcr.io/distroless/base\nENV PYTHONPATH=/deps\n"
        )
        .is_empty());
        assert!(lines(
            "DW1027",
            "FROM gcr.io/distroless/python3-debian12\nENV PYTHONUNBUFFERED=1\n"
        )
        .is_empty());
    }
}
