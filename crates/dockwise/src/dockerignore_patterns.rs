//! `.dockerignore` matching as Docker does it (moby/patternmatcher): each line is cleaned like Go's
//! `filepath.Clean` with a leading `/` stripped, `*`, `?` and `[...]` match within one path segment (Go's
//! `filepath.Match`), `**` matches any number of segments, a pattern that matches a parent directory excludes
//! everything below it, and the last matching line decides (`!` re-includes).
//!
//! One matcher serves both the rule that flags copies of ignored files (DW4013) and the guard that keeps the
//! suggested `.dockerignore` from excluding what the Dockerfile copies.

/// One non-comment line of a `.dockerignore`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnorePattern {
    /// The line as written (trimmed), for messages.
    pub text: String,
    /// A `!` line: re-includes what it matches.
    pub negated: bool,
    segments: Vec<String>,
}

impl IgnorePattern {
    /// True when this line matches `path` (a cleaned context path) or one of its parent directories.
    pub fn matches(&self, path: &str) -> bool {
        let path: Vec<&str> = path.split('/').collect();
        (1..=path.len()).any(|n| match_segments(&self.segments, &path[..n]))
    }

    /// True when the line has no wildcard: it names one path.
    pub fn is_literal(&self) -> bool {
        self.segments.iter().all(|s| !has_wildcard(s))
    }

    /// The cleaned path a literal line names (`/vendor/` → `vendor`).
    pub fn cleaned(&self) -> String {
        self.segments.join("/")
    }

    /// True when some path that the `COPY` source glob `source` matches is this line's path or lies below it.
    /// Decided exactly over the two globs, without knowing the context's files.
    pub fn may_match_glob(&self, source: &str) -> bool {
        let source = clean_path(source);
        let source: Vec<&str> = source.split('/').collect();
        // The line also matches anything below what it matches: a trailing "any segments".
        let mut pattern: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        pattern.push("**");
        globs_overlap(&pattern, &source)
    }
}

/// A parsed `.dockerignore`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IgnoreList {
    pub patterns: Vec<IgnorePattern>,
}

impl IgnoreList {
    /// Reads `.dockerignore` text: blank lines and `#` comments skipped, lines trimmed and cleaned.
    pub fn parse(text: &str) -> IgnoreList {
        let patterns = text
            .lines()
            .map(|l| l.trim_start_matches('\u{feff}').trim())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|line| {
                let (negated, body) = match line.strip_prefix('!') {
                    Some(rest) => (true, rest.trim()),
                    None => (false, line),
                };
                let cleaned = clean_path(body);
                (!cleaned.is_empty()).then(|| IgnorePattern {
                    text: line.to_string(),
                    negated,
                    segments: cleaned.split('/').map(str::to_string).collect(),
                })
            })
            .collect();
        IgnoreList { patterns }
    }

    /// The line that excludes `path` (a context path, cleaned here), or `None` when `path` is sent to the builder.
    pub fn excluded_by(&self, path: &str) -> Option<&IgnorePattern> {
        let path = clean_path(path);
        if path.is_empty() {
            return None;
        }
        self.patterns
            .iter()
            .rfind(|p| p.matches(&path))
            .filter(|p| !p.negated)
    }
}

/// A path cleaned like Go's `filepath.Clean`, relative to the context root: `./a//b/../c/` → `a/c`, `/x` → `x`.
/// `..` above the root stays at the root, as the builder resolves context paths.
pub fn clean_path(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for segment in path.trim().split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

/// True when a path segment or source has `*`, `?`, `[` or `\` (an escape), which `filepath.Match` interprets.
pub fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?', '[', '\\'])
}

fn match_segments(pattern: &[String], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        // A trailing `**` is `.*` after the slash: at least one more segment.
        Some((first, rest)) if first == "**" && rest.is_empty() => !path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|skip| match_segments(rest, &path[skip..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((segment, tail)) => {
                segment_matches(first.as_bytes(), segment.as_bytes()) && match_segments(rest, tail)
            }
            None => false,
        },
    }
}

/// Go's `filepath.Match` within one segment: `*`, `?`, `[a-z]`, `[^a-z]`, `\` escapes.
fn segment_matches(pattern: &[u8], text: &[u8]) -> bool {
    let tokens = tokenize(pattern);
    let mut states = vec![false; tokens.len() + 1];
    states[0] = true;
    close_over_stars(&tokens, &mut states);
    for &c in text {
        let mut next = vec![false; tokens.len() + 1];
        for (i, token) in tokens.iter().enumerate() {
            if states[i] {
                match token {
                    Token::Star => next[i] = true,
                    Token::Set(set) if set.contains(c) => next[i + 1] = true,
                    Token::Set(_) => {}
                }
            }
        }
        close_over_stars(&tokens, &mut next);
        states = next;
    }
    states[tokens.len()]
}

fn close_over_stars(tokens: &[Token], states: &mut [bool]) {
    for i in 0..tokens.len() {
        if states[i] && tokens[i] == Token::Star {
            states[i + 1] = true;
        }
    }
}

/// True when some path matches both segment lists (`**` is any number of segments in either).
fn globs_overlap(a: &[&str], b: &[&str]) -> bool {
    match (a.split_first(), b.split_first()) {
        (None, None) => true,
        (Some((&"**", rest)), _) => {
            globs_overlap(rest, b) || (!b.is_empty() && globs_overlap(a, &b[1..]))
        }
        (_, Some((&"**", rest))) => {
            globs_overlap(a, rest) || (!a.is_empty() && globs_overlap(&a[1..], b))
        }
        (Some((x, a_rest)), Some((y, b_rest))) => {
            segments_overlap(x.as_bytes(), y.as_bytes()) && globs_overlap(a_rest, b_rest)
        }
        _ => false,
    }
}

/// True when some segment text matches both segment globs: a search over the pair of positions.
fn segments_overlap(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = (tokenize(a), tokenize(b));
    let mut seen = vec![false; (a.len() + 1) * (b.len() + 1)];
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        let key = i * (b.len() + 1) + j;
        if seen[key] {
            continue;
        }
        seen[key] = true;
        if i == a.len() && j == b.len() {
            return true;
        }
        let (x, y) = (a.get(i), b.get(j));
        if x == Some(&Token::Star) {
            stack.push((i + 1, j));
        }
        if y == Some(&Token::Star) {
            stack.push((i, j + 1));
        }
        // One character both accept; a star accepts any and stays put.
        match (x, y) {
            (Some(Token::Set(p)), Some(Token::Set(q))) if p.intersects(q) => {
                stack.push((i + 1, j + 1))
            }
            (Some(Token::Star), Some(Token::Set(q))) if !q.is_empty() => stack.push((i, j + 1)),
            (Some(Token::Set(p)), Some(Token::Star)) if !p.is_empty() => stack.push((i + 1, j)),
            _ => {}
        }
    }
    false
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Star,
    Set(ByteSet),
}

/// The bytes one position accepts (never `/`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn empty() -> ByteSet {
        ByteSet([0; 4])
    }
    fn one(c: u8) -> ByteSet {
        let mut s = ByteSet::empty();
        s.insert(c);
        s
    }
    fn insert(&mut self, c: u8) {
        if c != b'/' {
            self.0[usize::from(c / 64)] |= 1 << (c % 64);
        }
    }
    fn contains(&self, c: u8) -> bool {
        self.0[usize::from(c / 64)] & (1 << (c % 64)) != 0
    }
    fn intersects(&self, other: &ByteSet) -> bool {
        self.0.iter().zip(other.0).any(|(x, y)| x & y != 0)
    }
    fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }
    fn complement(&self) -> ByteSet {
        let mut s = ByteSet::empty();
        for c in 0..=255u8 {
            if !self.contains(c) {
                s.insert(c);
            }
        }
        s
    }
}

fn tokenize(pattern: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            b'*' => {
                if tokens.last() != Some(&Token::Star) {
                    tokens.push(Token::Star);
                }
                i += 1;
            }
            b'?' => {
                tokens.push(Token::Set(ByteSet::empty().complement()));
                i += 1;
            }
            b'\\' if i + 1 < pattern.len() => {
                tokens.push(Token::Set(ByteSet::one(pattern[i + 1])));
                i += 2;
            }
            b'[' => match class(&pattern[i + 1..]) {
                Some((set, used)) => {
                    tokens.push(Token::Set(set));
                    i += 1 + used;
                }
                // An unclosed `[` is a syntax error for Go, which matches nothing.
                None => {
                    tokens.push(Token::Set(ByteSet::empty()));
                    i = pattern.len();
                }
            },
            c => {
                tokens.push(Token::Set(ByteSet::one(c)));
                i += 1;
            }
        }
    }
    tokens
}

/// A `[...]` class after its `[`: the set and the bytes used up to and including `]`. Only `^` negates (Go).
fn class(rest: &[u8]) -> Option<(ByteSet, usize)> {
    let (negate, mut i) = match rest.first() {
        Some(b'^') => (true, 1),
        _ => (false, 0),
    };
    let mut set = ByteSet::empty();
    let mut first = true;
    loop {
        let &c = rest.get(i)?;
        if c == b']' && !first {
            i += 1;
            break;
        }
        first = false;
        let (low, next) = escaped(rest, i)?;
        i = next;
        let high = if rest.get(i) == Some(&b'-') && rest.get(i + 1).is_some_and(|&c| c != b']') {
            let (high, next) = escaped(rest, i + 1)?;
            i = next;
            high
        } else {
            low
        };
        for c in low..=high {
            set.insert(c);
        }
    }
    Some((if negate { set.complement() } else { set }, i))
}

fn escaped(rest: &[u8], i: usize) -> Option<(u8, usize)> {
    match rest.get(i)? {
        b'\\' => rest.get(i + 1).map(|&c| (c, i + 2)),
        &c => Some((c, i + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excluded(ignore: &str, path: &str) -> bool {
        IgnoreList::parse(ignore).excluded_by(path).is_some()
    }

    #[test]
    fn cleans_lines_and_paths_like_go() {
        assert_eq!(clean_path("./a//b/../c/"), "a/c");
        assert_eq!(clean_path("/x"), "x");
        assert_eq!(clean_path("../../y"), "y");
        assert!(excluded("/build/\n", "build/out.o"));
        assert!(excluded("./a/../dist\n", "dist"));
        assert!(!excluded("/build/\n", "src/build"));
    }

    #[test]
    fn single_segment_wildcards() {
        assert!(excluded("*.md\n", "README.md"));
        assert!(!excluded("*.md\n", "docs/README.md"), "`*` stops at `/`");
        assert!(excluded("temp?\n", "temp1"));
        assert!(excluded("[a-c]x\n", "bx"));
        assert!(!excluded("[a-c]x\n", "dx"));
        assert!(excluded("[^a-c]x\n", "dx"));
        assert!(!excluded("[!a-c]x\n", "dx"), "Go negates with `^` only");
        assert!(excluded("\\*x\n", "*x"));
        assert!(!excluded("\\*x\n", "ax"));
        assert!(!excluded("[ab\n", "a"), "a malformed class matches nothing");
    }

    #[test]
    fn double_star_and_parents() {
        assert!(excluded("**/secret.txt\n", "conf/secret.txt"));
        assert!(excluded("**/secret.txt\n", "secret.txt"));
        assert!(excluded("**/*.go\n", "a/b/c.go"));
        assert!(excluded("node_modules\n", "node_modules/x/y.js"));
        assert!(excluded("docs/**\n", "docs/a/b"));
        assert!(
            !excluded("docs/**\n", "docs"),
            "`dir/**` is the contents, not the folder"
        );
        assert!(excluded("**\n", "anything/at/all"));
    }

    #[test]
    fn the_last_matching_line_decides() {
        assert!(!excluded("*.md\n!README.md\n", "README.md"));
        assert!(excluded("!README.md\n*.md\n", "README.md"));
        assert!(!excluded(
            "vendor/\n!vendor/modules.txt\n",
            "vendor/modules.txt"
        ));
        assert!(excluded("vendor/\n!vendor/modules.txt\n", "vendor/other"));
        assert_eq!(
            IgnoreList::parse("# c\n\n*.env\n")
                .excluded_by("app.env")
                .map(|p| p.text.as_str()),
            Some("*.env")
        );
    }

    #[test]
    fn glob_sources_overlap_exactly() {
        let pattern = |p: &str| IgnoreList::parse(p).patterns.remove(0);
        assert!(pattern("*.md").may_match_glob("*.md"));
        assert!(pattern("*.md").may_match_glob("READ*"));
        assert!(!pattern("*.md").may_match_glob("*.txt"));
        assert!(!pattern("*.md").may_match_glob("docs/*.md"));
        assert!(pattern("**/*.md").may_match_glob("docs/*.md"));
        assert!(
            pattern("docs").may_match_glob("docs/*.py"),
            "a parent excludes its contents"
        );
        assert!(
            !pattern("docs/*.py").may_match_glob("docs"),
            "contents are not the folder"
        );
        assert!(pattern(".env.*").may_match_glob(".env.[a-z]*"));
        assert!(!pattern(".env.*").may_match_glob(".env[0-9]"));
        assert!(pattern("Dockerfile*").may_match_glob("Docker?ile"));
        assert!(!pattern("*.pem").may_match_glob("certs/*.pem"));
        assert!(pattern("**/*.pem").may_match_glob("certs/**"));
    }

    #[test]
    fn literal_lines() {
        let list = IgnoreList::parse("/vendor/\n*.pem\n");
        assert!(list.patterns[0].is_literal());
        assert_eq!(list.patterns[0].cleaned(), "vendor");
        assert!(!list.patterns[1].is_literal());
    }
}
