//! Parity with Docker's own build checks (BuildKit). Codes DW4xxx.
//!
//! Not here, because another rule already carries the check's alias: DuplicateStageName (hadolint DL3024),
//! JSONArgsRecommended (DL3025), MaintainerDeprecated (DL4000), WorkdirRelativePath (DL3000), and
//! SecretsUsedInArgOrEnv (the security section's secret-name rule).
//!
//! InvalidBaseImagePlatform is not implemented: it compares the platform of the pulled base image with the
//! target platform, and which platforms an image offers is only known from its registry manifest. Dockwise
//! works offline on the Dockerfile alone, so it cannot tell.

use crate::rule::Rule;

mod consistent_instruction_casing;
mod copy_ignored_file;
mod expose_invalid_format;
mod expose_proto_casing;
mod from_as_casing;
mod from_platform_const;
mod invalid_default_arg_in_from;
mod invalid_definition_description;
mod invalid_instruction;
mod legacy_key_value;
mod multiple_instructions;
mod no_empty_continuation;
mod redundant_target_platform;
mod reserved_stage_name;
mod stage_name_casing;
mod undefined_arg_in_from;
mod undefined_var;
mod vars;

pub static RULES: &[&Rule] = &[
    &stage_name_casing::RULE,
    &from_as_casing::RULE,
    &no_empty_continuation::RULE,
    &consistent_instruction_casing::RULE,
    &reserved_stage_name::RULE,
    &undefined_arg_in_from::RULE,
    &undefined_var::RULE,
    &multiple_instructions::RULE,
    &legacy_key_value::RULE,
    &redundant_target_platform::RULE,
    &invalid_default_arg_in_from::RULE,
    &from_platform_const::RULE,
    &copy_ignored_file::RULE,
    &invalid_definition_description::RULE,
    &expose_proto_casing::RULE,
    &expose_invalid_format::RULE,
    &invalid_instruction::RULE,
];
