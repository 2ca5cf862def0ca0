//! The formats of `dockwise check`: pretty code frames, JSON, SARIF 2.1.0, GitHub workflow commands, Checkstyle.

use dockwise::review::{Finding, SyntaxErrorOut};
use dockwise::{Applicability, Review, Severity};
use serde_json::{json, Value};
use std::fmt::Write;

/// One reviewed file: its source (for code frames) and its review (with `path` set).
pub struct Reviewed {
    pub source: String,
    pub review: Review,
}

impl Reviewed {
    pub fn path(&self) -> &str {
        self.review.path.as_deref().unwrap_or("")
    }
}

// ---------------------------------------------------------------------------------------------------------------
// pretty

struct Palette {
    on: bool,
}

impl Palette {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, severity: Severity, text: &str) -> String {
        self.paint(severity_colour(severity), text)
    }

    fn frame(&self, text: &str) -> String {
        self.paint("1;34", text)
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
        Severity::Style => "1;35",
    }
}

/// rustc-style frames: the header, `--> file:line:col`, the source line and `^^^` under the span.
/// `quiet` leaves out the summary line.
pub fn pretty(files: &[Reviewed], colour: bool, quiet: bool) -> String {
    let palette = Palette { on: colour };
    let mut out = String::new();
    let mut counts = [0usize; 4];
    let mut syntax = 0;
    let mut fixable = (0usize, 0usize);
    for file in files {
        // Split once per file: a frame per finding reads its lines from here.
        let framed = Framed::of(file);
        // Syntax errors among the findings, in line order.
        let mut errors = file.review.syntax_errors.iter().peekable();
        for finding in &file.review.findings {
            while let Some(error) =
                errors.next_if(|e| (e.line, e.column) <= (finding.line, finding.column))
            {
                syntax += 1;
                syntax_frame(&mut out, &palette, &framed, error);
            }
            counts[finding.severity as usize] += 1;
            match finding.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => fixable.0 += 1,
                Some(Applicability::Unsafe) => fixable.1 += 1,
                None => {}
            }
            finding_frame(&mut out, &palette, &framed, finding);
        }
        for error in errors {
            syntax += 1;
            syntax_frame(&mut out, &palette, &framed, error);
        }
    }
    if quiet {
        return out;
    }
    let [style, info, warning, error] = counts;
    let total = style + info + warning + error;
    let files_word = if files.len() == 1 { "file" } else { "files" };
    if total == 0 && syntax == 0 {
        let _ = writeln!(
            out,
            "{} {} {files_word} checked, no findings",
            palette.bold("ok:"),
            files.len()
        );
        return out;
    }
    let mut parts = Vec::new();
    for (n, severity, word) in [
        (error, Severity::Error, "error"),
        (warning, Severity::Warning, "warning"),
        (info, Severity::Info, "info"),
        (style, Severity::Style, "style"),
    ] {
        let label = if n == 1 || word == "info" || word == "style" {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        };
        parts.push(if n > 0 {
            palette.severity(severity, &label)
        } else {
            label
        });
    }
    if syntax > 0 {
        let label = format!(
            "{syntax} syntax error{}",
            if syntax == 1 { "" } else { "s" }
        );
        parts.push(palette.severity(Severity::Error, &label));
    }
    let _ = write!(
        out,
        "{} {} {files_word} checked: {}",
        palette.bold("summary:"),
        files.len(),
        parts.join(", ")
    );
    match fixable {
        (0, 0) => {}
        (safe, 0) => {
            let _ = write!(out, "; {safe} fixable with `dockwise fix`");
        }
        (safe, risky) => {
            let _ = write!(
                out,
                "; {safe} fixable with `dockwise fix`, {risky} more with `dockwise fix --unsafe`"
            );
        }
    }
    out.push('\n');
    out
}

fn finding_frame(out: &mut String, p: &Palette, file: &Framed, f: &Finding) {
    let _ = writeln!(
        out,
        "{}{} {}",
        p.severity(
            f.severity,
            &format!("{}[{} {}]", f.severity.as_str(), f.rule, f.name)
        ),
        p.bold(":"),
        p.bold(&visible(first_line(&f.message))),
    );
    code_frame(
        out,
        p,
        file,
        f.severity,
        (f.line, f.column),
        (f.end_line, f.end_column),
    );
    let gutter = " ".repeat(digits(f.end_line.max(f.line)));
    let mut notes = Vec::new();
    if !f.aliases.is_empty() {
        let peers: Vec<String> = f
            .aliases
            .iter()
            .map(|(peer, code)| format!("{peer} {code}"))
            .collect();
        notes.push(format!("same as {}", peers.join(", ")));
    }
    if let Some(fix) = &f.fix {
        let kind = match fix.applicability {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        };
        notes.push(format!("fix available ({kind}): {}", visible(&fix.title)));
    }
    notes.push(format!("run `dockwise explain {}` for details", f.rule));
    let _ = writeln!(out, "{gutter} {}", p.frame("|"));
    for note in notes {
        let _ = writeln!(out, "{gutter} {} {note}", p.frame("="));
    }
    out.push('\n');
}

fn syntax_frame(out: &mut String, p: &Palette, file: &Framed, e: &SyntaxErrorOut) {
    let _ = writeln!(
        out,
        "{}{} {}",
        p.severity(Severity::Error, "error[syntax]"),
        p.bold(":"),
        p.bold(&visible(first_line(&e.message)))
    );
    code_frame(
        out,
        p,
        file,
        Severity::Error,
        (e.line, e.column),
        (e.end_line, e.end_column),
    );
    out.push('\n');
}

/// A control character as a visible one (`ESC` as `␛`), so a file cannot move the cursor, clear the screen or
/// recolour the terminal through our output. Tabs stay (they are layout).
fn visible_char(c: char) -> char {
    match c as u32 {
        0x09 => c,
        n @ 0x00..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{FFFD}'),
        0x7f => '\u{2421}',
        0x80..=0x9f | 0x2028 | 0x2029 | 0x202a..=0x202e | 0x2066..=0x2069 => '\u{FFFD}',
        _ => c,
    }
}

/// `text` with every control character made visible.
pub fn visible(text: &str) -> String {
    text.chars().map(visible_char).collect()
}

/// Columns a character takes in a terminal: 2 for wide (CJK, most emoji), 0 for combining marks.
fn columns(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(visible_char(c)).unwrap_or(0)
}

pub fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or("")
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

/// A file as its code frames show it: the path and the lines (split at `\n`, once per file; a `\r` before it is
/// trimmed when shown).
struct Framed<'f> {
    path: &'f str,
    lines: Vec<&'f str>,
}

impl<'f> Framed<'f> {
    fn of(file: &'f Reviewed) -> Framed<'f> {
        Framed {
            path: file.path(),
            lines: file.source.split('\n').collect(),
        }
    }
}

/// `--> path:line:col`, then the source line(s) with carets under the span (first and last line of a long one).
fn code_frame(
    out: &mut String,
    p: &Palette,
    file: &Framed,
    severity: Severity,
    start: (usize, usize),
    end: (usize, usize),
) {
    let width = digits(end.0.max(start.0));
    let gutter = " ".repeat(width);
    let _ = writeln!(
        out,
        "{gutter}{} {}:{}:{}",
        p.frame("-->"),
        visible(file.path),
        start.0,
        start.1
    );
    let _ = writeln!(out, "{gutter} {}", p.frame("|"));
    let line_text = |n: usize| {
        file.lines
            .get(n.wrapping_sub(1))
            .map(|l| l.trim_end_matches('\r'))
            .unwrap_or("")
    };
    let show = |out: &mut String, n: usize, from: usize, to: Option<usize>| {
        let text = line_text(n);
        let _ = writeln!(
            out,
            "{} {} {}",
            p.frame(&format!("{n:>width$}")),
            p.frame("|"),
            visible(text)
        );
        let chars: Vec<char> = text.chars().collect();
        let from = from.saturating_sub(1).min(chars.len());
        let to = to
            .map(|t| t.saturating_sub(1))
            .unwrap_or(chars.len())
            .clamp(from, chars.len());
        // Pad with the line's own tabs, and as many spaces as each character takes columns (wide CJK and emoji
        // take two), so carets line up under the span.
        let pad: String = chars[..from]
            .iter()
            .map(|c| {
                if *c == '\t' {
                    "\t".to_string()
                } else {
                    " ".repeat(columns(*c))
                }
            })
            .collect();
        let width: usize = chars[from..to].iter().map(|c| columns(*c)).sum();
        let carets = "^".repeat(width.max(1));
        let _ = writeln!(
            out,
            "{gutter} {} {pad}{}",
            p.frame("|"),
            p.severity(severity, &carets)
        );
    };
    if start.0 == end.0 {
        show(out, start.0, start.1, Some(end.1));
    } else {
        show(out, start.0, start.1, None);
        // A span ending at column 1 of a later line really ends with the previous line.
        let last = if end.1 <= 1 {
            end.0.saturating_sub(1)
        } else {
            end.0
        };
        if last > start.0 {
            if last > start.0 + 1 {
                let _ = writeln!(
                    out,
                    "{} {}",
                    p.frame(&format!("{:>width$}", "...")),
                    p.frame("|")
                );
            }
            let to = if last == end.0 { Some(end.1) } else { None };
            show(out, last, 1, to);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// json

/// A JSON array of `Review`s (the contract in shared/spec/interfaces.md).
pub fn json(files: &[Reviewed]) -> String {
    let reviews: Vec<&Review> = files.iter().map(|f| &f.review).collect();
    let mut text = serde_json::to_string_pretty(&reviews).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------------------------------------
// sarif

/// Where the rule reference lives (docs/rules.md, generated from the rules' own docs). The repository's address
/// is the placeholder the README uses until the project has a public home.
pub const RULES_DOC: &str = "https://github.com/OWNER/dockwise/blob/main/docs/rules.md";

/// The rule's section in the reference: GitHub's anchor for `## DW2007 image-latest-tag`.
pub fn rule_url(code: &str) -> String {
    match dockwise::rules::find(code) {
        Some(rule) => format!(
            "{RULES_DOC}#{}-{}",
            rule.code.to_ascii_lowercase(),
            rule.name
        ),
        None => RULES_DOC.to_string(),
    }
}

pub const SYNTAX_RULE: &str = "syntax-error";

/// GitHub's `security-severity` score for a security rule's default severity.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "8.0",
        Severity::Warning => "5.5",
        Severity::Info => "3.0",
        Severity::Style => "1.0",
    }
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

/// SARIF 2.1.0: every rule in `tool.driver.rules`, one result per finding and syntax error.
/// `unreadable` files (path, reason) are reported in `invocations` as tool execution notifications.
pub fn sarif(files: &[Reviewed], unreadable: &[(String, String)]) -> String {
    let all: Vec<&dockwise::Rule> = dockwise::rules::all().collect();
    let mut rules: Vec<Value> = all
        .iter()
        .map(|r| {
            let aliases: serde_json::Map<String, Value> = r
                .aliases
                .iter()
                .map(|a| (a.0.as_str().to_string(), json!(a.1)))
                .collect();
            let mut properties = json!({
                "category": r.category.as_str(),
                "tags": [r.category.as_str()],
                "aliases": aliases,
                "fix": r.fix.class(),
            });
            if r.category == dockwise::Category::Security {
                // GitHub code scanning ranks security alerts by this score (CVSS-like, as a string).
                // (The category's tag is already `security`, which GitHub also looks for; tags must be unique.)
                properties["security-severity"] = json!(security_severity(r.severity));
            }
            json!({
                "id": r.code,
                "name": r.name,
                "helpUri": rule_url(r.code),
                "shortDescription": { "text": r.docs.what },
                "fullDescription": { "text": r.docs.why },
                "help": {
                    "text": format!("{}\n\n{}", r.docs.what, r.docs.why),
                    "markdown": crate::rules_cmd::markdown_rule(r, 1),
                },
                "defaultConfiguration": {
                    "level": sarif_level(r.severity),
                    "enabled": r.enabled_by_default,
                },
                "properties": properties,
            })
        })
        .collect();
    rules.push(json!({
        "id": SYNTAX_RULE,
        "name": SYNTAX_RULE,
        "helpUri": RULES_DOC,
        "shortDescription": { "text": "The Dockerfile does not parse." },
        "fullDescription": { "text": "Docker would refuse to build this file: an instruction is unknown, \
            incomplete or malformed. Other rules only see the parts that parse." },
        "help": {
            "text": "Fix the instruction at the marked position; `docker build` reports the same problem.",
            "markdown": "Fix the instruction at the marked position; `docker build` reports the same problem.",
        },
        "defaultConfiguration": { "level": "error", "enabled": true },
        "properties": { "category": "syntax", "tags": ["syntax"] },
    }));
    let mut results = Vec::new();
    for file in files {
        let uri = file.path().to_string();
        let region = |line: usize, column: usize, end_line: usize, end_column: usize| {
            json!({
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column,
            })
        };
        let location = |region: Value| json!([{ "physicalLocation": { "artifactLocation": { "uri": uri }, "region": region } }]);
        for e in &file.review.syntax_errors {
            results.push(json!({
                "ruleId": SYNTAX_RULE,
                "ruleIndex": all.len(),
                "level": "error",
                "message": { "text": e.message },
                "locations": location(region(e.line, e.column, e.end_line, e.end_column)),
            }));
        }
        let lines: Vec<&str> = file.source.lines().collect();
        let position = crate::formats::dockwise_syntax_positions(&file.source);
        for f in &file.review.findings {
            // Stable across edits elsewhere in the file: the rule and the flagged line's text, not its number.
            let line_text = lines.get(f.line.wrapping_sub(1)).map_or("", |l| l.trim());
            let mut result = json!({
                "ruleId": f.rule,
                "level": sarif_level(f.severity),
                "message": { "text": f.message },
                "locations": location(region(f.line, f.column, f.end_line, f.end_column)),
                "partialFingerprints": {
                    "dockwise/v1": crate::formats::fingerprint(&[&uri, f.rule, line_text]),
                },
            });
            if let Some(index) = all.iter().position(|r| r.code == f.rule) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(fix) = &f.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (start_line, start_column) = position(e.start);
                        let (end_line, end_column) = position(e.end);
                        json!({
                            "deletedRegion": {
                                "startLine": start_line,
                                "startColumn": start_column,
                                "endLine": end_line,
                                "endColumn": end_column,
                                "byteOffset": e.start,
                                "byteLength": e.end - e.start,
                            },
                            "insertedContent": { "text": e.text },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
                }]);
                result["properties"] = json!({ "fixApplicability": fix.applicability });
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|(path, reason)| {
            json!({
                "level": "error",
                "message": { "text": format!("cannot read {path}: {reason}") },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": path } } }],
            })
        })
        .collect();
    let invocation = json!({
        "executionSuccessful": unreadable.is_empty(),
        "toolExecutionNotifications": notifications,
    });
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dockwise",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------------------------------------
// github

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: annotations on the pull request's diff.
pub fn github(files: &[Reviewed]) -> String {
    let mut out = String::new();
    for file in files {
        let path = escape_property(file.path());
        for e in &file.review.syntax_errors {
            let _ = writeln!(
                out,
                "::error file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                e.line,
                e.column,
                e.end_line,
                e.end_column,
                escape_property("syntax error"),
                escape_data(&e.message)
            );
        }
        for f in &file.review.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "notice",
            };
            let _ = writeln!(
                out,
                "::{level} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&format!("{} {}", f.rule, f.name)),
                escape_data(&f.message)
            );
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// checkstyle

pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Checkstyle XML, as read by Jenkins, GitLab and reviewdog.
pub fn checkstyle(files: &[Reviewed]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for file in files {
        let _ = writeln!(out, "  <file name=\"{}\">", escape_xml(file.path()));
        for e in &file.review.syntax_errors {
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"error\" message=\"{}\" source=\"dockwise.{SYNTAX_RULE}\"/>",
                e.line,
                e.column,
                escape_xml(&e.message)
            );
        }
        for f in &file.review.findings {
            let severity = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"dockwise.{}.{}\"/>",
                f.line,
                f.column,
                escape_xml(&f.message),
                f.rule,
                f.name
            );
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reviewed(source: &str) -> Reviewed {
        let mut review = dockwise::review(source, &dockwise::Config::default());
        review.path = Some("dir/Dockerfile".into());
        Reviewed {
            source: source.into(),
            review,
        }
    }

    #[test]
    fn frames_show_no_control_characters_and_align_under_wide_characters() {
        let file = reviewed("FROM python:latest\nLABEL title=\"日本語\x1b[2J\" x=1\n");
        let text = pretty(std::slice::from_ref(&file), false, false);
        assert!(!text.contains('\x1b'), "{text}");
        assert_eq!(visible("a\x1b[2J\u{7}\tb\u{202e}"), "a␛[2J␇\tb\u{FFFD}");
        let mut out = String::new();
        // The span `x=1`: after `LABEL title="` (13 columns), three wide characters (6) and `␛[2J" ` (6).
        let start = "LABEL title=\"日本語\x1b[2J\" ".chars().count() + 1;
        code_frame(
            &mut out,
            &Palette { on: false },
            &Framed::of(&file),
            Severity::Info,
            (2, start),
            (2, start + 3),
        );
        assert!(out.contains("日本語␛[2J") && !out.contains('\x1b'), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let source = lines.iter().find(|l| l.starts_with("2 |")).unwrap();
        let carets = lines.iter().find(|l| l.contains('^')).unwrap();
        let at = |line: &str, needle: &str| {
            let byte = line.find(needle).unwrap();
            line[..byte].chars().map(columns).sum::<usize>()
        };
        assert_eq!(at(source, "x=1"), at(carets, "^^^"), "{out}");
    }

    /// The frames of a file's findings cost time linear in the file: each frame once split the whole source into
    /// lines (`dockwise check` on 4,000 `RUN`s took 1.8 s, 8,000 took 5.6 s; the review itself 0.5 s and 1 s).
    #[test]
    fn frames_cost_time_linear_in_the_file() {
        let file = |n: usize| {
            let runs = (0..n)
                .map(|i| format!("RUN cd /x{i} && make\n"))
                .collect::<String>();
            reviewed(&format!("FROM alpine:3.22\n{runs}USER 1000\n"))
        };
        let best_of_three = |file: &Reviewed| {
            (0..3)
                .map(|_| {
                    let start = std::time::Instant::now();
                    std::hint::black_box(pretty(std::slice::from_ref(file), false, true));
                    start.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min)
        };
        let (small, large) = (file(1000), file(4000));
        assert!(large.review.findings.len() >= 4000);
        let ratio = best_of_three(&large) / best_of_three(&small).max(1e-6);
        assert!(
            ratio < 8.0,
            "4x the findings took {ratio:.1}x the time (linear is about 4x)"
        );
    }

    #[test]
    fn frames_put_carets_under_the_span() {
        let file = reviewed("FROM python:latest\n");
        let text = pretty(std::slice::from_ref(&file), false, false);
        let f = &file.review.findings[0];
        let line = text
            .lines()
            .find(|l| l.contains("FROM python:latest"))
            .unwrap();
        let carets = text.lines().skip_while(|l| *l != line).nth(1).unwrap();
        let bar = line.find('|').unwrap();
        assert_eq!(carets.find('^').unwrap() - bar - 2, f.column - 1, "{text}");
        assert_eq!(
            carets.matches('^').count(),
            f.end_column - f.column,
            "{text}"
        );
        assert!(text.contains("--> dir/Dockerfile:1:"), "{text}");
    }

    #[test]
    fn frames_of_multi_line_spans_show_the_first_and_last_lines() {
        let file = reviewed("FROM a\nRUN one \\\n  two \\\n  three\n");
        let mut out = String::new();
        code_frame(
            &mut out,
            &Palette { on: false },
            &Framed::of(&file),
            Severity::Info,
            (2, 5),
            (4, 8),
        );
        let expected = " --> dir/Dockerfile:2:5\n  |\n2 | RUN one \\\n  |     ^^^^^\n... |\n4 |   three\n  | ^^^^^^^\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn escapes_xml_and_workflow_commands() {
        assert_eq!(escape_xml("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
