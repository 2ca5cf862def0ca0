//! Any exercise file, TOML or JSON, is read or refused with a message; a read exercise grades any Dockerfile
//! without panicking.
#![no_main]

use dockwise_cli::exercise::parse_exercise;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.len() > 16 * 1024 {
        return;
    }
    for path in ["exercise.toml", "exercise.json"] {
        if let Ok(exercise) = parse_exercise(path, text) {
            let _ = dockwise::exercise::check(&exercise, "FROM python:3.12-slim\nRUN pip install flask\n");
        }
    }
});
