//! Any text parses without panicking, and the items give the text back byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (file, errors) = dockwise_syntax::parse(text);
    let start = file.bom.map_or(0, |b| b.end);
    let mut at = start;
    for item in &file.items {
        let span = item.span();
        assert_eq!(span.start, at, "items must tile the input");
        assert!(span.end >= span.start && text.is_char_boundary(span.end));
        at = span.end;
    }
    assert_eq!(at, text.len(), "items must reach the end of the input");
    for error in &errors {
        assert!(error.span.end <= text.len() && error.span.start <= error.span.end);
    }
});
