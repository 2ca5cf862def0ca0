//! Any text given as `.dockwise.toml` or `.hadolint.yaml` is either read or refused with a message (and, for
//! YAML, a line within the text): never a panic, never a hang on anchors.
#![no_main]

use dockwise_cli::settings::{from_hadolint, from_toml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.len() > 16 * 1024 {
        return;
    }
    let _ = from_toml(text);
    if let Err((line, message)) = from_hadolint(text) {
        assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "line {line}: {message}");
        assert!(!message.is_empty());
    }
});
