//! Variable references in instruction arguments, as BuildKit expands them (single quotes and `\$` escape them).

use crate::rules::prelude::*;

/// Build arguments BuildKit defines on its own.
pub const PREDEFINED: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "FTP_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "ftp_proxy",
    "no_proxy",
    "all_proxy",
    "BUILDKIT_SYNTAX",
    "SOURCE_DATE_EPOCH",
];

/// A `$NAME` or `${NAME...}` reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    pub name: String,
    pub span: Span,
    /// `${NAME:-x}`, `${NAME-x}`, `${NAME:+x}`, `${NAME+x}`: the reference copes with an unset variable.
    pub has_default: bool,
}

/// The variable references in the source text of `span` (`escape` is the file's escape character).
pub fn references(source: &str, span: Span, escape: char) -> Vec<VarRef> {
    let text = span.text(source);
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut single = false;
    while i < b.len() {
        let c = b[i];
        if c as char == escape && !single {
            i += 2;
            continue;
        }
        if c == b'\'' {
            single = !single;
        } else if c == b'$' && !single {
            if b.get(i + 1) == Some(&b'{') {
                let close = text
                    .get(i + 2..)
                    .and_then(|r| r.find('}'))
                    .map(|p| i + 2 + p);
                let end = close.map_or(b.len(), |p| p + 1);
                let inner = text.get(i + 2..close.unwrap_or(b.len())).unwrap_or("");
                let name: String = inner
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let rest = inner.get(name.len()..).unwrap_or("");
                if !name.is_empty() {
                    out.push(VarRef {
                        has_default: rest.starts_with([':', '-', '+']),
                        name,
                        span: Span::new(span.start + i, span.start + end),
                    });
                }
                i = end;
                continue;
            }
            let name: String = text
                .get(i + 1..)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
                let end = i + 1 + name.len();
                out.push(VarRef {
                    name,
                    span: Span::new(span.start + i, span.start + end),
                    has_default: false,
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_plain_and_braced_references_but_not_escaped_or_single_quoted_ones() {
        let src = "a $A ${B:-x} \\$C '$D' ${E}";
        let names: Vec<(String, bool)> = references(src, Span::new(0, src.len()), '\\')
            .into_iter()
            .map(|r| (r.name, r.has_default))
            .collect();
        assert_eq!(
            names,
            vec![("A".into(), false), ("B".into(), true), ("E".into(), false)]
        );
    }
}
