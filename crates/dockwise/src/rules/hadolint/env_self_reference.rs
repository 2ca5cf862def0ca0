//! DL3044: an `ENV` value that refers to a variable set earlier in the same `ENV`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2044",
    name: "env-self-reference",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3044")],
    docs: rule_docs! {
        what: "Flags an `ENV` value that uses a variable defined earlier in the same `ENV` instruction.",
        why: "Docker expands every value of one `ENV` with the variables as they were before the instruction: \
              in `ENV A=1 B=$A`, `B` gets the old `A` (usually empty), not `1`.",
        example: "FROM debian:12\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin\n",
        fixed: "FROM debian:12\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin\n",
        differences: "Every form of reference counts, `${A:-default}` included; hadolint only sees `$A` and `${A}`.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx.instructions.iter().filter(|i| i.kind() == Keyword::Env) {
        let Body::KeyValues(pairs) = &info.node.body else {
            continue;
        };
        for (i, pair) in pairs.iter().enumerate() {
            let Some(value) = &pair.value else { continue };
            // The source text: quotes and escapes as written (`'$A'` and `\$A` are not expanded).
            let raw = ctx.text(value.span);
            if raw.starts_with('\'') {
                continue;
            }
            let earlier = pairs.get(..i).unwrap_or(&[]);
            if let Some(name) = earlier
                .iter()
                .map(|p| p.key.value.as_str())
                .find(|n| refers_to(raw, n))
            {
                out.push(Diagnostic::new(
                    value.span,
                    format!(
                        "`${name}` here is expanded before this `ENV` sets `{name}`, so it gets the old value; \
                         set `{name}` in an earlier `ENV`."
                    ),
                ));
                break;
            }
        }
    }
}

/// `$NAME` (not followed by a name character) or `${NAME...}` in `text`, not escaped.
fn refers_to(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'$' => {
                let rest = text.get(i + 1..).unwrap_or("");
                if let Some(inner) = rest.strip_prefix('{') {
                    if inner
                        .strip_prefix(name)
                        .is_some_and(|r| r.starts_with(['}', ':', '-', '+', '?', '=']))
                    {
                        return true;
                    }
                } else if let Some(after) = rest.strip_prefix(name) {
                    if !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                        return true;
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_references_to_earlier_pairs() {
        assert_eq!(lines("DW2044", "FROM debian:12\nENV A=1 B=$A\n"), vec![2]);
        assert_eq!(
            lines("DW2044", "FROM debian:12\nENV A=1 \\\n  B=${A}/x\n"),
            vec![3]
        );
        assert_eq!(
            lines("DW2044", "FROM debian:12\nENV C=1 C=${C}x\n"),
            vec![2]
        );
        assert_eq!(
            lines("DW2044", "FROM debian:12\nENV A=1 B=${A:-2}\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_earlier_envs_prefixes_or_escapes() {
        assert!(lines("DW2044", "FROM debian:12\nENV A=1\nENV B=$A\n").is_empty());
        assert!(lines("DW2044", "FROM debian:12\nENV A=1 B=$AB\n").is_empty());
        assert!(lines("DW2044", "FROM debian:12\nENV PATH=$PATH:/x\n").is_empty());
        assert!(lines("DW2044", "FROM debian:12\nENV A=1 B='$A'\n").is_empty());
        assert!(lines("DW2044", "FROM debian:12\nENV A=1 B=\\$A\n").is_empty());
    }
}
