//! What a rule's check sees: the model and the configuration.

use crate::config::Config;
use crate::model::Model;

pub struct Context<'a> {
    pub model: &'a Model<'a>,
    pub config: &'a Config,
}

impl<'a> std::ops::Deref for Context<'a> {
    type Target = Model<'a>;

    fn deref(&self) -> &Model<'a> {
        self.model
    }
}
