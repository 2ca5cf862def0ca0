//! Instructions BuildKit's parser reads but building rejects: a `HEALTHCHECK` without `CMD` or `NONE`, and an
//! `ENV`/`LABEL` value whose quote never closes.

use crate::rules::prelude::*;
use dockwise_syntax::Healthcheck;

pub static RULE: Rule = Rule {
    code: "DW4050",
    name: "invalid-instruction",
    category: Category::Correctness,
    severity: Severity::Error,
    docs: rule_docs! {
        what: "Flags an instruction Docker's parser accepts but the build rejects: `HEALTHCHECK` with no \
               arguments, with an empty `CMD`, or with a type other than `CMD` or `NONE` \
               (`HEALTHCHECK CONNECT TCP 7000`), and an `ENV` or `LABEL` value whose quote never closes.",
        why: "BuildKit reads these lines (its own parser tests hold them), so they are not syntax errors, but \
              `docker build` stops on them before running anything.",
        example: "FROM debian:12\nHEALTHCHECK\n",
        fixed: "FROM debian:12\nHEALTHCHECK CMD [\"/bin/true\"]\n",
        differences: "hadolint reports the unclosed quote and the `HEALTHCHECK` forms as parse errors (DL1000); \
                      Dockwise follows BuildKit's parser and reports them here, at error level.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let escape = ctx.model.file.escape;
    for info in &ctx.model.instructions {
        let mut node = info.node;
        while let Body::Onbuild(inner) = &node.body {
            node = inner;
        }
        if let Some(message) = problem(ctx, node, escape) {
            out.push(Diagnostic::new(node.text_span(), message));
        }
    }
}

fn problem(ctx: &Context, node: &Instruction, escape: char) -> Option<String> {
    match (&node.kind, &node.body) {
        (Keyword::Healthcheck, Body::Invalid) if ctx.model.text(node.args).trim().is_empty() => Some(
            "`HEALTHCHECK` needs `CMD command` or `NONE`; Docker rejects it bare when building.".into(),
        ),
        (Keyword::Healthcheck, Body::Words(words)) => Some(format!(
            "`HEALTHCHECK {}` is not a health check Docker knows: use `HEALTHCHECK CMD command` or \
             `HEALTHCHECK NONE`.",
            words.first().map_or("", |w| w.value.as_str())
        )),
        (
            Keyword::Healthcheck,
            Body::Healthcheck(Healthcheck::Cmd {
                command: Command::Shell(text),
                ..
            }),
        ) if text.text.trim().is_empty() => {
            Some("`HEALTHCHECK CMD` needs a command; Docker rejects it empty when building.".into())
        }
        (Keyword::Env | Keyword::Label, Body::KeyValues(pairs)) => pairs
            .iter()
            .filter(|p| !p.legacy)
            .filter_map(|p| p.value.as_ref().map(|v| (&p.key, v)))
            .find(|(_, v)| unclosed_quote(ctx.model.text(v.span), escape))
            .map(|(key, _)| {
                format!(
                    "the value of `{}` opens a quote that never closes; Docker stops the build here.",
                    key.value
                )
            }),
        _ => None,
    }
}

/// Whether `raw` ends inside a quote, read as BuildKit's word expansion reads it: the escape character
/// escapes the next character outside single quotes.
fn unclosed_quote(raw: &str, escape: char) -> bool {
    let mut quote = None;
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some('\'') if c == '\'' => quote = None,
            Some('\'') => {}
            _ if c == escape => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
    }
    quote.is_some()
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_healthchecks_docker_rejects() {
        let src = "FROM a\nHEALTHCHECK\nHEALTHCHECK CMD\nHEALTHCHECK CONNECT TCP 7000\nHEALTHCHECK NONE\n\
                   HEALTHCHECK --interval=5s CMD [\"x\"]\nHEALTHCHECK CMD curl -f localhost\n";
        assert_eq!(lines("DW4050", src), vec![2, 3, 4]);
    }

    #[test]
    fn catches_unclosed_quotes_in_values() {
        let src = "FROM a\nENV name='a\\'b'\nLABEL m=\"x\"\"\nENV ok=\"a\\\"b\" ok2='a\\'b'' ok3=\"''\"\n";
        assert_eq!(lines("DW4050", src), vec![2, 3]);
    }

    #[test]
    fn reads_inside_onbuild() {
        assert_eq!(lines("DW4050", "FROM a\nONBUILD HEALTHCHECK\n"), vec![2]);
    }
}
