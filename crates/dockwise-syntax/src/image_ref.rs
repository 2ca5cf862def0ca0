//! Image references (`registry/name:tag@digest`) split into parts with spans. The parser only rejects references
//! with an empty part (`name:`, `@x`), as hadolint does: templates such as `%%TAG%%` stay readable. The full
//! Docker grammar is in [`validate_image_ref`], for rules. References with variables are never checked.

use crate::ast::{ImageRef, Word};
use crate::Span;

/// Splits `text` and checks its structure, spans relative to `text`: the split (best effort when invalid) and
/// what is wrong, if anything.
pub fn parse_image_ref(text: &str) -> (ImageRef, Option<ImageRefError>) {
    split_and_check(text, Span::new)
}

/// Checks `text` against Docker's reference grammar (lower-case names, tag and digest syntax, registry host);
/// spans relative to `text`. `None` when valid or when it holds variables.
pub fn validate_image_ref(text: &str) -> Option<ImageRefError> {
    if text.contains('$') {
        return None;
    }
    let parts = split(text);
    check(text, &parts, true).map(|(r, message)| ImageRefError {
        span: Span::new(r.0, r.1),
        message,
    })
}

/// Why a reference is invalid, and where (relative to the text given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRefError {
    pub span: Span,
    pub message: String,
}

/// Splits `text` (as written) and maps each part's local range to a span with `map`.
pub(crate) fn split_and_check(
    text: &str,
    map: impl Fn(usize, usize) -> Span,
) -> (ImageRef, Option<ImageRefError>) {
    let parts = split(text);
    let word = |r: (usize, usize)| Word {
        span: map(r.0, r.1),
        value: text.get(r.0..r.1).unwrap_or("").to_string(),
    };
    let has_variables = text.contains('$');
    let reference = ImageRef {
        span: map(0, text.len()),
        registry: parts.registry.map(word),
        name: word(parts.name),
        tag: parts.tag.map(word),
        digest: parts.digest.map(word),
        has_variables,
    };
    if has_variables {
        return (reference, None);
    }
    let error = check(text, &parts, false).map(|(r, message)| ImageRefError {
        span: map(r.0, r.1),
        message,
    });
    (reference, error)
}

/// Local ranges of the parts.
struct Parts {
    registry: Option<(usize, usize)>,
    name: (usize, usize),
    /// After the `:`.
    tag: Option<(usize, usize)>,
    /// After the `@`.
    digest: Option<(usize, usize)>,
    /// Where the `:` before the tag sits (for error spans on an empty tag).
    tag_colon: Option<usize>,
}

/// Byte offsets of `:`, `/`, `@` outside `${...}`.
fn split(text: &str) -> Parts {
    let mut depth = 0usize;
    let mut prev = '\0';
    let mut at = None;
    let mut slashes = Vec::new();
    let mut colons = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '{' if prev == '$' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            '@' if depth == 0 && at.is_none() => at = Some(i),
            '/' if depth == 0 && at.is_none() => slashes.push(i),
            ':' if depth == 0 && at.is_none() => colons.push(i),
            _ => {}
        }
        prev = c;
    }
    let name_end = at.unwrap_or(text.len());
    let digest = at.map(|a| (a + 1, text.len()));
    let last_slash = slashes.last().copied();
    let tag_colon = colons
        .iter()
        .rev()
        .copied()
        .find(|&c| last_slash.is_none_or(|s| c > s));
    let tag = tag_colon.map(|c| (c + 1, name_end));
    let repo_end = tag_colon.unwrap_or(name_end);
    let mut name_start = 0;
    let mut registry = None;
    if let Some(&first_slash) = slashes.first() {
        let first = text.get(..first_slash).unwrap_or("");
        let is_registry = first.contains(['.', ':'])
            || first == "localhost"
            || first.chars().any(|c| c.is_ascii_uppercase());
        if is_registry && first_slash < repo_end {
            registry = Some((0, first_slash));
            name_start = first_slash + 1;
        }
    }
    Parts {
        registry,
        name: (name_start, repo_end.max(name_start)),
        tag,
        digest,
        tag_colon,
    }
}

type Problem = ((usize, usize), String);

/// What is wrong: only empty parts unless `strict`.
fn check(text: &str, parts: &Parts, strict: bool) -> Option<Problem> {
    let get = |r: (usize, usize)| text.get(r.0..r.1).unwrap_or("");
    if text.is_empty() {
        return Some(((0, 0), "the image reference is empty".into()));
    }
    if !strict {
        return check_structure(text, parts);
    }
    if let Some(r) = parts.registry {
        if !valid_domain(get(r)) {
            return Some((r, format!("`{}` is not a valid registry host", get(r))));
        }
    }
    let name = get(parts.name);
    if name.is_empty() {
        return Some((parts.name, "the image name is empty".into()));
    }
    let mut offset = parts.name.0;
    for component in name.split('/') {
        let r = (offset, offset + component.len());
        offset = r.1 + 1;
        if component.chars().any(|c| c.is_ascii_uppercase())
            && valid_component(&component.to_ascii_lowercase())
        {
            return Some((r, format!("the image name `{name}` must be lower-case")));
        }
        if !valid_component(component) {
            let what = if component.is_empty() {
                "an empty path component".to_string()
            } else {
                format!("`{component}`")
            };
            return Some((
                r,
                format!(
                    "the image name `{name}` has {what}: use lower-case letters and digits, separated by `.`, `_`, `__` or `-`"
                ),
            ));
        }
    }
    if let Some(r) = parts.tag {
        let tag = get(r);
        if tag.is_empty() {
            let colon = parts.tag_colon.unwrap_or(r.0);
            return Some((
                (colon, colon + 1),
                format!("`{text}` ends its name with `:` but has no tag"),
            ));
        }
        if !valid_tag(tag) {
            return Some((
                r,
                format!("the tag `{tag}` is not valid: up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`"),
            ));
        }
    }
    if let Some(r) = parts.digest {
        let digest = get(r);
        if !valid_digest(digest) {
            return Some((
                r,
                format!("the digest `{digest}` is not valid: expected `algorithm:hex` such as `sha256:` and 64 hex digits"),
            ));
        }
    }
    None
}

fn check_structure(text: &str, parts: &Parts) -> Option<Problem> {
    if parts.name.0 >= parts.name.1 {
        let message = if parts.digest.is_some() && parts.name.1 == 0 {
            "the image name is empty before `@`".to_string()
        } else {
            "the image name is empty".to_string()
        };
        return Some(((0, text.len()), message));
    }
    if let Some(r) = parts.tag.filter(|r| r.0 >= r.1) {
        let colon = parts.tag_colon.unwrap_or(r.0);
        return Some((
            (colon, colon + 1),
            format!("`{text}` has `:` but no tag after it"),
        ));
    }
    if let Some(r) = parts.digest.filter(|r| r.0 >= r.1) {
        return Some((
            (r.0.saturating_sub(1), r.0),
            format!("`{text}` has `@` but no digest after it"),
        ));
    }
    None
}

fn valid_domain(host: &str) -> bool {
    let (host, port) = match host.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
        _ => (host, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.split('.').all(|c| {
            !c.is_empty()
                && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !c.starts_with('-')
                && !c.ends_with('-')
        })
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn valid_component(c: &str) -> bool {
    let bytes = c.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if bytes.is_empty() || !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(tag: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = tag.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 128
        && word(bytes[0])
        && bytes.iter().all(|&b| word(b) || b == b'.' || b == b'-')
}

/// `algorithm:hex` with at least 32 hex digits.
fn valid_digest(digest: &str) -> bool {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return false;
    };
    let algorithm_ok = algorithm.split(['+', '.', '-', '_']).all(|c| {
        c.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && c.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    algorithm_ok && hex.len() >= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> String {
        let (r, err) = parse_image_ref(text);
        let mut out = String::new();
        if let Some(reg) = r.registry {
            out += &format!("registry={} ", reg.value);
        }
        out += &format!("name={}", r.name.value);
        if let Some(t) = r.tag {
            out += &format!(" tag={}", t.value);
        }
        if let Some(d) = r.digest {
            out += &format!(" digest={}", d.value);
        }
        if let Some(e) = err {
            out += &format!(" ERROR@{}..{}", e.span.start, e.span.end);
        }
        out
    }

    #[test]
    fn splits() {
        assert_eq!(parts("python:3.12-slim"), "name=python tag=3.12-slim");
        assert_eq!(parts("library/python"), "name=library/python");
        assert_eq!(
            parts("localhost:5000/a/b:1"),
            "registry=localhost:5000 name=a/b tag=1"
        );
        assert_eq!(
            parts("ghcr.io/o/r@sha256:0123456789abcdef0123456789abcdef"),
            "registry=ghcr.io name=o/r digest=sha256:0123456789abcdef0123456789abcdef"
        );
        assert_eq!(
            parts("${REG:-docker.io}/app:${TAG:-latest}"),
            "registry=${REG:-docker.io} name=app tag=${TAG:-latest}"
        );
        assert_eq!(parts("scratch"), "name=scratch");
    }

    #[test]
    fn structurally_invalid_references() {
        assert_eq!(
            parts("jetbrains/upsource:@VERSION@"),
            "name=jetbrains/upsource tag= digest=VERSION@ ERROR@18..19"
        );
        assert!(parts("@BUILD_ARCH@/x:y").contains("ERROR"));
        assert!(parts("phusion/passenger-ruby21:").contains("ERROR@24..25"));
        assert!(!parts("%%FROM%%").contains("ERROR"));
        assert!(!parts("debian:%%TAG%%").contains("ERROR"));
    }

    #[test]
    fn docker_grammar() {
        let invalid = |t: &str| validate_image_ref(t).is_some();
        assert!(invalid("Ubuntu"));
        assert!(invalid("debian:%%TAG%%"));
        assert!(invalid("a/b@sha256:xyz"));
        assert!(invalid("-a"));
        assert!(!invalid("my_repo/app__x:v1.0_b"));
        assert!(!invalid("localhost:5000/a-b/c.d:1"));
        assert!(!invalid("${X}:Y"));
    }
}
