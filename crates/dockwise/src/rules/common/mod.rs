//! Helpers shared by rules of several sections, so that rules that check the same thing read it the same way.
//! Rule-specific logic stays in the rule files; what lives here is logic that was written more than once.

pub mod commands;
pub mod expose;
pub mod packages;
pub mod run_edits;
