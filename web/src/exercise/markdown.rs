//! Just enough Markdown for exercise instructions: paragraphs, `- ` lists, `code`, **bold** and *emphasis*.
//! Text is never parsed as HTML: everything is a Yew text node.

use yew::prelude::*;

pub fn render(text: &str) -> Html {
    let blocks = text.split("\n\n").map(str::trim).filter(|b| !b.is_empty());
    html! { <>{ for blocks.map(block) }</> }
}

fn block(text: &str) -> Html {
    let lines: Vec<&str> = text.lines().collect();
    if lines
        .iter()
        .all(|l| l.trim_start().starts_with("- ") || l.trim_start().starts_with("* "))
    {
        return html! { <ul>{ for lines.iter().map(|l| html! { <li>{ inline(l.trim_start().get(2..).unwrap_or("")) }</li> }) }</ul> };
    }
    html! { <p>{ inline(&lines.join(" ")) }</p> }
}

/// Inline spans: `code`, **bold**, *emphasis*; an unmatched marker stays as written.
pub fn inline(text: &str) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while let Some(c) = rest.chars().next() {
        let (marker, wrap): (&str, fn(String) -> Html) = if rest.starts_with('`') {
            ("`", |t| html! { <code>{ t }</code> })
        } else if rest.starts_with("**") {
            ("**", |t| html! { <strong>{ t }</strong> })
        } else if rest.starts_with('*') {
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
