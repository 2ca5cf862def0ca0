//! The one link codec, for `#s=` shares (`share.rs`) and `#x=` exercises (`exercise/link.rs`): JSON as raw
//! DEFLATE, base64url-encoded into the URL fragment (which never leaves the browser). Deflating uses the
//! browser's `CompressionStream` (`web/deflate.js`), so the wasm carries no compressor; inflating stays here
//! (miniz_oxide), so opening a link is synchronous.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(module = "/deflate.js")]
extern "C" {
    #[wasm_bindgen(js_name = deflateRaw, catch)]
    fn deflate_raw(bytes: &[u8]) -> Result<js_sys::Promise, JsValue>;
}

/// `bytes` deflated by the browser and base64url-encoded.
#[cfg(target_arch = "wasm32")]
pub async fn encode(bytes: &[u8]) -> Result<String, String> {
    let failed = |e: JsValue| format!("the browser could not compress the link: {e:?}");
    let promise = deflate_raw(bytes).map_err(failed)?;
    let deflated = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(failed)?;
    Ok(base64url(&js_sys::Uint8Array::new(&deflated).to_vec()))
}

/// Outside a browser (host tests): the same format, from miniz_oxide's compressor.
#[cfg(not(target_arch = "wasm32"))]
pub async fn encode(bytes: &[u8]) -> Result<String, String> {
    Ok(base64url(&miniz_oxide::deflate::compress_to_vec(bytes, 9)))
}

/// The bytes a link holds; refused when it is not base64url, not DEFLATE, or inflates past `limit` bytes (a
/// hostile link must not exhaust memory).
pub fn decode(text: &str, limit: usize) -> Result<Vec<u8>, String> {
    let bytes = unbase64url(text.trim()).ok_or("the link is not valid base64url")?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, limit)
        .map_err(|_| "the link's data is damaged or too large".to_string())
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

/// Runs a future that never waits on anything (the host's `encode`), for tests.
#[cfg(test)]
pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the host's encode never waits"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..10u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(97)).collect();
            let link = base64url(&bytes);
            assert!(link.bytes().all(|b| ALPHABET.contains(&b)));
            assert_eq!(unbase64url(&link), Some(bytes));
        }
    }

    #[test]
    fn links_round_trip_and_broken_ones_are_errors_not_panics() {
        let text = "{\"title\": \"Dockerfile ✓\"}".as_bytes();
        let link = block_on(encode(text)).unwrap();
        assert_eq!(decode(&link, 1024).as_deref(), Ok(text));
        assert!(decode(&link, 4).is_err(), "past the limit");
        for broken in ["not base64!", "AAAA", "", &link[..link.len() / 2]] {
            assert!(decode(broken, 1024).is_err(), "{broken}");
        }
    }
}
