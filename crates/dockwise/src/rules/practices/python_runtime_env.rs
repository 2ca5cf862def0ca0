//! Python images without `PYTHONUNBUFFERED=1` and `PYTHONDONTWRITEBYTECODE=1`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1013",
    name: "python-runtime-env",
    category: Category::Runtime,
    severity: Severity::Info,
    fix: FixKind::Safe(fix_safety!(
        "Safe: it adds environment variables that change only output buffering and bytecode caching, not what the \
         program computes."
    )),
    docs: rule_docs! {
        what: "Flags a final stage built on a Python image that does not set `PYTHONUNBUFFERED=1` and \
               `PYTHONDONTWRITEBYTECODE=1`.",
        why: "Without `PYTHONUNBUFFERED`, Python buffers stdout: the last log lines before a crash never reach \
              `docker logs`. Without `PYTHONDONTWRITEBYTECODE`, Python writes `.pyc` files into the container's \
              writable layer at run time, which only costs space.",
        example: "FROM python:3.12-slim\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n",
        fixed: "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCOPY app.py .\n\
                CMD [\"python\", \"app.py\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

const VARIABLES: [&str; 2] = ["PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    if !is_python_stage(ctx, stage) {
        return;
    }
    let scope = &stage.end_scope;
    let missing: Vec<&str> = VARIABLES
        .into_iter()
        .filter(|v| !scope.get(v).is_some_and(|x| !x.is_empty() && x != "0"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let from = ctx.instructions[stage.from].node;
    let newline = if ctx.source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let keyword = if ctx
        .text(from.keyword)
        .chars()
        .all(|c| c.is_ascii_lowercase())
    {
        "env"
    } else {
        "ENV"
    };
    let assignments: Vec<String> = missing.iter().map(|v| format!("{v}=1")).collect();
    let insert_at = from.span.end;
    let mut line = format!("{keyword} {}{newline}", assignments.join(" "));
    if !ctx.source[..insert_at].ends_with('\n') {
        line.insert_str(0, newline);
    }
    out.push(
        Diagnostic::new(
            from.text_span(),
            format!(
                "This Python image does not set {}: logs may be lost on a crash and .pyc files are written at run \
                 time; add `ENV {}`.",
                missing.join(" and "),
                assignments.join(" ")
            ),
        )
        .with_fix(
            Fix::safe(format!("Add ENV {}", assignments.join(" ")), vec![Edit::insert(insert_at, line)])
                .explained("Python now writes logs straight to stdout/stderr and skips .pyc files."),
        ),
    );
}

/// The stage's base image (or its ancestry) is an official Python image.
fn is_python_stage(ctx: &Context, stage: &Stage) -> bool {
    match &stage.base {
        Base::Image(image) => image.short_name().eq_ignore_ascii_case("python"),
        Base::Stage(parent) => ctx
            .stages
            .get(*parent)
            .is_some_and(|p| is_python_stage(ctx, p)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_a_python_final_stage_without_the_variables() {
        assert_eq!(
            lines("DW1013", "FROM python:3.12\nCMD [\"python\"]\n"),
            vec![1]
        );
    }

    #[test]
    fn does_not_catch_when_both_are_set_or_not_python() {
        let ok = "FROM python:3.12\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n";
        assert!(lines("DW1013", ok).is_empty());
        assert!(lines("DW1013", "FROM node:20\n").is_empty());
    }

    #[test]
    fn fix_adds_only_what_is_missing_in_the_files_case() {
        let src = "from python:3.12\nenv PYTHONUNBUFFERED=1\n";
        assert_eq!(
            fixed("DW1013", src),
            "from python:3.12\nenv PYTHONDONTWRITEBYTECODE=1\nenv PYTHONUNBUFFERED=1\n"
        );
    }
}
