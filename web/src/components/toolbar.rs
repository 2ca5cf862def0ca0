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
    // Roving tab stop: only the selected tab is in the Tab order; the arrow keys (and Home/End) move between tabs.
    let tab = |mode: Mode, label: &str, id: &str| {
        let cb = props.on_mode.clone();
        let selected = props.mode == mode;
        html! {
            <button type="button" role="tab" id={id.to_string()} aria-selected={selected.to_string()}
                tabindex={if selected { "0" } else { "-1" }}
                onclick={Callback::from(move |_| cb.emit(mode))}>{ label }</button>
        }
    };
    let on_tab_key = {
        let (cb, mode) = (props.on_mode.clone(), props.mode);
        Callback::from(move |e: KeyboardEvent| {
            const MODES: [(Mode, &str); 3] = [
                (Mode::Review, "tab-review"),
                (Mode::Rules, "tab-rules"),
                (Mode::Exercise, "tab-exercise"),
            ];
            let at = MODES.iter().position(|(m, _)| *m == mode).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (at + 1) % MODES.len(),
                "ArrowLeft" => (at + MODES.len() - 1) % MODES.len(),
                "Home" => 0,
                "End" => MODES.len() - 1,
                _ => return,
            };
            e.prevent_default();
            cb.emit(MODES[next].0);
            crate::dom::focus(MODES[next].1);
        })
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
            <nav class="tabs" role="tablist" aria-label="View" onkeydown={on_tab_key}>
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
                // Not in exercise mode: it would solve the exercise for the student.
                { if props.mode == Mode::Exercise { html! {} } else { html! {
                <button type="button" id="fix-all" title="Apply all safe fixes (Ctrl+Enter)" onclick={click(&props.on_fix_all)}>{ "Fix all" }</button>
                } } }
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
