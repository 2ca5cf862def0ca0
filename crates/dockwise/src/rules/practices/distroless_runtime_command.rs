//! DW1026: a distroless final stage whose runtime command relies on `PATH` lookups, or repeats the interpreter
//! the image's own entrypoint already runs (`CMD ["python", "app.py"]` on `distroless/python3`).

use crate::model::{stage_facts, StageFacts};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1026",
    name: "distroless-runtime-command",
    category: Category::Correctness,
    severity: Severity::Error,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it drops the repeated interpreter from `CMD`, or replaces `python`/`python3`/`node` in \
         `ENTRYPOINT` with the image's absolute interpreter path. The command the container starts changes (that \
         is the point), so check it runs your app as intended."
    )),
    docs: rule_docs! {
        what: "Flags, in a final stage on a distroless image: an exec-form `ENTRYPOINT` (or a `CMD` where the image \
               has no entrypoint) whose program is not an absolute path, and a `CMD` that starts with the \
               interpreter the image's entrypoint already runs (`python`, `python3`, `node`).",
        why: "Distroless Python and Node.js images start their interpreter themselves (`/usr/bin/python3`, \
              `/nodejs/bin/node`): `CMD` is passed to it as arguments, so `CMD [\"python\", \"app.py\"]` runs \
              `python3 python app.py` and fails with \"can't open file 'python'\". Names looked up on `PATH` break \
              too: distroless Python has `python3` but no `python`, and there is no shell to help.",
        example: "FROM gcr.io/distroless/python3-debian12\nCOPY app.py /app/app.py\nCMD [\"python\", \"/app/app.py\"]\n",
        fixed: "FROM gcr.io/distroless/python3-debian12\nCOPY app.py /app/app.py\nCMD [\"/app/app.py\"]\n",
    },
    check,
    ..Rule::DEFAULTS
};

/// Program names that mean the image's interpreter.
const INTERPRETERS: [&str; 4] = ["python", "python3", "node", "nodejs"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    let facts = stage_facts(ctx.model, stage);
    if !facts.distroless {
        return;
    }
    let mut entrypoint = None;
    let mut cmd = None;
    for info in ctx.stage_instructions(stage) {
        match info.kind() {
            Keyword::Entrypoint => entrypoint = Some(info),
            Keyword::Cmd => cmd = Some(info),
            _ => {}
        }
    }
    if let Some(info) = entrypoint {
        if let Some((first, _)) = exec_elements(info) {
            if !first.value.starts_with('/') && !first.value.contains('$') {
                let mut d = Diagnostic::new(
                    first.span,
                    format!(
                        "`ENTRYPOINT` starts `{}` by a `PATH` lookup in `{}`, a distroless image with no shell; \
                         use the absolute path of the program{}.",
                        first.value,
                        stage.base_resolved,
                        facts
                            .entrypoint
                            .map(|p| format!(" (`{p}` for the image's interpreter)"))
                            .unwrap_or_default()
                    ),
                );
                if let Some(path) = interpreter_path(&facts, &first.value) {
                    d = d.with_fix(
                        Fix::unsafe_(
                            format!("Start {path}"),
                            vec![Edit::replace(first.span, format!("\"{path}\""))],
                        )
                        .explained(format!(
                            "`ENTRYPOINT` now names the image's interpreter, `{path}`."
                        )),
                    );
                }
                out.push(d);
            }
        }
        return;
    }
    let Some((first, second)) = cmd.and_then(exec_elements) else {
        return;
    };
    match facts.entrypoint {
        Some(image_entrypoint) if INTERPRETERS.contains(&program_name(&first.value)) => {
            let mut d = Diagnostic::new(
                first.span,
                format!(
                    "`{}` already runs `{image_entrypoint}` as its entrypoint, and `CMD` becomes its arguments: \
                     this starts `{image_entrypoint} {} ...`, which fails. Leave the interpreter out of `CMD`.",
                    stage.base_resolved, first.value
                ),
            );
            if let Some(next) = second {
                d = d.with_fix(
                    Fix::unsafe_(
                        format!("Drop {} from CMD", first.value),
                        vec![Edit::replace(
                            Span::new(first.span.start, next.span.start),
                            String::new(),
                        )],
                    )
                    .explained(format!(
                        "`CMD` now holds only the arguments for the image's `{image_entrypoint}`."
                    )),
                );
            }
            out.push(d);
        }
        None if !first.value.starts_with('/') && !first.value.contains('$') => {
            out.push(Diagnostic::new(
                first.span,
                format!(
                    "`CMD` starts `{}` by a `PATH` lookup in `{}`, a distroless image with no shell; use the \
                     program's absolute path (`[\"/app\"]`).",
                    first.value, stage.base_resolved
                ),
            ));
        }
        _ => {}
    }
}

fn program_name(program: &str) -> &str {
    program.rsplit('/').next().unwrap_or(program)
}

fn interpreter_path(facts: &StageFacts, program: &str) -> Option<&'static str> {
    let path = facts.entrypoint?;
    let python = path.contains("python") && matches!(program, "python" | "python3");
    let node = path.contains("node") && matches!(program, "node" | "nodejs");
    (python || node).then_some(path)
}

fn exec_elements<'c>(info: &'c InstructionInfo) -> Option<(&'c Word, Option<&'c Word>)> {
    let Body::Command(Command::Exec(exec)) = &info.node.body else {
        return None;
    };
    Some((exec.elements.first()?, exec.elements.get(1)))
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn flags_repeated_interpreters_and_path_lookups() {
        assert_eq!(
            lines(
                "DW1026",
                "FROM gcr.io/distroless/python3-debian12\nCMD [\"python3\", \"app.py\"]\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1026",
                "FROM gcr.io/distroless/nodejs22-debian12\nENTRYPOINT [\"node\", \"server.js\"]\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1026",
                "FROM gcr.io/distroless/static-debian12\nCMD [\"server\"]\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn absolute_paths_arguments_and_other_images_are_quiet() {
        for src in [
            "FROM gcr.io/distroless/python3-debian12\nCMD [\"app.py\"]\n",
            "FROM gcr.io/distroless/python3-debian12\nENTRYPOINT [\"/venv/bin/python3\", \"app.py\"]\n",
            "FROM gcr.io/distroless/static-debian12\nCMD [\"/server\"]\n",
            "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
        ] {
            assert!(lines("DW1026", src).is_empty(), "{src}");
        }
    }

    #[test]
    fn fixes_drop_or_qualify_the_interpreter() {
        assert_eq!(
            fixed(
                "DW1026",
                "FROM gcr.io/distroless/python3-debian12\nCMD [\"python\", \"app.py\"]\n"
            ),
            "FROM gcr.io/distroless/python3-debian12\nCMD [\"app.py\"]\n"
        );
        assert_eq!(
            fixed("DW1026", "FROM gcr.io/distroless/nodejs22-debian12\nENTRYPOINT [\"node\", \"server.js\"]\n"),
            "FROM gcr.io/distroless/nodejs22-debian12\nENTRYPOINT [\"/nodejs/bin/node\", \"server.js\"]\n"
        );
    }
}
