//! The header: title, examples menu, mode tabs and the buttons that open panels.

use crate::examples::EXAMPLES;
use crate::state::{Mode, Theme};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub mode: Mode,
    pub theme: Theme,
    pub dark: bool,
    pub on_example: Callback<usize>,
    pub on_mode: Callback<Mode>,
    pub on_theme: Callback<()>,
    pub on_settings: Callback<()>,
    pub on_share: Callback<()>,
    pub on_help: Callback<()>,
    pub on_fix_all: Callback<()>,
    /// `?readonly=1`: no examples menu and no "Fix all" (they change the text).
    #[prop_or_default]
    pub readonly: bool,
}

#[function_component]
pub fn Toolbar(props: &Props) -> Html {
    let onchange = {
        let cb = props.on_example.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                cb.emit(i);
            }
            select.set_value("");
        })
    };
    let tab = |mode: Mode, label: &str, id: &str| {
        let cb = props.on_mode.clone();
        html! {
            <button type="button" role="tab" id={id.to_string()} aria-selected={(props.mode == mode).to_string()}
                onclick={Callback::from(move |_| cb.emit(mode))}>{ label }</button>
        }
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let theme_label = if props.dark {
        "Switch to light theme"
    } else {
        "Switch to dark theme"
    };
    html! {
        <header class="toolbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">{ "◆" }</span>
                <h1>{ "Dockwise" }</h1>
                <span class="tagline">{ "Dockerfile review & rewrite · nothing leaves your browser" }</span>
            </div>
            <nav class="tabs" role="tablist" aria-label="View">
                { tab(Mode::Review, "Review", "tab-review") }
                { tab(Mode::Rules, "Rules", "tab-rules") }
                { tab(Mode::Exercise, "Exercises", "tab-exercise") }
            </nav>
            <div class="actions">
                { if props.readonly { html! {} } else { html! { <>
                <select id="examples" aria-label="Load an example" {onchange}>
                    <option value="" selected=true>{ "Examples…" }</option>
                    { for EXAMPLES.iter().enumerate().map(|(i, (name, _))| html! {
                        <option value={i.to_string()}>{ *name }</option>
                    }) }
                </select>
                <button type="button" id="fix-all" title="Apply all safe fixes (Ctrl+Enter)" onclick={click(&props.on_fix_all)}>{ "Fix all" }</button>
                </> } } }
                <button type="button" id="share" title="Copy a link holding this Dockerfile and your settings" onclick={click(&props.on_share)}>{ "Share" }</button>
                <button type="button" id="open-settings" onclick={click(&props.on_settings)}>{ "Settings" }</button>
                <button type="button" id="theme" aria-label={theme_label} title={theme_label}
                    data-theme={props.theme.as_str()} onclick={click(&props.on_theme)}>
                    { if props.dark { "☀" } else { "☾" } }</button>
                <button type="button" id="open-help" aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)"
                    onclick={click(&props.on_help)}>{ "?" }</button>
            </div>
        </header>
    }
}
