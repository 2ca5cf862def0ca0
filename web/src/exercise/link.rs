//! `#x=...` links: the exercise JSON through the link codec (`codec.rs`); the fragment never leaves the browser.

use crate::codec;

/// Decompressed exercises larger than this are refused (a hostile link must not exhaust memory).
const MAX: usize = 1024 * 1024;

pub async fn encode(json: &str) -> Result<String, String> {
    codec::encode(json.as_bytes()).await
}

pub fn decode(text: &str) -> Result<String, String> {
    let json = codec::decode(text, MAX)?;
    String::from_utf8(json).map_err(|_| "the link's data is not text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::block_on;

    #[test]
    fn round_trips_text() {
        for text in [
            "",
            "{}",
            "{\"title\": \"Dockerfile ✓\", \"starting\": \"FROM a\\n\"}",
        ] {
            assert_eq!(decode(&block_on(encode(text)).unwrap()).unwrap(), text);
        }
        assert!(decode("not base64!").is_err());
        assert!(decode("AAAA").is_err());
    }
}
