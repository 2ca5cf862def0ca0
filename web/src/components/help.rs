//! Keyboard shortcuts.

use yew::prelude::*;

#[function_component]
pub fn Help() -> Html {
    let rows = [
        ("Ctrl+Enter", "Apply all safe fixes to your Dockerfile"),
        ("?", "Show this help (outside text fields)"),
        ("Esc", "Close the open panel"),
        (
            "Tab",
            "Move between controls; gutter markers show their findings on focus",
        ),
    ];
    html! {
        <dl class="help">
            { for rows.iter().map(|(k, v)| html! { <><dt><kbd>{ *k }</kbd></dt><dd>{ *v }</dd></> }) }
        </dl>
    }
}
