//! Share links: the Dockerfile and the settings, as JSON, deflated (miniz_oxide) and base64url-encoded into the
//! URL fragment (`#s=...`). Nothing is sent anywhere: the fragment never leaves the browser.

use crate::settings::Settings;
use serde::{Deserialize, Serialize};

/// Decompressed shares larger than this are refused (a hostile link must not exhaust memory).
const MAX_SHARED: usize = 4 * 1024 * 1024;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    pub source: String,
    #[serde(default)]
    pub settings: Settings,
}

pub fn encode(shared: &Shared) -> String {
    let json = serde_json::to_vec(shared).unwrap_or_default();
    base64url(&miniz_oxide::deflate::compress_to_vec(&json, 9))
}

pub fn decode(text: &str) -> Result<Shared, String> {
    let bytes = unbase64url(text.trim()).ok_or("the link is not valid base64url")?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_SHARED)
        .map_err(|_| "the link's data is damaged or too large".to_string())?;
    serde_json::from_slice(&json).map_err(|_| "the link's data is not a Dockwise share".to_string())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
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

fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text_and_settings() {
        let shared = Shared {
            source: "FROM python:3.12\nRUN echo \"é ✓\"\n".into(),
            settings: Settings {
                unsafe_fixes: true,
                disabled: vec!["DW2007".into()],
                ..Settings::default()
            },
        };
        let link = encode(&shared);
        assert!(link.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(decode(&link), Ok(shared));
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..10u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(97)).collect();
            assert_eq!(unbase64url(&base64url(&bytes)), Some(bytes));
        }
    }

    #[test]
    fn broken_links_are_errors_not_panics() {
        assert!(decode("not base64!").is_err());
        assert!(decode("AAAA").is_err());
        assert!(decode("").is_err());
        let mut link = encode(&Shared {
            source: "FROM a\n".into(),
            settings: Settings::default(),
        });
        link.truncate(link.len() / 2);
        assert!(decode(&link).is_err());
    }
}
