//! Helpers shared by rules of several sections, so that rules that check the same thing read it the same way.
//! Rule-specific logic stays in the rule files; what lives here is logic that was written more than once.

pub mod commands;
pub mod expose;
pub mod packages;
pub mod run_edits;
pub mod stage_copies;
pub mod stages;

/// Runs `f` on the context of `src` (default configuration), for unit tests of helpers that take a [`Context`].
#[cfg(test)]
pub fn with_context<R>(src: &str, f: impl FnOnce(&crate::context::Context) -> R) -> R {
    let (file, errors) = dockwise_syntax::parse(src);
    let model = crate::model::Model::new(src, &file, &errors);
    let config = crate::config::Config::default();
    f(&crate::context::Context {
        model: &model,
        config: &config,
    })
}
