//! Any text can be reviewed and fixed without panicking; the rewrite never has more syntax errors than the
//! input, every comment survives, and fixing the rewrite again (when it converged) changes nothing.
#![no_main]

use dockwise::fix::fix;
use dockwise::{review, Config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.len() > 8 * 1024 {
        return;
    }
    let config = Config {
        unsafe_fixes: true,
        ..Config::default()
    };
    let result = review(text, &config);
    let errors_before = dockwise::syntax::parse(text).1.len();
    let errors_after = dockwise::syntax::parse(&result.rewritten).1.len();
    assert!(errors_after <= errors_before, "a fix added syntax errors");
    let (file, _) = dockwise::syntax::parse(text);
    for comment in file.comments() {
        let c = comment.text(text).trim_end();
        assert!(result.rewritten.contains(c), "comment lost: {c:?}");
    }
    for finding in &result.findings {
        assert!(finding.start <= finding.end && finding.end <= text.len());
    }
    if result.converged {
        let again = fix(&result.rewritten, &config, true);
        assert_eq!(again.text, result.rewritten, "fixing is not idempotent");
    }
});
