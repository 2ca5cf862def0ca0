//! Parity with hadolint's DL rules: each carries its `DL` code as an alias. Codes: DL30NN → DW20NN,
//! DL400N → DW210N, DL1001 → DW2201.

use crate::rule::Rule;

mod image_latest_tag;
// DL3000-DL3029, DL1001.
mod add_instead_of_copy;
mod apk_no_cache;
mod apk_version_pin;
mod apt_get_assume_yes;
mod apt_get_no_install_recommends;
mod apt_get_version_pin;
mod apt_instead_of_apt_get;
mod apt_lists_not_removed;
mod cd_instead_of_workdir;
mod cli;
mod consecutive_run;
mod copy_archive_then_extract;
mod copy_from_own_stage;
mod copy_from_unknown_stage;
mod copy_multiple_sources_dir;
mod duplicate_stage_name;
mod expose_invalid_port;
pub(in crate::rules) mod from_platform_flag;
mod gem_version_pin;
mod image_untagged;
mod inline_ignore_pragma;
mod json_args_recommended;
mod last_user_root;
pub(in crate::rules) mod multiple_healthchecks;
mod npm_version_pin;
mod pip_version_pin;
mod pointless_command;
mod sudo_in_run;
mod untrusted_registry;
mod workdir_relative;
// DL3030 and up.
mod copy_relative_without_workdir;
mod copy_whole_filesystem;
mod curl_and_wget;
mod dnf_assume_yes;
mod dnf_clean_all;
mod dnf_version_pin;
mod env_self_reference;
mod go_install_version;
mod healthcheck_missing;
mod instruction_before_from;
mod label_email;
mod label_empty;
mod label_git_hash;
mod label_key_format;
mod label_missing;
mod label_rfc3339;
mod label_schema;
mod label_semver;
mod label_spdx;
mod label_superfluous;
mod label_url;
mod maintainer_deprecated;
pub(in crate::rules) mod multiple_cmd;
pub(in crate::rules) mod multiple_entrypoint;
mod non_numeric_user;
mod onbuild_forbidden;
mod pip_no_cache_dir;
mod pipefail;
mod run_edits;
pub(in crate::rules) mod sensitive_arg_env;
mod shell_symlink;
mod useradd_no_log_init;
mod wget_progress;
mod yarn_cache_clean;
mod yum_assume_yes;
mod yum_clean_all;
mod yum_version_pin;
mod zypper_clean;
mod zypper_dist_upgrade;
mod zypper_non_interactive;
mod zypper_version_pin;

pub static RULES: &[&Rule] = &[
    &workdir_relative::RULE,
    &pointless_command::RULE,
    &last_user_root::RULE,
    &cd_instead_of_workdir::RULE,
    &sudo_in_run::RULE,
    &image_untagged::RULE,
    &image_latest_tag::RULE,
    &apt_get_version_pin::RULE,
    &apt_lists_not_removed::RULE,
    &copy_archive_then_extract::RULE,
    &expose_invalid_port::RULE,
    &multiple_healthchecks::RULE,
    &pip_version_pin::RULE,
    &apt_get_assume_yes::RULE,
    &apt_get_no_install_recommends::RULE,
    &npm_version_pin::RULE,
    &apk_version_pin::RULE,
    &apk_no_cache::RULE,
    &add_instead_of_copy::RULE,
    &copy_multiple_sources_dir::RULE,
    &copy_from_unknown_stage::RULE,
    &copy_from_own_stage::RULE,
    &duplicate_stage_name::RULE,
    &json_args_recommended::RULE,
    &untrusted_registry::RULE,
    &apt_instead_of_apt_get::RULE,
    &gem_version_pin::RULE,
    &from_platform_flag::RULE,
    &inline_ignore_pragma::RULE,
    // DL3030 and up.
    &yum_assume_yes::RULE,
    &yum_clean_all::RULE,
    &yum_version_pin::RULE,
    &zypper_non_interactive::RULE,
    &zypper_dist_upgrade::RULE,
    &zypper_clean::RULE,
    &zypper_version_pin::RULE,
    &dnf_assume_yes::RULE,
    &dnf_clean_all::RULE,
    &dnf_version_pin::RULE,
    &pip_no_cache_dir::RULE,
    &onbuild_forbidden::RULE,
    &env_self_reference::RULE,
    &copy_relative_without_workdir::RULE,
    &useradd_no_log_init::RULE,
    &wget_progress::RULE,
    &label_key_format::RULE,
    &label_missing::RULE,
    &label_superfluous::RULE,
    &label_empty::RULE,
    &label_url::RULE,
    &label_rfc3339::RULE,
    &label_spdx::RULE,
    &label_git_hash::RULE,
    &label_semver::RULE,
    &healthcheck_missing::RULE,
    &label_email::RULE,
    &yarn_cache_clean::RULE,
    &instruction_before_from::RULE,
    &go_install_version::RULE,
    &sensitive_arg_env::RULE,
    &non_numeric_user::RULE,
    &copy_whole_filesystem::RULE,
    &maintainer_deprecated::RULE,
    &curl_and_wget::RULE,
    &multiple_cmd::RULE,
    &multiple_entrypoint::RULE,
    &shell_symlink::RULE,
    &pipefail::RULE,
    &consecutive_run::RULE,
];
