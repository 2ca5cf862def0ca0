//! Inline suppressions: `# dockwise ignore=CODE[,CODE]` for the next instruction, `# dockwise global ignore=...`
//! for the file, hadolint's `# hadolint ignore=DL3008` (matched through aliases), Checkov's
//! `# checkov:skip=CKV_DOCKER_3[:reason]` (for the file, as Checkov reads Dockerfile skips), Trivy's
//! `# trivy:ignore:DS002` (the next instruction) and BuildKit's `# check=skip=` (and `# check=error=true`).

use crate::rule::Rule;
use dockwise_syntax::{Dockerfile, Item, Span};

/// Selectors that silence rules, per instruction span and for the whole file.
#[derive(Debug, Default)]
pub struct Suppressions {
    global: Vec<String>,
    /// (instruction span, selectors) for ignores written on the comment lines right above an instruction.
    local: Vec<(Span, Vec<String>)>,
    /// `# check=error=true`: Docker's build checks fail the build, so their findings are errors.
    pub checks_are_errors: bool,
}

impl Suppressions {
    /// `comments`: whether ignore comments count (false under hadolint's `disable-ignore-pragma`); BuildKit's
    /// `# check=` directive counts either way, as `docker build` reads it too.
    pub fn collect(source: &str, file: &Dockerfile, comments: bool) -> Suppressions {
        let mut found = Suppressions::default();
        let mut pending: Vec<String> = Vec::new();
        for item in &file.items {
            match item {
                Item::Directive(d) if d.name_text == "check" => {
                    for part in d.value_text.split(';') {
                        let part = part.trim();
                        if let Some(skip) = part.strip_prefix("skip=") {
                            found.global.extend(split_list(skip));
                        } else if let Some(error) = part.strip_prefix("error=") {
                            found.checks_are_errors = error.trim().eq_ignore_ascii_case("true");
                        }
                    }
                }
                Item::Comment(_) if !comments => {}
                Item::Comment(c) => {
                    let text = c.text.text(source).trim_start_matches('#').trim();
                    match parse_pragma(text) {
                        Some((true, list)) => found.global.extend(list),
                        Some((false, list)) => pending.extend(list),
                        None => {}
                    }
                }
                Item::Blank(_) => {}
                Item::Instruction(i) => {
                    if !pending.is_empty() {
                        found.local.push((i.span, std::mem::take(&mut pending)));
                    }
                }
                _ => pending.clear(),
            }
        }
        found
    }

    /// True when a finding of `rule` at `span` is silenced.
    pub fn silences(&self, rule: &Rule, span: Span) -> bool {
        let named = |s: &String| s.eq_ignore_ascii_case("all") || rule.is_named_by(s);
        self.global.iter().any(named)
            || self
                .local
                .iter()
                .any(|(at, list)| at.contains(span.start) && list.iter().any(named))
    }
}

/// `dockwise ignore=A,B`, `hadolint global ignore=A`, `checkov:skip=A:why`, `trivy:ignore:A` →
/// (is_global, selectors).
fn parse_pragma(text: &str) -> Option<(bool, Vec<String>)> {
    if let Some(rest) = text.strip_prefix("checkov:skip=") {
        let id = rest.split(':').next().unwrap_or("").trim();
        return (!id.is_empty()).then(|| (true, vec![id.to_string()]));
    }
    if let Some(rest) = text.strip_prefix("trivy:ignore:") {
        // `trivy:ignore:DS002[exp:2025-01-01]`: the id, without Trivy's optional attributes.
        let id = rest.split(['[', ' ', '\t']).next().unwrap_or("").trim();
        return (!id.is_empty()).then(|| (false, vec![id.to_string()]));
    }
    let rest = text
        .strip_prefix("dockwise")
        .or_else(|| text.strip_prefix("hadolint"))?
        .trim_start();
    let (global, rest) = match rest.strip_prefix("global") {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let list = rest
        .strip_prefix("ignore")?
        .trim_start()
        .strip_prefix('=')?;
    Some((global, split_list(list)))
}

fn split_list(list: &str) -> Vec<String> {
    list.split(|c: char| c == ',' || c.is_whitespace())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_pragma_spellings() {
        assert_eq!(
            parse_pragma("dockwise ignore=DW0001, DL3008"),
            Some((false, vec!["DW0001".into(), "DL3008".into()]))
        );
        assert_eq!(
            parse_pragma("hadolint global ignore=DL3006"),
            Some((true, vec!["DL3006".into()]))
        );
        assert_eq!(parse_pragma("just a comment"), None);
    }

    #[test]
    fn reads_checkov_and_trivy_pragmas() {
        assert_eq!(
            parse_pragma("checkov:skip=CKV_DOCKER_3:the base image sets a user"),
            Some((true, vec!["CKV_DOCKER_3".into()]))
        );
        assert_eq!(
            parse_pragma("trivy:ignore:DS002[exp:2030-01-01]"),
            Some((false, vec!["DS002".into()]))
        );
        assert_eq!(parse_pragma("trivy:ignore:"), None);
    }
}
