//! Ctrl+. (⌘. on a Mac) in the editor: the quick fixes of the findings on the instruction at the cursor, as a
//! menu beside that line. Arrow keys move, Enter applies, Escape or Tab closes; the focus goes back to the editor.

use crate::dom;
use dockwise::review::Finding;
use dockwise::Applicability;
use yew::prelude::*;

/// Must equal the editor's line height and top padding (px), as in editor.rs and editor.css.
const LINE_HEIGHT: f64 = 21.0;
const PAD_Y: f64 = 8.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The findings with a fix on the instruction (empty: the menu says there is none).
    pub fixes: Vec<Finding>,
    /// The 1-based line the menu opens under.
    pub line: usize,
    pub on_apply: Callback<Finding>,
    pub on_close: Callback<()>,
}

fn item_id(i: usize) -> String {
    format!("quick-fix-{i}")
}

#[function_component]
pub fn QuickFixes(props: &Props) -> Html {
    let menu = use_node_ref();
    // Under its line, set through the CSS object model (the CSP forbids style attributes); focus the first fix.
    {
        let menu = menu.clone();
        use_effect_with(props.line, move |line| {
            if let Some(el) = menu.get() {
                // Whole pixels, formatted as an integer: f64 formatting costs the bundle kilobytes.
                let top = format!("{}px", (PAD_Y + *line as f64 * LINE_HEIGHT).round() as i64);
                dom::set_style(&el, "top", &top);
            }
            dom::focus(&item_id(0));
        });
    }
    let count = props.fixes.len();
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            let current = dom::active_element()
                .and_then(|el| el.id().strip_prefix("quick-fix-")?.parse::<usize>().ok())
                .unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowDown" => (current + 1) % count.max(1),
                "ArrowUp" => (current + count.max(1) - 1) % count.max(1),
                "Home" => 0,
                "End" => count.saturating_sub(1),
                "Escape" | "Tab" => {
                    e.prevent_default();
                    e.stop_propagation();
                    on_close.emit(());
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            dom::focus(&item_id(next));
        })
    };
    if props.fixes.is_empty() {
        return html! {
            <div class="quick-fixes" id="quick-fixes" ref={menu} role="menu" aria-label="Quick fixes" {onkeydown}>
                <button type="button" role="menuitem" id={item_id(0)} class="quick-fix" tabindex="-1"
                    onclick={let c = props.on_close.clone(); Callback::from(move |_| c.emit(()))}>
                    { "No quick fix on this line (close)" }</button>
            </div>
        };
    }
    html! {
        <div class="quick-fixes" id="quick-fixes" ref={menu} role="menu" aria-label="Quick fixes" {onkeydown}>
            { for props.fixes.iter().enumerate().map(|(i, f)| {
                let Some(fix) = &f.fix else { return html! {} };
                let (on_apply, on_close, finding) = (props.on_apply.clone(), props.on_close.clone(), f.clone());
                let unsafe_fix = fix.applicability != Applicability::Safe;
                html! {
                    <button type="button" role="menuitem" id={item_id(i)} tabindex="-1"
                        class={classes!("quick-fix", unsafe_fix.then_some("unsafe"))} data-rule={f.rule}
                        onclick={Callback::from(move |_| { on_close.emit(()); on_apply.emit(finding.clone()); })}>
                        <b>{ f.rule }</b>{ " " }{ crate::inline::code(&fix.title) }
                        { if unsafe_fix { " (changes the image)" } else { "" } }
                    </button>
                }
            }) }
        </div>
    }
}
