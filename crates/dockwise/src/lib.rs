//! The Dockwise engine: semantic model, rules, fixes and the rewrite over one Dockerfile.
//!
//! Everything here is a pure function of `&str` and a [`Config`]: no I/O, no globals, no panics.
//! [`review`] is the entry point every front end uses.

pub mod analysis;
pub mod config;
pub mod context;
pub mod data;
pub mod diagnostic;
pub mod dockerignore_patterns;
pub mod exercise;
pub mod explain;
pub mod fix;
pub mod lint;
pub mod model;
pub mod review;
pub mod rewrite;
pub mod rule;
pub mod rules;
pub mod suppress;
pub mod utf16;

pub use analysis::Analysis;
pub use config::{Config, LabelFormat};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix};
pub use dockwise_syntax as syntax;
pub use review::{review, review_findings, Review};
pub use rule::{Category, Rule, Severity};
