//! The practices Dockwise exists for (section A of the catalogue). Codes DW1xxx.

use crate::rule::Rule;

mod apk_build_deps_virtual;
mod apk_update_with_no_cache;
mod build_tools_in_final_stage;
mod cgo_binary_in_static_image;
mod chown_after_copy;
mod cleanup_in_later_layer;
mod dependency_copy_before_install;
mod development_server;
mod development_settings;
mod distroless_debug_tag;
mod distroless_pythonpath;
mod distroless_runtime_command;
mod edits;
mod end_of_life_base;
mod floating_base_tag;
mod larger_final_base;
mod listen_on_localhost;
mod logs_to_file;
mod missing_healthcheck;
mod missing_user;
mod native_libc_mismatch;
mod non_minimal_base_image;
mod npm_install_with_lockfile;
mod npm_start_as_pid1;
mod numeric_user;
mod package_cache_left;
mod port_mismatch;
mod python_packages_mismatch;
mod python_runtime_env;
mod python_venv;
mod redundant_workdir;
mod shell_in_shellless_stage;
mod update_alone;
mod user_not_created;
mod venv_relocated;
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
    &apk_update_with_no_cache::RULE,
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
    &end_of_life_base::RULE,
    &python_packages_mismatch::RULE,
    &cgo_binary_in_static_image::RULE,
    &shell_in_shellless_stage::RULE,
    &distroless_debug_tag::RULE,
    &distroless_runtime_command::RULE,
    &distroless_pythonpath::RULE,
    &larger_final_base::RULE,
    &venv_relocated::RULE,
    &native_libc_mismatch::RULE,
    &update_alone::RULE,
    &redundant_workdir::RULE,
    &npm_install_with_lockfile::RULE,
    &npm_start_as_pid1::RULE,
];
