//! Embedded, dated reference data (no network at run time).

pub mod base_images;
pub mod lifecycle;
pub mod savings;
