//! A modal panel (settings, help): labelled dialog with a close button; Esc closes it (handled by the app). Tab
//! and Shift+Tab stay inside it; on closing, the focus returns to where it was.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub title: AttrValue,
    pub on_close: Callback<()>,
    pub children: Html,
}

#[function_component]
pub fn Panel(props: &Props) -> Html {
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let heading = format!("{}-title", props.id);
    let focus = use_node_ref();
    let dialog = use_node_ref();
    {
        let focus = focus.clone();
        use_effect_with((), move |_| {
            let before = crate::dom::active_element();
            if let Some(b) = focus.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
            move || {
                if let Some(el) = before {
                    let _ = el.focus();
                }
            }
        });
    }
    let trap = {
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Tab" {
                return;
            }
            let Some(d) = dialog.cast::<web_sys::Element>() else {
                return;
            };
            let Ok(list) = d.query_selector_all(
                "button, input, select, textarea, a[href], summary, [tabindex=\"0\"]",
            ) else {
                return;
            };
            let items: Vec<web_sys::HtmlElement> = (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| wasm_bindgen::JsCast::dyn_into(n).ok())
                .collect();
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active = crate::dom::active_element();
            let edge = if e.shift_key() { first } else { last };
            if active.as_ref() == Some(edge) {
                e.prevent_default();
                let _ = if e.shift_key() {
                    last.focus()
                } else {
                    first.focus()
                };
            }
        })
    };
    html! {
        <div class="panel-backdrop">
            <div class="panel" id={props.id.clone()} role="dialog" aria-modal="true" aria-labelledby={heading.clone()}
                ref={dialog} onkeydown={trap}>
                <div class="panel-head">
                    <h2 id={heading}>{ props.title.clone() }</h2>
                    <button type="button" class="close" ref={focus} aria-label="Close (Esc)" onclick={close}>{ "✕" }</button>
                </div>
                <div class="panel-body">{ props.children.clone() }</div>
            </div>
        </div>
    }
}
