//! Running the rules: parse, model, every enabled rule, suppressions, severities.

use crate::analysis::Analysis;
use crate::config::Config;
use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::rule::{Peer, Rule, Severity};
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
    let context = Context::new(model, config);
    let suppressions =
        Suppressions::collect(model.source, model.file, !config.disable_ignore_pragma);
    let mut findings = Vec::new();
    let mut diagnostics = Vec::new();
    let escape = model.file.escape;
    for rule in rules::all().filter(|r| config.is_enabled(r)) {
        (rule.check)(&context, &mut diagnostics);
        for mut diagnostic in diagnostics.drain(..) {
            if escape != '\\' {
                continue_lines_with(escape, &mut diagnostic);
            }
            if suppressions.silences(rule, diagnostic.span) {
                continue;
            }
            let is_build_check = rule.aliases.iter().any(|a| a.0 == Peer::Buildkit);
            let severity = if suppressions.checks_are_errors && is_build_check {
                Severity::Error
            } else {
                config.severity_of(rule)
            };
            findings.push(Finding {
                rule,
                severity,
                diagnostic,
            });
        }
    }
    findings.sort_by(|a, b| {
        (a.diagnostic.span.start, a.rule.code).cmp(&(b.diagnostic.span.start, b.rule.code))
    });
    findings
}

/// Rules write line continuations with `\`; under a `# escape=` directive the file continues lines with its own
/// character (`` ` ``), and a `\` at the end of a line would end the instruction there.
fn continue_lines_with(escape: char, diagnostic: &mut crate::diagnostic::Diagnostic) {
    for edit in diagnostic.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
        if edit.text.contains("\\\n") || edit.text.contains("\\\r\n") {
            edit.text = edit
                .text
                .replace("\\\r\n", &format!("{escape}\r\n"))
                .replace("\\\n", &format!("{escape}\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(source: &str) -> Vec<&'static str> {
        lint(source, &Config::default())
            .findings
            .iter()
            .map(|f| f.rule.code)
            .collect()
    }

    /// DW2059's merge wrote `\` continuations into a `` # escape=` `` file: the next line became an unknown
    /// instruction (`fix` rejected it, `check` still offered it as safe).
    #[test]
    fn fixes_continue_lines_with_the_files_escape_character() {
        let source =
            "# escape=`\nFROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y curl\n";
        let fixed = crate::fix::fix(source, &Config::default(), false).text;
        assert!(
            fixed.contains("RUN apt-get update && `\n    apt-get install"),
            "{fixed}"
        );
        assert!(!fixed.contains('\\'), "{fixed}");
    }

    #[test]
    fn peer_codes_silence_through_aliases() {
        let source = "FROM debian:12.5\nCMD [\"x\"]\n";
        let user = crate::rules::find("CKV_DOCKER_3").expect("aliased").code;
        assert!(codes(source).contains(&user));
        let skipped =
            format!("# checkov:skip=CKV_DOCKER_3:runs as the base image's user\n{source}");
        assert!(!codes(&skipped).contains(&user));
        let disabled = Config {
            disable: vec!["CKV_DOCKER_3".into()],
            ..Config::default()
        };
        assert!(!lint(source, &disabled)
            .findings
            .iter()
            .any(|f| f.rule.code == user));
        let sudo = "FROM debian:12.5\nRUN sudo make\n";
        let code = crate::rules::find("DS010").expect("aliased").code;
        assert!(codes(sudo).contains(&code));
        assert!(!codes("FROM debian:12.5\n# trivy:ignore:DS010\nRUN sudo make\n").contains(&code));
    }

    #[test]
    fn disable_ignore_pragma_makes_ignore_comments_silence_nothing() {
        let sudo = crate::rules::find("DL3004").expect("aliased").code;
        let strict = Config {
            disable_ignore_pragma: true,
            ..Config::default()
        };
        for source in [
            "FROM debian:12.5\n# hadolint ignore=DL3004\nRUN sudo make\n",
            "# dockwise global ignore=DS010\nFROM debian:12.5\nRUN sudo make\n",
        ] {
            assert!(!codes(source).contains(&sudo), "{source}");
            assert!(
                lint(source, &strict)
                    .findings
                    .iter()
                    .any(|f| f.rule.code == sudo),
                "{source}"
            );
        }
        let skipped = "# check=skip=FromAsCasing\nFROM debian:12.5 as build\n";
        assert!(!lint(skipped, &strict)
            .findings
            .iter()
            .any(|f| f.rule.is_named_by("FromAsCasing")));
    }

    #[test]
    fn check_error_true_makes_build_checks_errors() {
        let source = "# check=error=true\nFROM debian:12.5 as build\n";
        let finding = lint(source, &Config::default())
            .findings
            .into_iter()
            .find(|f| f.rule.is_named_by("FromAsCasing"))
            .expect("FromAsCasing fires");
        assert_eq!(finding.severity, Severity::Error);
    }
}
