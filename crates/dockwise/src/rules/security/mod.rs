//! Security checks (Trivy, Checkov, KICS territory). Codes DW5xxx.

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[];
