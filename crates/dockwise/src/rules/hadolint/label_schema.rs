//! The label schema behind the label rules (DL3049–DL3058): the OCI image annotation keys
//! (`org.opencontainers.image.*`) and the value format each one expects. hadolint reads these from a schema in its
//! configuration (`label_schema`, which also turns the rules on); without one, Dockwise checks the OCI keys and
//! keeps the rules off by default.

use crate::config::LabelFormat;
use crate::rules::prelude::*;
use dockwise_syntax::KeyValue;

pub const PREFIX: &str = "org.opencontainers.image.";

/// Every `LABEL` pair of the file with its instruction, in order.
pub fn labels<'c>(
    ctx: &'c Context,
) -> impl Iterator<Item = (&'c InstructionInfo<'c>, &'c KeyValue)> + 'c {
    ctx.instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Label)
        .flat_map(|info| match &info.node.body {
            Body::KeyValues(pairs) => pairs.iter().map(move |p| (info, p)).collect::<Vec<_>>(),
            _ => Vec::new(),
        })
}

/// The keys a rule checks: the configured schema's keys of `format` (every key for `None`) when there is a
/// schema, else the rule's built-in OCI keys.
pub fn schema_keys(ctx: &Context, format: Option<LabelFormat>, builtin: &[&str]) -> Vec<String> {
    let schema = &ctx.config.label_schema;
    if schema.is_empty() {
        return builtin.iter().map(|k| k.to_string()).collect();
    }
    schema
        .iter()
        .filter(|(_, f)| format.is_none_or(|want| **f == want))
        .map(|(k, _)| k.clone())
        .collect()
}

/// `LABEL` pairs with `key`, whose value is known (no variables) and not empty.
pub fn values_of<'c>(
    ctx: &'c Context,
    keys: &'c [String],
) -> impl Iterator<Item = (&'c KeyValue, &'c Word)> + 'c {
    labels(ctx).filter_map(move |(_, pair)| {
        let value = pair.value.as_ref()?;
        (keys.contains(&pair.key.value) && !value.value.is_empty() && !value.value.contains('$'))
            .then_some((pair, value))
    })
}

/// `scheme://host...` without blanks.
pub fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    scheme_ok && !host.is_empty() && !text.chars().any(char::is_whitespace)
}

/// RFC 3339 date-time: `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.5+02:00`.
pub fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10)) {
        return false;
    }
    let time = matches!(b.get(10), Some(b'T' | b't'))
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19);
    if !time {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            digits(i + 1..i + 3) && at(i + 3, b':') && digits(i + 4..i + 6) && i + 6 == b.len()
        }
        _ => false,
    }
}

/// Common SPDX license identifiers; `LicenseRef-...` is accepted too.
const SPDX: &[&str] = &[
    "0BSD",
    "AFL-3.0",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.1",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-4-Clause",
    "BSL-1.0",
    "BUSL-1.1",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC-BY-NC-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "CPL-1.0",
    "ECL-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "GPL-1.0-only",
    "GPL-1.0-or-later",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "ISC",
    "LGPL-2.0-only",
    "LGPL-2.0-or-later",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "MIT",
    "MIT-0",
    "MPL-1.1",
    "MPL-2.0",
    "MS-PL",
    "MS-RSL",
    "NCSA",
    "OFL-1.1",
    "OpenSSL",
    "PHP-3.01",
    "PostgreSQL",
    "Python-2.0",
    "Ruby",
    "SSPL-1.0",
    "Unlicense",
    "UPL-1.0",
    "Vim",
    "W3C",
    "WTFPL",
    "X11",
    "Zlib",
    "ZPL-2.1",
    "Classpath-exception-2.0",
    "LLVM-exception",
    "GCC-exception-3.1",
    "NOASSERTION",
    "NONE",
];

/// An SPDX license expression: identifiers joined by `AND`/`OR`/`WITH`, optional `+` and parentheses.
pub fn is_spdx(text: &str) -> bool {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let mut expect_id = true;
    let mut depth = 0i32;
    for token in spaced.split_whitespace() {
        match token {
            "(" if expect_id => depth += 1,
            ")" if !expect_id => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            "AND" | "OR" | "WITH" if !expect_id => expect_id = true,
            id if expect_id => {
                let id = id.strip_suffix('+').unwrap_or(id);
                let known = SPDX.iter().any(|k| k.eq_ignore_ascii_case(id))
                    || id.starts_with("LicenseRef-")
                    || id.starts_with("DocumentRef-");
                if !known {
                    return false;
                }
                expect_id = false;
            }
            _ => return false,
        }
    }
    !expect_id && depth == 0
}

/// A full git commit hash: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.
pub fn is_git_hash(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// Semantic Versioning 2.0.0: `1.2.3`, `1.2.3-rc.1+build.5`, no leading zeros.
pub fn is_semver(text: &str) -> bool {
    let (rest, build) = match text.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let numeric = |p: &str| {
        !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) && (p == "0" || !p.starts_with('0'))
    };
    let ident = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(|p| {
            p.split('.')
                .all(|id| ident(id) && (!id.chars().all(|c| c.is_ascii_digit()) || numeric(id)))
        })
        && build.is_none_or(|b| b.split('.').all(ident))
}

/// An RFC 5322 address, bare (`a@b.org`) or with a display name (`Jane Doe <a@b.org>`).
pub fn is_email(text: &str) -> bool {
    let text = text.trim();
    let address = match (text.rfind('<'), text.strip_suffix('>')) {
        (Some(open), Some(inner)) => inner.get(open + 1..).unwrap_or(""),
        _ => text,
    };
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// Report every known value of the schema's `format` keys (or the `builtin` keys without a schema) that `valid`
/// rejects.
pub fn check_format(
    ctx: &Context,
    out: &mut Vec<Diagnostic>,
    (format, builtin): (LabelFormat, &[&str]),
    valid: fn(&str) -> bool,
    expected: &str,
) {
    let keys = schema_keys(ctx, Some(format), builtin);
    for (pair, value) in values_of(ctx, &keys) {
        if !valid(&value.value) {
            out.push(Diagnostic::new(
                value.span,
                format!(
                    "`{}` should be {expected}, but is `{}`; tools that read this label will not understand it, so \
                     write it in that format.",
                    pair.key.value, value.value
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_urls() {
        assert!(is_url("https://github.com/org/repo"));
        assert!(!is_url("github.com/org/repo"));
        assert!(!is_url("https:// x"));
    }

    #[test]
    fn reads_rfc3339_times() {
        assert!(is_rfc3339("2024-05-01T12:00:00Z"));
        assert!(is_rfc3339("2024-05-01T12:00:00.123+02:00"));
        assert!(!is_rfc3339("2024-05-01"));
        assert!(!is_rfc3339("2024-05-01 12:00:00"));
        assert!(!is_rfc3339("2024-05-01T12:00:00"));
    }

    #[test]
    fn reads_spdx_expressions() {
        assert!(is_spdx("MIT"));
        assert!(is_spdx("Apache-2.0 OR (MIT AND BSD-3-Clause)"));
        assert!(is_spdx("GPL-2.0-or-later WITH Classpath-exception-2.0"));
        assert!(!is_spdx("Apache 2.0"));
        assert!(!is_spdx("MIT License"));
        assert!(!is_spdx("MIT AND"));
        assert!(!is_spdx("(MIT"));
    }

    #[test]
    fn reads_git_hashes_semver_and_email() {
        assert!(is_git_hash("0123456789abcdef0123456789abcdef01234567"));
        assert!(!is_git_hash("0123456"));
        assert!(is_semver("1.2.3") && is_semver("1.0.0-rc.1+build.5"));
        assert!(
            !is_semver("v1.2.3")
                && !is_semver("1.2")
                && !is_semver("01.2.3")
                && !is_semver("1.2.3-01")
        );
        assert!(is_email("jane@example.com") && is_email("Jane Doe <jane@example.com>"));
        assert!(!is_email("jane") && !is_email("jane@localhost") && !is_email("@example.com"));
    }
}
