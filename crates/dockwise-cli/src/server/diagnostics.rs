//! Findings and syntax errors as LSP diagnostics: the rule's code linked to its docs, severity, tags, and the
//! other instruction involved as related information.

use super::document::Positions;
use crate::output::rule_url;
use dockwise::review::Finding;
use dockwise::syntax::{Body, Instruction, Item, Keyword};
use dockwise::{Review, Severity};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Url,
};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "dockwise";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Style => DiagnosticSeverity::HINT,
    }
}

/// Editors fade `Unnecessary` code and strike `Deprecated` code through: only rules whose finding marks text
/// that does nothing, or a form Docker has deprecated, get them.
pub fn tags(rule: &str) -> Option<Vec<DiagnosticTag>> {
    match rule {
        // MAINTAINER, `ENV key value`, backquotes: deprecated forms.
        "DW2100" | "DW4009" | "DW3008" => Some(vec![DiagnosticTag::DEPRECATED]),
        // a command that does nothing, a label that repeats, a redundant --platform, an empty continuation
        // line, and the CMD/ENTRYPOINT/HEALTHCHECK a later one overrides.
        "DW2001" | "DW2050" | "DW4010" | "DW4003" | "DW2103" | "DW2104" | "DW2012" => {
            Some(vec![DiagnosticTag::UNNECESSARY])
        }
        _ => None,
    }
}

/// Every diagnostic of a review: the findings, then the syntax errors.
pub fn diagnostics(review: &Review, source: &str, uri: &Url, at: &Positions) -> Vec<Diagnostic> {
    let mut stages = None;
    let mut out: Vec<Diagnostic> = review
        .findings
        .iter()
        .map(|f| {
            let related = needs_related(f.rule).then(|| {
                let stages = stages.get_or_insert_with(|| Stages::new(source));
                related(f, stages, source, uri, at)
            });
            finding(f, at, related.filter(|r| !r.is_empty()))
        })
        .collect();
    out.extend(review.syntax_errors.iter().map(|e| Diagnostic {
        range: at.range(e.start, e.end),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.into()),
        message: e.message.clone(),
        ..Diagnostic::default()
    }));
    out
}

fn finding(
    f: &Finding,
    at: &Positions,
    related: Option<Vec<DiagnosticRelatedInformation>>,
) -> Diagnostic {
    Diagnostic {
        range: at.range(f.start, f.end),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.into())),
        code_description: Url::parse(&rule_url(f.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message: format!("{} ({})", f.message, f.name),
        related_information: related,
        tags: tags(f.rule),
        data: None,
    }
}

/// Rules whose finding names another instruction: `COPY --from` comparisons, the dependency install a COPY
/// invalidates, the instruction a later one overrides.
fn needs_related(rule: &str) -> bool {
    matches!(
        rule,
        "DW1010"
            | "DW1022"
            | "DW1023"
            | "DW1024"
            | "DW1025"
            | "DW1026"
            | "DW1027"
            | "DW1028"
            | "DW1029"
            | "DW1030"
            | "DW2023"
            | "DW2103"
            | "DW2104"
            | "DW2012"
    )
}

/// The instructions of a file grouped by stage, with each stage's name and `FROM`.
struct Stages<'a> {
    /// (stage index, instruction), in order.
    instructions: Vec<(usize, Instruction)>,
    /// Each stage's name (lowercase) and `FROM` instruction's span.
    stages: Vec<(Option<String>, dockwise::syntax::Span)>,
    source: &'a str,
}

impl<'a> Stages<'a> {
    fn new(source: &'a str) -> Stages<'a> {
        let (file, _) = dockwise::syntax::parse(source);
        let mut stages = Vec::new();
        let mut instructions = Vec::new();
        for item in file.items {
            let Item::Instruction(i) = item else { continue };
            if let Body::From(from) = &i.body {
                let name = from.stage_name.as_ref().map(|w| w.value.to_lowercase());
                stages.push((name, i.span));
            }
            instructions.push((stages.len().saturating_sub(1), i));
        }
        Stages {
            instructions,
            stages,
            source,
        }
    }

    /// The instruction holding `offset`, with its stage.
    fn at(&self, offset: usize) -> Option<&(usize, Instruction)> {
        self.instructions
            .iter()
            .find(|(_, i)| i.span.contains(offset))
    }

    /// The `FROM` span of the stage a `--from` value names (a name or an index).
    fn named(&self, value: &str) -> Option<(usize, dockwise::syntax::Span)> {
        let lower = value.to_lowercase();
        if let Some(i) = self
            .stages
            .iter()
            .position(|(n, _)| n.as_deref() == Some(&lower))
        {
            return Some((i, self.stages[i].1));
        }
        let i = value.parse::<usize>().ok()?;
        self.stages.get(i).map(|s| (i, s.1))
    }
}

fn related(
    f: &Finding,
    stages: &Stages,
    source: &str,
    uri: &Url,
    at: &Positions,
) -> Vec<DiagnosticRelatedInformation> {
    let Some((stage, instruction)) = stages.at(f.start) else {
        return Vec::new();
    };
    let here = |span: dockwise::syntax::Span, message: String| DiagnosticRelatedInformation {
        location: Location {
            uri: uri.clone(),
            range: at.range(span.start, span.end),
        },
        message,
    };
    let trimmed = |span: dockwise::syntax::Span| {
        let text = span.text(source);
        let start = span.start + (text.len() - text.trim_start().len());
        dockwise::syntax::Span::new(start, span.start + text.trim_end().len())
    };
    match f.rule {
        // The dependency install the COPY comes before: the next RUN of the stage that installs.
        "DW1010" => stages
            .instructions
            .iter()
            .filter(|(s, i)| *s == *stage && i.span.start > instruction.span.start)
            .filter(|(_, i)| i.kind == Keyword::Run)
            .find(|(_, i)| {
                let text = i.span.text(stages.source);
                ["install", " ci", "mod download", "sync", "restore"]
                    .iter()
                    .any(|w| text.contains(w))
            })
            .map(|(_, i)| {
                vec![here(
                    trimmed(i.span),
                    "the dependency install that every source change re-runs".into(),
                )]
            })
            .unwrap_or_default(),
        // The earlier instructions a later one of the same kind overrides, in the same stage.
        "DW2103" | "DW2104" | "DW2012" => stages
            .instructions
            .iter()
            .filter(|(s, i)| {
                *s == *stage && i.kind == instruction.kind && i.span != instruction.span
            })
            .map(|(_, i)| {
                let word = format!("{:?}", i.kind).to_uppercase();
                here(trimmed(i.span), format!("the other {word} of this stage"))
            })
            .collect(),
        // The stage a `--from` names.
        _ => instruction
            .flag("from")
            .and_then(|flag| flag.value.as_ref())
            .and_then(|value| stages.named(&value.value).map(|s| (value.value.clone(), s)))
            .map(|(name, (index, span))| {
                vec![here(
                    trimmed(span),
                    format!("stage `{name}` (stage {index}), which --from copies from"),
                )]
            })
            .unwrap_or_default(),
    }
}
