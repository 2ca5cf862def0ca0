//! DL3023: `COPY --from=` the stage the instruction is in.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2023",
    name: "copy-from-own-stage",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3023"), Alias(Peer::Trivy, "DS006")],
    docs: rule_docs! {
        what: "Flags `COPY --from=name` inside the stage called `name`.",
        why: "A stage cannot copy from itself: the build fails with a dependency cycle. Usually the `COPY` was \
              meant for the next stage, or the wrong name was typed.",
        example: "FROM golang:1.23 AS build\nRUN go build -o /app .\nCOPY --from=build /app /usr/local/bin/app\n",
        fixed: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=build /app /usr/local/bin/app\n",
        differences: "Names match case-insensitively (as Docker does), and a numeric `--from` equal to the \
                      stage's own index is caught too; hadolint checks exact names only.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Copy)
    {
        let Some(stage) = info.stage.and_then(|s| ctx.stages.get(s)) else {
            continue;
        };
        let Some(word) = info.node.flag("from").and_then(|f| f.value.as_ref()) else {
            continue;
        };
        let value = crate::model::expand(&word.value, &info.scope);
        let own = stage
            .name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(&value))
            || value.parse::<usize>().is_ok_and(|n| n == stage.index);
        if !own {
            continue;
        }
        out.push(Diagnostic::new(
            word.span,
            format!(
                "`--from={value}` points at the stage this `COPY` is in; a stage cannot copy from itself. Move \
                 the `COPY` to a later stage or name the stage you meant."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_a_copy_from_its_own_stage() {
        assert_eq!(
            lines("DW2023", "FROM a:1 AS build\nCOPY --from=build /x /y\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2023", "FROM a:1 AS build\nCOPY --from=Build /x /y\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2023", "FROM a:1\nFROM b:1\nCOPY --from=1 /x /y\n"),
            vec![3]
        );
    }

    #[test]
    fn does_not_catch_a_copy_from_an_earlier_stage() {
        assert!(lines(
            "DW2023",
            "FROM a:1 AS build\nFROM b:1 AS run\nCOPY --from=build /x /y\n"
        )
        .is_empty());
    }
}
