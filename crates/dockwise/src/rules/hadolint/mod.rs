//! Parity with hadolint's DL rules: each carries its `DL` code as an alias. Codes: DL30NN → DW20NN,
//! DL400N → DW210N, DL1001 → DW2201.

use crate::rule::Rule;

mod consecutive_run;
mod image_latest_tag;

pub static RULES: &[&Rule] = &[&image_latest_tag::RULE, &consecutive_run::RULE];
