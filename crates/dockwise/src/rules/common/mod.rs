//! Helpers shared by rules of several sections, so that rules that check the same thing read it the same way.
//! Rule-specific logic stays in the rule files; what lives here is logic that was written more than once.

pub mod commands;
pub mod cwd;
pub mod expose;
pub mod package_json;
pub mod packages;
pub mod pip_sources;
pub mod run_edits;
pub mod stage_copies;
pub mod stages;

/// Runs `f` on the context of `src` (default configuration), for unit tests of helpers that take a [`Context`].
#[cfg(test)]
pub fn with_context<R>(src: &str, f: impl FnOnce(&crate::context::Context) -> R) -> R {
    with_context_config(src, &[], f)
}

/// [`with_context`] with build-context files supplied (`Config::context_files`).
#[cfg(test)]
pub fn with_context_config<R>(
    src: &str,
    files: &[(&str, &str)],
    f: impl FnOnce(&crate::context::Context) -> R,
) -> R {
    let (file, errors) = dockwise_syntax::parse(src);
    let model = crate::model::Model::new(src, &file, &errors);
    let mut config = crate::config::Config::default();
    for (path, text) in files {
        config
            .context_files
            .insert(path.to_string(), text.to_string());
    }
    f(&crate::context::Context::new(&model, &config))
}
