//! DL3024: two stages with the same name.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2024",
    name: "duplicate-stage-name",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[
        Alias(Peer::Hadolint, "DL3024"),
        Alias(Peer::Buildkit, "DuplicateStageName"),
        Alias(Peer::Trivy, "DS012"),
        Alias(Peer::Checkov, "CKV_DOCKER_11"),
    ],
    docs: rule_docs! {
        what: "Flags a `FROM ... AS name` whose name an earlier stage already uses.",
        why: "`COPY --from=name` and `--target name` can then point at only one of them: BuildKit refuses the \
              file, and older builders silently pick one.",
        example: "FROM golang:1.23 AS build\nRUN go build ./...\nFROM node:22 AS build\nRUN npm ci\n",
        fixed: "FROM golang:1.23 AS build-api\nRUN go build ./...\nFROM node:22 AS build-web\nRUN npm ci\n",
        differences: "Names compare case-insensitively, as Docker does (`AS Build` and `AS build` clash); \
                      hadolint compares them exactly.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (i, stage) in ctx.stages.iter().enumerate() {
        let Some(name) = &stage.name else { continue };
        let earlier = ctx
            .first_stage_with_name(name)
            .is_some_and(|first| first < i);
        if !earlier {
            continue;
        }
        let Some(from) = ctx.instructions.get(stage.from).map(|i| i.node) else {
            continue;
        };
        let span = match &from.body {
            Body::From(f) => f.stage_name.as_ref().map_or(from.keyword, |w| w.span),
            _ => from.keyword,
        };
        out.push(Diagnostic::new(
            span,
            format!(
                "Stage name `{name}` is already used by an earlier stage, so `--from={name}` and `--target {name}` \
                 are ambiguous (BuildKit rejects the file); give each stage its own name."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_reused_name() {
        assert_eq!(lines("DW2024", "FROM a:1 AS x\nFROM b:1 AS x\n"), vec![2]);
    }

    #[test]
    fn catches_names_differing_only_in_case() {
        assert_eq!(
            lines("DW2024", "FROM a:1 AS build\nFROM b:1 AS Build\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_distinct_or_missing_names() {
        assert!(lines(
            "DW2024",
            "FROM a:1 AS x\nFROM b:1 AS y\nFROM c:1\nFROM d:1\n"
        )
        .is_empty());
    }
}
