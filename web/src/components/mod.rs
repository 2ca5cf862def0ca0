//! One file per component; each has its stylesheet in web/styles/ scoped under its root class.

pub mod app;
pub mod editor;
pub mod findings;
pub mod help;
pub mod panel;
pub mod quick_fixes;
pub mod rewrite;
pub mod rules;
pub mod settings_panel;
pub mod this_line;
pub mod toolbar;
