//! DL3022: `COPY --from=` a name that no earlier stage has.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2022",
    name: "copy-from-unknown-stage",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Hadolint, "DL3022")],
    docs: rule_docs! {
        what: "Flags `COPY --from=name` where `name` is not an earlier stage and does not look like an image \
               reference (no tag, digest or registry).",
        why: "Docker then treats the name as an image to pull: a typo in a stage name becomes a pull of some \
              public image called that, or a confusing \"not found\" error.",
        example: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=biuld /app /app\n",
        fixed: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=build /app /app\n",
        differences: "Stage names match case-insensitively, as Docker does; hadolint compares them exactly. \
                      `--from` values are read after `ARG` defaults are substituted, and a value that stays \
                      unresolved is not reported (hadolint reports every variable).",
    },
    check,
    ..Rule::DEFAULTS
};

fn looks_like_image(reference: &str) -> bool {
    reference.contains(':')
        || reference.contains('@')
        || reference.contains('/')
        || reference.contains('.')
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let global = crate::model::Scope::from_args(&ctx.global_args);
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Copy)
    {
        // Before the first `FROM` (an unnamed stage, as hadolint reads it) no stage exists yet.
        let (stage, before_any_from) = match info.stage {
            Some(s) => (s, false),
            None => (0, true),
        };
        let Some(flag) = info.node.flag("from") else {
            continue;
        };
        let Some(word) = &flag.value else { continue };
        let mut value = crate::model::expand(&word.value, &info.scope);
        if value.contains('$') {
            value = crate::model::expand(&value, &global);
        }
        if value.is_empty() || value.contains('$') || looks_like_image(&value) {
            continue;
        }
        // A stage named so up to this one (the first stage of that name is the one that counts).
        let known = ctx
            .first_stage_with_name(&value)
            .is_some_and(|first| first <= stage)
            || value.parse::<usize>().is_ok_and(|n| n <= stage);
        if known && !before_any_from {
            continue;
        }
        out.push(Diagnostic::new(
            word.span,
            format!(
                "`--from={value}` names no earlier stage, so Docker will try to pull an image called `{value}`; \
                 check the stage name (stages: {}).",
                stage_names(ctx, stage)
            ),
        ));
    }
}

fn stage_names(ctx: &Context, before: usize) -> String {
    let names: Vec<&str> = ctx.stages[..before.min(ctx.stages.len())]
        .iter()
        .filter_map(|s| s.name.as_deref())
        .collect();
    if names.is_empty() {
        "none named yet".to_string()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    /// Instructions before the first `FROM` form one unnamed stage (hadolint reads them so).
    #[test]
    fn reads_instructions_before_the_first_from_as_a_stage() {
        assert_eq!(
            lines(
                "DW2022",
                "COPY --from=0 a .\nCOPY --from=build b .\nFROM x AS build\n"
            ),
            vec![1, 2]
        );
    }

    #[test]
    fn catches_an_unknown_stage_name() {
        assert_eq!(
            lines(
                "DW2022",
                "FROM a:1 AS build\nFROM b:1\nCOPY --from=biuld /x /x\n"
            ),
            vec![3]
        );
    }

    #[test]
    fn catches_a_later_stage_or_an_index_out_of_range() {
        assert_eq!(
            lines(
                "DW2022",
                "FROM a:1\nCOPY --from=later /x /x\nFROM b:1 AS later\n"
            ),
            vec![2]
        );
        assert_eq!(lines("DW2022", "FROM a:1\nCOPY --from=3 /x /x\n"), vec![2]);
    }

    #[test]
    fn does_not_catch_known_stages_in_any_case_or_indexes() {
        let src = "FROM a:1 AS Build\nFROM b:1\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\n";
        assert!(lines("DW2022", src).is_empty());
    }

    #[test]
    fn does_not_catch_image_references() {
        let src = "FROM a:1\nCOPY --from=nginx:1.27 /x /x\nCOPY --from=ghcr.io/org/tool /y /y\n";
        assert!(lines("DW2022", src).is_empty());
    }

    #[test]
    fn resolves_arg_defaults_and_skips_unknown_variables() {
        let src = "ARG SRC=build\nFROM a:1 AS build\nFROM b:1\nARG SRC\nCOPY --from=${SRC} /x /x\nCOPY --from=$OTHER /y /y\n";
        assert!(lines("DW2022", src).is_empty());
    }
}
