//! DW1029: a virtualenv copied to another path, or from an official `python` image (interpreter in
//! `/usr/local/bin`) into distroless Python (interpreter in `/usr/bin`).

use crate::model::stage_image::{descendants, later_run_using, FULL_IMAGE_TOOLS};
use crate::model::stage_label;
use crate::rewrite::{as_lines, keyword_like};
use crate::rules::common::stage_copies::{python_package_dirs, stage_copies, StageCopy};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1029",
    name: "venv-relocated",
    category: Category::Correctness,
    severity: Severity::Error,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it copies the venv to the path it was created at and moves the stage's later references and its \
         `ENV`s (whole path components; `ENV PATH=/venv/bin:$PATH` above the `COPY` too) with it; references in variables or files are not seen. For the distroless case it builds \
         the venv on the runtime's Debian release, as the distroless project's example does: the builder becomes \
         `debian:12-slim` (the runtime's release) with `python3-venv`, `gcc` and `libpython3-dev`, and the venv is \
         made by Debian's `python3` (Python 3.11 on Debian 12, whatever the `python` tag was). Offered only when \
         every bare `pip`/`python` of the builder runs from the venv (PATH or `activate`), it uses no tool only the \
         full image has, runs no apk and no stage is built on it; other tools must be installed by hand."
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
        let official_python = matches!(
            &copy.from.base,
            Base::Image(i) if i.is_official() && i.repository() == "python"
        );
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
                    format!("The venv lands at `{source}`, where it was created; the stage's references follow it.")
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
            let fix = distroless_builder_fix(ctx, copy, source);
            let mut d = Diagnostic::new(
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
            );
            d.fix = fix;
            out.push(d);
        }
    }
}

/// The distroless project's own recipe for a venv copied into distroless Python: the builder becomes
/// `debian:N-slim` (N the runtime's release) with `python3-venv`, a compiler and Python's headers, and the venv is
/// made by Debian's `python3`. Only where nothing else in the builder needs its `python` image: every bare
/// `pip`/`python` after the venv's creation runs from the venv (PATH or `activate`), no tool only the full image
/// has, no apk, no stage built on it, and a plain image reference.
fn distroless_builder_fix(ctx: &Context, copy: &StageCopy, venv: &str) -> Option<Fix> {
    let release = copy.to_facts.os.as_ref().map(|o| o.release.as_str())?;
    if release.is_empty() || !release.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let from = ctx.instructions.get(copy.from.from)?;
    let Body::From(body) = &from.node.body else {
        return None;
    };
    let plain = body
        .reference
        .as_ref()
        .is_some_and(|r| !r.has_variables && !body.image.value.contains('$'));
    if !plain || descendants(ctx.model, copy.from.index).len() > 1 {
        return None;
    }
    // With no stage built on the builder, every later RUN that sees its files is its own.
    if later_run_using(ctx.model, from, FULL_IMAGE_TOOLS).is_some() {
        return None;
    }
    let venv_bin = format!("{}/bin", venv.trim_end_matches('/'));
    let mut renamed = Vec::new();
    for info in ctx.stage_instructions(copy.from) {
        let on_path = info
            .scope
            .get("PATH")
            .is_some_and(|path| path.split(':').next() == Some(venv_bin.as_str()));
        let mut activated = false;
        for c in info.commands() {
            let name = c.name().unwrap_or("");
            if c.is("apk") {
                return None;
            }
            if (c.is(".") || c.is("source"))
                && c.args()
                    .first()
                    .is_some_and(|w| w.value == format!("{venv_bin}/activate"))
            {
                activated = true;
                continue;
            }
            let python = matches!(name, "python" | "python3");
            let creates = python
                && c.args()
                    .windows(2)
                    .any(|w| w[0].value == "-m" && w[1].value == "venv");
            if creates {
                if name == "python" {
                    renamed.push(c.words.first()?.span);
                }
                continue;
            }
            let bare = python || matches!(name, "pip" | "pip3");
            if bare && !on_path && !activated {
                return None;
            }
        }
    }
    let keyword = keyword_like(ctx.text(from.node.keyword), Keyword::Run);
    let at = from.node.span.end;
    let install = format!(
        "{keyword} apt-get update && apt-get install --no-install-recommends -y python3-venv gcc libpython3-dev \
         && rm -rf /var/lib/apt/lists/*"
    );
    let image = format!("debian:{release}-slim");
    let mut edits = vec![
        Edit::replace(body.image.span, image.clone()),
        Edit::insert(at, as_lines(ctx.source, at, &[install], ctx.style())),
    ];
    edits.extend(
        renamed
            .into_iter()
            .map(|span| Edit::replace(span, "python3".to_string())),
    );
    Some(
        Fix::unsafe_(format!("Build the venv on {image}"), edits).explained(format!(
            "The builder is now `{image}`, the runtime's Debian release, with `python3-venv`, `gcc` and Python's \
             headers from Debian; the venv is made by Debian's `python3`, so its `bin/python` is \
             `/usr/bin/python3`, which distroless has, and the packages are built for that interpreter (as in the \
             distroless project's Python example). Other tools the `python` image had must be installed by hand."
        )),
    )
}

/// Spans of the path `moved` (the venv's old destination) in the instructions of `stage` after instruction
/// `after`, and in its `ENV`s before it (`ENV PATH=/venv/bin:$PATH` written above the `COPY` applies when the
/// container runs): whole path components only (`/venv`, `/venv/bin`, `/venv:`, not `/venvs` or `/opt/venv`). Empty when
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
        .filter(|i| i.index > after || i.kind() == Keyword::Env)
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
            lines(
                "DW1029",
                "FROM python:3.12 AS b\nWORKDIR /app\nRUN virtualenv .venv\n\
                 FROM python:3.12\nCOPY --from=b /app/.venv /venv\n"
            ),
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

    /// Chainguard's example sets `ENV PATH="/venv/bin:$PATH"` above the `COPY --from=builder /app/venv /venv`:
    /// the venv moved to `/app/venv` and `python` no longer found its packages.
    #[test]
    fn fix_moves_earlier_env_references_too() {
        let before = "FROM python:3.12-slim AS b\nRUN python -m venv /app/venv\n\
                      FROM python:3.12-slim\nENV PATH=\"/venv/bin:$PATH\"\nCOPY --from=b /app/venv /venv\n\
                      CMD [\"python\", \"main.py\"]\n";
        assert_eq!(
            fixed("DW1029", before),
            before
                .replace("/venv/bin", "/app/venv/bin")
                .replace(" /venv\n", " /app/venv\n")
        );
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
            "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nENV V=/opt/venv\n\
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

    /// The distroless project's own Python example: the venv is built on the runtime's Debian release with
    /// Debian's `python3`, so its `bin/python` link is `/usr/bin/python3`, which distroless has.
    #[test]
    fn fix_builds_a_distroless_venv_on_the_runtime_s_debian() {
        let install =
            "RUN apt-get update && apt-get install --no-install-recommends -y python3-venv gcc \
                       libpython3-dev && rm -rf /var/lib/apt/lists/*\n";
        assert_eq!(
            fixed(
                "DW1029",
                "FROM python:3.12 AS builder\nRUN python -m venv /venv\nCOPY r.txt .\n\
                 RUN /venv/bin/pip install -r r.txt\nFROM gcr.io/distroless/python3-debian12\n\
                 COPY --from=builder /venv /venv\nCMD [\"/venv/bin/python\", \"app.py\"]\n"
            ),
            format!(
                "FROM debian:12-slim AS builder\n{install}RUN python3 -m venv /venv\nCOPY r.txt .\n\
                 RUN /venv/bin/pip install -r r.txt\nFROM gcr.io/distroless/python3-debian12\n\
                 COPY --from=builder /venv /venv\nCMD [\"/venv/bin/python\", \"app.py\"]\n"
            )
        );
        // Bare `pip` is the venv's once PATH or `activate` puts it first.
        for (before, after) in [
            (
                "FROM python:3.11-slim AS b\nRUN python3 -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n\
                 RUN pip install flask\nFROM gcr.io/distroless/python3-debian12:nonroot\n\
                 COPY --from=b /opt/venv /opt/venv\n",
                format!(
                    "FROM debian:12-slim AS b\n{install}RUN python3 -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n\
                     RUN pip install flask\nFROM gcr.io/distroless/python3-debian12:nonroot\n\
                     COPY --from=b /opt/venv /opt/venv\n"
                ),
            ),
            (
                "FROM python:3.12 AS b\nRUN python -m venv /v && . /v/bin/activate && pip install flask\n\
                 FROM gcr.io/distroless/python3-debian12\nCOPY --from=b /v /v\n",
                format!(
                    "FROM debian:12-slim AS b\n{install}RUN python3 -m venv /v && . /v/bin/activate && pip install \
                     flask\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=b /v /v\n"
                ),
            ),
        ] {
            assert_eq!(fixed("DW1029", before), after, "{before}");
        }
    }

    #[test]
    fn no_distroless_fix_where_the_builder_needs_its_python_image() {
        use crate::rules::prelude::testing::assert_flagged_once_unfixed;
        let end = "FROM gcr.io/distroless/python3-debian12\nCOPY --from=b /venv /venv\n";
        assert_flagged_once_unfixed(
            "DW1029",
            &[
                // The image's own pip, which debian:12-slim does not have.
                format!("FROM python:3.12 AS b\nRUN python -m venv /venv\nRUN pip install flask\n{end}"),
                // A tool only the full image has.
                format!("FROM python:3.12 AS b\nRUN python -m venv /venv\nRUN git clone https://x/y /y\n{end}"),
                // Another stage builds on the builder.
                format!("FROM python:3.12 AS b\nRUN python -m venv /venv\nFROM b AS t\nRUN true\n{end}"),
                // An Alpine builder's apk.
                format!("FROM python:3.12-alpine AS b\nRUN apk add gcc\nRUN python -m venv /venv\n{end}"),
                // A variable in the image reference.
                format!("ARG PY=3.12\nFROM python:$PY AS b\nRUN python -m venv /venv\n{end}"),
            ],
        );
    }

    #[test]
    fn fix_copies_to_the_creation_path() {
        assert_eq!(
            fixed(
                "DW1029",
                "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\n\
                 FROM python:3.12\nCOPY --from=b /opt/venv /venv/\n"
            ),
            "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\n\
             FROM python:3.12\nCOPY --from=b /opt/venv /opt/venv\n"
        );
    }
}
