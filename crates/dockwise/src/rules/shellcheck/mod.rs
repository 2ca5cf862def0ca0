//! ShellCheck parity for RUN scripts. Codes DW3xxx.

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[];
