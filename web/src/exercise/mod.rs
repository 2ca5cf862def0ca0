//! Exercise mode: an exercise's instructions, the editor, a live checklist of goals turning green as the student
//! edits, hints revealed one at a time, progress kept in localStorage, a share link (the exercise as JSON in the
//! URL fragment, `#x=...`) and an authoring area where a teacher writes an exercise as JSON.
//!
//! The grading is the engine's (`dockwise::exercise::check`), the same as `dockwise exercise check`.

mod link;
mod markdown;

use crate::components::editor::Editor;
use crate::dom;
use crate::state::Selection;
use dockwise::exercise::{self, Exercise};
use dockwise::Review;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// localStorage: the exercise last open, custom exercises by id, and progress by id.
const CURRENT_KEY: &str = "dockwise.exercise.current";
const CUSTOM_PREFIX: &str = "dockwise.exercise.custom.";
const PROGRESS_PREFIX: &str = "dockwise.exercise.progress.";

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The editor's text (the app owns it).
    pub source: String,
    pub review: Option<Rc<Review>>,
    /// The grade the review came with (computed in the worker, from the same analysis), for `reviewed`.
    pub graded: Option<crate::worker::Graded>,
    /// The text `review` and `graded` are for.
    pub reviewed: String,
    /// The exercise now open, so the app has every review graded against it.
    pub on_exercise: Callback<Option<Rc<Exercise>>>,
    pub selection: Option<Selection>,
    pub live: bool,
    /// Typing in the editor.
    pub on_input: Callback<String>,
    /// Replace the editor's text (an exercise's starting file, or the student's saved work).
    pub on_load: Callback<String>,
}

/// An exercise as loaded: a built-in's name, or `shared-<hash>` for one from a link or the authoring area.
#[derive(Clone, PartialEq)]
struct Loaded {
    id: String,
    exercise: Rc<Exercise>,
}

/// What is remembered per exercise.
#[derive(Clone, Default, Serialize, Deserialize)]
struct Progress {
    source: Option<String>,
    #[serde(default)]
    hints: usize,
    #[serde(default)]
    done: bool,
}

fn load_progress(id: &str) -> Progress {
    dom::stored(&format!("{PROGRESS_PREFIX}{id}"))
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn save_progress(id: &str, progress: &Progress) {
    if let Ok(text) = serde_json::to_string(progress) {
        dom::store(&format!("{PROGRESS_PREFIX}{id}"), &text);
    }
}

fn builtin(name: &str) -> Option<Loaded> {
    let b = exercise::builtin(name)?;
    Some(Loaded {
        id: b.name.to_string(),
        exercise: Rc::new(b.exercise().ok()?),
    })
}

/// A custom exercise gets an id from its content, so the same link always finds the same progress.
fn custom(exercise: Exercise) -> Loaded {
    let json = exercise.to_json();
    let id = format!("shared-{:016x}", fnv(json.as_bytes()));
    dom::store(&format!("{CUSTOM_PREFIX}{id}"), &json);
    Loaded {
        id,
        exercise: Rc::new(exercise),
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The exercise to open: a `#x=` link first, then the one last open, then the first built-in.
fn initial() -> (Loaded, Option<String>) {
    let fragment = dom::fragment();
    if let Some(data) = fragment.strip_prefix("x=") {
        match link::decode(data)
            .and_then(|json| Exercise::from_json(&json).map_err(|e| e.to_string()))
        {
            Ok(e) => return (custom(e), None),
            Err(why) => {
                let first = builtin(exercise::builtins()[0].name).expect("built-ins parse");
                return (
                    first,
                    Some(format!("This exercise link could not be opened: {why}")),
                );
            }
        }
    }
    let remembered = dom::stored(CURRENT_KEY).and_then(|id| {
        builtin(&id).or_else(|| {
            let json = dom::stored(&format!("{CUSTOM_PREFIX}{id}"))?;
            let exercise = Exercise::from_json(&json).ok()?;
            Some(Loaded {
                id,
                exercise: Rc::new(exercise),
            })
        })
    });
    let first = || builtin(exercise::builtins()[0].name).expect("built-ins parse");
    (remembered.unwrap_or_else(first), None)
}

#[function_component]
pub fn ExerciseMode(props: &Props) -> Html {
    let start = use_memo((), |_| initial());
    let loaded = use_state(|| start.0.clone());
    let notice = use_state(|| start.1.clone());
    let hints = use_state(|| load_progress(&start.0.id).hints);
    let author_text =
        use_state(|| serde_json::to_string_pretty(&*start.0.exercise).unwrap_or_default());
    let author_error = use_state(|| None::<String>);
    // Text handed to the editor that the app has not shown yet: progress is not saved from a stale source.
    let pending = use_mut_ref(|| None::<String>);

    // Open an exercise: remember it, put the saved work (or the starting file) in the editor.
    let open = {
        let (loaded, hints, pending, on_load, author_text) = (
            loaded.clone(),
            hints.clone(),
            pending.clone(),
            props.on_load.clone(),
            author_text.clone(),
        );
        Rc::new(move |next: Loaded| {
            dom::store(CURRENT_KEY, &next.id);
            let progress = load_progress(&next.id);
            let text = progress
                .source
                .clone()
                .unwrap_or_else(|| next.exercise.starting.clone());
            *pending.borrow_mut() = Some(text.clone());
            hints.set(progress.hints);
            author_text.set(serde_json::to_string_pretty(&*next.exercise).unwrap_or_default());
            loaded.set(next);
            on_load.emit(text);
        })
    };

    // On entering the mode: load the exercise into the editor.
    {
        let (open, first) = (open.clone(), start.0.clone());
        use_effect_with((), move |_| open(first));
    }

    // Every review is graded against the open exercise, in the worker, from the same analysis.
    {
        let on_exercise = props.on_exercise.clone();
        use_effect_with(loaded.exercise.clone(), move |exercise| {
            on_exercise.emit(Some(exercise.clone()));
            move || on_exercise.emit(None)
        });
    }
    // The worker's grade of this exercise, kept on screen while the next one is computed (like the review); graded
    // here only until the first arrives.
    let graded = props
        .graded
        .as_ref()
        .filter(|(exercise, _)| *exercise == loaded.exercise)
        .map(|(_, result)| result.clone());
    let current = graded.is_some() && props.reviewed == props.source;
    let here = use_memo(
        (
            loaded.exercise.clone(),
            graded.is_none().then(|| props.source.clone()),
        ),
        |(exercise, source)| {
            source
                .as_ref()
                .map(|source| Rc::new(exercise::check(exercise, source)))
        },
    );
    // `graded_by` says which one is on screen (`data-graded-by`, for tests): "review" or "here".
    let (result, current, graded_by) = match (graded, (*here).clone()) {
        (Some(result), _) => (result, current, "review"),
        (None, Some(result)) => (result, true, "here"),
        (None, None) => {
            let result = exercise::check(&loaded.exercise, &props.source);
            (Rc::new(result), true, "here")
        }
    };

    // Save the student's work and whether the exercise is done.
    {
        // A grade still on screen for the previous text does not mark the exercise done.
        let (pending, id, hints, passed) = (
            pending.clone(),
            loaded.id.clone(),
            *hints,
            result.passed && current,
        );
        use_effect_with(
            (props.source.clone(), id, hints, passed),
            move |(source, id, hints, passed)| {
                let stale = {
                    let mut p = pending.borrow_mut();
                    match p.as_ref() {
                        Some(expected) if expected != source => true,
                        Some(_) => {
                            *p = None;
                            false
                        }
                        None => false,
                    }
                };
                if !stale {
                    let mut progress = load_progress(id);
                    progress.source = Some(source.clone());
                    progress.hints = *hints;
                    progress.done |= *passed;
                    save_progress(id, &progress);
                }
            },
        );
    }

    let exercise = loaded.exercise.clone();
    let on_pick = {
        let open = open.clone();
        let notice = notice.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            let next = builtin(&id).or_else(|| {
                let json = dom::stored(&format!("{CUSTOM_PREFIX}{id}"))?;
                Some(Loaded {
                    id: id.clone(),
                    exercise: Rc::new(Exercise::from_json(&json).ok()?),
                })
            });
            if let Some(next) = next {
                dom::set_fragment("");
                notice.set(None);
                open(next);
            }
        })
    };
    let on_hint = {
        let (hints, total) = (hints.clone(), exercise.hints.len());
        Callback::from(move |_: MouseEvent| hints.set((*hints + 1).min(total)))
    };
    let on_reset = {
        let (on_load, starting, hints, pending) = (
            props.on_load.clone(),
            exercise.starting.clone(),
            hints.clone(),
            pending.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            *pending.borrow_mut() = Some(starting.clone());
            hints.set(0);
            on_load.emit(starting.clone());
        })
    };
    let on_share = {
        let (exercise, notice) = (exercise.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let (json, notice) = (exercise.to_json(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let link = match link::encode(&json).await {
                    Ok(link) => link,
                    Err(why) => return notice.set(Some(why)),
                };
                dom::set_fragment(&format!("x={link}"));
                dom::copy(&dom::href(), move |copied| {
                    notice.set(Some(if copied {
                        "Exercise link copied: it holds the whole exercise (not your answer) in the URL fragment.".into()
                    } else {
                        "Copy failed (the browser blocked the clipboard): the exercise link is in the address bar.".into()
                    }))
                });
            });
        })
    };
    let on_author_input = {
        let author_text = author_text.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlTextAreaElement = e.target_unchecked_into();
            author_text.set(el.value());
        })
    };
    let on_author_load = {
        let (author_text, author_error, open, notice) = (
            author_text.clone(),
            author_error.clone(),
            open.clone(),
            notice.clone(),
        );
        Callback::from(
            move |_: MouseEvent| match Exercise::from_json(&author_text) {
                Ok(e) => {
                    author_error.set(None);
                    let json = e.to_json();
                    let next = custom(e);
                    let notice = notice.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        notice.set(Some(match link::encode(&json).await {
                            Ok(link) => {
                                dom::set_fragment(&format!("x={link}"));
                                "Your exercise is open, and its share link is in the address bar."
                                    .into()
                            }
                            Err(why) => format!("Your exercise is open; {why}."),
                        }));
                    });
                    open(next);
                }
                Err(e) => author_error.set(Some(e.to_string())),
            },
        )
    };

    let shown_hints = (*hints).min(exercise.hints.len());
    let is_custom = exercise::builtin(&loaded.id).is_none();
    let goals = result.goals.iter().enumerate().map(|(i, g)| {
        html! {
            <li class={classes!("goal", if g.passed { "passed" } else { "failed" })}
                id={format!("goal-{i}")} data-passed={g.passed.to_string()}>
                <span class="mark" aria-hidden="true">{ if g.passed { "✓" } else { "✗" } }</span>
                <span class="sr-only">{ if g.passed { "Done: " } else { "To do: " } }</span>
                <span class="description">{ crate::inline::code(&g.description) }</span>
                <small class="detail">{ crate::inline::code(&g.detail) }</small>
            </li>
        }
    });
    html! {
        <div class="workspace exercise-mode" id="exercise-mode">
            <section class="exercise-panel" aria-label="Exercise">
                <div class="exercise-bar">
                    <select id="exercise-picker" aria-label="Choose an exercise" onchange={on_pick}>
                        { for exercise::builtins().iter().map(|b| {
                            let title = b.exercise().map(|e| e.title).unwrap_or_default();
                            let done = load_progress(b.name).done;
                            html! { <option value={b.name} selected={loaded.id == b.name}>
                                { format!("{}{title}", if done { "✓ " } else { "" }) }</option> }
                        }) }
                        { if is_custom { html! {
                            <option value={loaded.id.clone()} selected=true>{ format!("Shared: {}", exercise.title) }</option>
                        } } else { html! {} } }
                    </select>
                    <button type="button" id="exercise-share" onclick={on_share}
                        title="Copy a link that opens this exercise">{ "Share this exercise" }</button>
                    <button type="button" id="exercise-reset" onclick={on_reset}
                        title="Put the starting Dockerfile back">{ "Start over" }</button>
                </div>
                { match &*notice { Some(n) => html! { <p class="exercise-notice" id="exercise-notice" role="status">{ n.clone() }</p> }, None => html! {} } }
                <h2 id="exercise-title">{ exercise.title.clone() }</h2>
                <div class="instructions" id="exercise-instructions">{ markdown::render(&exercise.instructions) }</div>
                <h3>{ "Goals" }</h3>
                <ul class="goals" id="exercise-goals" aria-live="polite" data-graded-by={graded_by}>{ for goals }</ul>
                <p id="exercise-score" class={classes!("score", result.passed.then_some("done"))}>
                    { format!("{}/{} goals", result.score, result.total) }
                    { if result.passed { html! { <strong id="exercise-done">{ " · Exercise complete!" }</strong> } }
                      else if !result.syntax_errors.is_empty() { html! { <span>{ format!(" · {} syntax error(s)", result.syntax_errors.len()) }</span> } }
                      else { html! {} } }
                </p>
                <h3>{ "Hints" }</h3>
                <ol class="hints" id="exercise-hints">
                    { for exercise.hints.iter().take(shown_hints).map(|h| html! { <li>{ markdown::inline(h) }</li> }) }
                </ol>
                { if shown_hints < exercise.hints.len() { html! {
                    <button type="button" id="exercise-hint" onclick={on_hint}>
                        { format!("Show a hint ({} of {})", shown_hints + 1, exercise.hints.len()) }</button>
                } } else if exercise.hints.is_empty() { html! { <p class="muted">{ "No hints for this one." }</p> } }
                  else { html! { <p class="muted">{ "No more hints." }</p> } } }
                { match &exercise.solution { Some(s) => html! {
                    <details class="solution" id="exercise-solution">
                        <summary>{ "Reference solution (try first!)" }</summary>
                        <pre tabindex="0" aria-label="Reference solution"><code>{ s.clone() }</code></pre>
                    </details>
                }, None => html! {} } }
                <details class="author" id="exercise-author">
                    <summary>{ "Author an exercise" }</summary>
                    <p class="muted">{ "Edit the JSON (title, instructions in Markdown, starting, goals, hints, solution), \
                        then open it: the share link carries it. Goals: " }
                        <code>{ "final-stage-non-root, base-image-pinned, multi-stage, final-base, dependencies-cached-before-source, no-package-cache, exec-form-cmd, healthcheck, env-set, max-layers, exposes" }</code>
                        { ", or " }<code>{ "{\"rule\": \"DW2007\"}" }</code>{ "." }</p>
                    <textarea id="exercise-json" spellcheck="false" rows="14" aria-label="Exercise JSON"
                        value={(*author_text).clone()} oninput={on_author_input} />
                    <button type="button" id="exercise-author-load" onclick={on_author_load}>{ "Open and share this exercise" }</button>
                    { match &*author_error { Some(e) => html! { <p class="error" id="exercise-author-error" role="alert">{ e.clone() }</p> }, None => html! {} } }
                </details>
            </section>
            <Editor source={props.source.clone()} review={props.review.clone()} selection={props.selection}
                live={props.live} on_input={props.on_input.clone()} explain=true />
        </div>
    }
}
