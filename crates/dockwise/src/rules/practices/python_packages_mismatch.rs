//! DW1022: Python packages copied between stages whose Python minor version or libc differ (`pip install
//! --target` on `python:3.11-alpine`, copied into `distroless/python3-debian11`'s Python 3.9 on glibc).

use crate::data::lifecycle::{unsupported, DATA_DATE};
use crate::model::{debian_codename, debian_python, stage_label, Language};
use crate::rules::common::stage_copies::{copied_python_packages, stage_copies};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1022",
    name: "python-packages-mismatch",
    category: Category::Correctness,
    severity: Severity::Error,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it aligns the builder with the runtime: for a distroless Python runtime the builder becomes \
         `python:<Debian's Python>-slim-<codename>` (`python:3.11-slim-bookworm` for `python3-debian12`; an \
         end-of-life `-debian11` runtime moves to `-debian12` too), for an official `python` runtime the builder \
         uses the runtime's tag. Packages are then resolved for that interpreter, which may pick other versions."
    )),
    docs: rule_docs! {
        what: "Flags a `COPY --from` that carries Python packages (a `pip install --target`/`--prefix`/`--user` \
               directory, a virtualenv, `site-packages`) from a stage running one Python minor version or libc \
               into a stage running another.",
        why: "Compiled wheels are built for one interpreter ABI (`cp311`) and one libc (`musllinux` or \
              `manylinux`): on another they fail to import. Pure-Python packages may use syntax the older \
              interpreter cannot parse. The image builds, then the container dies at its first import.",
        example: "FROM python:3.11-alpine3.19 AS build\nRUN pip install --target=/deps flask\n\
                  FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /deps /deps\n\
                  ENV PYTHONPATH=/deps\nCMD [\"-m\", \"flask\", \"run\"]\n",
        fixed: "FROM python:3.11-slim-bookworm AS build\nRUN pip install --target=/deps flask\n\
                FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /deps /deps\n\
                ENV PYTHONPATH=/deps\nCMD [\"-m\", \"flask\", \"run\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for copy in stage_copies(ctx) {
        let (Some(built), Some(runs)) = (copy.from_facts.python(), copy.to_facts.python()) else {
            continue;
        };
        let libc_differs =
            matches!((copy.from_facts.libc, copy.to_facts.libc), (Some(a), Some(b)) if a != b);
        if built == runs && !libc_differs {
            continue;
        }
        let Some(path) = copied_python_packages(ctx, copy) else {
            continue;
        };
        let consequence = match (built == runs, libc_differs) {
            (false, true) => format!(
                "compiled extensions will not load (other ABI and libc), and pure-Python packages may use syntax \
                 Python {runs} cannot parse"
            ),
            (false, false) => format!(
                "compiled extensions are built for another interpreter ABI, and pure-Python packages may use \
                 syntax Python {runs} cannot parse"
            ),
            _ => "compiled extensions linked against one libc will not load on the other".to_string(),
        };
        let message = format!(
            "`{path}` holds Python packages built for {} in {}; the copy runs on {} in {}: {consequence}. Build \
             them on the runtime's interpreter and libc.",
            copy.from_facts.runtime_label(),
            stage_label(copy.from),
            copy.to_facts.runtime_label(),
            stage_label(copy.to),
        );
        let mut diagnostic = Diagnostic::new(copy.info.node.text_span(), message);
        if let Some(fix) = align_builder(ctx, copy.from, copy.to, &copy.to_facts) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

/// The literal tag word and name word of a stage's own `FROM` (not inherited, no variables, no digest).
fn from_words<'c>(ctx: &'c Context, stage: &Stage) -> Option<(&'c Word, Option<&'c Word>)> {
    let Base::Image(image) = &stage.base else {
        return None;
    };
    let Body::From(body) = &ctx.instructions.get(stage.from)?.node.body else {
        return None;
    };
    let reference = body.reference.as_ref()?;
    (!reference.has_variables && image.digest.is_none())
        .then_some((&reference.name, reference.tag.as_ref()))
}

fn align_builder(
    ctx: &Context,
    builder: &Stage,
    runtime: &Stage,
    runtime_facts: &crate::model::StageFacts,
) -> Option<Fix> {
    let Base::Image(builder_image) = &builder.base else {
        return None;
    };
    if !builder_image.is_official() || builder_image.repository() != "python" {
        return None;
    }
    let (builder_name, builder_tag) = from_words(ctx, builder)?;
    let Base::Image(runtime_image) = &runtime.base else {
        return None;
    };
    let (runtime_name, runtime_tag) = from_words(ctx, runtime)?;
    let mut edits = Vec::new();
    let new_tag = if runtime_facts.distroless {
        let release = runtime_facts.os.as_ref()?.release.clone();
        let release = if unsupported("debian", &release).is_some() {
            let newer = "12";
            let name = runtime_name.value.replacen(
                &format!("-debian{release}"),
                &format!("-debian{newer}"),
                1,
            );
            edits.push(Edit::replace(runtime_name.span, name));
            newer.to_string()
        } else {
            release
        };
        format!(
            "{}-slim-{}",
            debian_python(&release)?,
            debian_codename(&release)?
        )
    } else if runtime_image.is_official()
        && runtime_image.repository() == "python"
        && runtime_facts.runtime.as_ref()?.language == Language::Python
    {
        runtime_tag?.value.clone()
    } else {
        return None;
    };
    edits.push(match builder_tag {
        Some(tag) => Edit::replace(tag.span, new_tag.clone()),
        None => Edit::insert(builder_name.span.end, format!(":{new_tag}")),
    });
    Some(
        Fix::unsafe_(format!("Build on python:{new_tag}"), edits).explained(format!(
            "The builder now runs `python:{new_tag}`, the same Python minor version and libc as the runtime \
             (Dockwise's base-image data of {DATA_DATE}), so the copied packages import where they land."
        )),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    const ISSUE_18: &str = "FROM python:3.11-alpine3.19 AS build\nWORKDIR /app\nCOPY requirements.txt .\n\
        RUN pip install --target=/app/deps -r requirements.txt\nCOPY app.py .\n\
        FROM gcr.io/distroless/python3-debian11:nonroot\nWORKDIR /app\nCOPY --from=build /app /app\n\
        ENV PYTHONPATH=/app/deps\nCMD [\"app.py\"]\n";

    #[test]
    fn issue_18_names_both_stages_and_both_facts() {
        let linted = crate::lint::lint(ISSUE_18, &crate::Config::only("DW1022"));
        assert_eq!(linted.findings.len(), 1);
        let message = &linted.findings[0].diagnostic.message;
        assert!(
            message.contains("built for Python 3.11 (musl) in `build`")
                && message.contains("runs on Python 3.9 (glibc) in the final stage"),
            "{message}"
        );
    }

    #[test]
    fn issue_18_fix_aligns_the_builder_and_leaves_end_of_life_debian() {
        let after = fixed("DW1022", ISSUE_18);
        assert!(
            after.starts_with("FROM python:3.11-slim-bookworm AS build\n"),
            "{after}"
        );
        assert!(
            after.contains("FROM gcr.io/distroless/python3-debian12:nonroot\n"),
            "{after}"
        );
        assert!(lines("DW1022", &after).is_empty());
    }

    #[test]
    fn venvs_user_installs_and_site_packages_count() {
        for src in [
            "FROM python:3.12 AS b\nRUN python -m venv /venv\nFROM python:3.11-slim\nCOPY --from=b /venv /venv\n",
            "FROM python:3.12-alpine AS b\nRUN pip install --user x\nFROM python:3.12-slim\n\
             COPY --from=b /root/.local /root/.local\n",
            "FROM python:3.10 AS b\nFROM python:3.12\n\
             COPY --from=b /usr/local/lib/python3.10/site-packages /usr/local/lib/python3.12/site-packages\n",
        ] {
            assert_eq!(lines("DW1022", src).len(), 1, "{src}");
        }
        assert_eq!(
            fixed(
                "DW1022",
                "FROM python:3.12 AS b\nRUN python -m venv /venv\nFROM python:3.11-slim\nCOPY --from=b /venv /venv\n"
            ),
            "FROM python:3.11-slim AS b\nRUN python -m venv /venv\nFROM python:3.11-slim\nCOPY --from=b /venv /venv\n"
        );
    }

    #[test]
    fn matching_ends_and_non_package_copies_are_quiet() {
        for src in [
            "FROM python:3.11-slim-bookworm AS b\nRUN pip install --target=/deps x\n\
             FROM gcr.io/distroless/python3-debian12\nCOPY --from=b /deps /deps\n",
            "FROM python:3.11-alpine AS b\nRUN pip install --target=/deps x\nFROM python:3.9\nCOPY --from=b /app.py /app.py\n",
            "FROM golang:1.26 AS b\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=b /venv /venv\n",
        ] {
            assert!(lines("DW1022", src).is_empty(), "{src}");
        }
    }
}
