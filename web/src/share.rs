//! Share links: the Dockerfile and the settings, as JSON, through the link codec (`codec.rs`) into the URL
//! fragment (`#s=...`). Nothing is sent anywhere: the fragment never leaves the browser.

use crate::codec;
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

pub async fn encode(shared: &Shared) -> Result<String, String> {
    let json = serde_json::to_vec(shared).map_err(|e| e.to_string())?;
    codec::encode(&json).await
}

pub fn decode(text: &str) -> Result<Shared, String> {
    let json = codec::decode(text, MAX_SHARED)?;
    serde_json::from_slice(&json).map_err(|_| "the link's data is not a Dockwise share".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::block_on;

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
        let link = block_on(encode(&shared)).unwrap();
        assert_eq!(decode(&link), Ok(shared));
    }

    #[test]
    fn broken_links_are_errors_not_panics() {
        assert!(decode("not base64!").is_err());
        assert!(decode("AAAA").is_err());
        assert!(decode("").is_err());
        let mut link = block_on(encode(&Shared {
            source: "FROM a\n".into(),
            settings: Settings::default(),
        }))
        .unwrap();
        link.truncate(link.len() / 2);
        assert!(decode(&link).is_err());
        // Deflated JSON that is no share.
        let other = block_on(crate::codec::encode(b"[1, 2]")).unwrap();
        assert!(decode(&other).is_err());
    }
}
