//! The practices Dockwise exists for (section A of the catalogue). Codes DW1xxx.

use crate::rule::Rule;

mod python_runtime_env;

pub static RULES: &[&Rule] = &[&python_runtime_env::RULE];
