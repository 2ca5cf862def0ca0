//! BuildKit LegacyKeyValueFormat: `ENV key value` instead of `ENV key=value`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4009",
    name: "legacy-key-value-format",
    category: Category::Style,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "LegacyKeyValueFormat")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: the same value is assigned. Values with spaces are wrapped in double quotes; values that already \
         mix quotes or backslashes get no automatic fix."
    )),
    docs: rule_docs! {
        what: "Flags `ENV` and `LABEL` written in the legacy space-separated form `ENV KEY value`.",
        why: "The legacy form takes the whole rest of the line as the value, so `ENV A 1 B 2` sets `A` to \
              `1 B 2`; it cannot set several variables and is deprecated. `KEY=value` is unambiguous.",
        example: "FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1\n",
        fixed: "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in &ctx.instructions {
        let node = info.node;
        if !matches!(node.kind, Keyword::Env | Keyword::Label) {
            continue;
        }
        let Body::KeyValues(pairs) = &node.body else {
            continue;
        };
        for pair in pairs.iter().filter(|p| p.legacy) {
            let keyword = ctx.text(node.keyword);
            let key = &pair.key.value;
            let mut diagnostic = Diagnostic::new(
                pair.span,
                format!(
                    "`{keyword} {key} value` is the legacy form: it takes the rest of the line as the value and is \
                     deprecated; write `{keyword} {key}=value`."
                ),
            );
            if let Some(value) = &pair.value {
                let raw = ctx.text(value.span);
                let gap = Span::new(pair.key.span.end, value.span.start);
                let quoted_whole = raw.len() >= 2
                    && raw.starts_with('"')
                    && raw.ends_with('"')
                    && !raw[1..raw.len() - 1].contains(['"', '\\']);
                let plain = !raw.contains(char::is_whitespace) && !raw.contains(['"', '\'']);
                let edits = if plain || quoted_whole {
                    Some(vec![Edit::replace(gap, "=")])
                } else if !raw.contains(['"', '\'', '\\', '\n']) {
                    Some(vec![
                        Edit::replace(gap, "=\""),
                        Edit::insert(value.span.end, "\""),
                    ])
                } else {
                    None
                };
                // Comment lines inside the continuation between key and value must survive (no fix then).
                if let Some(edits) =
                    edits.filter(|_| !gap.is_empty() && !ctx.text(gap).contains('#'))
                {
                    diagnostic = diagnostic.with_fix(
                        Fix::safe(format!("Write {key}=..."), edits)
                            .explained("Same variable, same value, in the key=value form."),
                    );
                }
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn fix_is_not_offered_when_comment_lines_sit_between_key_and_value() {
        let src = "FROM a\nENV KEYS \\\n# pub key\n\tABCD\n";
        assert_eq!(fixed("DW4009", src), src);
    }

    #[test]
    fn catches_legacy_env_and_label() {
        assert_eq!(
            lines("DW4009", "FROM a\nENV A 1\nLABEL maintainer me\n"),
            vec![2, 3]
        );
    }

    #[test]
    fn does_not_catch_key_value_pairs_or_args() {
        assert!(lines("DW4009", "FROM a\nENV A=1 B=\"2 3\"\nLABEL a=b\nARG X\n").is_empty());
    }

    #[test]
    fn fix_writes_equals_and_quotes_values_with_spaces() {
        assert_eq!(fixed("DW4009", "FROM a\nENV A 1\n"), "FROM a\nENV A=1\n");
        assert_eq!(
            fixed("DW4009", "FROM a\nENV A hello world\n"),
            "FROM a\nENV A=\"hello world\"\n"
        );
        assert_eq!(
            fixed("DW4009", "FROM a\nENV A \"x y\"\n"),
            "FROM a\nENV A=\"x y\"\n"
        );
    }
}
