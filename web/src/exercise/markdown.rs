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

/// Inline spans: the shared renderer (`crate::inline`).
pub fn inline(text: &str) -> Html {
    crate::inline::markdown(text)
}
