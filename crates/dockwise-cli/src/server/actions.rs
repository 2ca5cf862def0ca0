//! Code actions: each finding's fix (safe ones preferred), fix all safe (also `source.fixAll`, for fix-on-save),
//! fix all with the unsafe fixes (labelled), and "Disable DWxxxx for this line" (a `# dockwise ignore=` comment).

use super::document::{Document, Encoding};
use dockwise::review::Finding;
use dockwise::{Applicability, Config};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, TextEdit, Url, WorkspaceEdit,
};
use std::collections::HashMap;

/// Fix all safe: a `source.fixAll` action, so editors run it on save when asked to.
pub const FIX_ALL: &str = "source.fixAll.dockwise";
/// Fix all, unsafe included: not under `source.fixAll`, so it never runs on save.
pub const FIX_ALL_UNSAFE: &str = "source.dockwise.fixAllUnsafe";

/// The kinds the server offers (its `codeActionProvider` capability).
pub fn kinds() -> Vec<CodeActionKind> {
    vec![
        CodeActionKind::QUICKFIX,
        CodeActionKind::SOURCE_FIX_ALL,
        CodeActionKind::new(FIX_ALL),
        CodeActionKind::new(FIX_ALL_UNSAFE),
    ]
}

/// What a request asks for: the byte range, the client's `only` filter and its diagnostics there.
pub struct Request<'a> {
    pub start: usize,
    pub end: usize,
    pub only: Option<&'a [CodeActionKind]>,
    pub diagnostics: &'a [Diagnostic],
}

/// True when `kind` is one of `only` or below one of them (`source.fixAll.dockwise` is under `source`).
fn wanted(kind: &str, only: Option<&[CodeActionKind]>) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            let o = o.as_str();
            kind == o
                || kind
                    .strip_prefix(o)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

pub fn actions(
    doc: &Document,
    uri: &Url,
    findings: &[Finding],
    config: &Config,
    encoding: Encoding,
    request: &Request,
) -> Vec<CodeActionOrCommand> {
    let at = doc.positions(encoding);
    let edit_of = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    let touches = |f: &Finding| f.start <= request.end && request.start <= f.end;
    let diagnostic_of = |f: &Finding| {
        request
            .diagnostics
            .iter()
            .find(|d| {
                d.code == Some(lsp_types::NumberOrString::String(f.rule.into()))
                    && d.range == at.range(f.start, f.end)
            })
            .cloned()
    };
    let mut out = Vec::new();
    if wanted(CodeActionKind::QUICKFIX.as_str(), request.only) {
        for f in findings.iter().filter(|f| touches(f)) {
            let Some(fix) = &f.fix else { continue };
            let safe = fix.applicability == Applicability::Safe;
            let label = if safe {
                ""
            } else {
                " (unsafe: changes what is built)"
            };
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(at.range(e.start, e.end), e.text.clone()))
                .collect();
            out.push(CodeAction {
                title: format!("{}{label} [{}]", fix.title, f.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic_of(f).map(|d| vec![d]),
                edit: Some(edit_of(edits)),
                is_preferred: Some(safe),
                ..CodeAction::default()
            });
        }
        let mut disabled: Vec<&str> = Vec::new();
        for f in findings.iter().filter(|f| touches(f)) {
            if disabled.contains(&f.rule) {
                continue;
            }
            disabled.push(f.rule);
            if let Some(edit) = ignore_comment(doc, f) {
                let (at_byte, text) = edit;
                out.push(CodeAction {
                    title: format!("Disable {} for this line", f.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic_of(f).map(|d| vec![d]),
                    edit: Some(edit_of(vec![TextEdit::new(
                        at.range(at_byte, at_byte),
                        text,
                    )])),
                    ..CodeAction::default()
                });
            }
        }
    }
    let has_fix = |unsafe_too: bool| {
        findings.iter().any(|f| {
            f.fix
                .as_ref()
                .is_some_and(|x| unsafe_too || x.applicability == Applicability::Safe)
        })
    };
    for (kind, unsafe_too, title) in [
        (FIX_ALL, false, "Fix all safe (Dockwise)"),
        (
            FIX_ALL_UNSAFE,
            true,
            "Fix all, unsafe fixes included: changes what is built (Dockwise)",
        ),
    ] {
        if !wanted(kind, request.only) || !has_fix(unsafe_too) {
            continue;
        }
        let outcome = dockwise::fix::fix(&doc.text, config, unsafe_too);
        if outcome.text == doc.text {
            continue;
        }
        let (start, end, text) = middle(&doc.text, &outcome.text);
        out.push(CodeAction {
            title: title.into(),
            kind: Some(CodeActionKind::new(kind)),
            edit: Some(edit_of(vec![TextEdit::new(at.range(start, end), text)])),
            ..CodeAction::default()
        });
    }
    out.into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// The smallest replacement turning `old` into `new`: the changed middle, on character boundaries.
pub fn middle(old: &str, new: &str) -> (usize, usize, String) {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (
        prefix,
        old.len() - suffix,
        new[prefix..new.len() - suffix].to_string(),
    )
}

/// `# dockwise ignore=RULE` on its own line above the instruction the finding is in, indented like it.
fn ignore_comment(doc: &Document, f: &Finding) -> Option<(usize, String)> {
    let (file, _) = dockwise::syntax::parse(&doc.text);
    let instruction = file.items.iter().find_map(|item| match item {
        dockwise::syntax::Item::Instruction(i) if i.span.contains(f.start) => Some(i),
        _ => None,
    })?;
    let start = instruction.span.start;
    let line = &doc.text[start..];
    let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    Some((
        start,
        format!("{indent}# dockwise ignore={}{}", f.rule, doc.newline()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn middle_is_the_smallest_replacement() {
        assert_eq!(middle("abcdef", "abXdef"), (2, 3, "X".into()));
        assert_eq!(middle("aaa", "aaaa"), (3, 3, "a".into()));
        assert_eq!(middle("FROM é\n", "FROM è\n"), (5, 7, "è".into()));
        assert_eq!(middle("same", "same"), (4, 4, String::new()));
    }

    #[test]
    fn only_filters_by_kind_prefix() {
        let fix_all = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(FIX_ALL, Some(&fix_all)));
        assert!(!wanted(FIX_ALL_UNSAFE, Some(&fix_all)));
        assert!(!wanted("quickfix", Some(&fix_all)));
        assert!(wanted(FIX_ALL_UNSAFE, Some(&[CodeActionKind::SOURCE])));
        assert!(wanted("quickfix", None));
    }
}
