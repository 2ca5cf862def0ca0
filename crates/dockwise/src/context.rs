//! What a rule's check sees: the model and the configuration.

use crate::config::Config;
use crate::model::Model;
use crate::rewrite::Style;
use crate::rules::common::stage_copies::{find_stage_copies, StageCopy};
use std::cell::OnceCell;

pub struct Context<'a> {
    pub model: &'a Model<'a>,
    pub config: &'a Config,
    /// The file's writing style, read once when a fix first asks (reading it scans the whole file, so a fix
    /// per instruction that read it each time made a review quadratic).
    style: OnceCell<Style>,
    /// The file's `COPY --from` stage copies with both stages' facts, found once when a rule first asks.
    stage_copies: OnceCell<Vec<StageCopy<'a>>>,
}

impl<'a> Context<'a> {
    pub fn new(model: &'a Model<'a>, config: &'a Config) -> Self {
        Context {
            model,
            config,
            style: OnceCell::new(),
            stage_copies: OnceCell::new(),
        }
    }

    /// How the file writes keywords, newlines and continuation indents, for the lines fixes insert.
    pub fn style(&self) -> &Style {
        self.style.get_or_init(|| Style::of(self.model))
    }

    /// See [`crate::rules::common::stage_copies::stage_copies`].
    pub fn stage_copies(&self) -> &[StageCopy<'a>] {
        self.stage_copies
            .get_or_init(|| find_stage_copies(self.model))
    }
}

impl<'a> std::ops::Deref for Context<'a> {
    type Target = Model<'a>;

    fn deref(&self) -> &Model<'a> {
        self.model
    }
}
