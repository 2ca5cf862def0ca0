//! Parity with hadolint's DL rules: each carries its `DL` code as an alias. Codes: DL30NN → DW20NN,
//! DL400N → DW210N, DL1001 → DW2201.

use crate::rule::Rule;

mod consecutive_run;
mod curl_and_wget;
mod dnf_assume_yes;
mod dnf_clean_all;
mod dnf_version_pin;
mod go_install_version;
mod image_latest_tag;
mod pip_no_cache_dir;
mod run_edits;
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
    &image_latest_tag::RULE,
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
    &useradd_no_log_init::RULE,
    &wget_progress::RULE,
    &yarn_cache_clean::RULE,
    &go_install_version::RULE,
    &curl_and_wget::RULE,
    &shell_symlink::RULE,
    &consecutive_run::RULE,
];
