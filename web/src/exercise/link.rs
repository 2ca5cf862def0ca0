//! `#x=...` links: the exercise JSON, deflated and base64url-encoded (the fragment never leaves the browser).

/// Decompressed exercises larger than this are refused (a hostile link must not exhaust memory).
const MAX: usize = 1024 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn encode(json: &str) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for k in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

pub fn decode(text: &str) -> Result<String, String> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim().bytes() {
        let v = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or("the link is not valid base64url")? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX)
        .map_err(|_| "the link's data is damaged or too large".to_string())?;
    String::from_utf8(json).map_err(|_| "the link's data is not text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text() {
        for text in [
            "",
            "{}",
            "{\"title\": \"Dockerfile ✓\", \"starting\": \"FROM a\\n\"}",
        ] {
            assert_eq!(decode(&encode(text)).unwrap(), text);
        }
        assert!(decode("not base64!").is_err());
        assert!(decode("AAAA").is_err());
    }
}
