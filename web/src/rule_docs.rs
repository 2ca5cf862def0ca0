//! The rules' full docs in the playground. Its wasm carries only each rule's `what` (the core's `docs` feature is
//! off here: the rest is about a fifth of the bundle's text); why, example, fixed, fix safety and differences come
//! from `rules.json` (`dockwise rules --format json`, written by `cargo xtask docs`, copied beside the wasm),
//! fetched once, when a reader first opens a rule's docs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// The file, relative to the page (Trunk copies it next to index.html).
const URL: &str = "rules.json";

/// `rules.json` holds every rule's [`RuleInfo`], the shape of `dockwise rules --format json`; the parts of the
/// docs the wasm lacks are read from it.
pub use dockwise::rule::RuleInfo;

#[derive(Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready(Rc<HashMap<String, RuleInfo>>),
    Failed(String),
}

thread_local! {
    static STATE: RefCell<Option<Load>> = const { RefCell::new(None) };
    /// Components waiting for the file: each re-renders when it arrives.
    static WAITING: RefCell<Vec<Callback<()>>> = const { RefCell::new(Vec::new()) };
}

/// The docs of every rule, fetched on the first call; the component re-renders when they arrive.
#[hook]
pub fn use_rule_docs() -> Load {
    let update = use_force_update();
    use_effect_with((), move |_| {
        if !matches!(current(), Load::Ready(_) | Load::Failed(_)) {
            WAITING.with(|w| {
                w.borrow_mut()
                    .push(Callback::from(move |_| update.force_update()))
            });
        }
    });
    current()
}

fn current() -> Load {
    STATE.with(|state| {
        let mut state = state.borrow_mut();
        if state.is_none() {
            *state = Some(Load::Loading);
            wasm_bindgen_futures::spawn_local(async {
                let loaded = match fetch().await {
                    Ok(list) => Load::Ready(Rc::new(
                        list.into_iter().map(|d| (d.code.clone(), d)).collect(),
                    )),
                    Err(e) => Load::Failed(e),
                };
                STATE.with(|s| *s.borrow_mut() = Some(loaded));
                for waiting in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
                    waiting.emit(());
                }
            });
        }
        state.clone().unwrap_or(Load::Loading)
    })
}

async fn fetch() -> Result<Vec<RuleInfo>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let failed = |e: wasm_bindgen::JsValue| format!("cannot load {URL}: {e:?}");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(URL))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("cannot load {URL}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| format!("{URL} is damaged: {e}"))
}

#[derive(Properties, PartialEq)]
pub struct BodyProps {
    pub code: &'static str,
    /// Also show fix safety and differences (the rule reference does; a finding's docs keep to why and example).
    #[prop_or_default]
    pub full: bool,
}

/// Why, example and fixed (and, in full, fix safety and differences) of one rule, once the file has arrived.
#[function_component]
pub fn RuleDocsBody(props: &BodyProps) -> Html {
    let docs = match use_rule_docs() {
        Load::Loading => {
            return html! { <p class="muted docs-loading">{ "Loading the rule's docs…" }</p> }
        }
        Load::Failed(why) => return html! { <p class="muted docs-failed">{ why }</p> },
        Load::Ready(all) => all,
    };
    let Some(d) = docs.get(props.code) else {
        return html! { <p class="muted docs-failed">{ format!("{URL} has no docs for {}", props.code) }</p> };
    };
    let code = props.code;
    html! {
        <>
            <p><b>{ "Why: " }</b>{ crate::inline::code(&d.why) }</p>
            <div class="examples">
                <figure><figcaption>{ "Example" }</figcaption><pre tabindex="0" aria-label={format!("{code} example")}>{ d.example.clone() }</pre></figure>
                <figure><figcaption>{ "Fixed" }</figcaption><pre tabindex="0" aria-label={format!("{code} fixed example")}>{ d.fixed.clone() }</pre></figure>
            </div>
            { if !props.full || d.fix_safety.is_empty() { html!{} } else { html!{ <p><b>{ "Fix: " }</b>{ crate::inline::code(&d.fix_safety) }</p> } } }
            { if !props.full || d.differences.is_empty() { html!{} } else { html!{ <p class="muted"><b>{ "Differences: " }</b>{ crate::inline::code(&d.differences) }</p> } } }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub code: &'static str,
    pub what: &'static str,
}

/// A finding's collapsible docs: the body (and the fetch) only once a reader opens it. The `open` attribute stays
/// the browser's, so an expanded item stays expanded while the list re-renders.
#[function_component]
pub fn FindingDocs(props: &DetailsProps) -> Html {
    let opened = use_state(|| false);
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .is_some_and(|d| d.open());
            opened.set(open);
        })
    };
    html! {
        <details class="docs" {ontoggle}>
            <summary>{ "Docs: what, why, example" }</summary>
            <p><b>{ "What: " }</b>{ crate::inline::code(props.what) }</p>
            { if *opened { html! { <RuleDocsBody code={props.code} /> } } else { html! {} } }
        </details>
    }
}
