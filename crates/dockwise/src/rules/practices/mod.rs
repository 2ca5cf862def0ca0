//! The practices Dockwise exists for (section A of the catalogue). Codes DW1xxx.

use crate::rule::Rule;

mod apk_build_deps_virtual;
mod build_tools_in_final_stage;
mod chown_after_copy;
mod cleanup_in_later_layer;
mod dependency_copy_before_install;
mod development_server;
mod development_settings;
mod edits;
mod floating_base_tag;
mod listen_on_localhost;
mod logs_to_file;
mod missing_healthcheck;
mod missing_user;
mod non_minimal_base_image;
mod npm_install_with_lockfile;
mod numeric_user;
mod package_cache_left;
mod port_mismatch;
mod python_runtime_env;
mod python_venv;
mod user_not_created;
mod whole_context_copy;

pub static RULES: &[&Rule] = &[
    &missing_user::RULE,
    &user_not_created::RULE,
    &numeric_user::RULE,
    &floating_base_tag::RULE,
    &build_tools_in_final_stage::RULE,
    &cleanup_in_later_layer::RULE,
    &non_minimal_base_image::RULE,
    &apk_build_deps_virtual::RULE,
    &package_cache_left::RULE,
    &whole_context_copy::RULE,
    &dependency_copy_before_install::RULE,
    &chown_after_copy::RULE,
    &python_runtime_env::RULE,
    &python_venv::RULE,
    &development_settings::RULE,
    &development_server::RULE,
    &listen_on_localhost::RULE,
    &port_mismatch::RULE,
    &logs_to_file::RULE,
    &missing_healthcheck::RULE,
    &npm_install_with_lockfile::RULE,
];
