//! A modal panel (settings, help): labelled dialog with a close button; Esc closes it (handled by the app).

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
    {
        let focus = focus.clone();
        use_effect_with((), move |_| {
            if let Some(b) = focus.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    html! {
        <div class="panel-backdrop">
            <div class="panel" id={props.id.clone()} role="dialog" aria-modal="true" aria-labelledby={heading.clone()}>
                <div class="panel-head">
                    <h2 id={heading}>{ props.title.clone() }</h2>
                    <button type="button" class="close" ref={focus} aria-label="Close (Esc)" onclick={close}>{ "✕" }</button>
                </div>
                <div class="panel-body">{ props.children.clone() }</div>
            </div>
        </div>
    }
}
