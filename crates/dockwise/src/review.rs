//! The one value every front end shows: findings with positions, syntax errors, the rewrite and its changes.
//! Its JSON shape is a contract (`shared/spec/interfaces.md`): extend it, never rename or remove a field.

use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::Fix;
use crate::exercise::{Exercise, ExerciseResult};
use crate::fix::{fix_from, Change};
use crate::lint::{self, Finding as LintFinding};
use crate::rewrite::estimate::{compare, measure, Estimate};
use crate::rule::{Category, Rule, Severity};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Serialized as the Review JSON and read back from it (the playground's worker sends it to the page as JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The file's path as the front end knows it (`None` for pasted text).
    pub path: Option<String>,
    pub findings: Vec<Finding>,
    pub syntax_errors: Vec<SyntaxErrorOut>,
    /// The whole Dockerfile after every applicable fix.
    pub rewritten: String,
    /// The applied changes, then (when unsafe fixes were not applied) the unsafe changes `--unsafe` would also
    /// make, with `applied: false`.
    pub changes: Vec<Change>,
    /// Why `rewritten` is the input unchanged although fixes exist (the file has syntax errors); `None` otherwise.
    #[serde(default)]
    pub rewrite_refused: Option<String>,
    /// False when applying fixes did not settle (a bug worth reporting); `rewritten` is then the last good text.
    pub converged: bool,
    /// A suggested `.dockerignore` for the detected ecosystem, when the Dockerfile copies its whole context.
    pub dockerignore: Option<String>,
    /// What the rewrite saves (layers, base image size), clearly an estimate; `None` when nothing was rewritten.
    pub estimate: Option<Estimate>,
    /// The date of Dockwise's base-image data (releases, end-of-life dates, sizes) the review used.
    pub data_date: Cow<'static, str>,
}

/// A finding names its rule by code; read back, the code is looked up in this build's registry for the rule's
/// name, aliases and category, so a finding of a rule this build lacks is an error, not a guess.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub name: &'static str,
    pub aliases: BTreeMap<&'static str, &'static str>,
    pub severity: Severity,
    pub category: Category,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    pub fix: Option<Fix>,
}

/// The fields of a [`Finding`] its JSON carries beyond the rule's own metadata.
#[derive(Deserialize)]
struct FindingJson {
    rule: String,
    severity: Severity,
    message: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
    fix: Option<Fix>,
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Finding, D::Error> {
        let json = FindingJson::deserialize(deserializer)?;
        let rule = crate::rules::all()
            .find(|rule| rule.code == json.rule)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown rule {}", json.rule)))?;
        Ok(Finding::of_rule(rule, json))
    }
}

impl Finding {
    /// The finding with `rule`'s metadata (`json.rule` is not read again).
    fn of_rule(rule: &'static Rule, json: FindingJson) -> Finding {
        Finding {
            rule: rule.code,
            name: rule.name,
            aliases: rule.aliases.iter().map(|a| (a.0.as_str(), a.1)).collect(),
            severity: json.severity,
            category: rule.category,
            message: json.message,
            line: json.line,
            column: json.column,
            end_line: json.end_line,
            end_column: json.end_column,
            start: json.start,
            end: json.end,
            fix: json.fix,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyntaxErrorOut {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    pub message: String,
}

impl Review {
    /// True when a finding reaches the configuration's failure threshold (or the file has syntax errors).
    pub fn fails(&self, threshold: Severity) -> bool {
        !self.syntax_errors.is_empty() || self.findings.iter().any(|f| f.severity >= threshold)
    }
}

/// Review one Dockerfile: findings, syntax errors and the rewrite (unsafe fixes only if `config.unsafe_fixes`).
/// The text is parsed and modelled once; the fixes start from the findings.
pub fn review(source: &str, config: &Config) -> Review {
    review_with(source, config, true, &mut |_| (), None)
}

/// [`review`] for a live front end, from the one analysis: the grade of the same text against `exercise` (when
/// one is open), and the findings handed to `early` with that grade before the rewrite is computed, so they are
/// shown while it is (`early`'s review is what [`review_findings`] returns). The playground's worker answers
/// with both.
pub fn review_live(
    source: &str,
    config: &Config,
    exercise: Option<&Exercise>,
    early: &mut dyn FnMut(&Review, Option<&ExerciseResult>),
) -> (Review, Option<ExerciseResult>) {
    let graded = std::cell::RefCell::new(None);
    let review = review_with(
        source,
        config,
        true,
        &mut |model| {
            *graded.borrow_mut() =
                exercise.map(|exercise| crate::exercise::check_model(exercise, model));
        },
        Some(&mut |findings| early(findings, graded.borrow().as_ref())),
    );
    (review, graded.into_inner())
}

/// [`review`] without the rewrite, for front ends that show only findings (`dockwise check` in most formats):
/// `rewritten` is the source, `changes` empty, `estimate` `None`; findings, syntax errors and the suggested
/// `.dockerignore` are those of [`review`].
pub fn review_findings(source: &str, config: &Config) -> Review {
    review_with(source, config, false, &mut |_| (), None)
}

/// The review; `also` reads the same model first (an exercise's grade); `early` gets the findings before the
/// rewrite is computed. Not generic: one copy of the review in the wasm.
fn review_with(
    source: &str,
    config: &Config,
    rewrite: bool,
    also: &mut dyn FnMut(&crate::model::Model),
    early: Option<&mut dyn FnMut(&Review)>,
) -> Review {
    let analysis = Analysis::new(source);
    let model = analysis.model();
    also(&model);
    let linted = lint::findings(&model, config);
    let position = |offset: usize| model.lines.line_col(source, offset);
    let syntax_errors = analysis
        .syntax_errors
        .iter()
        .map(|e| {
            let (start, end) = (position(e.span.start), position(e.span.end));
            SyntaxErrorOut {
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                start: e.span.start,
                end: e.span.end,
                message: e.message.clone(),
            }
        })
        .collect();
    let dockerignore = crate::rewrite::dockerignore::suggest(&model);
    let findings: Vec<Finding> = linted
        .iter()
        .cloned()
        .map(|f| finding_out(f, &position))
        .collect();
    let findings_only = Review {
        path: None,
        findings,
        syntax_errors,
        rewritten: source.to_string(),
        changes: Vec::new(),
        rewrite_refused: None,
        converged: true,
        dockerignore,
        estimate: None,
        data_date: Cow::Borrowed(crate::data::base_images::LAST_VERIFIED),
    };
    if !rewrite {
        return findings_only;
    }
    if let Some(early) = early {
        early(&findings_only);
    }
    // The findings for the unsafe pass below, copied only when it runs.
    let for_unsafe_pass = (!config.unsafe_fixes).then(|| linted.clone());
    let (fixed, after) = fix_from(&model, linted, config, config.unsafe_fixes, |after| {
        (after.source != source).then(|| measure(after))
    });
    let estimate = after.and_then(|after| compare(measure(&model), after));
    let mut changes = fixed.changes;
    if let Some(linted) = for_unsafe_pass.filter(|_| fixed.refused.is_none()) {
        // List what the unsafe rewrite would add, so the reader sees every fix and its applicability.
        let (with_unsafe, ()) = fix_from(&model, linted, config, true, |_| ());
        changes.extend(
            with_unsafe
                .changes
                .into_iter()
                .filter(|c| c.applicability == crate::diagnostic::Applicability::Unsafe)
                .map(|c| Change {
                    applied: false,
                    ..c
                }),
        );
    }
    Review {
        rewritten: fixed.text,
        changes,
        rewrite_refused: fixed.refused,
        converged: fixed.converged,
        estimate,
        ..findings_only
    }
}

fn finding_out(f: LintFinding, position: &dyn Fn(usize) -> dockwise_syntax::LineCol) -> Finding {
    let span = f.diagnostic.span;
    let (start, end) = (position(span.start), position(span.end));
    let fields = FindingJson {
        rule: String::new(),
        severity: f.severity,
        message: f.diagnostic.message,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        start: span.start,
        end: span.end,
        fix: f.diagnostic.fix,
    };
    Finding::of_rule(f.rule, fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::counts;

    #[test]
    fn a_review_parses_and_models_each_text_version_once() {
        // Clean: one version. (Unsafe fixes on: a safe-only review also runs the unsafe fixes, to list them.)
        let config = Config {
            unsafe_fixes: true,
            ..Config::default()
        };
        counts::take();
        let clean = review("FROM alpine:3.22.2\nUSER 1000\nCMD [\"true\"]\n", &config);
        assert!(clean.changes.is_empty());
        assert_eq!(counts::take(), (1, 1));
        // One round of fixes: the source and the rewrite, each parsed and modelled once (the rewrite's model
        // is linted to prove convergence and measured for the estimate).
        let source = "FROM python:3.12\nRUN pip install flask\nUSER 1000\n";
        let fixed = review(source, &config);
        assert!(!fixed.changes.is_empty() && fixed.converged);
        let counted = counts::take();
        let versions = 1 + fixed_rounds(source);
        assert!(versions >= 2);
        assert_eq!(counted, (versions, versions));
        // Without the rewrite: one parse, one model, and the same findings.
        let findings_only = review_findings(source, &config);
        assert_eq!(counts::take(), (1, 1));
        assert_eq!(findings_only.findings, fixed.findings);
        assert_eq!(findings_only.dockerignore, fixed.dockerignore);
        assert_eq!(findings_only.rewritten, source);
    }

    #[test]
    fn the_review_json_reads_back_into_the_same_review() {
        let source = "FROM python:latest\nRUN pip install flask\nRUN apt-get update\nCOPY . /app\n";
        for unsafe_fixes in [false, true] {
            let config = Config {
                unsafe_fixes,
                ..Config::default()
            };
            let review = review(source, &config);
            assert!(!review.findings.is_empty() && !review.changes.is_empty());
            assert!(review.findings.iter().any(|f| f.fix.is_some()) && review.estimate.is_some());
            let json = serde_json::to_string(&review).unwrap();
            assert_eq!(serde_json::from_str::<Review>(&json).unwrap(), review);
        }
    }

    #[test]
    fn a_finding_of_a_rule_this_build_lacks_is_refused() {
        let review = review("FROM python:latest\n", &Config::default());
        let json = serde_json::to_string(&review).unwrap();
        let error = serde_json::from_str::<Review>(&json.replacen("DW", "XX", 1)).unwrap_err();
        assert!(error.to_string().contains("unknown rule XX"), "{error}");
        assert!(serde_json::from_str::<Review>("{\"findings\": 3}").is_err());
    }

    #[test]
    fn a_graded_review_grades_the_text_it_reviewed_without_parsing_it_again() {
        let exercise = crate::exercise::builtins()[0].exercise().unwrap();
        let source = "FROM alpine:3.22.2\nUSER 1000\nCMD [\"true\"]\n";
        let config = Config {
            unsafe_fixes: true,
            ..Config::default()
        };
        counts::take();
        let mut early = None;
        let (reviewed, graded) = review_live(source, &config, Some(&exercise), &mut |r, g| {
            early = Some((r.clone(), g.cloned()))
        });
        assert_eq!(counts::take(), (1, 1));
        assert_eq!(reviewed, review(source, &config));
        let graded = graded.expect("graded");
        assert_eq!(graded, crate::exercise::check(&exercise, source));
        assert_eq!(
            early,
            Some((review_findings(source, &config), Some(graded)))
        );
    }

    #[test]
    fn a_live_review_hands_over_the_findings_before_the_rewrite() {
        let source = "FROM python:latest\nRUN pip install flask\nRUN apt-get update\nCOPY . /app\n";
        for unsafe_fixes in [false, true] {
            let config = Config {
                unsafe_fixes,
                ..Config::default()
            };
            let mut early = Vec::new();
            counts::take();
            let (reviewed, graded) = review_live(source, &config, None, &mut |r, g| {
                early.push((r.clone(), g.is_some(), counts::take()))
            });
            assert_eq!(graded, None);
            assert_eq!(reviewed, review(source, &config));
            let [(findings, false, before_rewrite)] = early.as_slice() else {
                panic!("one early review without a grade: {early:?}");
            };
            assert_eq!(*before_rewrite, (1, 1), "handed over before any fix round");
            assert_eq!(*findings, review_findings(source, &config));
            assert_eq!(findings.findings, reviewed.findings);
            assert!(findings.changes.is_empty() && !reviewed.changes.is_empty());
        }
    }

    fn fixed_rounds(source: &str) -> usize {
        let rounds = crate::fix::fix(source, &Config::default(), true).rounds;
        counts::take();
        rounds
    }
}
