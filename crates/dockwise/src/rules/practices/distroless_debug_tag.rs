//! DW1025: a distroless `:debug` tag (busybox shell added for troubleshooting) in the final stage.

use crate::model::stage_facts;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1025",
    name: "distroless-debug-tag",
    category: Category::Security,
    severity: Severity::Warning,
    fix: FixKind::Unsafe(fix_safety!(
        "Unsafe: it drops `debug` from the tag, and with it `/busybox`. Not offered when the stage uses that \
         shell: a `RUN` or `SHELL`, a shell-form `CMD`, `ENTRYPOINT` or `HEALTHCHECK`, or an exec form that \
         starts `sh` or anything under `/busybox` (the build or the container would stop with \
         \"/busybox/sh: no such file or directory\")."
    )),
    docs: rule_docs! {
        what: "Flags a final stage on a distroless `:debug` or `:debug-nonroot` tag.",
        why: "The `debug` images add a busybox shell so you can look inside while troubleshooting; shipping them \
              gives an attacker the shell distroless exists to remove, and hides `RUN`/shell-form mistakes that \
              would fail on the real image.",
        example: "FROM gcr.io/distroless/static-debian12:debug-nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
        fixed: "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
        differences: "Builder stages on `:debug` are fine and not flagged.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    if !stage_facts(ctx.model, stage).debug {
        return;
    }
    let Some(Body::From(body)) = ctx.instructions.get(stage.from).map(|i| &i.node.body) else {
        return;
    };
    let Some(tag) = body.reference.as_ref().and_then(|r| r.tag.as_ref()) else {
        return;
    };
    let mut diagnostic = Diagnostic::new(
        tag.span,
        format!(
            "`{}` is a distroless debug image: it ships a busybox shell in the final image. Use it only to \
             troubleshoot; ship the tag without `debug`.",
            stage.base_resolved
        ),
    );
    let rest: Vec<&str> = tag.value.split('-').filter(|p| *p != "debug").collect();
    if !tag.value.contains('$') && !uses_the_shell(ctx, stage) {
        let edit = if rest.is_empty() {
            // `image:debug` → `image` (the `:` goes too).
            Edit::replace(
                Span::new(tag.span.start.saturating_sub(1), tag.span.end),
                String::new(),
            )
        } else {
            Edit::replace(tag.span, rest.join("-"))
        };
        diagnostic = diagnostic.with_fix(
            Fix::unsafe_("Use the tag without debug", vec![edit]).explained(
                "The final stage uses the same distroless image without the busybox shell.",
            ),
        );
    }
    out.push(diagnostic);
}

/// Tools only the debug image's busybox provides, as health checks and entrypoints call them.
const BUSYBOX_APPLETS: &[&str] = &[
    "wget", "nc", "cat", "ls", "env", "sleep", "echo", "test", "grep", "pgrep", "ps", "true",
];

/// Whether the stage needs the debug image's busybox: any `RUN` or `SHELL`, a shell-form command, or an exec
/// form that starts a shell or a program under `/busybox`.
fn uses_the_shell(ctx: &Context, stage: &Stage) -> bool {
    let exec_needs_busybox = |exec: &dockwise_syntax::ast::ExecForm| {
        exec.elements.first().is_some_and(|first| {
            let program = first.value.rsplit('/').next().unwrap_or("");
            // A program named without a path is looked up on PATH, where only `/busybox` has these.
            let applet = !first.value.contains('/') && BUSYBOX_APPLETS.contains(&program);
            first.value.starts_with("/busybox")
                || matches!(program, "sh" | "ash" | "busybox")
                || applet
        })
    };
    let needs = |command: &Command| match command {
        Command::Shell(_) => true,
        Command::Exec(exec) => exec_needs_busybox(exec),
    };
    ctx.stage_instructions(stage).iter().skip(1).any(|info| {
        matches!(info.kind(), Keyword::Run | Keyword::Shell)
            || match &info.node.body {
                Body::Command(command) => needs(command),
                Body::Healthcheck(dockwise_syntax::ast::Healthcheck::Cmd { command, .. }) => {
                    needs(command)
                }
                _ => false,
            }
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn flags_debug_tags_in_the_final_stage_only() {
        assert_eq!(
            lines("DW1025", "FROM gcr.io/distroless/base-debian12:debug\n"),
            vec![1]
        );
        assert!(lines(
            "DW1025",
            "FROM gcr.io/distroless/base-debian12:debug AS t\nFROM gcr.io/distroless/base-debian12\n"
        )
        .is_empty());
        assert!(lines("DW1025", "FROM myorg/app:debug\n").is_empty());
    }

    #[test]
    fn fix_drops_debug_from_the_tag() {
        assert_eq!(
            fixed("DW1025", "FROM gcr.io/distroless/python3-debian12:debug\n"),
            "FROM gcr.io/distroless/python3-debian12\n"
        );
        assert_eq!(
            fixed(
                "DW1025",
                "FROM gcr.io/distroless/cc-debian12:debug-nonroot AS app\n"
            ),
            "FROM gcr.io/distroless/cc-debian12:nonroot AS app\n"
        );
    }

    /// Dropping `debug` removed the `/busybox/sh` the stage's own `SHELL` and `RUN` (or its entrypoint) used.
    #[test]
    fn no_fix_when_the_stage_uses_the_busybox_shell() {
        for source in [
            "FROM gcr.io/distroless/python3-debian12:debug\nSHELL [\"/busybox/sh\", \"-c\"]\nRUN echo hi\n",
            "FROM gcr.io/distroless/static-debian12:debug-nonroot\nENTRYPOINT [\"/busybox/sh\", \"-c\", \"exec /app\"]\n",
            "FROM gcr.io/distroless/static-debian12:debug\nCMD /app --port 80\n",
            "FROM gcr.io/distroless/static-debian12:debug\nHEALTHCHECK CMD [\"sh\", \"-c\", \"wget -q -O- localhost\"]\n",
            "FROM gcr.io/distroless/static-debian12:debug\nHEALTHCHECK CMD [\"wget\", \"-q\", \"-O-\", \"http://localhost/\"]\n",
        ] {
            assert_eq!(lines("DW1025", source).len(), 1, "{source}");
            assert_eq!(fixed("DW1025", source), source);
        }
    }
}
