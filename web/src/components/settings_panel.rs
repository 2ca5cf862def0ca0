//! Settings: unsafe fixes, trusted registries, and every rule on/off with its severity.

use crate::settings::Settings;
use dockwise::Severity;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub settings: Settings,
    pub on_change: Callback<Settings>,
}

#[function_component]
pub fn SettingsPanel(props: &Props) -> Html {
    let query = use_state(String::new);
    let s = &props.settings;
    let on_unsafe = {
        let (cb, s) = (props.on_change.clone(), s.clone());
        Callback::from(move |e: Event| {
            let mut next = s.clone();
            next.unsafe_fixes = e.target_unchecked_into::<HtmlInputElement>().checked();
            cb.emit(next);
        })
    };
    let on_registries = {
        let (cb, s) = (props.on_change.clone(), s.clone());
        Callback::from(move |e: Event| {
            let mut next = s.clone();
            next.trusted_registries = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .split([',', ' '])
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(String::from)
                .collect();
            cb.emit(next);
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let reset = {
        let cb = props.on_change.clone();
        Callback::from(move |_| cb.emit(Settings::default()))
    };
    let needle = query.to_ascii_lowercase();
    let rules = dockwise::rules::all().filter(|r| {
        needle.is_empty()
            || r.code.to_ascii_lowercase().contains(&needle)
            || r.name.contains(&needle)
    });
    html! {
        <div class="settings">
            <label class="row"><input id="setting-unsafe" type="checkbox" checked={s.unsafe_fixes} onchange={on_unsafe} />
                { " Include unsafe fixes in the rewrite" }</label>
            <label class="row stacked" for="setting-registries">{ "Trusted registries (comma-separated)" }</label>
            <input id="setting-registries" type="text" value={s.trusted_registries.join(", ")} onchange={on_registries}
                placeholder="docker.io, ghcr.io" />
            <div class="settings-rules-head">
                <h3>{ "Rules" }</h3>
                <input type="search" id="setting-rule-search" aria-label="Search rules in settings" placeholder="Search rules"
                    value={(*query).clone()} oninput={on_query} />
                <button type="button" id="settings-reset" onclick={reset}>{ "Reset to defaults" }</button>
            </div>
            <table class="rules-table">
                <thead><tr><th scope="col">{ "On" }</th><th scope="col">{ "Rule" }</th><th scope="col">{ "Severity" }</th></tr></thead>
                <tbody>
                { for rules.map(|rule| {
                    let on = s.is_on(rule);
                    let toggle = {
                        let (cb, s) = (props.on_change.clone(), s.clone());
                        Callback::from(move |e: Event| {
                            let mut next = s.clone();
                            next.set_on(rule, e.target_unchecked_into::<HtmlInputElement>().checked());
                            cb.emit(next);
                        })
                    };
                    let severity = s.severity.get(rule.code).copied().unwrap_or(rule.severity);
                    let pick = {
                        let (cb, s) = (props.on_change.clone(), s.clone());
                        Callback::from(move |e: Event| {
                            let mut next = s.clone();
                            match Severity::parse(&e.target_unchecked_into::<HtmlSelectElement>().value()) {
                                Some(v) if v != rule.severity => { next.severity.insert(rule.code.to_string(), v); }
                                _ => { next.severity.remove(rule.code); }
                            }
                            cb.emit(next);
                        })
                    };
                    html! {
                        <tr data-rule={rule.code}>
                            <td><input type="checkbox" class="rule-on" checked={on} onchange={toggle}
                                aria-label={format!("Enable {} {}", rule.code, rule.name)} /></td>
                            <td><code>{ rule.code }</code>{ " " }{ rule.name }</td>
                            <td><select class="rule-severity" onchange={pick} aria-label={format!("Severity of {}", rule.code)}>
                                { for ["error", "warning", "info", "style"].iter().map(|v| html! {
                                    <option value={*v} selected={severity.as_str() == *v}>{ *v }</option>
                                }) }
                            </select></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </div>
    }
}
