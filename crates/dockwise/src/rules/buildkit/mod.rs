//! Parity with Docker's own build checks (BuildKit). Codes DW4xxx.

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[];
