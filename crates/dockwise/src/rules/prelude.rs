//! What a rule file needs, in one import.

pub use crate::context::Context;
pub use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
pub use crate::model::{Base, Distro, ImageName, InstructionInfo, ShellKind, Stage};
pub(crate) use crate::rule::{fix_safety, rule_docs};
pub use crate::rule::{Alias, Category, Docs, FixKind, Peer, Rule, Severity};
pub use dockwise_syntax::shell::{Joiner, ShellCommand};
pub use dockwise_syntax::{Body, Command, Instruction, Keyword, Span, Word};

/// Spans rules report most often.
pub trait InstructionExt {
    /// From the keyword to the end of the arguments: the instruction without leading space or terminator.
    fn text_span(&self) -> Span;
}

impl InstructionExt for Instruction {
    fn text_span(&self) -> Span {
        Span::new(self.keyword.start, self.args.end.max(self.keyword.end))
    }
}

/// Test helpers shared by rule files: `findings(code, dockerfile)` returns the lines it fires on.
#[cfg(test)]
pub mod testing {
    use crate::config::Config;
    use crate::lint::lint;

    /// 1-based lines where rule `code` fires on `source` (only that rule enabled, with the settings a first-line
    /// comment names: [`Config::for_example`]).
    pub fn lines(code: &str, source: &str) -> Vec<usize> {
        let index = dockwise_syntax::LineIndex::new(source);
        lint(source, &Config::for_example(code, source))
            .findings
            .iter()
            .map(|f| index.line_col(source, f.diagnostic.span.start).line)
            .collect()
    }

    /// The text after applying only rule `code`'s fixes (unsafe included) until nothing changes.
    pub fn fixed(code: &str, source: &str) -> String {
        crate::fix::fix(source, &Config::for_example(code, source), true).text
    }

    /// Asserts that rule `code`'s fixes (unsafe included) leave each of `sources` as it is.
    #[track_caller]
    /// Each source has exactly one finding of rule `code`, and no fix of it: what a rule must flag but leave.
    pub fn assert_flagged_once_unfixed(code: &str, sources: &[impl AsRef<str>]) {
        for source in sources.iter().map(AsRef::as_ref) {
            assert_eq!(lines(code, source).len(), 1, "{code} on {source}");
            assert_eq!(fixed(code, source), source, "{code} changed it");
        }
    }

    pub fn assert_unfixed(code: &str, sources: &[&str]) {
        for source in sources {
            assert_eq!(fixed(code, source), *source, "{code} changed it");
        }
    }

    /// The text after applying only rule `code`'s safe fixes until nothing changes.
    pub fn fixed_safely(code: &str, source: &str) -> String {
        crate::fix::fix(source, &Config::for_example(code, source), false).text
    }

    /// [`fixed`] with a configuration's front-end facts (`context_files`, `package_json`) kept.
    pub fn fixed_with(code: &str, source: &str, config: &Config) -> String {
        let only = Config {
            context_files: config.context_files.clone(),
            package_json: config.package_json.clone(),
            ..Config::only(code)
        };
        crate::fix::fix(source, &only, true).text
    }
}
