//! One text version, analysed once: the source, its syntax tree and errors, and (on demand, once per caller)
//! the semantic model. Rules, fixes, the `.dockerignore` and estimate passes and exercise grading all read the
//! same parse instead of parsing the text again.

use crate::model::{Model, ScriptMemo};
use dockwise_syntax::{Dockerfile, SyntaxError};

/// A parsed text. The [`Model`] borrows it: build it once with [`Analysis::model`] and pass it on.
pub struct Analysis {
    pub source: String,
    pub file: Dockerfile,
    pub syntax_errors: Vec<SyntaxError>,
}

impl Analysis {
    pub fn new(source: impl Into<String>) -> Analysis {
        let source = source.into();
        counts::parsed();
        let (file, syntax_errors) = dockwise_syntax::parse(&source);
        Analysis {
            source,
            file,
            syntax_errors,
        }
    }

    /// The semantic model of this text (linear to build; build it once per pass and share it).
    pub fn model(&self) -> Model<'_> {
        Model::new(&self.source, &self.file, &self.syntax_errors)
    }

    /// [`Analysis::model`], moving the unchanged shell scripts of an earlier version instead of parsing them.
    pub fn model_reusing(&self, memo: ScriptMemo) -> Model<'_> {
        Model::reusing(&self.source, &self.file, &self.syntax_errors, memo)
    }
}

/// How many parses and models this thread has made, in tests only: the tests check that a review analyses each
/// text version once.
pub(crate) mod counts {
    #[cfg(test)]
    thread_local! {
        static COUNTS: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
    }

    #[cfg(test)]
    pub(crate) fn parsed() {
        COUNTS.with(|c| c.set((c.get().0 + 1, c.get().1)));
    }

    #[cfg(test)]
    pub(crate) fn modelled() {
        COUNTS.with(|c| c.set((c.get().0, c.get().1 + 1)));
    }

    /// (parses, models) since the last call, on this thread.
    #[cfg(test)]
    pub(crate) fn take() -> (usize, usize) {
        COUNTS.with(|c| c.replace((0, 0)))
    }

    #[cfg(not(test))]
    pub(crate) fn parsed() {}

    #[cfg(not(test))]
    pub(crate) fn modelled() {}
}
