//! The practices Dockwise exists for (section A of the catalogue). Codes DW1xxx.

use crate::rule::Rule;

mod floating_base_tag;
mod non_minimal_base_image;
mod python_runtime_env;

pub static RULES: &[&Rule] = &[&floating_base_tag::RULE, &non_minimal_base_image::RULE, &python_runtime_env::RULE];
