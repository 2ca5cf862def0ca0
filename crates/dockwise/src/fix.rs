//! The one routine that applies fixes: sort, skip conflicts, re-lint and repeat until nothing changes, and
//! prove the result parses with no new syntax errors.

use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::{edits_fit, splice, Applicability, Edit, Fix};
use crate::lint::{self, Finding};
use crate::model::{Model, ScriptMemo};
use crate::rewrite::savings::{saving, Saving};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Rounds of fixing before giving up on convergence (each round re-lints the new text).
const MAX_ROUNDS: usize = 12;

/// One applied fix, for the list of changes beside the rewrite.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The rules whose findings the change resolves.
    pub rules: Vec<String>,
    pub applicability: Applicability,
    /// The fix's title ("Add --no-cache-dir").
    pub title: String,
    /// What it does to the image and why.
    pub summary: String,
    /// 1-based line in the *original* text the change is about (changes of later rounds are mapped back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// False for an unsafe change listed beside a safe-only rewrite: what `--unsafe` would also do.
    #[serde(default = "applied_by_default")]
    pub applied: bool,
    /// What the change keeps out of the image, where Dockwise has measured it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saves: Option<Saving>,
}

/// Review JSON written before `applied` existed listed applied changes only.
fn applied_by_default() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq)]
pub struct FixOutcome {
    pub text: String,
    pub changes: Vec<Change>,
    /// False when fixes still applied after `MAX_ROUNDS`.
    pub converged: bool,
    pub rounds: usize,
    /// Fixes that were not applied because they would have added syntax errors (a bug in that rule's fix).
    pub rejected: Vec<Change>,
    /// Why the file was not rewritten at all (it has syntax errors: a rewrite of text we cannot read fully could
    /// change what the parts we misread mean).
    pub refused: Option<String>,
}

/// Identifies a fix across rounds: its rule, title and edits' texts (offsets move between rounds).
type Signature = (&'static str, String, Vec<String>);

fn signature(finding: &Finding) -> Option<Signature> {
    let fix = finding.diagnostic.fix.as_ref()?;
    Some((
        finding.rule.code,
        fix.title.clone(),
        fix.edits.iter().map(|e| e.text.clone()).collect(),
    ))
}

fn change_of(group: &[&Finding], text: &str, line: Option<usize>) -> Option<Change> {
    let first = group.first()?;
    let fix = first.diagnostic.fix.as_ref()?;
    let mut rules: Vec<String> = Vec::new();
    for f in group {
        if !rules.iter().any(|r| r == f.rule.code) {
            rules.push(f.rule.code.to_string());
        }
    }
    let saves = saving(&rules, instruction_text(text, first.diagnostic.span.start));
    Some(Change {
        rules,
        applicability: fix.applicability,
        title: fix.title.clone(),
        summary: if fix.explanation.is_empty() {
            fix.title.clone()
        } else {
            fix.explanation.clone()
        },
        line,
        applied: true,
        saves,
    })
}

/// The whole instruction around `offset`: from the start of its first line to the end of its last (lines that
/// end in a backslash continue it).
fn instruction_text(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let mut start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    // Back over lines that the previous line continues.
    while start > 0 {
        let previous_start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if text[previous_start..start].trim_end().ends_with('\\') {
            start = previous_start;
        } else {
            break;
        }
    }
    let mut end = offset;
    loop {
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        if text[..line_end].trim_end().ends_with('\\') && line_end < text.len() {
            end = line_end + 1;
        } else {
            return text.get(start..line_end).unwrap_or("");
        }
    }
}

/// Apply every fix allowed by `include_unsafe` until the text stops changing. A round whose result has more
/// syntax errors than the input is redone fix by fix, and the fixes that break the syntax are rejected (listed in
/// [`FixOutcome::rejected`]) and never retried.
pub fn fix(source: &str, config: &Config, include_unsafe: bool) -> FixOutcome {
    let analysis = Analysis::new(source);
    let model = analysis.model();
    let findings = lint::findings(&model, config);
    fix_from(&model, findings, config, include_unsafe, |_| ()).0
}

/// [`fix`] from a text already analysed and linted with `config` (round 0 lints nothing again). Each later text
/// is parsed and modelled once; `last` is given the model of the final text (the one the last round linted).
pub fn fix_from<T>(
    model: &Model,
    findings: Vec<Finding>,
    config: &Config,
    include_unsafe: bool,
    last: impl FnOnce(&Model) -> T,
) -> (FixOutcome, T) {
    let source = model.source;
    let mut findings = findings;
    let mut current: Option<Analysis> = None;
    // The findings in hand belong to the current text until it changes.
    let mut relint = false;
    let mut changes = Vec::new();
    let mut rejected: Vec<Change> = Vec::new();
    let mut banned: Vec<Signature> = Vec::new();
    let original_errors = model.syntax_errors.len();
    if original_errors > 0 {
        let outcome = FixOutcome {
            text: source.to_string(),
            changes,
            converged: true,
            rounds: 0,
            rejected,
            refused: Some(format!(
                "not rewritten: the file has {original_errors} syntax error(s); fix {} first, then the \
                 rewrite is offered",
                if original_errors == 1 { "it" } else { "them" }
            )),
        };
        return (outcome, last(model));
    }
    let line_index = &model.lines;
    // Each applied round's edits (start, end, inserted length), to map later offsets back to the source.
    let mut history: Vec<RoundEdits> = Vec::new();
    // The scripts of the text the last round rewrote: the next model moves those it finds unchanged.
    let mut memo = ScriptMemo::default();
    for round in 0..MAX_ROUNDS {
        let next_analysis = {
            let owned;
            let now: &Model = match &current {
                Some(analysis) => {
                    owned = analysis.model_reusing(std::mem::take(&mut memo));
                    &owned
                }
                None => model,
            };
            if relint {
                findings = lint::findings(now, config);
            }
            relint = true;
            let text = now.source;
            let fixes: Vec<&Finding> = findings
                .iter()
                .filter(|f| {
                    f.diagnostic.fix.as_ref().is_some_and(|fix| {
                        include_unsafe || fix.applicability == Applicability::Safe
                    }) && signature(f).is_none_or(|s| !banned.contains(&s))
                })
                .collect();
            // A fix that changes a stage's base (edits a FROM or adds one) changes what every other fix of the
            // stage may assume (its distro, its shell, its users): apply it alone, and re-lint before the others.
            let froms = from_spans(now.file);
            let fixes = match fixes.iter().find(|f| changes_a_base(&froms, f)) {
                Some(structural) => vec![*structural],
                None => fixes,
            };
            let (next, mut applied) = apply_non_overlapping(text, &fixes);
            if applied.is_empty() {
                let seen = last(now);
                let outcome = FixOutcome {
                    text: text.to_string(),
                    changes,
                    converged: true,
                    rounds: round,
                    rejected,
                    refused: None,
                };
                return (outcome, seen);
            }
            let mut next_analysis = Analysis::new(next);
            if next_analysis.syntax_errors.len() > original_errors {
                // Some fix breaks the syntax: keep the fixes that do not, one group at a time.
                let mut kept: Vec<&Finding> = Vec::new();
                for group in &applied {
                    let mut trial = kept.clone();
                    trial.extend(group.iter().copied());
                    let (candidate, _) = apply_non_overlapping(text, &trial);
                    if dockwise_syntax::parse(&candidate).1.len() > original_errors {
                        banned.extend(group.iter().filter_map(|f| signature(f)));
                        rejected.extend(change_of(group, text, None));
                    } else {
                        kept = trial;
                    }
                }
                let next;
                (next, applied) = apply_non_overlapping(text, &kept);
                if applied.is_empty() {
                    // Same text, same findings: the banned fixes are filtered out next round.
                    relint = false;
                    continue;
                }
                next_analysis = Analysis::new(next);
            }
            for group in &applied {
                let line = group.first().map(|f| {
                    let original = history
                        .iter()
                        .rev()
                        .fold(f.diagnostic.span.start, |at, round| round.map_back(at));
                    line_index.line_col(source, original.min(source.len())).line
                });
                changes.extend(change_of(group, text, line));
            }
            history.push(RoundEdits::new(
                applied
                    .iter()
                    .filter_map(|g| g.first().and_then(|f| f.diagnostic.fix.as_ref()))
                    .flat_map(|fix| fix.edits.iter().map(|e| (e.start, e.end, e.text.len())))
                    .collect(),
            ));
            memo = now.script_memo();
            next_analysis
        };
        current = Some(next_analysis);
    }
    let (text, seen) = match &current {
        Some(analysis) => (
            analysis.source.clone(),
            last(&analysis.model_reusing(std::mem::take(&mut memo))),
        ),
        None => (source.to_string(), last(model)),
    };
    let outcome = FixOutcome {
        text,
        changes,
        converged: false,
        rounds: MAX_ROUNDS,
        rejected,
        refused: None,
    };
    (outcome, seen)
}

/// The spans of a file's `FROM` instructions, in order.
fn from_spans(file: &dockwise_syntax::Dockerfile) -> Vec<(usize, usize)> {
    file.items
        .iter()
        .filter_map(|item| match item {
            dockwise_syntax::Item::Instruction(i) if i.kind == dockwise_syntax::Keyword::From => {
                Some((i.span.start, i.span.end))
            }
            _ => None,
        })
        .collect()
}

/// Whether a finding's fix edits a `FROM` instruction (of `froms`, the file's, in order) or inserts one (a new
/// stage).
fn changes_a_base(froms: &[(usize, usize)], finding: &Finding) -> bool {
    let Some(fix) = &finding.diagnostic.fix else {
        return false;
    };
    fix.edits.iter().any(|e| {
        let adds_from = e.text.lines().any(|line| {
            line.trim_start()
                .get(..5)
                .is_some_and(|k| k.eq_ignore_ascii_case("FROM "))
        });
        // The first FROM ending after the edit's start is the only one it can overlap first.
        let next = froms.partition_point(|&(_, end)| end <= e.start);
        adds_from || froms.get(next).is_some_and(|&(start, _)| e.end > start)
    })
}

/// One applied round's edits (sorted, non-overlapping), with where each starts in the text the round wrote and
/// the shift after it: mapping an offset back is a binary search, not a walk over every edit before it (which made
/// naming the lines of a fix per instruction quadratic).
struct RoundEdits {
    /// (start, end, inserted length) in the text before the round.
    edits: Vec<(usize, usize, usize)>,
    /// Where each edit's inserted text starts in the text after the round.
    new_starts: Vec<usize>,
    /// The shift of offsets after each edit: inserted minus removed, summed up to and including it.
    shifts: Vec<isize>,
}

impl RoundEdits {
    fn new(mut edits: Vec<(usize, usize, usize)>) -> Self {
        edits.sort_unstable();
        let mut shift: isize = 0;
        let mut new_starts = Vec::with_capacity(edits.len());
        let mut shifts = Vec::with_capacity(edits.len());
        for &(start, end, len) in &edits {
            new_starts.push((start as isize + shift) as usize);
            shift += len as isize - (end - start) as isize;
            shifts.push(shift);
        }
        RoundEdits {
            edits,
            new_starts,
            shifts,
        }
    }

    /// The offset before the round of an offset after it; offsets inside inserted text map to the start of the
    /// edit.
    fn map_back(&self, at: usize) -> usize {
        // The last edit whose text starts at or before `at`: edits do not overlap, so no earlier one holds it.
        let Some(last) = self.new_starts.partition_point(|&s| s <= at).checked_sub(1) else {
            return at;
        };
        let (start, _, len) = self.edits[last];
        if at < self.new_starts[last] + len {
            return start;
        }
        (at as isize - self.shifts[last]).max(0) as usize
    }
}

/// Apply the fixes whose edits do not overlap an earlier chosen fix; returns the new text and the applied fixes,
/// each as the group of findings it resolves (findings whose fixes are identical share one application).
fn apply_non_overlapping<'a>(
    text: &str,
    candidates: &[&'a Finding],
) -> (String, Vec<Vec<&'a Finding>>) {
    let mut chosen: Vec<Vec<&Finding>> = Vec::new();
    // Where each chosen fix's edits sit in `chosen`, so that a finding with the same edits joins it at once.
    let mut group_of: HashMap<&[Edit], usize> = HashMap::new();
    // The chosen fixes' edits, sorted by start, and the widest of them: an edit can only conflict with one that starts
    // at most that far before it, so each check reads a few neighbours, not every edit chosen so far (which
    // made a fix per instruction quadratic).
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut widest = 0;
    let mut ordered: Vec<&&Finding> = candidates.iter().collect();
    ordered.sort_by_key(|f| {
        f.diagnostic
            .fix
            .as_ref()
            .and_then(Fix::range)
            .map(|r| (r.start, r.end))
    });
    for finding in ordered {
        let Some(fix) = &finding.diagnostic.fix else {
            continue;
        };
        if fix.edits.is_empty() || !edits_fit(text, &fix.edits) {
            continue;
        }
        if let Some(&group) = group_of.get(fix.edits.as_slice()) {
            chosen[group].push(finding);
            continue;
        }
        let conflicts = fix.edits.iter().any(|e| {
            let from = taken.partition_point(|&(s, _)| s < e.start.saturating_sub(widest));
            let to = taken.partition_point(|&(s, _)| s <= e.end);
            taken[from..to.max(from)]
                .iter()
                .any(|&t| overlaps((e.start, e.end), t))
        });
        if conflicts {
            continue;
        }
        for e in &fix.edits {
            // Fixes come in order of their start, so this is nearly always the end.
            let at = taken.partition_point(|&(s, _)| s <= e.start);
            taken.insert(at, (e.start, e.end));
            widest = widest.max(e.end.saturating_sub(e.start));
        }
        group_of.insert(fix.edits.as_slice(), chosen.len());
        chosen.push(vec![finding]);
    }
    let edits = chosen
        .iter()
        .filter_map(|g| g.first().and_then(|f| f.diagnostic.fix.as_ref()))
        .flat_map(|fix| fix.edits.iter());
    (splice(text, edits), chosen)
}

/// Edits of two different fixes conflict when they share bytes, insert at the same point, or one inserts at
/// either end of the other's replacement.
fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    (a.0 < b.1 && b.0 < a.1)
        || (a.0 == a.1 && b.0 == b.1 && a.0 == b.0)
        || (a.0 == a.1 && b.0 <= a.0 && a.0 <= b.1)
        || (b.0 == b.1 && a.0 <= b.0 && b.0 <= a.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    #[test]
    fn instruction_text_spans_continuation_lines() {
        let text = "FROM a\nRUN apt-get update && \\\n    apt-get install -y gcc\nCMD x\n";
        let at = text.find("install").unwrap();
        assert_eq!(
            instruction_text(text, at),
            "RUN apt-get update && \\\n    apt-get install -y gcc"
        );
        assert_eq!(instruction_text(text, 0), "FROM a");
        assert_eq!(instruction_text(text, text.len()), "");
    }

    #[test]
    fn changes_say_what_they_save_where_measured() {
        let outcome = fix(
            "FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    gcc git\n",
            &Config::default(),
            true,
        );
        let recommends = outcome
            .changes
            .iter()
            .find(|c| c.rules.iter().any(|r| r == "DW2015"))
            .expect("the --no-install-recommends change");
        assert_eq!(recommends.saves.as_ref().and_then(|s| s.mb), Some(79 + 12));
        let lists = outcome
            .changes
            .iter()
            .find(|c| c.rules.iter().any(|r| r == "DW2009"))
            .expect("the apt lists change");
        assert_eq!(
            lists.saves.as_ref().and_then(|s| s.mb),
            Some(crate::data::savings::APT_LISTS_MB)
        );
    }
    use crate::context::Context;
    use crate::diagnostic::Diagnostic;
    use crate::rule::{Category, Docs, FixKind, Rule, Severity};
    use dockwise_syntax::Span;

    const DOCS: Docs = Docs {
        what: "",
        why: "",
        example: "",
        fixed: "",
        differences: "",
    };

    fn rule(code: &'static str, check: fn(&Context, &mut Vec<Diagnostic>)) -> Rule {
        Rule {
            code,
            name: "test",
            category: Category::Style,
            severity: Severity::Info,
            aliases: &[],
            enabled_by_default: true,
            fix: FixKind::Safe(crate::rule::fix_safety!(
                "Safe: the test rules only insert text."
            )),
            docs: DOCS,
            check,
        }
    }

    fn finding(rule: &'static Rule, at: usize, text: &str) -> Finding {
        Finding {
            rule,
            severity: Severity::Info,
            diagnostic: Diagnostic::new(Span::new(at, at), "x")
                .with_fix(Fix::safe("t", vec![Edit::insert(at, text.to_string())])),
        }
    }

    fn none(_: &Context, _: &mut Vec<Diagnostic>) {}

    #[test]
    fn identical_fixes_apply_once_and_name_every_rule() {
        static A: std::sync::OnceLock<Rule> = std::sync::OnceLock::new();
        static B: std::sync::OnceLock<Rule> = std::sync::OnceLock::new();
        let a = A.get_or_init(|| rule("DW9001", none));
        let b = B.get_or_init(|| rule("DW9002", none));
        let (fa, fb, fc) = (finding(a, 4, "!"), finding(b, 4, "!"), finding(b, 4, "?"));
        let (text, groups) = apply_non_overlapping("FROM x", &[&fa, &fb, &fc]);
        assert_eq!(text, "FROM! x");
        assert_eq!(groups.len(), 1);
        let change = change_of(&groups[0], "FROM x", Some(1)).unwrap();
        assert_eq!(change.rules, vec!["DW9001", "DW9002"]);
    }

    /// Conflicts are looked up among the chosen edits that start at most the widest chosen edit before: a wide
    /// replacement chosen first still blocks a later edit inside it, however far from its start.
    #[test]
    fn a_wide_edit_blocks_the_edits_inside_it() {
        static A: std::sync::OnceLock<Rule> = std::sync::OnceLock::new();
        let a = A.get_or_init(|| rule("DW9004", none));
        let text = "FROM x\nRUN a\nRUN b\nRUN c\n";
        let wide = Finding {
            rule: a,
            severity: Severity::Info,
            diagnostic: Diagnostic::new(Span::new(7, 25), "x").with_fix(Fix::safe(
                "t",
                vec![Edit::replace(Span::new(7, 25), "RUN abc\n")],
            )),
        };
        // Inside the replacement (far from its start), at its end, and past it.
        let (inside, at_end, after) =
            (finding(a, 20, "!"), finding(a, 25, "#"), finding(a, 4, "?"));
        let (out, groups) = apply_non_overlapping(text, &[&wide, &inside, &at_end, &after]);
        assert_eq!(out, "FROM? x\nRUN abc\n");
        assert_eq!(groups.len(), 2);
        // Many fixes, one per line, all apply.
        let many: Vec<Finding> = (0..200).map(|i| finding(a, i * 2, "+")).collect();
        let refs: Vec<&Finding> = many.iter().collect();
        let spaced = " ".repeat(400);
        let (out, groups) = apply_non_overlapping(&spaced, &refs);
        assert_eq!((groups.len(), out.matches('+').count()), (200, 200));
    }

    #[test]
    fn edits_out_of_bounds_or_inside_a_char_are_skipped() {
        static A: std::sync::OnceLock<Rule> = std::sync::OnceLock::new();
        let a = A.get_or_init(|| rule("DW9003", none));
        let (f1, f2) = (finding(a, 1, "x"), finding(a, 9, "y"));
        let (text, groups) = apply_non_overlapping("é", &[&f1, &f2]);
        assert_eq!((text.as_str(), groups.len()), ("é", 0));
    }

    #[test]
    fn offsets_map_back_through_a_round_of_edits() {
        // "FROM x" -> insert "!" at 4, replace 5..6 ("x") with "yz": "FROM! yz"
        let round = RoundEdits::new(vec![(5, 6, 2), (4, 4, 1)]);
        let back: Vec<usize> = [0, 4, 5, 6, 7, 8].map(|at| round.map_back(at)).to_vec();
        assert_eq!(back, [0, 4, 4, 5, 5, 6]);
    }

    #[test]
    fn a_fix_changes_a_base_when_it_edits_or_adds_a_from() {
        static A: std::sync::OnceLock<Rule> = std::sync::OnceLock::new();
        let a = A.get_or_init(|| rule("DW9004", none));
        let text = "FROM a:1\nRUN x\nFROM b:2\nRUN y\n";
        let (file, _) = dockwise_syntax::parse(text);
        let froms = from_spans(&file);
        assert_eq!(froms, [(0, 9), (15, 24)]);
        let edit = |start: usize, end: usize, text: &str| Finding {
            rule: a,
            severity: Severity::Info,
            diagnostic: Diagnostic::new(Span::new(start, end), "x").with_fix(Fix::safe(
                "t",
                vec![Edit::replace(Span::new(start, end), text.to_string())],
            )),
        };
        // Inside either FROM, or across the second's start.
        assert!(changes_a_base(&froms, &edit(5, 8, "2")));
        assert!(changes_a_base(&froms, &edit(20, 21, "3")));
        assert!(changes_a_base(&froms, &edit(10, 16, "")));
        // Between the FROMs, right after one or right before the next, and after the last.
        assert!(!changes_a_base(&froms, &edit(9, 14, "RUN z")));
        assert!(!changes_a_base(&froms, &edit(9, 9, "# c\n")));
        assert!(!changes_a_base(&froms, &edit(15, 15, "# c\n")));
        assert!(!changes_a_base(&froms, &edit(24, 29, "RUN w")));
        // Inserting a stage.
        assert!(changes_a_base(&froms, &edit(30, 30, "from c:3 AS c\n")));
    }

    #[test]
    fn later_round_changes_name_their_original_line() {
        let src = "FROM alpine:3.21\nRUN a\nRUN b\n\nCOPY x /x\nRUN chmod 0755 /x\n";
        let out = fix(src, &Config::default(), false);
        assert!(out.converged);
        for change in &out.changes {
            assert!(
                change.line.is_some_and(|l| (1..=6).contains(&l)),
                "{change:?}"
            );
        }
    }

    #[test]
    fn overlapping_ranges() {
        assert!(overlaps((0, 4), (2, 6)));
        assert!(overlaps((3, 3), (3, 3)));
        assert!(overlaps((3, 3), (1, 5)));
        assert!(!overlaps((0, 2), (2, 4)));
        // An insertion at either end of a replacement conflicts: which side it lands on would be a guess
        // (a flag appended to a CMD that another fix rewrites into exec form ends up after the `]`).
        assert!(overlaps((2, 2), (0, 2)));
        assert!(overlaps((0, 2), (0, 0)));
        assert!(!overlaps((3, 3), (0, 2)));
    }
}
