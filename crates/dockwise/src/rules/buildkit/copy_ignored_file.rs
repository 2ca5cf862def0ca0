//! BuildKit CopyIgnoredFile: `COPY`/`ADD` of a path the `.dockerignore` excludes.

use crate::dockerignore_patterns::{clean_path, has_wildcard, IgnoreList};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4013",
    name: "copy-ignored-file",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "CopyIgnoredFile")],
    docs: rule_docs! {
        what: "Flags a `COPY` or `ADD` source from the build context that the `.dockerignore` excludes (runs \
               only when the front end provides the `.dockerignore`).",
        why: "Excluded files never reach the builder: the instruction fails with \"not found\", or copies a \
              directory without the files you expected.",
        example: "# .dockerignore: *.env\nFROM node:22-slim\nCOPY app.env /app/\n",
        fixed: "# .dockerignore: *.env\nFROM node:22-slim\nCOPY app.json /app/\n",
        differences: "Sources with wildcards or variables are not checked: which files they match depends on \
                      the context's contents.",
    },
    check,
    ..Rule::DEFAULTS
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(ignore) = ctx.config.dockerignore.as_deref() else {
        return;
    };
    let ignore = IgnoreList::parse(ignore);
    if ignore.patterns.is_empty() {
        return;
    }
    for info in &ctx.instructions {
        let node = info.node;
        if !matches!(node.kind, Keyword::Copy | Keyword::Add) || node.flag("from").is_some() {
            continue;
        }
        let Body::Copy(copy) = &node.body else {
            continue;
        };
        for source in &copy.sources {
            let value = &source.value;
            if value.contains("://")
                || value.contains('$')
                || has_wildcard(value)
                || value.starts_with("git@")
            {
                continue;
            }
            if clean_path(value).is_empty() {
                continue;
            }
            if let Some(pattern) = ignore.excluded_by(value).map(|p| &p.text) {
                out.push(Diagnostic::new(
                    source.span,
                    format!(
                        "`{value}` is excluded by the `.dockerignore` pattern `{pattern}`, so it is not in the \
                         build context and this instruction will not find it; copy another path or change the \
                         `.dockerignore`."
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::lint::lint;

    fn hits(ignore: &str, dockerfile: &str) -> usize {
        let config = Config {
            dockerignore: Some(ignore.to_string()),
            ..Config::only("DW4013")
        };
        lint(dockerfile, &config).findings.len()
    }

    #[test]
    fn catches_sources_the_dockerignore_excludes() {
        assert_eq!(
            hits(
                "node_modules\n*.env\n",
                "FROM a\nCOPY node_modules/x src app.env /x/\n"
            ),
            2
        );
        assert_eq!(
            hits("**/secret.txt\n", "FROM a\nCOPY conf/secret.txt /x\n"),
            1
        );
    }

    #[test]
    fn does_not_catch_re_included_other_stage_or_wildcard_sources() {
        assert_eq!(hits("*.md\n!README.md\n", "FROM a\nCOPY README.md /x\n"), 0);
        assert_eq!(
            hits(
                "dist\n",
                "FROM a\nCOPY --from=build dist /x\nCOPY dist* /y\n"
            ),
            0
        );
        assert_eq!(hits("", "FROM a\nCOPY x /x\n"), 0);
    }
}
