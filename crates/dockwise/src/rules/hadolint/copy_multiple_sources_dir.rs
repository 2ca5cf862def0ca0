//! DL3021: `COPY` of several sources to a destination without a trailing `/`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW2021",
    name: "copy-sources-need-directory",
    category: Category::Correctness,
    severity: Severity::Error,
    aliases: &[Alias(Peer::Hadolint, "DL3021"), Alias(Peer::Trivy, "DS011")],
    fix: FixKind::Safe(fix_safety!(
        "Safe: adds the `/` Docker requires; the build could not succeed without it."
    )),
    docs: rule_docs! {
        what: "Flags a `COPY` with more than one source whose destination does not end with `/`.",
        why: "With several sources the destination must be a directory, and Docker insists on the trailing `/`: \
              the build fails with \"When using COPY with more than one source file, the destination must be a \
              directory and end with a /\".",
        example: "FROM node:22\nCOPY package.json package-lock.json /app\n",
        fixed: "FROM node:22\nCOPY package.json package-lock.json /app/\n",
        differences: "Like hadolint, only `COPY` is checked (the same applies to `ADD`, which DW2020 already \
                      flags).",
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
        let Body::Copy(copy) = &info.node.body else {
            continue;
        };
        let Some(dest) = &copy.destination else {
            continue;
        };
        if copy.sources.len() < 2 || dest.value.ends_with('/') || dest.value.ends_with('\\') {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            dest.span,
            format!(
                "`COPY` of {} sources needs a directory destination written with a trailing `/`, or the build \
                 fails; write `{}/`.",
                copy.sources.len(),
                dest.value
            ),
        );
        // Insert before a closing quote in the JSON form; plain words take the slash at their end.
        let text = ctx.text(dest.span);
        let at = if text.ends_with('"') {
            dest.span.end - 1
        } else {
            dest.span.end
        };
        if !dest.value.contains('$') {
            diagnostic = diagnostic.with_fix(
                Fix::safe("Add the trailing /", vec![Edit::insert(at, "/")])
                    .explained("Marks the destination as a directory, which Docker requires for several sources."),
            );
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::{fixed, lines};

    #[test]
    fn catches_several_sources_to_a_file_like_destination() {
        assert_eq!(lines("DW2021", "FROM a:1\nCOPY a b /app\n"), vec![2]);
        assert_eq!(
            lines("DW2021", "FROM a:1\nCOPY [\"a\", \"b\", \"/app\"]\n"),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_one_source_or_a_directory() {
        assert!(lines(
            "DW2021",
            "FROM a:1\nCOPY a /app\nCOPY a b /app/\nCOPY a* /app\n"
        )
        .is_empty());
    }

    #[test]
    fn fixes_plain_and_json_forms() {
        assert_eq!(
            fixed("DW2021", "FROM a:1\nCOPY a b /app\n"),
            "FROM a:1\nCOPY a b /app/\n"
        );
        assert_eq!(
            fixed("DW2021", "FROM a:1\nCOPY [\"a\", \"b\", \"/app\"]\n"),
            "FROM a:1\nCOPY [\"a\", \"b\", \"/app/\"]\n"
        );
    }
}
