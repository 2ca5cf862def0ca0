//! The app: owns the reducer, runs the debounced review, reads the URL fragment, handles global shortcuts, and
//! lays out the header, the main area (by `Mode`) and the open panel.

use crate::components::editor::Editor;
use crate::components::findings::Findings;
use crate::components::help::Help;
use crate::components::panel::Panel as PanelView;
use crate::components::rewrite::Rewrite;
use crate::components::rules::RuleReference;
use crate::components::settings_panel::SettingsPanel;
use crate::components::toolbar::Toolbar;
use crate::dom;
use crate::embed::{self, Embed};
use crate::examples::EXAMPLES;
use crate::settings::Settings;
use crate::share;
use crate::state::{Action, Mode, Panel, Side, State, Theme};
use crate::worker;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Milliseconds of quiet typing before a review.
const DEBOUNCE_MS: u32 = 150;

/// localStorage: Review mode's text (the embed neither reads nor writes it: it is the host page's example).
const SOURCE_KEY: &str = "dockwise.source";
/// Larger texts are not kept across reloads (writing megabytes on every pause would make typing lag).
const KEEP_LIMIT: usize = 1024 * 1024;

fn initial() -> State {
    let embedded = Embed::current().embed;
    let kept = (!embedded)
        .then(|| dom::stored(SOURCE_KEY))
        .flatten()
        .filter(|t| !t.is_empty());
    let text = kept.unwrap_or_else(|| EXAMPLES[0].1.to_string());
    let mut state = State::new(text, Settings::load());
    state.theme = match dom::stored("dockwise.theme").as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    };
    apply_fragment(&mut state, &dom::fragment());
    let embed = Embed::current();
    if let Some(theme) = embed.theme {
        state.theme = theme;
    }
    if embed.embed {
        state.mode = Mode::Review;
    }
    if state.mode == Mode::Exercise {
        // The exercise loads its own buffer into the editor; Review's text waits aside.
        state.review_text = Some(state.source.clone());
    } else if state.source.len() <= FIRST_REVIEW_HERE_LIMIT {
        // The first review runs before the first render (the worker is not up yet anyway), so the page appears
        // whole: rendering the editor and then its findings moved everything below them (Lighthouse CLS 0.38).
        let worker::Delivered {
            source, review, ms, ..
        } = worker::review_here(state.source.clone(), &state.settings, None);
        expose_reviewed(&source, ms);
        state.rewrite_of = source.clone();
        state.rewrite = Some(review.clone());
        state.reviewed = source;
        state.review = Some(review);
        state.review_ms = ms;
    }
    state
}

/// The largest text reviewed before the first render (about 2,000 lines, tens of milliseconds); larger texts
/// render first and are reviewed right after.
const FIRST_REVIEW_HERE_LIMIT: usize = 64 * 1024;

/// A review's time and text, for tests and the benchmark: `window.__dockwiseLastReviewMs`, `__dockwiseReviewed`.
/// `12.3` from `12.34`, with integer formatting only (f64 formatting would add kilobytes to the bundle).
fn one_decimal(value: f64) -> String {
    let tenths = (value.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn expose_reviewed(source: &str, ms: f64) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__dockwiseLastReviewMs".into(), &ms.into());
        let _ = js_sys::Reflect::set(&w, &"__dockwiseReviewed".into(), &source.into());
    }
}

/// `#s=<share>` loads a shared Dockerfile and settings; `#rule=CODE` opens the rule reference.
fn apply_fragment(state: &mut State, fragment: &str) {
    if let Some(data) = fragment.strip_prefix("s=") {
        match share::decode(data) {
            Ok(shared) => {
                state.source = shared.source;
                state.settings = shared.settings;
                state.mode = Mode::Review;
            }
            Err(why) => {
                state.notice = Some(format!("This share link could not be opened ({why})."))
            }
        }
    } else if let Some(code) = fragment.strip_prefix("rule=") {
        state.mode = Mode::Rules;
        state.rule_focus = Some(code.to_ascii_uppercase());
    } else if fragment.starts_with("x=") {
        state.mode = Mode::Exercise; // the exercise itself is read by crate::exercise
    }
}

/// Show a review (and expose it when complete, `expose_reviewed`; the findings that come first set
/// `window.__dockwiseFindingsOf` to their text, for the benchmark).
fn deliver(dispatcher: UseReducerDispatcher<State>) -> Rc<dyn Fn(worker::Delivered)> {
    Rc::new(move |done: worker::Delivered| {
        let source = done.source.clone();
        let complete = done.complete;
        dispatcher.dispatch(Action::Reviewed {
            source: done.source,
            review: done.review,
            ms: done.ms,
            graded: done.graded,
            complete,
        });
        if complete {
            expose_reviewed(&source, done.ms);
        } else if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::set(&w, &"__dockwiseFindingsOf".into(), &source.into());
        }
    })
}

/// The callbacks made once per app (see `latest` in [`App`]).
#[derive(Clone)]
struct Stable {
    on_input: Callback<String>,
    on_select: Callback<(usize, usize)>,
    on_toggle: Callback<usize>,
    on_filter: Callback<String>,
    on_view: Callback<crate::state::DiffView>,
    on_apply: Callback<dockwise::review::Finding>,
    on_rule: Callback<String>,
    on_copy: Callback<(String, String)>,
    on_download: Callback<(String, String)>,
    on_unsafe: Callback<bool>,
    on_review_once: Callback<()>,
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial);
    let embed = *use_memo((), |_| Embed::current());
    use_effect_with(embed, embed::mark_document);
    // The static shell in index.html has done its job.
    use_effect_with((), |_| dom::remove("shell"));
    let timer = use_mut_ref(|| None::<Timeout>);
    // The review runs in a Web Worker once it is ready (the first one, and any when it cannot start, run here).
    let engine = {
        let dispatcher = state.dispatcher();
        use_mut_ref(move || worker::ReviewWorker::start(deliver(dispatcher)))
    };

    // Live review: at once in the worker, debounced on the main thread; the first review runs at once.
    {
        let dispatcher = state.dispatcher();
        let engine = engine.clone();
        let first = state.review.is_none() && state.reviewed.is_empty();
        let skip = state.is_current() || state.too_large();
        use_effect_with(
            (
                state.source.clone(),
                state.settings.clone(),
                state.exercise.clone(),
            ),
            move |(source, settings, exercise)| {
                if !skip {
                    let (source, settings, exercise) =
                        (source.clone(), settings.clone(), exercise.clone());
                    // The worker takes each text as it is typed, in the same task (one review at a time, the
                    // newest text waiting); a review here blocks the page, so here it waits for a pause in the
                    // typing (the first one, at once, after the page is drawn).
                    if let Some(worker) = engine.borrow().as_ref().filter(|w| w.usable()) {
                        *timer.borrow_mut() = None;
                        // Answered here only when the worker could not take it.
                        if let Some(done) = worker.review(source, &settings, exercise) {
                            deliver(dispatcher)(done);
                        }
                        return;
                    }
                    let delay = if first { 0 } else { DEBOUNCE_MS };
                    *timer.borrow_mut() = Some(Timeout::new(delay, move || {
                        let here =
                            worker::request(engine.borrow().as_ref(), source, &settings, exercise);
                        if let Some(done) = here {
                            deliver(dispatcher)(done);
                        }
                    }));
                } else {
                    *timer.borrow_mut() = None;
                }
            },
        );
    }

    // Review mode's text survives a reload (not an exercise's: each exercise keeps its own).
    use_effect_with((state.source.clone(), state.mode), move |(source, mode)| {
        if !embed.embed && *mode != Mode::Exercise && source.len() <= KEEP_LIMIT {
            dom::store(SOURCE_KEY, source);
        }
    });

    // Theme on <html data-theme>, remembered.
    let system_dark = use_state(dom::prefers_dark);
    use_effect_with(state.theme, move |theme| {
        dom::set_theme_attribute(theme.as_str());
        // A host page's `?theme=` is not the reader's choice: not remembered.
        if embed.theme.is_none() {
            dom::store("dockwise.theme", theme.as_str());
        }
    });
    let dark = match state.theme {
        Theme::System => *system_dark,
        Theme::Dark => true,
        Theme::Light => false,
    };

    // Settings persist in localStorage.
    use_effect_with(state.settings.clone(), |settings| settings.save());

    // Fragment changes (a pasted share link, a #rule= link) and global shortcuts.
    {
        let dispatcher = state.dispatcher();
        let state_ref = use_mut_ref(|| None::<Rc<State>>);
        *state_ref.borrow_mut() = Some(Rc::new((*state).clone()));
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a window");
            let d = dispatcher.clone();
            let hash = EventListener::new(&window, "hashchange", move |_| {
                let fragment = dom::fragment();
                if let Some(code) = fragment.strip_prefix("rule=") {
                    d.dispatch(Action::ShowRule(code.to_ascii_uppercase()));
                } else if fragment.starts_with("s=") {
                    let mut s = State::new(String::new(), Settings::default());
                    apply_fragment(&mut s, &fragment);
                    match s.notice {
                        Some(n) => d.dispatch(Action::Notice(Some(n))),
                        None => {
                            d.dispatch(Action::Settings(s.settings));
                            d.dispatch(Action::Replace(s.source, None));
                            d.dispatch(Action::SetMode(Mode::Review));
                        }
                    }
                }
            });
            let keys = EventListener::new(&window, "keydown", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let in_field = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                    });
                if e.key() == "Escape" {
                    dispatcher.dispatch(Action::ClosePanels);
                } else if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) && !embed.readonly {
                    // Not in exercise mode: it would solve the exercise (see `fix_all`).
                    e.prevent_default();
                    if let Some(s) = state_ref.borrow().as_ref() {
                        fix_all(s, &dispatcher);
                    }
                } else if e.key() == "?" && !in_field {
                    e.prevent_default();
                    dispatcher.dispatch(Action::Open(Panel::Help));
                }
            });
            move || {
                drop(hash);
                drop(keys);
            }
        });
    }

    let d = state.dispatcher();
    // The callbacks the editor, the findings and the rewrite get are made once and read the state as it is when
    // they run (`latest`): a new callback per render would make their props differ on every keystroke, and the
    // findings list and the rewrite render again for nothing.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let stable = {
        let (d, latest, engine) = (d.clone(), latest.clone(), engine.clone());
        use_memo((), move |_| {
            let on_input = {
                let d = d.clone();
                Callback::from(move |text: String| d.dispatch(Action::Edit(text)))
            };
            let on_select = {
                let d = d.clone();
                Callback::from(move |(s, e): (usize, usize)| d.dispatch(Action::Select(s, e)))
            };
            let on_toggle = {
                let d = d.clone();
                Callback::from(move |i: usize| d.dispatch(Action::ToggleSeverity(i)))
            };
            let on_filter = {
                let d = d.clone();
                Callback::from(move |t: String| d.dispatch(Action::Filter(t)))
            };
            let on_view = {
                let d = d.clone();
                Callback::from(move |v: crate::state::DiffView| d.dispatch(Action::SetDiffView(v)))
            };
            let on_apply = {
                let (d, latest) = (d.clone(), latest.clone());
                Callback::from(move |f: dockwise::review::Finding| {
                    let state = latest.borrow().clone();
                    let Some(fix) = &f.fix else { return };
                    if !state.is_current() {
                        return;
                    }
                    match fix.apply(&state.source) {
                        Some(text) => {
                            let at = fix.edits.iter().map(|e| e.start).min().unwrap_or(f.start);
                            let end = at
                                + fix
                                    .edits
                                    .iter()
                                    .map(|e| e.text.len())
                                    .sum::<usize>()
                                    .min(text.len() - at);
                            if dom::replace_editor_text(&text) {
                                d.dispatch(Action::Edit(text));
                                d.dispatch(Action::Select(at, end));
                            } else {
                                d.dispatch(Action::Replace(text, Some((at, end))));
                            }
                        }
                        None => d.dispatch(Action::Notice(Some(
                            "That fix no longer applies to the text.".into(),
                        ))),
                    }
                })
            };
            let on_rule = {
                let d = d.clone();
                Callback::from(move |code: String| {
                    if embed.embed {
                        // The embed has no rule reference: the full playground shows it, in a new tab.
                        embed::open_rule(&code);
                        return;
                    }
                    dom::set_fragment(&format!("rule={code}"));
                    d.dispatch(Action::ShowRule(code));
                })
            };
            let on_copy = {
                let d = d.clone();
                // (text, id of the element showing it): when the clipboard refuses, that text is selected instead.
                Callback::from(move |(text, id): (String, String)| {
                    let d = d.clone();
                    dom::copy(&text, move |ok| {
                        let message = if ok {
                            "Copied.".to_string()
                        } else if dom::select_contents(&id) {
                            "Copy failed (the browser blocked the clipboard): the text is selected, press Ctrl+C to copy it.".into()
                        } else {
                            "Copy failed (the browser blocked the clipboard).".into()
                        };
                        d.dispatch(Action::Notice(Some(message)));
                    });
                })
            };
            let on_download = Callback::from(move |(name, text): (String, String)| {
                dom::download(&name, &text);
            });
            let on_unsafe = {
                let (d, latest) = (d.clone(), latest.clone());
                Callback::from(move |on: bool| {
                    let mut next = latest.borrow().settings.clone();
                    next.unsafe_fixes = on;
                    d.dispatch(Action::Settings(next));
                })
            };
            let on_review_once = {
                let (engine, d, latest) = (engine.clone(), d.clone(), latest.clone());
                Callback::from(move |_| {
                    let state = latest.borrow().clone();
                    let here = worker::request(
                        engine.borrow().as_ref(),
                        state.source.clone(),
                        &state.settings,
                        state.exercise.clone(),
                    );
                    if let Some(done) = here {
                        deliver(d.clone())(done);
                    }
                })
            };
            Stable {
                on_input,
                on_select,
                on_toggle,
                on_filter,
                on_view,
                on_apply,
                on_rule,
                on_copy,
                on_download,
                on_unsafe,
                on_review_once,
            }
        })
    };
    let Stable {
        on_input,
        on_select,
        on_toggle,
        on_filter,
        on_view,
        on_apply,
        on_rule,
        on_copy,
        on_download,
        on_unsafe,
        on_review_once,
    } = (*stable).clone();
    let on_mode = {
        let d = d.clone();
        Callback::from(move |mode: Mode| {
            dom::set_fragment("");
            d.dispatch(Action::SetMode(mode));
        })
    };
    let on_example = {
        let d = d.clone();
        Callback::from(move |i: usize| {
            if let Some((_, text)) = EXAMPLES.get(i) {
                // Mode first: leaving an exercise puts Review's text back, then the example replaces it
                // (undoably when the editor is on screen).
                d.dispatch(Action::SetMode(Mode::Review));
                if dom::replace_editor_text(text) {
                    d.dispatch(Action::Edit(text.to_string()));
                } else {
                    d.dispatch(Action::Replace(text.to_string(), None));
                }
            }
        })
    };
    let on_theme = {
        let d = d.clone();
        Callback::from(move |_| {
            d.dispatch(Action::SetTheme(if dark {
                Theme::Light
            } else {
                Theme::Dark
            }))
        })
    };
    let on_settings_change = {
        let d = d.clone();
        Callback::from(move |s: Settings| d.dispatch(Action::Settings(s)))
    };
    let on_share = {
        let (d, state) = (d.clone(), state.clone());
        Callback::from(move |_| {
            let shared = share::Shared {
                source: state.source.clone(),
                settings: state.settings.clone(),
            };
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let link = match share::encode(&shared).await {
                    Ok(link) => link,
                    Err(why) => return d.dispatch(Action::Notice(Some(why))),
                };
                dom::set_fragment(&format!("s={link}"));
                dom::copy(&dom::href(), move |copied| {
                    d.dispatch(Action::Notice(Some(if copied {
                        "Share link copied. It holds your Dockerfile and settings in the URL fragment, which is never sent to a server.".into()
                    } else {
                        "Copy failed (the browser blocked the clipboard): the share link is in the address bar.".into()
                    })))
                });
            });
        })
    };
    let on_fix_all = {
        let (d, state) = (d.clone(), state.clone());
        Callback::from(move |_| fix_all(&state, &d))
    };
    let close = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::ClosePanels))
    };
    let open = |panel: Panel| {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Open(panel)))
    };

    let current = state.is_current().then(|| state.review.clone()).flatten();
    let mode = if embed.embed {
        Mode::Review
    } else {
        state.mode
    };
    // The last review stays on screen (marked stale) until the next one arrives.
    let stale = state.review.is_some() && !state.is_current();
    let too_large = state.too_large().then_some(state.source.len());
    let side_tab = |side: Side, label: String, id: &str, panel: &str| {
        let d = d.clone();
        let selected = state.side == side;
        html! {
            <button type="button" role="tab" id={id.to_string()} aria-controls={panel.to_string()}
                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                onclick={Callback::from(move |_| d.dispatch(Action::SetSide(side)))}>{ label }</button>
        }
    };
    let on_side_key = {
        let (d, side) = (d.clone(), state.side);
        Callback::from(move |e: KeyboardEvent| {
            let next = match (e.key().as_str(), side) {
                ("ArrowRight" | "ArrowLeft" | "Home" | "End", Side::Findings) => Side::Rewrite,
                ("ArrowRight" | "ArrowLeft" | "Home" | "End", Side::Rewrite) => Side::Findings,
                _ => return,
            };
            e.prevent_default();
            d.dispatch(Action::SetSide(next));
            dom::focus(if next == Side::Findings {
                "side-findings"
            } else {
                "side-rewrite"
            });
        })
    };
    let count = state
        .review
        .as_ref()
        .map_or(String::new(), |r| format!(" ({})", r.findings.len()));
    let main = match mode {
        Mode::Review => html! {
            <div class="workspace">
                <Editor source={state.source.clone()} review={state.review.clone()} {stale} selection={state.selection}
                    live={!state.too_large()} {on_input} readonly={embed.readonly}
                    explain={!embed.embed} on_fix={(!embed.readonly).then(|| on_apply.clone())} />
                <div class="side">
                    <div class="side-tabs" role="tablist" aria-label="Review results" onkeydown={on_side_key}>
                        { side_tab(Side::Findings, format!("Findings{count}"), "side-findings", "side-findings-panel") }
                        { side_tab(Side::Rewrite, "Rewrite".into(), "side-rewrite", "side-rewrite-panel") }
                    </div>
                    // An older review stays on screen, marked busy (on the panel, so the list is not rendered
                    // again for each keystroke).
                    <div role="tabpanel" id="side-findings-panel" aria-labelledby="side-findings"
                        hidden={state.side != Side::Findings} class={classes!(stale.then_some("stale"))}
                        aria-busy={stale.to_string()}>
                        <Findings review={state.review.clone()} outdated={stale && too_large.is_some()} {too_large} {on_review_once}
                            shown={state.shown} filter={state.filter.clone()}
                            {on_toggle} {on_filter}
                            {on_select} on_apply={on_apply.clone()} on_rule={on_rule.clone()} readonly={embed.readonly} />
                    </div>
                    <div role="tabpanel" id="side-rewrite-panel" aria-labelledby="side-rewrite"
                        hidden={state.side != Side::Rewrite} aria-busy={(state.rewrite_of != state.source).to_string()}>
                        <Rewrite review={state.rewrite.clone()} reviewed={state.rewrite_of.clone()} view={state.diff_view}
                            unsafe_fixes={state.settings.unsafe_fixes}
                            {on_view}
                            {on_unsafe} {on_copy} {on_download} on_rule={on_rule.clone()}
                            shown={state.side == Side::Rewrite} />
                    </div>
                </div>
            </div>
        },
        Mode::Rules => html! {
            <RuleReference query={state.rule_query.clone()} focus={state.rule_focus.clone()}
                on_query={let d = d.clone(); Callback::from(move |t| d.dispatch(Action::RuleQuery(t)))} />
        },
        Mode::Exercise => html! {
            <crate::exercise::ExerciseMode source={state.source.clone()} review={current.clone()}
                graded={state.graded.clone()} reviewed={state.reviewed.clone()}
                on_exercise={let d = d.clone(); Callback::from(move |e| d.dispatch(Action::Exercise(e)))}
                selection={state.selection} live={!state.too_large()} on_input={on_input.clone()}
                on_load={let d = d.clone(); Callback::from(move |t| d.dispatch(Action::Replace(t, None)))} />
        },
    };
    let panel = match state.panel {
        Some(Panel::Settings) => html! {
            <PanelView id="settings" title="Settings" on_close={close.clone()}>
                <SettingsPanel settings={state.settings.clone()} on_change={on_settings_change} />
            </PanelView>
        },
        Some(Panel::Help) => html! {
            <PanelView id="help" title="Keyboard shortcuts" on_close={close.clone()}><Help /></PanelView>
        },
        None => html! {},
    };
    let notice = match &state.notice {
        Some(n) => html! {
            <div class="notice" role="status" id="notice">
                <span>{ n.clone() }</span>
                <button type="button" aria-label="Dismiss" onclick={let d = d.clone(); Callback::from(move |_| d.dispatch(Action::Notice(None)))}>{ "✕" }</button>
            </div>
        },
        None => html! {},
    };
    if embed.embed {
        // The compact embed: editor, findings and rewrite, and a link to the full playground.
        return html! {
            <div class={classes!("app", "embed", if dark { "dark" } else { "light" })}>
                <header class="embed-bar">
                    <h1 class="sr-only">{ "Dockwise: Dockerfile review" }</h1>
                    <a id="open-in-dockwise" href={embed::open_in_dockwise()} target="_blank" rel="noopener">
                        { "Open in Dockwise ↗" }</a>
                </header>
                { notice }
                <main id="main">{ main }</main>
            </div>
        };
    }
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        dom::focus(if dom::exists("source") {
            "source"
        } else {
            "main"
        });
    });
    html! {
        <div class={classes!("app", if dark { "dark" } else { "light" })}>
            <a class="skip-link" href="#main" onclick={skip}>{ "Skip to the editor" }</a>
            <Toolbar mode={state.mode} theme={state.theme} {dark} {on_example} {on_mode} {on_theme}
                on_settings={open(Panel::Settings)} {on_share} on_help={open(Panel::Help)} {on_fix_all}
                readonly={embed.readonly} />
            { notice }
            <main id="main" tabindex="-1">{ main }</main>
            { panel }
            <footer class="footer">
                <span>{ "Runs entirely in your browser (Rust → WebAssembly). " }</span>
                <span id="data-date" class="muted">{ format!("Base-image data: {}. ", dockwise::data::base_images::LAST_VERIFIED) }</span>
                { if state.review.is_some() { html!{ <span id="review-ms" class="muted">{ format!("Last review: {} ms", one_decimal(state.review_ms)) }</span> } } else { html!{} } }
            </footer>
        </div>
    }
}

/// Ctrl+Enter / "Fix all": apply every safe fix to the editor's text.
fn fix_all(state: &State, d: &UseReducerDispatcher<State>) {
    // Too large, or an exercise (Fix all would solve it for the student).
    if state.too_large() || state.mode == Mode::Exercise {
        return;
    }
    let mut config = state.settings.config();
    config.unsafe_fixes = false;
    let fixed = dockwise::fix::fix(&state.source, &config, false);
    if fixed.text != state.source {
        if dom::replace_editor_text(&fixed.text) {
            d.dispatch(Action::Edit(fixed.text));
        } else {
            d.dispatch(Action::Replace(fixed.text, None));
        }
        d.dispatch(Action::Notice(Some(format!(
            "Applied {} safe fix(es).",
            fixed.changes.len()
        ))));
    }
}
