//! The shell scripts of one text version, kept for the next. The fix loop re-models each rewritten text, whose
//! `RUN`s mostly only moved (a fix added a line above them); reading a script with brush is most of a model's
//! cost, so a script whose logical text and continuation layout are unchanged is moved, not parsed again.

use dockwise_syntax::shell::{self, Script};
use dockwise_syntax::LogicalText;
use std::collections::HashMap;

/// Parsed scripts by their logical text. Each is taken at most once (duplicates are kept side by side).
#[derive(Default)]
pub struct ScriptMemo {
    by_text: HashMap<String, Vec<Kept>>,
}

/// A logical text's segments `(logical_start, source_start, len)` with source starts relative to the first.
type Layout = Vec<(usize, usize, usize)>;

struct Kept {
    /// Where the script's text starts in its source, and its segments relative to that start.
    start: usize,
    layout: Layout,
    script: Script,
}

/// Where a logical text starts in the source and its segments relative to that start (`None` for an empty
/// text, which has no start).
fn placed(text: &LogicalText) -> Option<(usize, Layout)> {
    let start = text.segments.first()?.1;
    let layout = text
        .segments
        .iter()
        .map(|&(logical, source, len)| (logical, source.wrapping_sub(start), len))
        .collect();
    Some((start, layout))
}

impl ScriptMemo {
    /// The script of `text`: a kept one moved to where `text` is, else a fresh parse.
    pub(crate) fn parse(&mut self, text: &LogicalText) -> Script {
        if let Some((start, layout)) = placed(text) {
            if let Some(kept) = self.by_text.get_mut(text.text.as_str()) {
                if let Some(i) = kept.iter().position(|k| k.layout == layout) {
                    let k = kept.swap_remove(i);
                    return k.script.moved(k.start, start);
                }
            }
        }
        counts::parsed_script();
        shell::parse_script(text)
    }

    /// Keep `script`, the parse of `text`, for the next version.
    pub(crate) fn keep(&mut self, text: &LogicalText, script: Script) {
        if let Some((start, layout)) = placed(text) {
            self.by_text
                .entry(text.text.clone())
                .or_default()
                .push(Kept {
                    start,
                    layout,
                    script,
                });
        }
    }
}

/// How many scripts this thread has parsed (not moved), in tests only.
pub(crate) mod counts {
    #[cfg(test)]
    thread_local! {
        static PARSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[cfg(test)]
    pub(crate) fn parsed_script() {
        PARSED.with(|c| c.set(c.get() + 1));
    }

    /// Scripts parsed since the last call, on this thread.
    #[cfg(test)]
    pub(crate) fn take() -> usize {
        PARSED.with(|c| c.replace(0))
    }

    #[cfg(not(test))]
    pub(crate) fn parsed_script() {}
}

#[cfg(test)]
mod tests {
    use crate::Analysis;
    use dockwise_syntax::shell::Script;

    fn scripts(analysis: &Analysis, memo: super::ScriptMemo) -> Vec<Vec<Script>> {
        let model = analysis.model_reusing(memo);
        model
            .instructions
            .iter()
            .map(|i| i.scripts.clone())
            .collect()
    }

    #[test]
    fn a_moved_script_equals_a_fresh_parse_and_is_not_parsed_again() {
        let before = Analysis::new(
            "FROM debian\nRUN a=1 \\\n  && echo \"$a\" > /tmp/x 2>&1\nRUN <<EOF\necho hi | tee /y\nEOF\n\
             RUN same\nRUN same\nRUN old\nCMD run --it\n",
        );
        // A line added above (everything moves), a continuation re-indented (same text, other layout), one
        // script changed.
        let after = Analysis::new(
            "FROM debian\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a=1 \\\n    && echo \"$a\" > /tmp/x 2>&1\n\
             RUN <<EOF\necho hi | tee /y\nEOF\nRUN same\nRUN same\nRUN new\nCMD run --it\n",
        );
        let memo = before.model().script_memo();
        super::counts::take();
        let moved = scripts(&after, memo);
        let reparsed = super::counts::take();
        let fresh = scripts(&after, super::ScriptMemo::default());
        let total = super::counts::take();
        assert_eq!(moved, fresh);
        assert_eq!(total, 7);
        // Parsed again: the re-indented `RUN` and `RUN new`; moved: the heredoc, both `same`s and the `CMD`.
        assert_eq!(reparsed, 2);
    }
}
