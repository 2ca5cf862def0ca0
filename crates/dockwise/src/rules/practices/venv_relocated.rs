//! DW1029: a virtualenv copied to another path, or from an official `python` image (interpreter in
//! `/usr/local/bin`) into distroless Python (interpreter in `/usr/bin`).

use crate::model::stage_label;
use crate::rules::common::stage_copies::{python_package_dirs, stage_copies};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1029",
    name: "venv-relocated",
    category: Category::Correctness,
    severity: Severity::Error,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it copies the venv to the path it was created at and moves the stage's later references (whole \
         path components) with it; references in variables or files are not seen. No fix for the distroless case: \
         build the venv on the runtime's Debian release (`debian:12-slim` with `python3-venv`), as the distroless \
         project's example does."
    )),
    docs: rule_docs! {
        what: "Flags a `COPY --from` of a virtualenv created in the source stage (`python -m venv DIR`, \
               `virtualenv DIR`, `uv venv DIR`) to a different path, or into a distroless Python stage from an \
               official `python` image.",
        why: "A virtualenv is not relocatable: `bin/python` is a link to the interpreter it was created with and \
              every script in `bin/` starts with that absolute path. Moved, the scripts point at nothing; copied \
              from `python:*` (interpreter `/usr/local/bin/python3`) to distroless (`/usr/bin/python3`), the \
              venv's interpreter link dangles.",
        example: "FROM python:3.12-slim AS build\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install flask\n\
                  FROM python:3.12-slim\nCOPY --from=build /opt/venv /venv\nENV PATH=/venv/bin:$PATH\n",
        fixed: "FROM python:3.12-slim AS build\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install flask\n\
                FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for copy in stage_copies(ctx) {
        let venvs: Vec<String> = python_package_dirs(ctx, copy.from)
            .into_iter()
            .filter_map(|(dir, venv)| venv.then_some(dir))
            .collect();
        let Some(source) = copy.sources.iter().find(|s| venvs.contains(s)) else {
            continue;
        };
        let Body::Copy(body) = &copy.info.node.body else {
            continue;
        };
        let moved =
            copy.sources.len() == 1 && copy.destination.as_deref().is_some_and(|d| d != source);
        let official_python = matches!(&copy.from.base, Base::Image(i) if i.is_official() && i.repository() == "python");
        let into_distroless =
            official_python && copy.to_facts.distroless && copy.to_facts.python().is_some();
        if moved {
            let destination = copy.destination.clone().unwrap_or_default();
            let mut d = Diagnostic::new(
                copy.info.node.text_span(),
                format!(
                    "The virtualenv created at `{source}` in {} is copied to `{destination}` in {}: its \
                     `bin/python` link and script headers still point to `{source}`. Copy it to the same path.",
                    stage_label(copy.from),
                    stage_label(copy.to)
                ),
            );
            if let Some(word) = body.destination.as_ref().filter(|w| !w.value.contains('$')) {
                let mut edits = vec![Edit::replace(word.span, source.clone())];
                let references =
                    later_references(ctx, copy.to, copy.info.index, &destination, source);
                let explained = if references.is_empty() {
                    format!("The venv lands at `{source}`, where it was created.")
                } else {
                    format!("The venv lands at `{source}`, where it was created; later references follow it.")
                };
                edits.extend(
                    references
                        .into_iter()
                        .map(|span| Edit::replace(span, source.clone())),
                );
                d = d.with_fix(
                    Fix::unsafe_(format!("Copy the venv to {source}"), edits).explained(explained),
                );
            }
            out.push(d);
        } else if into_distroless {
            out.push(Diagnostic::new(
                copy.info.node.text_span(),
                format!(
                    "The virtualenv `{source}` was created in {} with `{}`'s interpreter (`/usr/local/bin/python3`, \
                     {}); {} runs Debian's `/usr/bin/python3` ({}), so the venv's `bin/python` link dangles. \
                     Build the venv on `debian:{}-slim` with `python3-venv`, as the distroless example does: {}",
                    stage_label(copy.from),
                    copy.from.base_resolved,
                    copy.from_facts.runtime_label(),
                    stage_label(copy.to),
                    copy.to_facts.runtime_label(),
                    copy.to_facts.os.as_ref().map_or("12", |o| o.release.as_str()),
                    super::distroless_pythonpath::DISTROLESS_PYTHON_EXAMPLE,
                ),
            ));
        }
    }
}

/// Spans of the path `moved` (the venv's old destination) in the instructions of `stage` after instruction
/// `after`: whole path components only (`/venv`, `/venv/bin`, `/venv:`, not `/venvs` or `/opt/venv`). Empty when
/// either path contains the other, where a textual swap could not tell them apart.
fn later_references(
    ctx: &Context,
    stage: &Stage,
    after: usize,
    moved: &str,
    created: &str,
) -> Vec<Span> {
    let moved = moved.trim_end_matches('/');
    let nested = |a: &str, b: &str| b.starts_with(a) && b[a.len()..].starts_with('/');
    if !moved.starts_with('/')
        || moved == created
        || nested(moved, created)
        || nested(created, moved)
    {
        return Vec::new();
    }
    let before_ok = |c: char| c.is_whitespace() || "\"'=:[,;".contains(c);
    let after_ok = |c: char| c.is_whitespace() || "/\"':],;".contains(c);
    let mut spans = Vec::new();
    for info in ctx
        .stage_instructions(stage)
        .iter()
        .filter(|i| i.index > after)
    {
        let start = info.node.keyword.end;
        let end = info.node.text_span().end;
        let text = ctx.text(Span::new(start, end));
        for (at, _) in text.match_indices(moved) {
            let before = text[..at].chars().next_back();
            let following = text[at + moved.len()..].chars().next();
            if before.is_some_and(before_ok) && following.is_none_or(after_ok) {
                spans.push(Span::new(start + at, start + at + moved.len()));
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn flags_moved_venvs_and_python_image_venvs_in_distroless() {
        assert_eq!(
            lines(
                "DW1029",
                "FROM python:3.11-slim-bookworm AS b\nRUN python -m venv /venv\n\
                 FROM gcr.io/distroless/python3-debian12\nCOPY --from=b /venv /venv\n"
            ),
            vec![4]
        );
        assert_eq!(
            lines("DW1029", "FROM python:3.12 AS b\nWORKDIR /app\nRUN virtualenv .venv\nFROM python:3.12\nCOPY --from=b /app/.venv /venv\n"),
            vec![5]
        );
    }

    #[test]
    fn same_path_and_matching_bases_are_quiet() {
        for src in [
            "FROM python:3.12 AS b\nRUN python -m venv /venv\nFROM python:3.12-slim\nCOPY --from=b /venv /venv\n",
            "FROM debian:12-slim AS b\nRUN python3 -m venv /venv\nFROM gcr.io/distroless/python3-debian12\n\
             COPY --from=b /venv /venv\n",
        ] {
            assert!(lines("DW1029", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fix_moves_later_references_with_the_venv() {
        assert_eq!(
            fixed(
                "DW1029",
                "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nENV V=/venv\n\
                 COPY --from=b /opt/venv /venv\nENV PATH=\"/venv/bin:$PATH\" OTHER=/venvs/x\n\
                 RUN /venv/bin/pip list\nCMD [\"/venv/bin/gunicorn\", \"app:app\"]\n"
            ),
            "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nENV V=/venv\n\
             COPY --from=b /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\" OTHER=/venvs/x\n\
             RUN /opt/venv/bin/pip list\nCMD [\"/opt/venv/bin/gunicorn\", \"app:app\"]\n"
        );
        // A destination that contains the creation path (or the reverse) is copied back, references left alone.
        assert_eq!(
            fixed(
                "DW1029",
                "FROM python:3.12 AS b\nRUN python -m venv /app/venv\nFROM python:3.12\nCOPY --from=b /app/venv /app\n\
                 CMD [\"/app/bin/python\"]\n"
            ),
            "FROM python:3.12 AS b\nRUN python -m venv /app/venv\nFROM python:3.12\nCOPY --from=b /app/venv /app/venv\n\
             CMD [\"/app/bin/python\"]\n"
        );
    }

    #[test]
    fn fix_copies_to_the_creation_path() {
        assert_eq!(
            fixed("DW1029", "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\nFROM python:3.12\nCOPY --from=b /opt/venv /venv/\n"),
            "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\nFROM python:3.12\nCOPY --from=b /opt/venv /opt/venv\n"
        );
    }
}
