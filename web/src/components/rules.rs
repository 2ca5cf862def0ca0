//! The rule reference: every rule's docs, searchable, each linkable as `#rule=CODE`.

use crate::dom;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub query: String,
    pub focus: Option<String>,
    pub on_query: Callback<String>,
}

#[function_component]
pub fn RuleReference(props: &Props) -> Html {
    use_effect_with(props.focus.clone(), |focus| {
        if let Some(code) = focus {
            dom::scroll_into_view(&format!("rule-{code}"));
        }
    });
    let oninput = {
        let cb = props.on_query.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let needle = props.query.trim().to_ascii_lowercase();
    let rules: Vec<_> = dockwise::rules::all()
        .filter(|r| {
            needle.is_empty()
                || r.code.to_ascii_lowercase().contains(&needle)
                || r.name.contains(&needle)
                || r.aliases
                    .iter()
                    .any(|a| a.1.to_ascii_lowercase().contains(&needle))
                || r.docs.what.to_ascii_lowercase().contains(&needle)
        })
        .collect();
    html! {
        <section class="rules" aria-label="Rule reference">
            <div class="rules-head">
                <h2>{ "Rule reference" }</h2>
                <input id="rule-search" type="search" placeholder="Search rules: code, name, hadolint code, text"
                    aria-label="Search rules" value={props.query.clone()} {oninput} />
                <span class="muted" id="rule-count">{ format!("{} rule(s)", rules.len()) }</span>
            </div>
            <div class="rule-list">
            { for rules.iter().map(|r| {
                let focused = props.focus.as_deref() == Some(r.code);
                let aliases: Vec<String> = r.aliases.iter().map(|a| format!("{} {}", a.0.as_str(), a.1)).collect();
                html! {
                    <article class={classes!("rule", focused.then_some("focused"))} id={format!("rule-{}", r.code)} data-rule={r.code}>
                        <h3><a href={format!("#rule={}", r.code)}><code>{ r.code }</code>{ " " }{ r.name }</a></h3>
                        <p class="meta">
                            <span class={classes!("badge", r.severity.as_str())}>{ r.severity.as_str() }</span>
                            <span class="badge">{ r.category.as_str() }</span>
                            { if r.enabled_by_default { html!{} } else { html!{ <span class="badge">{ "off by default" }</span> } } }
                            { if aliases.is_empty() { html!{} } else { html!{ <span class="muted">{ format!("also {}", aliases.join(", ")) }</span> } } }
                        </p>
                        <p><b>{ "What: " }</b>{ crate::inline::code(r.docs.what) }</p>
                        <crate::rule_docs::RuleDocsBody code={r.code} full=true />
                    </article>
                }
            }) }
            </div>
        </section>
    }
}
