//! The Dockwise playground: paste a Dockerfile, get the review and the rewrite. Nothing leaves the browser.

mod codec;
mod components;
mod diff;
mod dom;
mod embed;
mod examples;
mod exercise;
mod highlight;
mod inline;
mod rule_docs;
mod settings;
mod share;
mod state;
mod worker;

fn main() {
    // In the review worker (web/worker.js loads this same binary) there is no window and nothing to render.
    if web_sys::window().is_none() {
        return;
    }
    yew::Renderer::<components::app::App>::new().render();
}
