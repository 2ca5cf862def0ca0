//! The review off the main thread: a module Web Worker (`web/worker.js`) loads the SAME wasm-bindgen glue and
//! `.wasm` the page loaded (same URLs, so the browser's cache serves them: no second binary, no extra bytes) and
//! answers `{id, source, settings, exercise}` with `review_for_worker`'s JSON (the review and, in exercise mode, the
//! grade of the same text). The page applies only the newest answer and
//! reviews synchronously until the worker says it is ready, or for good when the worker cannot start or fails.
//! `<html data-review-engine>` says which one ran last ("worker" or "main"), for tests.

use crate::dom;
use crate::settings::Settings;
use dockwise::exercise::{Exercise, ExerciseResult};
use dockwise::Review;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's entry point: the review of `source` with the playground's settings (JSON) and, when an exercise
/// is open (its JSON; empty otherwise), the grade of the same text, from the one analysis: an [`Answer`] as JSON.
#[wasm_bindgen]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn review_for_worker(source: &str, settings_json: &str, exercise_json: &str) -> String {
    let settings: Settings = serde_json::from_str(settings_json).unwrap_or_default();
    let exercise = Exercise::from_json(exercise_json).ok();
    serde_json::to_string(&answer(source, &settings, exercise.as_ref())).unwrap_or_default()
}

/// What a review request is answered with.
#[derive(Serialize, Deserialize)]
struct Answer {
    review: Review,
    graded: Option<ExerciseResult>,
}

fn answer(source: &str, settings: &Settings, exercise: Option<&Exercise>) -> Answer {
    let config = settings.config();
    match exercise {
        Some(exercise) => {
            let (review, graded) = dockwise::review::review_graded(source, &config, exercise);
            Answer {
                review,
                graded: Some(graded),
            }
        }
        None => Answer {
            review: dockwise::review(source, &config),
            graded: None,
        },
    }
}

/// A review delivered to the app.
pub struct Delivered {
    /// The text it is for.
    pub source: String,
    pub review: Rc<Review>,
    /// Milliseconds it took to compute.
    pub ms: f64,
    /// The grade of the same text against the exercise open when it was asked for.
    pub graded: Option<Graded>,
}

/// An exercise and a text's grade against it.
pub type Graded = (Rc<Exercise>, Rc<ExerciseResult>);

/// The newest request: its text, settings and open exercise.
type Request = (String, Settings, Option<Rc<Exercise>>);

#[derive(Default)]
struct Inner {
    ready: bool,
    failed: bool,
    latest: u32,
    pending: Option<Request>,
}

pub struct ReviewWorker {
    worker: web_sys::Worker,
    inner: Rc<RefCell<Inner>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl ReviewWorker {
    /// Start the worker with the glue and wasm URLs boot.js was given; `None` when that is impossible.
    pub fn start(deliver: Rc<dyn Fn(Delivered)>) -> Option<ReviewWorker> {
        let document = web_sys::window()?.document()?;
        let boot = document.get_element_by_id("dockwise-boot")?;
        let (js, wasm) = (
            boot.get_attribute("data-js")?,
            boot.get_attribute("data-wasm")?,
        );
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("worker.js", &options).ok()?;
        let inner = Rc::new(RefCell::new(Inner::default()));
        let on_message = {
            let (inner, deliver) = (inner.clone(), deliver.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok();
                if get("ready").and_then(|v| v.as_bool()) == Some(true) {
                    inner.borrow_mut().ready = true;
                    if let Some(w) = web_sys::window() {
                        let _ =
                            js_sys::Reflect::set(&w, &"__dockwiseWorkerReady".into(), &true.into());
                    }
                    return;
                }
                if get("error").is_some_and(|v| !v.is_undefined()) {
                    fail(&inner, &*deliver);
                    return;
                }
                let id = get("id").and_then(|v| v.as_f64()).unwrap_or(-1.0);
                let json = get("json").and_then(|v| v.as_string()).unwrap_or_default();
                let ms = get("ms").and_then(|v| v.as_f64()).unwrap_or(0.0);
                let (source, settings, exercise) = {
                    let mut state = inner.borrow_mut();
                    if id != f64::from(state.latest) {
                        return; // a stale answer: a newer request is on its way
                    }
                    match state.pending.take() {
                        Some(pending) => pending,
                        None => return,
                    }
                };
                let start = dom::now();
                match from_json(&json) {
                    Some(answer) => {
                        expose("__dockwiseMainThreadMs", dom::now() - start);
                        set_engine("worker");
                        deliver(delivered(source, answer, ms, exercise));
                    }
                    None => {
                        inner.borrow_mut().failed = true;
                        deliver(review_here(source, &settings, exercise));
                    }
                }
            })
        };
        let on_error = {
            let (inner, deliver) = (inner.clone(), deliver.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
                fail(&inner, &*deliver)
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let init = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&init, &"js".into(), &js.into());
        let _ = js_sys::Reflect::set(&init, &"wasm".into(), &wasm.into());
        worker.post_message(&init).ok()?;
        Some(ReviewWorker {
            worker,
            inner,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Review (and grade, when an exercise is open) `source` in the worker when it is ready; otherwise here, at
    /// once (the returned review).
    pub fn review(
        &self,
        source: String,
        settings: &Settings,
        exercise: Option<Rc<Exercise>>,
    ) -> Option<Delivered> {
        let usable = {
            let state = self.inner.borrow();
            state.ready && !state.failed
        };
        let json = serde_json::to_string(settings).ok();
        match json {
            Some(json) if usable => {
                let message = js_sys::Object::new();
                let id = {
                    let mut state = self.inner.borrow_mut();
                    state.latest = state.latest.wrapping_add(1);
                    state.pending = Some((source.clone(), settings.clone(), exercise.clone()));
                    state.latest
                };
                let _ = js_sys::Reflect::set(&message, &"id".into(), &id.into());
                let _ = js_sys::Reflect::set(&message, &"source".into(), &source.as_str().into());
                let _ = js_sys::Reflect::set(&message, &"settings".into(), &json.into());
                let exercise_json = exercise.as_ref().map(|e| e.to_json()).unwrap_or_default();
                let _ = js_sys::Reflect::set(&message, &"exercise".into(), &exercise_json.into());
                if self.worker.post_message(&message).is_ok() {
                    return None;
                }
                self.inner.borrow_mut().failed = true;
                Some(review_here(source, settings, exercise))
            }
            _ => Some(review_here(source, settings, exercise)),
        }
    }
}

impl Drop for ReviewWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The worker broke: review from now on here, starting with the request it owed.
fn fail(inner: &Rc<RefCell<Inner>>, deliver: &dyn Fn(Delivered)) {
    let pending = {
        let mut state = inner.borrow_mut();
        state.failed = true;
        state.pending.take()
    };
    if let Some((source, settings, exercise)) = pending {
        deliver(review_here(source, &settings, exercise));
    }
}

/// Review `source` with `worker` when there is one (the answer comes later, `None` here), or here at once.
pub fn request(
    worker: Option<&ReviewWorker>,
    source: String,
    settings: &Settings,
    exercise: Option<Rc<Exercise>>,
) -> Option<Delivered> {
    match worker {
        Some(w) => w.review(source, settings, exercise),
        None => Some(review_here(source, settings, exercise)),
    }
}

/// Review on the main thread (the fallback, and the first review before the worker is ready).
pub fn review_here(
    source: String,
    settings: &Settings,
    exercise: Option<Rc<Exercise>>,
) -> Delivered {
    let start = dom::now();
    let answer = answer(&source, settings, exercise.as_deref());
    let ms = dom::now() - start;
    expose("__dockwiseMainThreadMs", ms);
    set_engine("main");
    delivered(source, answer, ms, exercise)
}

fn delivered(source: String, answer: Answer, ms: f64, exercise: Option<Rc<Exercise>>) -> Delivered {
    let graded = exercise.zip(answer.graded.map(Rc::new));
    Delivered {
        source,
        review: Rc::new(answer.review),
        ms,
        graded,
    }
}

fn expose(key: &str, ms: f64) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &key.into(), &ms.into());
    }
}

fn set_engine(engine: &str) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("data-review-engine", engine);
    }
}

/// The worker's answer read back (`None` when it is not a review of this build's rules).
fn from_json(json: &str) -> Option<Answer> {
    serde_json::from_str(json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_reads_back_into_the_same_review_and_grade() {
        let source = "FROM python:latest\nRUN pip install flask\nRUN apt-get update\nCOPY . /app\n";
        let settings = Settings {
            unsafe_fixes: true,
            ..Settings::default()
        };
        let settings_json = serde_json::to_string(&settings).unwrap();
        let review = dockwise::review(source, &settings.config());
        assert!(!review.findings.is_empty() && !review.changes.is_empty());
        let answer = from_json(&review_for_worker(source, &settings_json, "")).unwrap();
        assert_eq!((answer.review, answer.graded), (review.clone(), None));
        // In exercise mode the same text is graded too.
        let exercise = dockwise::exercise::builtins()[0].exercise().unwrap();
        let json = review_for_worker(source, &settings_json, &exercise.to_json());
        let answer = from_json(&json).unwrap();
        let graded = dockwise::exercise::check(&exercise, source);
        assert_eq!((answer.review, answer.graded), (review, Some(graded)));
    }

    #[test]
    fn broken_json_is_refused() {
        assert!(from_json("{\"findings\": 3}").is_none());
        assert!(from_json("{\"review\": {\"findings\": 3}, \"graded\": null}").is_none());
    }
}
