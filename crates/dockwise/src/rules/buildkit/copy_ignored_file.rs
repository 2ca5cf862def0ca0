//! BuildKit CopyIgnoredFile: `COPY`/`ADD` of a path the `.dockerignore` excludes.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW4013",
    name: "copy-ignored-file",
    category: Category::Correctness,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Buildkit, "CopyIgnoredFile")],
    enabled_by_default: true,
    fix: FixKind::None,
    docs: Docs {
        what: "Flags a `COPY` or `ADD` source from the build context that the `.dockerignore` excludes (runs \
               only when the front end provides the `.dockerignore`).",
        why: "Excluded files never reach the builder: the instruction fails with \"not found\", or copies a \
              directory without the files you expected.",
        example: "# .dockerignore: *.env\nFROM node:22-slim\nCOPY app.env /app/\n",
        fixed: "# .dockerignore: *.env\nFROM node:22-slim\nCOPY app.json /app/\n",
        fix_safety: "",
        differences: "Sources with wildcards or variables are not checked: which files they match depends on \
                      the context's contents.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let text;
    let ignore = match ctx.config.dockerignore.as_deref() {
        Some(t) => t,
        None => {
            // The docs example carries its .dockerignore in a first-line comment, for tests only.
            if !cfg!(test) {
                return;
            }
            let Some(first) = ctx.source.lines().next() else {
                return;
            };
            let Some(list) = first.strip_prefix("# .dockerignore:") else {
                return;
            };
            text = list
                .split(',')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n");
            &text
        }
    };
    let patterns = parse(ignore);
    if patterns.is_empty() {
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
                || value.contains(['$', '*', '?', '['])
                || value.starts_with("git@")
            {
                continue;
            }
            let path = clean(value);
            if path.is_empty() || path == "." {
                continue;
            }
            if let Some(pattern) = excluded_by(&patterns, &path) {
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

struct Pattern {
    text: String,
    negated: bool,
    parts: Vec<String>,
}

fn parse(text: &str) -> Vec<Pattern> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (negated, body) = match line.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let cleaned = clean(body);
            Pattern {
                text: line.to_string(),
                negated,
                parts: cleaned
                    .split('/')
                    .filter(|p| !p.is_empty() && *p != ".")
                    .map(str::to_string)
                    .collect(),
            }
        })
        .filter(|p| !p.parts.is_empty())
        .collect()
}

fn clean(path: &str) -> String {
    let mut p = path.trim();
    loop {
        if let Some(rest) = p.strip_prefix("./") {
            p = rest;
        } else if let Some(rest) = p.strip_prefix('/') {
            p = rest;
        } else {
            break;
        }
    }
    p.trim_end_matches('/').to_string()
}

/// The pattern that decides `path` is excluded (the last match wins; `!` re-includes). A pattern matching a
/// parent directory excludes everything below it.
fn excluded_by<'a>(patterns: &'a [Pattern], path: &str) -> Option<&'a str> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut decision: Option<&Pattern> = None;
    for pattern in patterns {
        let matches = (1..=segments.len()).any(|n| match_parts(&pattern.parts, &segments[..n]));
        if matches {
            decision = Some(pattern);
        }
    }
    decision.filter(|p| !p.negated).map(|p| p.text.as_str())
}

fn match_parts(pattern: &[String], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|skip| match_parts(rest, &path[skip..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((segment, tail)) => {
                glob(first.as_bytes(), segment.as_bytes()) && match_parts(rest, tail)
            }
            None => false,
        },
    }
}

/// `*`, `?` and `[...]` within one path segment.
fn glob(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|k| glob(rest, &s[k..])),
        Some((b'?', rest)) => !s.is_empty() && glob(rest, &s[1..]),
        Some((b'[', rest)) => {
            let Some(close) = rest.iter().position(|&c| c == b']') else {
                return s.first() == Some(&b'[') && glob(rest, &s[1..]);
            };
            let Some((&c, tail)) = s.split_first() else {
                return false;
            };
            let (negate, class) = match rest[..close].split_first() {
                Some((b'^' | b'!', class)) => (true, class),
                _ => (false, &rest[..close]),
            };
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == b'-' {
                    hit |= class[i] <= c && c <= class[i + 2];
                    i += 3;
                } else {
                    hit |= class[i] == c;
                    i += 1;
                }
            }
            hit != negate && glob(&rest[close + 1..], tail)
        }
        Some((b'\\', rest)) if !rest.is_empty() => {
            s.first() == rest.first() && glob(&rest[1..], &s[1..])
        }
        Some((&c, rest)) => s.first() == Some(&c) && glob(rest, &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::{excluded_by, parse};
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

    #[test]
    fn matches_like_docker() {
        let p = parse("/build/\n# comment\ntemp?\n[a-c]x\n");
        assert!(excluded_by(&p, "build/out.o").is_some());
        assert!(excluded_by(&p, "temp1").is_some());
        assert!(excluded_by(&p, "bx").is_some());
        assert!(excluded_by(&p, "dx").is_none());
        assert!(excluded_by(&p, "src/build").is_none());
    }
}
