//! The iframe embed mode (web/embed/README.md): `?embed=1` drops the chrome, `readonly=1` locks the editor,
//! `theme=light|dark` matches the host page. Read once from `location.search` at start.

use crate::state::Theme;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Embed {
    pub embed: bool,
    pub readonly: bool,
    pub theme: Option<Theme>,
}

impl Embed {
    /// Parse a query string (`?embed=1&readonly=true&theme=dark`); unknown keys and values are ignored.
    pub fn parse(search: &str) -> Embed {
        let mut out = Embed::default();
        for pair in search.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let on = matches!(value, "1" | "true");
            match key {
                "embed" => out.embed = on,
                "readonly" => out.readonly = on,
                "theme" => {
                    out.theme = match value {
                        "light" => Some(Theme::Light),
                        "dark" => Some(Theme::Dark),
                        _ => None,
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The page's own parameters.
    pub fn current() -> Embed {
        Embed::parse(&search())
    }

    /// The full playground for the "Open in Dockwise" link: the same URL (fragment included) without `embed`
    /// and `readonly`.
    pub fn open_url(path: &str, search: &str, hash: &str) -> String {
        let kept: Vec<&str> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .filter(|p| {
                let key = p.split_once('=').map_or(*p, |(k, _)| k);
                key != "embed" && key != "readonly"
            })
            .collect();
        let query = if kept.is_empty() {
            String::new()
        } else {
            format!("?{}", kept.join("&"))
        };
        format!("{path}{query}{hash}")
    }
}

pub fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The link to the full playground for the page as it is now (the fragment may have changed since the start).
pub fn open_in_dockwise() -> String {
    let Some(w) = web_sys::window() else {
        return "/".into();
    };
    let l = w.location();
    Embed::open_url(
        &l.pathname().unwrap_or_default(),
        &l.search().unwrap_or_default(),
        &l.hash().unwrap_or_default(),
    )
}

/// The full playground's reference for `code`, in a new tab (the embed has no rule reference of its own).
pub fn open_rule(code: &str) {
    if let Some(w) = web_sys::window() {
        let path = w.location().pathname().unwrap_or_default();
        let url = format!("{path}#rule={code}");
        let _ = w.open_with_url_and_target_and_features(&url, "_blank", "noopener");
    }
}

/// `data-embed="1"` / `data-readonly="1"` on `<html>`, for the compact CSS.
pub fn mark_document(embed: &Embed) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        if embed.embed {
            let _ = root.set_attribute("data-embed", "1");
        }
        if embed.readonly {
            let _ = root.set_attribute("data-readonly", "1");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_embed_readonly_and_theme() {
        assert_eq!(
            Embed::parse("?embed=1&readonly=true&theme=dark"),
            Embed {
                embed: true,
                readonly: true,
                theme: Some(Theme::Dark)
            }
        );
    }

    #[test]
    fn ignores_off_values_and_unknown_keys() {
        assert_eq!(
            Embed::parse("?embed=0&readonly&theme=blue&x=1"),
            Embed::default()
        );
        assert_eq!(Embed::parse(""), Embed::default());
    }

    #[test]
    fn the_open_link_drops_embed_and_readonly_but_keeps_the_fragment() {
        assert_eq!(
            Embed::open_url("/", "?embed=1&readonly=1&theme=light", "#s=abc"),
            "/?theme=light#s=abc"
        );
        assert_eq!(Embed::open_url("/play/", "?embed=1", "#s=x"), "/play/#s=x");
    }
}
