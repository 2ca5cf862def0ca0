//! "This line": under the editor, what the instruction at the cursor does (the core's `explain`), the findings
//! on it and the practices that apply, each linked to the rule reference. A fixed-height box, so moving the
//! cursor never shifts the page.

use dockwise::explain::{self, InstructionAt};
use dockwise::review::Finding;
use dockwise::Review;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The instruction under the cursor (None on a blank line, a comment or a directive).
    pub at: Option<Rc<InstructionAt>>,
    /// The last review; its findings are used only when it is of the text in the editor.
    pub review: Option<Rc<Review>>,
    pub stale: bool,
}

/// The findings that start inside the instruction's span: the same set Ctrl+. offers fixes from.
pub fn findings_on<'a>(review: &'a Review, at: &InstructionAt) -> Vec<&'a Finding> {
    review
        .findings
        .iter()
        .filter(|f| at.start <= f.start && f.start < at.end.max(at.start + 1))
        .collect()
}

#[function_component]
pub fn ThisLine(props: &Props) -> Html {
    let body = match &props.at {
        None => html! {
            <p class="muted">{ "Put the cursor on an instruction to see what it does and what the review says about it." }</p>
        },
        Some(at) => {
            let explanation = explain::explain_instruction(&at.keyword, &at.args);
            let found = props
                .review
                .as_ref()
                .filter(|_| !props.stale)
                .map(|r| findings_on(r, at))
                .unwrap_or_default();
            let findings = if props.stale {
                html! { <p class="muted">{ "Reviewing…" }</p> }
            } else if found.is_empty() {
                html! { <p class="muted" id="this-line-clean">{ "No findings on this instruction." }</p> }
            } else {
                let fixable = found.iter().any(|f| f.fix.is_some());
                html! { <>
                    <ul class="this-line-findings" id="this-line-findings">{ for found.iter().map(|f| html! {
                        <li class={f.severity.as_str()} data-rule={f.rule}>
                            <a href={format!("#rule={}", f.rule)}>{ f.rule }</a>{ " " }{ crate::inline::code(&f.message) }
                        </li>
                    }) }</ul>
                    { if fixable { html! { <p class="muted">{ "Ctrl+. (⌘. on a Mac) in the editor lists the quick fixes." }</p> } } else { html! {} } }
                </> }
            };
            html! { <>
                <p><b>{ format!("Line {}: {} ", at.line, explanation.keyword) }</b>{ crate::inline::code(&explanation.summary) }</p>
                { if explanation.details.is_empty() { html! {} } else { html! {
                    <ul class="this-line-details">{ for explanation.details.iter().map(|d| html! { <li>{ crate::inline::code(d) }</li> }) }</ul>
                } } }
                { findings }
                { if explanation.practices.is_empty() { html! {} } else { html! {
                    <details class="this-line-practices">
                        <summary>{ format!("Good practice for {} ({})", explanation.keyword, explanation.practices.len()) }</summary>
                        <ul>{ for explanation.practices.iter().map(|p| html! {
                            <li>{ crate::inline::code(&p.text) }{ " " }<a href={format!("#rule={}", p.rule)}>{ p.rule }</a></li>
                        }) }</ul>
                    </details>
                } } }
                <a class="this-line-reference" href={explanation.reference} target="_blank" rel="noopener">
                    { format!("{} in the Dockerfile reference ↗", explanation.keyword) }</a>
            </> }
        }
    };
    // Scrollable, so it is a tab stop with a name; the live region announces the new instruction politely.
    html! {
        <section class="this-line" id="this-line" aria-labelledby="this-line-title" tabindex="0">
            <h2 id="this-line-title">{ "This line" }</h2>
            <div id="this-line-body" aria-live="polite">{ body }</div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_findings_of_the_instruction_under_the_cursor_continuations_included() {
        let source = "FROM python:3.12\nRUN pip install \\\n    flask\nCMD python app.py\n";
        let review = dockwise::review(source, &dockwise::Config::default());
        let lines = |offset: usize| -> Vec<usize> {
            let at = explain::instruction_at(source, offset).unwrap();
            findings_on(&review, &at).iter().map(|f| f.line).collect()
        };
        // From the continuation line, the RUN's findings (lines 2 and 3), none of the CMD's (line 4).
        let run = lines(source.find("flask").unwrap());
        assert!(run.contains(&2), "{run:?}");
        assert!(run.iter().all(|&l| l == 2 || l == 3), "{run:?}");
        let cmd = lines(source.find("CMD").unwrap());
        assert!(!cmd.is_empty() && cmd.iter().all(|&l| l == 4), "{cmd:?}");
    }
}
