//! BuildKit UndefinedVar: a variable used in an instruction that is not defined at that point.

use super::vars::references;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4007",
    name: "undefined-var",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "UndefinedVar")],
    enabled_by_default: true,
    fix: FixKind::None,
    docs: Docs {
        what: "Flags `$NAME` in an instruction's arguments (not `RUN`, which the shell expands) when `NAME` is not \
               in scope there, though an `ARG` elsewhere in the Dockerfile declares it, or the stage starts from `scratch`.",
        why: "Docker expands an unknown variable to an empty string without a word: `ARG`s declared before \
              `FROM` or in another stage are not visible until re-declared, so `COPY app-$VERSION.jar` silently \
              looks for `app-.jar`.",
        example: "ARG VERSION=1.4.2\nFROM eclipse-temurin:21-jre\nCOPY app-${VERSION}.jar /app.jar\n",
        fixed: "ARG VERSION=1.4.2\nFROM eclipse-temurin:21-jre\nARG VERSION\nCOPY app-${VERSION}.jar /app.jar\n",
        fix_safety: "",
        differences: "BuildKit knows the base image's environment when it builds; offline we do not, so a \
                      variable that the file never declares (it may come from the base image, like `PATH` or \
                      `JAVA_HOME`) is flagged only in stages built from `scratch`.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.file.escape != '\\' {
        return;
    }
    let declared_somewhere: Vec<&str> = ctx
        .instructions
        .iter()
        .filter_map(|i| match (&i.node.body, i.kind()) {
            (Body::KeyValues(pairs), Keyword::Arg) => Some(pairs),
            _ => None,
        })
        .flatten()
        .map(|p| p.key.value.as_str())
        .collect();
    for info in &ctx.instructions {
        let node = info.node;
        let checked = !matches!(
            node.kind,
            Keyword::Run
                | Keyword::Cmd
                | Keyword::Entrypoint
                | Keyword::Healthcheck
                | Keyword::From
                | Keyword::Shell
                | Keyword::Onbuild
                | Keyword::Maintainer
        );
        if !checked {
            continue;
        }
        let from_scratch = info
            .stage
            .and_then(|s| ctx.stages.get(s))
            .is_some_and(|s| rooted_in_scratch(ctx, s));
        let mut spans: Vec<Span> = node
            .flags
            .iter()
            .filter_map(|f| f.value.as_ref().map(|v| v.span))
            .collect();
        spans.push(node.args);
        for span in spans {
            for var in references(ctx.source, span, '\\') {
                let name = var.name.as_str();
                // Like BuildKit, a default (`${NAME:-x}`) does not make the variable defined, and the platform
                // arguments (`TARGETARCH`...) are visible in a stage only once declared there with `ARG`.
                if info.scope.is_defined(name) {
                    continue;
                }
                if !(from_scratch || declared_somewhere.contains(&name)) {
                    continue;
                }
                out.push(Diagnostic::new(
                    var.span,
                    format!(
                        "`{name}` is not defined at this point (an `ARG` is visible only in the stage that \
                         declares it, after the declaration), so it expands to an empty string; declare it \
                         here with `ARG {name}` or `ENV {name}=...`."
                    ),
                ));
            }
        }
    }
}

fn rooted_in_scratch(ctx: &Context, stage: &Stage) -> bool {
    match stage.base {
        Base::Scratch => true,
        Base::Stage(parent) if parent < stage.index => ctx
            .stages
            .get(parent)
            .is_some_and(|p| rooted_in_scratch(ctx, p)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_global_arg_used_without_redeclaration() {
        assert_eq!(lines("DW4007", "ARG V=1\nFROM a\nCOPY x-$V /x\n"), vec![3]);
        assert_eq!(
            lines("DW4007", "FROM a AS one\nARG V\nFROM b\nWORKDIR /$V\n"),
            vec![4]
        );
    }

    #[test]
    fn catches_defaulted_and_platform_variables_like_buildkit() {
        assert_eq!(
            lines("DW4007", "FROM a\nARG BRANCH=${BRANCH:-main}\n"),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW4007",
                "ARG TARGETARCH\nFROM a\nCOPY bin-$TARGETARCH /b\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn catches_anything_unknown_in_a_scratch_stage() {
        assert_eq!(lines("DW4007", "FROM scratch\nENV P=$PATH\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_declared_base_defaulted_or_run_variables() {
        let src = "ARG V=1\nFROM a\nARG V\nCOPY x-$V /x\nENV PATH=$PATH:/x JAVA=${J:-1}\nRUN echo $W\nENV W=1\n\
                   LABEL a='$W'\nARG TARGETARCH\nCOPY bin-$TARGETARCH /b\n";
        assert_eq!(lines("DW4007", src), Vec::<usize>::new());
    }
}
