//! ShellCheck parity for RUN scripts. Codes DW3xxx.
//!
//! hadolint runs ShellCheck on each `RUN` (with the `sh` dialect, telling it the `ARG`/`ENV` names) and shows
//! only one of its findings per instruction; these rules report every occurrence at its exact span.

use crate::rule::Rule;

mod cd_without_exit;
mod declare_and_assign;
mod echo_escapes;
mod glob_as_option;
mod legacy_backquotes;
pub(crate) mod scan;
mod single_quoted_expansion;
mod unquoted_command_substitution;
mod unquoted_expansion;

pub static RULES: &[&Rule] = &[
    &unquoted_expansion::RULE,
    &declare_and_assign::RULE,
    &unquoted_command_substitution::RULE,
    &cd_without_exit::RULE,
    &single_quoted_expansion::RULE,
    &echo_escapes::RULE,
    &glob_as_option::RULE,
    &legacy_backquotes::RULE,
];
