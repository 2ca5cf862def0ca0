//! The one inline renderer: `code` spans (and, in exercise Markdown, **bold** and *emphasis*) as Yew nodes. Rule
//! messages, tooltips, the rule reference, change summaries and goals all go through it. Text is never parsed as
//! HTML: everything is a Yew text node.

use yew::prelude::*;

/// `code` spans only (messages may hold `*` in globs such as `COPY *.txt`).
pub fn code(text: &str) -> Html {
    render(text, false)
}

/// `code`, **bold** and *emphasis* (exercise instructions and hints).
pub fn markdown(text: &str) -> Html {
    render(text, true)
}

/// The text without backticks, for attributes (`aria-label`, `title`) that cannot hold markup.
pub fn plain(text: &str) -> String {
    text.replace('`', "")
}

/// An unmatched marker stays as written.
fn render(text: &str, emphasis: bool) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while let Some(c) = rest.chars().next() {
        // A double-backtick span may hold a backtick (`` `cmd` ``), padded by one space each side.
        let (marker, wrap): (&str, fn(String) -> Html) = if rest.starts_with("``") {
            (
                "``",
                |t| html! { <code>{ t.strip_prefix(' ').and_then(|t| t.strip_suffix(' ')).map_or(t.clone(), str::to_string) }</code> },
            )
        } else if rest.starts_with('`') {
            ("`", |t| html! { <code>{ t }</code> })
        } else if emphasis && rest.starts_with("**") {
            ("**", |t| html! { <strong>{ t }</strong> })
        } else if emphasis && rest.starts_with('*') {
            ("*", |t| html! { <em>{ t }</em> })
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let after = &rest[marker.len()..];
        match after.find(marker) {
            Some(end) if end > 0 => {
                if !plain.is_empty() {
                    out.push(html! { { std::mem::take(&mut plain) } });
                }
                out.push(wrap(after[..end].to_string()));
                rest = &after[end + marker.len()..];
            }
            _ => {
                plain.push_str(marker);
                rest = after;
            }
        }
    }
    if !plain.is_empty() {
        out.push(html! { { plain } });
    }
    html! { <>{ for out }</> }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_drops_backticks() {
        assert_eq!(super::plain("use `USER app` here"), "use USER app here");
    }
}
