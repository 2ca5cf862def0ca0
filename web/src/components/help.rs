//! Keyboard shortcuts.

use yew::prelude::*;

#[function_component]
pub fn Help() -> Html {
    let rows = [
        ("Ctrl+Enter", "Apply all safe fixes to your Dockerfile"),
        (
            "Ctrl+. (⌘.)",
            "In the editor: the quick fixes on the cursor's line",
        ),
        ("?", "Show this help (outside text fields)"),
        ("Esc", "Close the open panel"),
        (
            "Tab",
            "In the editor: indent. Elsewhere: move between controls",
        ),
        ("Esc, Tab", "Leave the editor"),
        ("← →", "Move between tabs"),
    ];
    html! {
        <dl class="help">
            { for rows.iter().map(|(k, v)| html! { <><dt><kbd>{ *k }</kbd></dt><dd>{ *v }</dd></> }) }
        </dl>
    }
}
