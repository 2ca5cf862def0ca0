//! A reader for the small subset of YAML that `.hadolint.yaml` uses: maps nested by indentation, block lists
//! (`- a`), flow lists and maps (`[a, b]`, `{error: [DL3001]}`), comments, single and double quotes.
//! Anchors, multi-line scalars, tags and multiple documents are not supported and are reported as errors.
//! Written by hand because the maintained YAML crates are large for four keys, and `serde_yaml` is unmaintained.

/// A YAML value with the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Scalar(String),
    List(Vec<(usize, Value)>),
    Map(Vec<(String, usize, Value)>),
}

impl Value {
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Scalar(_) => "a single value",
            Value::List(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

/// A parse error at a 1-based line, under the key path it was found in (`override.error`, empty at the top).
#[derive(Debug, PartialEq)]
pub struct Error {
    pub line: usize,
    pub key: String,
    pub message: String,
}

impl Error {
    fn new(line: usize, message: String) -> Error {
        Error {
            line,
            key: String::new(),
            message,
        }
    }

    /// Prefix the key path with the enclosing `key`.
    fn under(mut self, key: &str) -> Error {
        self.key = if self.key.is_empty() {
            key.to_string()
        } else {
            format!("{key}.{}", self.key)
        };
        self
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "`{}`: {}", self.key, self.message)
        }
    }
}

struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

/// Parse a document; an empty document is an empty map.
pub fn parse(source: &str) -> Result<Value, Error> {
    let mut lines = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let number = i + 1;
        let without_comment = strip_comment(raw);
        let trimmed = without_comment.trim_end();
        if trimmed.trim().is_empty() {
            continue;
        }
        if trimmed == "---" || trimmed == "..." {
            if lines.is_empty() || trimmed == "..." {
                continue;
            }
            return Err(Error::new(
                number,
                "only one YAML document is supported".into(),
            ));
        }
        if trimmed.starts_with('\t') || trimmed.trim_start_matches(' ').starts_with('\t') {
            return Err(Error::new(
                number,
                "tabs cannot indent YAML; use spaces".into(),
            ));
        }
        let indent = trimmed.len() - trimmed.trim_start_matches(' ').len();
        lines.push(Line {
            number,
            indent,
            text: trimmed.trim_start(),
        });
    }
    if lines.is_empty() {
        return Ok(Value::Map(Vec::new()));
    }
    let mut at = 0;
    let indent = lines[0].indent;
    let value = block(&lines, &mut at, indent)?;
    if let Some(line) = lines.get(at) {
        return Err(Error::new(line.number, "unexpected indentation".into()));
    }
    Ok(value)
}

/// Remove a `#` comment that is outside quotes and starts the line or follows a space.
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return &line[..i],
            None => {}
        }
        previous = c;
    }
    line
}

/// A block (map or list) whose lines are indented exactly `indent`.
fn block(lines: &[Line], at: &mut usize, indent: usize) -> Result<Value, Error> {
    let Some(first) = lines.get(*at) else {
        return Ok(Value::Null);
    };
    if is_list_item(first.text) {
        let mut items = Vec::new();
        while let Some(line) = lines.get(*at) {
            if line.indent != indent || !is_list_item(line.text) {
                break;
            }
            let rest = line.text[1..].trim_start();
            *at += 1;
            if rest.is_empty() {
                items.push((line.number, nested(lines, at, indent, line.number)?));
            } else if looks_like_key(rest) {
                return Err(Error::new(
                    line.number,
                    "lists of maps are not supported here".into(),
                ));
            } else {
                items.push((line.number, inline(rest, lines, at, line.number)?));
            }
        }
        return Ok(Value::List(items));
    }
    let mut entries: Vec<(String, usize, Value)> = Vec::new();
    while let Some(line) = lines.get(*at) {
        if line.indent != indent {
            break;
        }
        if is_list_item(line.text) {
            return Err(Error::new(
                line.number,
                "a list item where a `key: value` was expected".into(),
            ));
        }
        let Some((key, rest)) = split_key(line.text) else {
            return Err(Error::new(
                line.number,
                format!("expected `key: value`, found `{}`", line.text),
            ));
        };
        if entries.iter().any(|(k, _, _)| *k == key) {
            return Err(Error::new(line.number, format!("`{key}` is given twice")));
        }
        *at += 1;
        let value = if rest.is_empty() {
            // A block list may sit at the key's own indentation.
            match lines.get(*at) {
                Some(next) if next.indent == indent && is_list_item(next.text) => {
                    block(lines, at, indent)
                }
                _ => nested(lines, at, indent, line.number),
            }
        } else {
            inline(rest, lines, at, line.number)
        }
        .map_err(|e| e.under(&key))?;
        entries.push((key, line.number, value));
    }
    Ok(Value::Map(entries))
}

/// The block under a key or list item: lines indented deeper than `parent`, or nothing.
fn nested(lines: &[Line], at: &mut usize, parent: usize, _line: usize) -> Result<Value, Error> {
    match lines.get(*at) {
        Some(next) if next.indent > parent => block(lines, at, next.indent),
        _ => Ok(Value::Null),
    }
}

fn is_list_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

fn looks_like_key(text: &str) -> bool {
    !text.starts_with(['"', '\'', '[', '{']) && split_key(text).is_some()
}

/// `key: rest` (the key may be quoted); `None` when the line is not a map entry.
fn split_key(text: &str) -> Option<(String, &str)> {
    if let Some(q) = text.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = text[1..].find(q)? + 1;
        let rest = text[end + 1..].trim_start().strip_prefix(':')?;
        return Some((text[1..end].to_string(), rest.trim()));
    }
    let colon = text
        .find(": ")
        .or_else(|| text.strip_suffix(':').map(|t| t.len()))?;
    let key = text[..colon].trim();
    if key.is_empty() || key.starts_with(['[', '{']) {
        return None;
    }
    Some((key.to_string(), text[colon + 1..].trim()))
}

/// A value written on the key's line: a flow collection (possibly continued on following lines) or a scalar.
fn inline(rest: &str, lines: &[Line], at: &mut usize, number: usize) -> Result<Value, Error> {
    if rest.starts_with(['&', '*', '!', '|', '>']) {
        return Err(Error::new(
            number,
            format!(
                "`{}` (anchors, tags and block scalars) is not supported here",
                &rest[..1]
            ),
        ));
    }
    if !rest.starts_with(['[', '{']) {
        return Ok(scalar(rest));
    }
    let mut text = rest.to_string();
    while !balanced(&text) {
        let Some(next) = lines.get(*at) else {
            return Err(Error::new(number, "this `[` or `{` is never closed".into()));
        };
        text.push(' ');
        text.push_str(next.text);
        *at += 1;
    }
    let mut flow = Flow {
        text: &text,
        at: 0,
        line: number,
    };
    let value = flow.value()?;
    flow.space();
    if flow.at < text.len() {
        return Err(flow.error("unexpected text after the closing bracket"));
    }
    Ok(value)
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    let mut quote = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth -= 1,
                _ => {}
            },
        }
    }
    depth <= 0
}

fn scalar(text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() || text == "~" || text == "null" {
        return Value::Null;
    }
    Value::Scalar(unquote(text))
}

fn unquote(text: &str) -> String {
    if text.len() >= 2 {
        if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            return inner.replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
            return inner.replace("''", "'");
        }
    }
    text.to_string()
}

/// Flow collections: `[a, "b", {c: d}]`.
struct Flow<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl Flow<'_> {
    fn error(&self, message: &str) -> Error {
        Error::new(self.line, message.to_string())
    }

    fn space(&mut self) {
        while self.text[self.at..].starts_with(' ') {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.space();
        if self.text[self.at..].starts_with(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Value, Error> {
        self.space();
        if self.eat('[') {
            let mut items = Vec::new();
            if self.eat(']') {
                return Ok(Value::List(items));
            }
            loop {
                items.push((self.line, self.value()?));
                if self.eat(']') {
                    return Ok(Value::List(items));
                }
                if !self.eat(',') {
                    return Err(self.error("expected `,` or `]` in a list"));
                }
                if self.eat(']') {
                    return Ok(Value::List(items));
                }
            }
        }
        if self.eat('{') {
            let mut entries = Vec::new();
            if self.eat('}') {
                return Ok(Value::Map(entries));
            }
            loop {
                let key = match self.value()? {
                    Value::Scalar(k) => k,
                    _ => return Err(self.error("expected a key in a `{...}` map")),
                };
                if !self.eat(':') {
                    return Err(self.error(&format!("expected `:` after `{key}`")));
                }
                let value = self.value()?;
                entries.push((key, self.line, value));
                if self.eat('}') {
                    return Ok(Value::Map(entries));
                }
                if !self.eat(',') {
                    return Err(self.error("expected `,` or `}` in a map"));
                }
            }
        }
        let rest = &self.text[self.at..];
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let Some(end) = rest[1..].find(q) else {
                return Err(self.error("unclosed quote"));
            };
            self.at += end + 2;
            return Ok(Value::Scalar(rest[1..end + 1].to_string()));
        }
        let end = rest.find([',', ']', '}', ':']).unwrap_or(rest.len());
        // `a:b` inside a plain scalar (a registry with a port) is not a key separator.
        let end = if rest[end..].starts_with(':') && !rest[end + 1..].starts_with(' ') {
            rest.find([',', ']', '}']).unwrap_or(rest.len())
        } else {
            end
        };
        self.at += end;
        Ok(scalar(&rest[..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value {
        Value::Scalar(text.to_string())
    }

    #[test]
    fn reads_a_hadolint_config() {
        let doc = "# top comment\nignored:\n  - DL3008 # apt pins\n  - 'DL3013'\noverride:\n  error: [DL3001, \"DL3002\"]\n  warning:\n  - DL3042\nfailure-threshold: error\n";
        let Value::Map(entries) = parse(doc).unwrap() else {
            panic!()
        };
        assert_eq!(entries[0].0, "ignored");
        assert_eq!(
            entries[0].2,
            Value::List(vec![(3, s("DL3008")), (4, s("DL3013"))])
        );
        let Value::Map(over) = &entries[1].2 else {
            panic!()
        };
        assert_eq!(
            over[0].2,
            Value::List(vec![(6, s("DL3001")), (6, s("DL3002"))])
        );
        assert_eq!(over[1].2, Value::List(vec![(8, s("DL3042"))]));
        assert_eq!(entries[2], ("failure-threshold".to_string(), 9, s("error")));
    }

    #[test]
    fn reads_flow_maps_and_multi_line_flow_lists() {
        let doc = "override: {error: [DL3001], info: []}\ntrustedRegistries: [\n  docker.io,\n  my-registry:5000 ]\n";
        let Value::Map(entries) = parse(doc).unwrap() else {
            panic!()
        };
        let Value::Map(over) = &entries[0].2 else {
            panic!()
        };
        assert_eq!(over[1].2, Value::List(vec![]));
        assert_eq!(
            entries[1].2,
            Value::List(vec![(2, s("docker.io")), (2, s("my-registry:5000"))])
        );
    }

    #[test]
    fn keeps_hashes_inside_quotes_and_words() {
        assert_eq!(strip_comment("a: 'x # y' # z"), "a: 'x # y' ");
        assert_eq!(strip_comment("a: b#c"), "a: b#c");
    }

    #[test]
    fn reports_errors_with_their_line() {
        assert_eq!(parse("a: 1\nb\n").unwrap_err().line, 2);
        assert_eq!(parse("a: [1, 2\n").unwrap_err().line, 1);
        assert_eq!(parse("a: 1\na: 2\n").unwrap_err().line, 2);
        let nested = parse("a: 1\noverride:\n  warning:\n    - b: c\n").unwrap_err();
        assert_eq!((nested.line, nested.key.as_str()), (4, "override.warning"));
        assert!(
            nested.to_string().starts_with("`override.warning`: "),
            "{nested}"
        );
    }

    #[test]
    fn empty_documents_are_empty_maps() {
        assert_eq!(parse("# nothing\n---\n").unwrap(), Value::Map(vec![]));
    }
}
