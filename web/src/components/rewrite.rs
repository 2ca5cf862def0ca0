//! The rewrite panel: the rewritten Dockerfile beside the input (or a unified diff), the changes with their
//! rules, the safe/unsafe switch, copy and download, the suggested .dockerignore and the savings estimate.

use crate::diff::{diff, Op};
use crate::state::DiffView;
use dockwise::{Applicability, Review};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub review: Option<Rc<Review>>,
    /// The text the review was made of.
    pub reviewed: String,
    pub view: DiffView,
    pub unsafe_fixes: bool,
    pub on_view: Callback<DiffView>,
    pub on_unsafe: Callback<bool>,
    /// (text, id of the element showing it).
    pub on_copy: Callback<(String, String)>,
    pub on_download: Callback<(String, String)>,
    pub on_rule: Callback<String>,
    /// The panel is on screen (its tab is selected).
    pub shown: bool,
}

#[function_component]
pub fn Rewrite(props: &Props) -> Html {
    let Some(review) = &props.review else {
        return html! { <section class="rewrite" aria-label="Rewrite"><h2>{ "Rewritten" }</h2>
        <pre id="rewritten" class="code-block" tabindex="0" aria-label="Rewritten Dockerfile"></pre></section> };
    };
    let rewritten = review.rewritten.clone();
    // Behind the Findings tab the rewrite is its text alone: the diff (a span per line of both files) is built
    // when the tab is shown, not for every review while typing.
    let lines = if props.shown {
        diff(&props.reviewed, &rewritten)
    } else {
        Vec::new()
    };
    let view_button = |view: DiffView, label: &str| {
        let on_view = props.on_view.clone();
        html! {
            <button type="button" class="seg" aria-pressed={(props.view == view).to_string()}
                id={if view == DiffView::Unified { "view-unified" } else { "view-split" }}
                onclick={Callback::from(move |_| on_view.emit(view))}>{ label }</button>
        }
    };
    let choose = |all: bool| {
        let cb = props.on_unsafe.clone();
        Callback::from(move |_: Event| cb.emit(all))
    };
    let copy = {
        let (cb, t) = (props.on_copy.clone(), rewritten.clone());
        Callback::from(move |_| cb.emit((t.clone(), "rewritten".into())))
    };
    let download = {
        let (cb, t) = (props.on_download.clone(), rewritten.clone());
        Callback::from(move |_| cb.emit(("Dockerfile".to_string(), t.clone())))
    };
    let line_class = |op: Op| match op {
        Op::Same => "same",
        Op::Removed => "del",
        Op::Added => "add",
    };
    let body = match props.view {
        _ if !props.shown => html! {
            <pre class="code-block" id="rewritten" tabindex="0" aria-label="Rewritten Dockerfile">{ rewritten.clone() }</pre>
        },
        DiffView::SideBySide => html! {
            <div class="split">
                <figure>
                    <figcaption>{ "Yours" }</figcaption>
                    <pre class="code-block" id="original" tabindex="0" aria-label="Your Dockerfile">{ for lines.iter().filter(|l| l.op != Op::Added).map(|l| html! {
                        <span class={classes!("dl", line_class(l.op))}>{ l.text }{ "\n" }</span>
                    }) }</pre>
                </figure>
                <figure>
                    <figcaption>{ "Rewritten" }</figcaption>
                    <pre class="code-block" id="rewritten" tabindex="0" aria-label="Rewritten Dockerfile">{ for lines.iter().filter(|l| l.op != Op::Removed).map(|l| html! {
                        <span class={classes!("dl", line_class(l.op))}>{ l.text }{ "\n" }</span>
                    }) }</pre>
                </figure>
            </div>
        },
        DiffView::Unified => html! {
            <pre class="code-block unified" id="diff" tabindex="0" aria-label="Unified diff">{ for lines.iter().map(|l| {
                let sign = match l.op { Op::Same => "  ", Op::Removed => "- ", Op::Added => "+ " };
                html! { <span class={classes!("dl", line_class(l.op))}>{ sign }{ l.text }{ "\n" }</span> }
            }) }</pre>
        },
    };
    let changed = lines.iter().filter(|l| l.op != Op::Same).count();
    html! {
        <section class="rewrite" aria-label="Rewrite">
            <div class="rewrite-head">
                <h2>{ "Rewritten" }</h2>
                <div class="segmented" role="group" aria-label="Diff view">
                    { view_button(DiffView::SideBySide, "Side by side") }
                    { view_button(DiffView::Unified, "Unified diff") }
                </div>
                <button type="button" id="copy" onclick={copy}>{ "Copy" }</button>
                <button type="button" id="download" onclick={download}>{ "Download Dockerfile" }</button>
                // Beside the rewrite, not under the changes: both files the student takes away, in view.
                { match &review.dockerignore { Some(ignore) => {
                    let (dl, text) = (props.on_download.clone(), ignore.clone());
                    html! { <button type="button" id="download-dockerignore"
                        onclick={Callback::from(move |_| dl.emit((".dockerignore".to_string(), text.clone())))}>
                        { "Download .dockerignore" }</button> }
                }, None => html! {} } }
            </div>
            <fieldset class="fix-choice">
                <legend class="sr-only">{ "Which fixes the rewrite applies" }</legend>
                <label><input type="radio" name="fixes" id="fixes-safe" checked={!props.unsafe_fixes}
                    onchange={choose(false)} />{ " Safe fixes" }</label>
                <label><input type="radio" name="fixes" id="unsafe" checked={props.unsafe_fixes}
                    onchange={choose(true)} />{ " All fixes (review these)" }</label>
            </fieldset>
            <p class="fix-choice-help" id="fix-choice-help">
                { "Safe fixes keep the built image the same. All fixes also change what the image is: pinned base images, \
                   packages, the user it runs as; check them before you build." }</p>
            { if props.shown { html! {
                <p class="rewrite-summary">{ format!("{} change(s), {changed} line(s) differ", review.changes.iter().filter(|c| c.applied).count()) }</p>
            } } else { html! {} } }
            { body }
            <h3>{ format!("Changes ({})", review.changes.len()) }</h3>
            <ul id="changes">
                { for review.changes.iter().map(|c| {
                    let safe = c.applicability == Applicability::Safe;
                    html! {
                        <li class={classes!("change", if safe { "safe" } else { "unsafe" })}>
                            { for c.rules.iter().map(|r| {
                                let (cb, code) = (props.on_rule.clone(), r.clone());
                                html! { <button type="button" class="rule-chip" onclick={Callback::from(move |_| cb.emit(code.clone()))}>{ r.clone() }</button> }
                            }) }
                            <span class="badge">{ if safe { "safe" } else { "unsafe" } }</span>
                            { if c.applied { html!{} } else { html!{ <span class="badge">{ "not applied" }</span> } } }
                            <b>{ crate::inline::code(&c.title) }</b>
                            { c.line.map(|l| html!{ <span class="muted">{ format!(" (line {l})") }</span> }) }
                            <p>{ crate::inline::code(&c.summary) }</p>
                            { match &c.saves { Some(saving) => html! {
                                <p class="saves muted">{ match saving.mb {
                                    Some(mb) => format!("Saves about {mb} MB: {}", saving.note),
                                    None => format!("Saves: {}", saving.note),
                                } }</p>
                            }, None => html!{} } }
                        </li>
                    }
                }) }
            </ul>
            { match &review.estimate { Some(e) => html! {
                <div class="estimate" id="estimate">
                    <h3>{ "Estimated savings" }<span class="badge">{ "estimate" }</span></h3>
                    <p>{ crate::inline::code(&e.summary) }</p>
                    <p class="muted">{ format!("Layers: {} → {}", e.layers_before, e.layers_after) }
                        { match (e.base_size_mb_before, e.base_size_mb_after) {
                            (Some(a), Some(b)) => format!(" · base image ≈ {a} MB → ≈ {b} MB"), _ => String::new() } }
                        { " · approximate figures, not a measurement" }</p>
                </div>
            }, None => html!{} } }
            { match &review.dockerignore { Some(ignore) => {
                let (cb, t) = (props.on_copy.clone(), ignore.clone());
                html! {
                <div class="dockerignore">
                    <h3>{ "Suggested .dockerignore" }</h3>
                    <pre class="code-block" id="dockerignore" tabindex="0" aria-label="Suggested .dockerignore">{ ignore.clone() }</pre>
                    <button type="button" id="copy-dockerignore" onclick={Callback::from(move |_| cb.emit((t.clone(), "dockerignore".into())))}>{ "Copy .dockerignore" }</button>
                </div>
            } }, None => html!{} } }
        </section>
    }
}
