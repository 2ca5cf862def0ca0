//! Running the rules: parse, model, every enabled rule, suppressions, severities.

use crate::analysis::Analysis;
use crate::config::Config;
use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::rule::{Rule, Severity};
use crate::rules;
use crate::suppress::Suppressions;
use dockwise_syntax::{Dockerfile, SyntaxError};

/// A diagnostic with the rule that made it and the severity it gets under the configuration.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

/// The parse and the findings of one source text.
pub struct Linted {
    pub file: Dockerfile,
    pub syntax_errors: Vec<SyntaxError>,
    pub findings: Vec<Finding>,
}

/// Parse `source` and run every enabled rule. Findings are sorted by position, then code.
pub fn lint(source: &str, config: &Config) -> Linted {
    let analysis = Analysis::new(source);
    let findings = findings(&analysis.model(), config);
    Linted {
        file: analysis.file,
        syntax_errors: analysis.syntax_errors,
        findings,
    }
}

/// Run every enabled rule over an analysed text. Findings are sorted by position, then code.
pub fn findings(model: &Model, config: &Config) -> Vec<Finding> {
    let context = Context { model, config };
    let suppressions = Suppressions::collect(model.source, model.file);
    let mut findings = Vec::new();
    let mut diagnostics = Vec::new();
    for rule in rules::all().filter(|r| config.is_enabled(r)) {
        (rule.check)(&context, &mut diagnostics);
        for diagnostic in diagnostics.drain(..) {
            if suppressions.silences(rule, diagnostic.span) {
                continue;
            }
            findings.push(Finding {
                rule,
                severity: config.severity_of(rule),
                diagnostic,
            });
        }
    }
    findings.sort_by(|a, b| {
        (a.diagnostic.span.start, a.rule.code).cmp(&(b.diagnostic.span.start, b.rule.code))
    });
    findings
}
