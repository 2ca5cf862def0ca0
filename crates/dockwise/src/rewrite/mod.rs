//! Helpers for fixes that rewrite whole lines or instructions, and what the review shows beside the rewrite:
//! a suggested `.dockerignore` ([`dockerignore`]), an estimate of what the rewrite saves ([`estimate`]) and what
//! each change saves ([`savings`]).
//!
//! New lines follow the file's own style: its line endings (CRLF stays CRLF), the case of its keywords and the
//! indentation of its continuation lines. Untouched lines are never edited.

pub mod dockerignore;
pub mod estimate;
pub mod savings;

use crate::model::Model;
use dockwise_syntax::{Instruction, Keyword};

/// How the file writes things, read once from the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Style {
    /// `"\r\n"` when the file uses CRLF line endings, else `"\n"`.
    pub newline: &'static str,
    /// The file writes its keywords in lower case (`run`, `from`).
    pub lowercase: bool,
    /// Indentation of continuation lines (`"    "` by default).
    pub indent: String,
}

impl Style {
    pub fn of(model: &Model) -> Style {
        let source = model.source;
        let newline = if source.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let (mut lower, mut upper) = (0, 0);
        for info in &model.instructions {
            let kw = model.text(info.node.keyword);
            if kw.chars().all(|c| c.is_ascii_lowercase()) {
                lower += 1;
            } else {
                upper += 1;
            }
        }
        Style {
            newline,
            lowercase: lower > upper,
            indent: continuation_indent(source).unwrap_or_else(|| "    ".to_string()),
        }
    }

    /// A keyword in the file's case.
    pub fn keyword(&self, keyword: Keyword) -> String {
        if self.lowercase {
            keyword.as_str().to_ascii_lowercase()
        } else {
            keyword.as_str().to_string()
        }
    }
}

/// `keyword` in the case `written` (a neighbouring instruction's keyword as it appears) uses: lowercase when it
/// is, else uppercase, so a line inserted beside an instruction matches it.
pub fn keyword_like(written: &str, keyword: Keyword) -> String {
    if written.chars().all(|c| c.is_ascii_lowercase()) {
        keyword.as_str().to_ascii_lowercase()
    } else {
        keyword.as_str().to_string()
    }
}

/// The most common indentation of lines that continue an instruction (after a line ending in `\`).
fn continuation_indent(source: &str) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut previous_continues = false;
    for line in source.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if previous_continues {
            let indent: String = line
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            if !indent.is_empty() && !line.trim_start().starts_with('#') {
                match counts.iter_mut().find(|(i, _)| *i == indent) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((indent, 1)),
                }
            }
        }
        previous_continues = line.trim_end().ends_with('\\');
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(i, _)| i)
}

/// Where a new line may be inserted before `node`: the start of its first line.
pub fn line_start(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The text of an instruction's whole span ends with a line terminator.
pub fn ends_with_newline(source: &str, node: &Instruction) -> bool {
    source
        .get(node.span.range())
        .is_some_and(|t| t.ends_with('\n'))
}

/// `text` as one or more complete lines to insert at `at` (the start of a line, or the end of a file that may
/// lack a final newline): adds the terminator and, at a file end without one, a leading newline.
pub fn as_lines(source: &str, at: usize, lines: &[String], style: &Style) -> String {
    let mut out = String::new();
    if at > 0 && !source.get(..at).is_some_and(|s| s.ends_with('\n')) {
        out.push_str(style.newline);
    }
    for line in lines {
        out.push_str(line);
        out.push_str(style.newline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(src: &str) -> Style {
        let (file, errors) = dockwise_syntax::parse(src);
        let model = Model::new(src, &file, &errors);
        Style::of(&model)
    }

    #[test]
    fn reads_line_endings_case_and_indentation() {
        let s = style("from alpine\r\nrun a && \\\r\n\tb\r\n");
        assert_eq!(
            (s.newline, s.lowercase, s.indent.as_str()),
            ("\r\n", true, "\t")
        );
        let s = style("FROM alpine\nRUN a\n");
        assert_eq!(
            (s.newline, s.lowercase, s.indent.as_str()),
            ("\n", false, "    ")
        );
    }

    #[test]
    fn review_carries_the_dockerignore_suggestion_and_the_estimate() {
        let src =
            "FROM python:3.12\nCOPY . .\nRUN mkdir /data\nRUN touch /data/x\nCMD [\"python\"]\n";
        let config = crate::Config {
            unsafe_fixes: true,
            ..crate::Config::default()
        };
        let review = crate::review(src, &config);
        assert!(review
            .dockerignore
            .as_deref()
            .is_some_and(|d| d.contains("__pycache__/")));
        let estimate = review.estimate.expect("the rewrite changes the file");
        // Two RUNs merged, one added: the non-root user, which owns the /data the build made as root.
        assert!(estimate.approximate);
        assert_eq!((estimate.layers_before, estimate.layers_after), (3, 3));
        assert_eq!(
            (estimate.base_size_mb_before, estimate.base_size_mb_after),
            (Some(390), Some(45))
        );
        // Every change names the rule(s) it comes from.
        assert!(review.changes.iter().all(|c| !c.rules.is_empty()));
        assert!(review
            .changes
            .iter()
            .any(|c| c.rules.contains(&"DW2059".to_string())));
        let safe_only = crate::review(src, &crate::Config::default());
        let estimate = safe_only.estimate.expect("the merge is safe");
        assert_eq!(
            (estimate.layers_after, estimate.base_size_mb_after),
            (2, Some(390))
        );
        assert!(
            estimate.summary.starts_with("1 fewer layer (estimate"),
            "{}",
            estimate.summary
        );
    }

    #[test]
    fn lines_at_a_file_end_without_newline_start_on_a_new_line() {
        let s = style("FROM alpine");
        assert_eq!(
            as_lines("FROM alpine", 11, &["USER 1".to_string()], &s),
            "\nUSER 1\n"
        );
    }
}
