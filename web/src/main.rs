//! The Dockwise playground: paste a Dockerfile, get the review and the rewrite. Nothing leaves the browser.

use dockwise::{review, Config, Review};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

const EXAMPLE: &str = include_str!("../examples/flask-naive.Dockerfile");

#[function_component]
fn App() -> Html {
    let source = use_state(|| EXAMPLE.to_string());
    let result: std::rc::Rc<Review> = use_memo((*source).clone(), |text| review(text, &Config::default()));
    let oninput = {
        let source = source.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            source.set(area.value());
        })
    };
    html! {
        <main class="app">
            <header><h1>{ "Dockwise" }</h1><p>{ "Review and rewrite a Dockerfile. Nothing leaves your browser." }</p></header>
            <section class="editor">
                <label for="source">{ "Dockerfile" }</label>
                <textarea id="source" spellcheck="false" value={(*source).clone()} {oninput} />
            </section>
            <section class="findings" aria-live="polite">
                <h2>{ format!("Findings ({})", result.findings.len()) }</h2>
                <ul id="findings">
                    { for result.findings.iter().map(|f| html! {
                        <li class={classes!("finding", f.severity.as_str())} data-rule={f.rule}>
                            <span class="where">{ format!("line {}", f.line) }</span>
                            <code class="code">{ f.rule }</code>
                            <span class="name">{ f.name }</span>
                            <p class="message">{ &f.message }</p>
                        </li>
                    }) }
                    { for result.syntax_errors.iter().map(|e| html! {
                        <li class="finding error syntax">
                            <span class="where">{ format!("line {}", e.line) }</span>
                            <p class="message">{ &e.message }</p>
                        </li>
                    }) }
                </ul>
            </section>
            <section class="rewrite">
                <h2>{ "Rewritten" }</h2>
                <pre id="rewritten">{ &result.rewritten }</pre>
                <ul id="changes">
                    { for result.changes.iter().map(|c| html! { <li>{ format!("{}: {}", c.rules.join(", "), c.summary) }</li> }) }
                </ul>
            </section>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
