//! The Dockwise playground: paste a Dockerfile, get the review and the rewrite. Nothing leaves the browser.

mod components;
mod diff;
mod dom;
mod examples;
mod exercise;
mod highlight;
mod settings;
mod share;
mod state;

fn main() {
    yew::Renderer::<components::app::App>::new().render();
}
