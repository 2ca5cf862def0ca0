//! Security checks (Trivy, Checkov, KICS territory). Codes DW5xxx.
//!
//! Secrets are split in two: `secret-in-arg-or-env` reads names as BuildKit's SecretsUsedInArgOrEnv does, and
//! `hardcoded-credential` recognises credential formats in any value. `sudo` is DL3004's rule.

use crate::rule::Rule;

mod add_remote_without_checksum;
mod expose_ssh;
mod hardcoded_secret;
mod password_in_run;
mod pipe_to_shell;
mod secret_name_in_arg_env;
mod signature_check_disabled;
mod tls_verification_disabled;
mod workdir_system_dir;
mod world_writable;

pub static RULES: &[&Rule] = &[
    &pipe_to_shell::RULE,
    &tls_verification_disabled::RULE,
    &signature_check_disabled::RULE,
    &password_in_run::RULE,
    &expose_ssh::RULE,
    &world_writable::RULE,
    &add_remote_without_checksum::RULE,
    &secret_name_in_arg_env::RULE,
    &hardcoded_secret::RULE,
    &workdir_system_dir::RULE,
];
