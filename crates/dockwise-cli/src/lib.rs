//! The `dockwise` command's library: argument parsing, file discovery, settings, report formats and the
//! classroom command. `main.rs` is the binary; the fuzz targets call the configuration and exercise readers here.

pub mod args;
pub mod bench;
pub mod diff;
pub mod exercise;
pub mod files;
pub mod formats;
pub mod output;
pub mod rules_cmd;
pub mod server;
pub mod settings;

use std::sync::atomic::{AtomicBool, Ordering};

/// `--quiet`: warnings and progress on standard error are left out.
pub static QUIET: AtomicBool = AtomicBool::new(false);

/// A warning on standard error, unless `--quiet`.
pub fn warn(message: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        eprintln!("dockwise: warning: {message}");
    }
}

/// Progress lines on standard error (`fix --write`), unless `--quiet`.
pub fn progress(message: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        eprintln!("{message}");
    }
}
