//! BuildKit UndefinedVar: a variable used in an instruction that is not defined at that point.

use super::vars::references;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4007",
    name: "undefined-var",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "UndefinedVar")],
    docs: rule_docs! {
        what: "Flags `$NAME` in an instruction's arguments (not `RUN`, which the shell expands) when `NAME` is not \
               in scope there and looks like a typo of a defined variable (`$PAHT`), or an `ARG` elsewhere in \
               the Dockerfile declares it, or the stage starts from `scratch`.",
        why: "Docker expands an unknown variable to an empty string without a word: `ARG`s declared before \
              `FROM` or in another stage are not visible until re-declared, so `COPY app-$VERSION.jar` silently \
              looks for `app-.jar`.",
        example: "ARG VERSION=1.4.2\nFROM eclipse-temurin:21-jre\nCOPY app-${VERSION}.jar /app.jar\n",
        fixed: "ARG VERSION=1.4.2\nFROM eclipse-temurin:21-jre\nARG VERSION\nCOPY app-${VERSION}.jar /app.jar\n",
        differences: "BuildKit knows the base image's environment when it builds; offline we do not, so a \
                      variable that the file never declares (it may come from the base image, like `PATH` or \
                      `JAVA_HOME`) is flagged only in stages built from `scratch`.",
    },
    check,
    ..Rule::DEFAULTS
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
                let typo_of =
                    likely_typo(name, info.scope.names().chain(COMMON_ENV.iter().copied()));
                if let Some(meant) = typo_of {
                    out.push(Diagnostic::new(
                        var.span,
                        format!(
                            "`{name}` is not defined here, so it expands to an empty string; did you mean \
                             `{meant}`?"
                        ),
                    ));
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

/// Variables most base images define, for typo suggestions.
const COMMON_ENV: &[&str] = &[
    "PATH",
    "HOME",
    "LANG",
    "HOSTNAME",
    "TERM",
    "JAVA_HOME",
    "GOPATH",
    "PYTHONPATH",
];

/// A defined variable `name` is probably a misspelling of: one edit away (a transposition counts as one), not
/// just a different case. (Two edits is too loose: `CAFFE_ROOT` is not a typo of `PYCAFFE_ROOT`.)
fn likely_typo<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() < 4 {
        return None;
    }
    candidates
        .filter(|c| *c != name && !c.eq_ignore_ascii_case(name))
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
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
    fn catches_likely_typos_of_defined_or_common_variables() {
        assert_eq!(
            lines("DW4007", "FROM alpine\nENV PATH=$PAHT:/app/bin\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW4007", "FROM a\nARG VERSION=1\nCOPY app-$VERSON.jar /\n"),
            vec![3]
        );
        assert!(lines("DW4007", "FROM a\nENV HOST=x\nCOPY $HOSTS /\n").len() == 1);
        assert!(lines("DW4007", "FROM a\nENV APP=x\nCOPY $APX $UID /\n").is_empty());
        // Regression (corpus): a base image's variable two edits from a defined one.
        assert!(lines("DW4007", "FROM a\nENV PYCAFFE_ROOT=x\nENV P=$CAFFE_ROOT\n").is_empty());
    }

    #[test]
    fn measures_edits_with_transpositions() {
        assert_eq!(super::edit_distance("PAHT", "PATH"), 1);
        assert_eq!(super::edit_distance("VERSON", "VERSION"), 1);
        assert_eq!(super::edit_distance("abc", "xyz"), 3);
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
