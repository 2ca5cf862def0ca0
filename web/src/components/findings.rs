//! The findings panel: grouped by severity with counts, filterable by severity and text; each finding jumps to
//! its span, shows its rule's docs on demand, and applies its own fix.

use crate::state::severity_index;
use dockwise::review::Finding;
use dockwise::{Applicability, Review, Severity};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub review: Option<Rc<Review>>,
    pub shown: [bool; 4],
    pub filter: String,
    pub on_toggle: Callback<usize>,
    pub on_filter: Callback<String>,
    pub on_select: Callback<(usize, usize)>,
    pub on_apply: Callback<Finding>,
    pub on_rule: Callback<String>,
    /// `?readonly=1`: no "Apply fix" buttons.
    #[prop_or_default]
    pub readonly: bool,
    /// The review is of an older text that was too large to review live: not shown. (An older review of a
    /// text reviewed live stays on screen, and the panel around this list is marked busy: a prop that changed
    /// with every keystroke would render the whole list again for each.)
    #[prop_or_default]
    pub outdated: bool,
    /// The text is too large for live review: its size in bytes.
    #[prop_or_default]
    pub too_large: Option<usize>,
    /// Review a too-large text once.
    #[prop_or_default]
    pub on_review_once: Callback<()>,
}

const ORDER: [Severity; 4] = [
    Severity::Error,
    Severity::Warning,
    Severity::Info,
    Severity::Style,
];

fn matches(f: &Finding, filter: &str) -> bool {
    let needle = filter.trim().to_ascii_lowercase();
    needle.is_empty()
        || f.rule.to_ascii_lowercase().contains(&needle)
        || f.name.contains(&needle)
        || f.message.to_ascii_lowercase().contains(&needle)
        || f.aliases
            .values()
            .any(|a| a.to_ascii_lowercase().contains(&needle))
}

/// Findings rendered at first, and how many more each "Show more" adds: a long list costs the page its
/// speed while typing, and nobody reads the 300th finding before fixing the first.
const PAGE: usize = 100;

#[function_component]
pub fn Findings(props: &Props) -> Html {
    let limit = use_state(|| PAGE);
    let too_large = props.too_large.map(|bytes| {
        let once = props.on_review_once.clone();
        html! {
            <div class="too-large" id="too-large" role="status">
                <p>{ format!("This file is {} KB, over the {} KB limit for live review: findings are not updated as you type.",
                    bytes / 1024, crate::state::LIVE_LIMIT / 1024) }</p>
                <button type="button" id="review-once" onclick={Callback::from(move |_| once.emit(()))}>
                    { "Review it once" }</button>
            </div>
        }
    });
    let Some(review) = props
        .review
        .as_ref()
        .filter(|_| props.too_large.is_none() || !props.outdated)
    else {
        return html! {
            <section class="findings" aria-label="Findings"><h2>{ "Findings" }</h2>
                { too_large.unwrap_or_default() }
                <div id="findings">{ if props.too_large.is_none() { html!{ <p class="empty">{ "Reviewing…" }</p> } } else { html!{} } }</div></section>
        };
    };
    let oninput = {
        let on_filter = props.on_filter.clone();
        Callback::from(move |e: InputEvent| {
            on_filter.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let total = review.findings.len();
    let toggles = ORDER.iter().map(|&sev| {
        let i = severity_index(sev);
        let count = review.findings.iter().filter(|f| f.severity == sev).count();
        let on_toggle = props.on_toggle.clone();
        let pressed = props.shown[i];
        html! {
            <button type="button" class={classes!("sev-toggle", sev.as_str())} aria-pressed={pressed.to_string()}
                data-severity={sev.as_str()} onclick={Callback::from(move |_| on_toggle.emit(i))}>
                { format!("{} {count}", sev.as_str()) }
            </button>
        }
    });
    let mut room = *limit;
    let mut hidden = 0;
    let groups: Vec<Html> = ORDER
        .iter()
        .filter(|s| props.shown[severity_index(**s)])
        .map(|&sev| {
            let items: Vec<&Finding> = review
                .findings
                .iter()
                .filter(|f| f.severity == sev && matches(f, &props.filter))
                .collect();
            if items.is_empty() {
                return html! {};
            }
            let rendered = items.len().min(room);
            room -= rendered;
            hidden += items.len() - rendered;
            html! {
                <div class={classes!("group", sev.as_str())}>
                    <h3>{ format!("{} ({})", heading(sev), items.len()) }</h3>
                    { if rendered == 0 { html! {} } else { html! {
                        <ul>{ for items.into_iter().take(rendered).map(|f| item(props, f)) }</ul>
                    } } }
                </div>
            }
        })
        .collect();
    let more = (hidden > 0).then(|| {
        let limit = limit.clone();
        html! {
            <button type="button" id="findings-more" class="more"
                onclick={Callback::from(move |_| limit.set(*limit + PAGE))}>
                { format!("Show {} more ({hidden} not shown)", hidden.min(PAGE)) }
            </button>
        }
    });
    html! {
        <section class="findings" aria-label="Findings">
            { too_large.unwrap_or_default() }
            <div class="findings-head">
                <h2>{ format!("Findings ({total})") }</h2>
                <div class="sev-toggles" role="group" aria-label="Show severities">{ for toggles }</div>
                <input id="filter" type="search" placeholder="Filter findings" aria-label="Filter findings"
                    value={props.filter.clone()} {oninput} />
            </div>
            // Announce the count only, not the whole list after every pause.
            <p class="sr-only" aria-live="polite" id="findings-status">
                { format!("{total} finding(s)") }</p>
            <div id="findings">
                { if total == 0 && review.syntax_errors.is_empty() { html!{ <p class="empty">{ "No findings. Nice Dockerfile!" }</p> } } else { html!{} } }
                { if review.syntax_errors.is_empty() { html!{} } else { html! {
                    <div class="group error">
                        <h3>{ format!("Syntax errors ({})", review.syntax_errors.len()) }</h3>
                        <ul>{ for review.syntax_errors.iter().map(|e| {
                            let on_select = props.on_select.clone();
                            let (s, t) = (e.start, e.end);
                            html! {
                                <li class="finding error syntax">
                                    <button type="button" class="jump" onclick={Callback::from(move |_| on_select.emit((s, t)))}>
                                        { format!("line {}", e.line) }</button>
                                    <p class="message">{ crate::inline::code(&e.message) }</p>
                                </li>
                            }
                        }) }</ul>
                    </div>
                } } }
                { for groups }
                { more }
            </div>
        </section>
    }
}

fn heading(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
        Severity::Style => "Style",
    }
}

fn item(props: &Props, f: &Finding) -> Html {
    let rule = dockwise::rules::all().find(|r| r.code == f.rule);
    let jump = {
        let on_select = props.on_select.clone();
        let (s, e) = (f.start, f.end);
        Callback::from(move |_| on_select.emit((s, e)))
    };
    let apply = f.fix.as_ref().filter(|_| !props.readonly).map(|fix| {
        let on_apply = props.on_apply.clone();
        let finding = f.clone();
        let kind = match fix.applicability {
            Applicability::Safe => "safe",
            _ => "unsafe",
        };
        html! {
            <button type="button" class={classes!("apply", kind)} title={crate::inline::plain(&fix.explanation)}
                onclick={Callback::from(move |_| on_apply.emit(finding.clone()))}>
                { "Apply fix: " }{ crate::inline::code(&fix.title) }{ if kind == "unsafe" { " (changes the image)" } else { "" } }
            </button>
        }
    });
    let on_rule = props.on_rule.clone();
    let code = f.rule.to_string();
    let aliases: Vec<String> = f.aliases.iter().map(|(p, c)| format!("{p} {c}")).collect();
    html! {
        <li class={classes!("finding", f.severity.as_str())} data-rule={f.rule}
            data-start={f.start.to_string()} data-end={f.end.to_string()}>
            <div class="finding-top">
                // The visible "line:column" is part of the accessible name ("Go to line 3:5").
                <button type="button" class="jump" onclick={jump}>
                    <span class="sr-only">{ "Go to line " }</span>{ format!("{}:{}", f.line, f.column) }
                </button>
                <code class="code">{ f.rule }</code>
                <span class="name">{ f.name }</span>
                { if aliases.is_empty() { html!{} } else { html!{ <span class="aliases">{ aliases.join(", ") }</span> } } }
            </div>
            <p class="message">{ crate::inline::code(&f.message) }</p>
            <div class="finding-actions">
                { apply }
                <button type="button" class="link" onclick={Callback::from(move |_| on_rule.emit(code.clone()))}>
                    { "Rule reference" }</button>
            </div>
            { match rule { Some(r) => html! {
                <crate::rule_docs::FindingDocs code={r.code} what={r.docs.what} />
            }, None => html! {} } }
        </li>
    }
}
