//! Thin wrappers over browser APIs (clipboard, download, fragment, timing, theme). Errors are swallowed into
//! `false`/`None`: a missing API must never break the page.

use wasm_bindgen::JsCast;

/// UTF-16 offset of byte `byte` in `text` (textarea selections count UTF-16 code units).
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count() as u32
}

/// Byte offset of UTF-16 offset `unit` in `text`.
pub fn byte_offset(text: &str, unit: u32) -> usize {
    let mut count = 0u32;
    for (i, c) in text.char_indices() {
        if count >= unit {
            return i;
        }
        count += c.len_utf16() as u32;
    }
    text.len()
}

pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Copy `text` to the clipboard and report whether it worked (`writeText` rejects inside an iframe without
/// `allow="clipboard-write"`, or without a user gesture).
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(w) = web_sys::window() else {
        done(false);
        return;
    };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Select the text inside element `id` (so the reader can copy it by hand when the clipboard refused).
pub fn select_contents(id: &str) -> bool {
    let run = || -> Option<()> {
        let w = web_sys::window()?;
        let el = w.document()?.get_element_by_id(id)?;
        w.get_selection().ok()??.select_all_children(&el).ok()
    };
    run().is_some()
}

/// Replace the editor's (`#source`) text through the browser's editing commands, so Ctrl+Z gives back exactly
/// the previous text. Only the changed middle is replaced. Returns false when the browser refuses (the caller
/// then sets the text directly).
pub fn replace_editor_text(text: &str) -> bool {
    let run = || -> Option<bool> {
        let document = web_sys::window()?.document()?;
        let area: web_sys::HtmlTextAreaElement =
            document.get_element_by_id("source")?.dyn_into().ok()?;
        if area.read_only() {
            return Some(false);
        }
        let old: Vec<u16> = area.value().encode_utf16().collect();
        let new: Vec<u16> = text.encode_utf16().collect();
        let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(new[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        if prefix == old.len() && prefix == new.len() {
            return Some(true);
        }
        let middle = String::from_utf16(&new[prefix..new.len() - suffix]).ok()?;
        let html: web_sys::HtmlDocument = document.dyn_into().ok()?;
        let _ = area.focus();
        area.set_selection_range(prefix as u32, (old.len() - suffix) as u32)
            .ok()?;
        let done = if middle.is_empty() {
            html.exec_command("delete").ok()?
        } else {
            html.exec_command_with_show_ui_and_value("insertText", false, &middle)
                .ok()?
        };
        Some(done && area.value() == text)
    };
    run().unwrap_or(false)
}

/// Type `text` at the focused field's cursor through the browser's editing commands (undoable).
pub fn insert_text(text: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false)
}

/// Offer `text` as a file download (a Blob behind an object URL, revoked right after the click).
pub fn download(name: &str, text: &str) -> bool {
    let run = || -> Option<()> {
        let document = web_sys::window()?.document()?;
        let parts = js_sys::Array::of1(&text.into());
        let options = web_sys::BlobPropertyBag::new();
        // Not text/plain: Chromium would name the file `Dockerfile.txt`.
        options.set_type("application/octet-stream");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    };
    run().is_some()
}

/// The URL fragment without `#`, percent-decoding left to the caller.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replace the fragment without adding a history entry or scrolling.
pub fn set_fragment(fragment: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(history) = w.history() {
            let url = if fragment.is_empty() {
                // Keep the query string (`?embed=1&readonly=1` must survive a fragment change).
                let l = w.location();
                l.pathname().unwrap_or_default() + &l.search().unwrap_or_default()
            } else {
                format!("#{fragment}")
            };
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// The full page URL (for share links).
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

pub fn set_theme_attribute(theme: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme);
    }
}

pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

pub fn stored(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

pub fn store(key: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

/// Focus element `id` (after the next render, so a tab just selected is in the document).
pub fn focus(id: &str) {
    let id = id.to_string();
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(e) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = e.focus();
        }
    })
    .forget();
}

pub fn remove(id: &str) {
    if let Some(e) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        e.remove();
    }
}

pub fn exists(id: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .is_some()
}

/// The element that has the focus.
pub fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into()
        .ok()
}

pub fn scroll_into_view(id: &str) {
    if let Some(e) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        e.scroll_into_view();
    }
}

/// Set CSS `property` of `element` through the CSS object model (the CSP forbids style attributes; the object
/// model is allowed); an empty `value` puts the style sheet's value back.
pub fn set_style(element: &wasm_bindgen::JsValue, property: &str, value: &str) {
    if let Ok(style) = js_sys::Reflect::get(element, &"style".into()) {
        let _ = js_sys::Reflect::set(&style, &property.into(), &value.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_convert_between_bytes_and_utf16() {
        let text = "é✓😀a";
        assert_eq!(utf16_offset(text, 0), 0);
        assert_eq!(utf16_offset(text, 2), 1);
        assert_eq!(utf16_offset(text, 5), 2);
        assert_eq!(utf16_offset(text, 9), 4);
        assert_eq!(byte_offset(text, 4), 9);
        assert_eq!(byte_offset(text, 99), text.len());
        assert_eq!(
            utf16_offset(text, 1),
            0,
            "inside a character counts from its start"
        );
    }
}
