//! Report formats other CI systems read: GitLab Code Quality (Code Climate JSON), JUnit XML, SonarQube's generic
//! issue import and reviewdog's rdjson. Each is built from the same flattened list of problems.

use crate::output::{escape_xml, first_line, Reviewed, SYNTAX_RULE};
use dockwise::Severity;
use serde_json::{json, Value};
use std::fmt::Write;

/// One finding or syntax error, whatever its origin.
struct Problem<'a> {
    path: &'a str,
    rule: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    start: (usize, usize),
    end: (usize, usize),
    /// Byte offsets in the file, for reviewdog's suggestions.
    fix: Option<&'a dockwise::Fix>,
}

fn problems(files: &[Reviewed]) -> Vec<Problem<'_>> {
    let mut out = Vec::new();
    for file in files {
        for e in &file.review.syntax_errors {
            out.push(Problem {
                path: file.path(),
                rule: SYNTAX_RULE,
                name: SYNTAX_RULE,
                severity: Severity::Error,
                message: &e.message,
                start: (e.line, e.column),
                end: (e.end_line, e.end_column),
                fix: None,
            });
        }
        for f in &file.review.findings {
            out.push(Problem {
                path: file.path(),
                rule: f.rule,
                name: f.name,
                severity: f.severity,
                message: &f.message,
                start: (f.line, f.column),
                end: (f.end_line, f.end_column),
                fix: f.fix.as_ref(),
            });
        }
    }
    out
}

/// A stable identity for a problem: FNV-1a over path, rule, line and message (no hashing crate for 64 bits).
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn pretty_json(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// GitLab Code Quality: a JSON array of Code Climate issues (`description`, `check_name`, `fingerprint`,
/// `severity`, `location.path`, `location.lines.begin`).
pub fn codeclimate(files: &[Reviewed]) -> String {
    let issues: Vec<Value> = problems(files)
        .iter()
        .map(|p| {
            let severity = match p.severity {
                Severity::Error => "critical",
                Severity::Warning => "major",
                Severity::Info => "minor",
                Severity::Style => "info",
            };
            json!({
                "type": "issue",
                "check_name": p.rule,
                "description": format!("{}: {}", p.rule, first_line(p.message)),
                "categories": ["Style"],
                "severity": severity,
                "fingerprint": fingerprint(&[p.path, p.rule, &p.start.0.to_string(), p.message]),
                "location": {
                    "path": p.path,
                    "lines": { "begin": p.start.0, "end": p.end.0.max(p.start.0) },
                },
            })
        })
        .collect();
    pretty_json(&Value::Array(issues))
}

/// JUnit XML: one test suite per file, one failing test case per problem (a clean file is one passing case,
/// so dashboards count it).
pub fn junit(files: &[Reviewed]) -> String {
    let all = problems(files);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let failures = all.len();
    let tests: usize = files
        .iter()
        .map(|f| (f.review.findings.len() + f.review.syntax_errors.len()).max(1))
        .sum();
    let _ = writeln!(
        out,
        "<testsuites name=\"dockwise\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for file in files {
        let path = escape_xml(file.path());
        let mine: Vec<&Problem> = all.iter().filter(|p| p.path == file.path()).collect();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            mine.len().max(1),
            mine.len()
        );
        if mine.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"dockwise\" classname=\"{path}\"/>"
            );
        }
        for p in mine {
            let _ = writeln!(
                out,
                "    <testcase name=\"{}:{}:{} {} {}\" classname=\"{path}\">",
                path, p.start.0, p.start.1, p.rule, p.name
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}:{}:{} {} [{}]</failure>",
                escape_xml(first_line(p.message)),
                p.severity.as_str(),
                path,
                p.start.0,
                p.start.1,
                escape_xml(p.message),
                p.rule
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// SonarQube's generic issue import format (`sonar.externalIssuesReportPaths`): `{"issues": [...]}` with
/// `engineId`, `ruleId`, `severity`, `type` and a `primaryLocation` whose text range is 1-based lines and
/// 0-based columns.
pub fn sonarqube(files: &[Reviewed]) -> String {
    let issues: Vec<Value> = problems(files)
        .iter()
        .map(|p| {
            let (severity, kind) = match p.severity {
                Severity::Error => ("CRITICAL", "BUG"),
                Severity::Warning => ("MAJOR", "CODE_SMELL"),
                Severity::Info => ("MINOR", "CODE_SMELL"),
                Severity::Style => ("INFO", "CODE_SMELL"),
            };
            let mut range = json!({
                "startLine": p.start.0,
                "startColumn": p.start.1.saturating_sub(1),
                "endLine": p.end.0.max(p.start.0),
            });
            // SonarQube rejects an end column before the start column on one line.
            if p.end.0 > p.start.0 || p.end.1 > p.start.1 {
                range["endColumn"] = json!(p.end.1.saturating_sub(1));
            }
            json!({
                "engineId": "dockwise",
                "ruleId": p.rule,
                "severity": severity,
                "type": kind,
                "primaryLocation": {
                    "message": first_line(p.message),
                    "filePath": p.path,
                    "textRange": range,
                },
            })
        })
        .collect();
    pretty_json(&json!({ "issues": issues }))
}

/// reviewdog's Diagnostic Format (rdjson): positions are 1-based lines and columns, and fixes are
/// suggestions with ranges (`reviewdog -f=rdjson`).
pub fn rdjson(files: &[Reviewed]) -> String {
    let mut diagnostics = Vec::new();
    for file in files {
        let index = dockwise_syntax_positions(&file.source);
        for p in problems(std::slice::from_ref(file)) {
            let severity = match p.severity {
                Severity::Error => "ERROR",
                Severity::Warning => "WARNING",
                Severity::Info | Severity::Style => "INFO",
            };
            let mut diagnostic = json!({
                "message": p.message,
                "location": {
                    "path": p.path,
                    "range": {
                        "start": { "line": p.start.0, "column": p.start.1 },
                        "end": { "line": p.end.0, "column": p.end.1 },
                    },
                },
                "severity": severity,
                "code": { "value": p.rule, "url": crate::output::rule_url(p.rule) },
            });
            if let Some(fix) = p.fix {
                let suggestions: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (sl, sc) = index(e.start);
                        let (el, ec) = index(e.end);
                        json!({
                            "range": {
                                "start": { "line": sl, "column": sc },
                                "end": { "line": el, "column": ec },
                            },
                            "text": e.text,
                        })
                    })
                    .collect();
                diagnostic["suggestions"] = json!(suggestions);
            }
            diagnostics.push(diagnostic);
        }
    }
    pretty_json(&json!({
        "source": { "name": "dockwise", "url": "https://github.com/dockwise/dockwise" },
        "diagnostics": diagnostics,
    }))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn dockwise_syntax_positions(source: &str) -> impl Fn(usize) -> (usize, usize) + '_ {
    move |offset: usize| {
        let offset = offset.min(source.len());
        let before = source.get(..offset).unwrap_or(source);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_one() {
        let at = dockwise_syntax_positions("FROM a\nRUN é x\n");
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(7), (2, 1));
        assert_eq!(at(7 + "RUN é".len()), (2, 6));
    }

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
    }
}
