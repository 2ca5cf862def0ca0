//! The review off the main thread: a module Web Worker (`web/worker.js`) loads the SAME wasm-bindgen glue and
//! `.wasm` the page loaded (same URLs, so the browser's cache serves them: no second binary, no extra bytes) and
//! answers `{id, source, settings, exercise}` with `review_for_worker`'s JSON (the review and, in exercise mode, the
//! grade of the same text) in two messages: the findings as soon as they are known, then the review with its
//! rewrite. One request is in the worker at a time (the newest text typed meanwhile waits, [`Flight`]). The page
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
/// `early` is called first with the findings and the grade (an [`Answer`] whose review has no rewrite yet), so
/// the page shows them while the rewrite is computed.
#[wasm_bindgen]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn review_for_worker(
    source: &str,
    settings_json: &str,
    exercise_json: &str,
    early: &js_sys::Function,
) -> String {
    answer_json(source, settings_json, exercise_json, &mut |json| {
        let _ = early.call1(&JsValue::NULL, &json.into());
    })
}

fn answer_json(
    source: &str,
    settings_json: &str,
    exercise_json: &str,
    early: &mut dyn FnMut(String),
) -> String {
    let settings: Settings = serde_json::from_str(settings_json).unwrap_or_default();
    let exercise = Exercise::from_json(exercise_json).ok();
    let answer = answer(
        source,
        &settings,
        exercise.as_ref(),
        &mut |review, graded| {
            if let Ok(json) = serde_json::to_string(&AnswerOf { review, graded }) {
                early(json);
            }
        },
    );
    let (review, graded) = (&answer.review, answer.graded.as_ref());
    serde_json::to_string(&AnswerOf { review, graded }).unwrap_or_default()
}

/// What a review request is answered with (read back on the page; written as [`AnswerOf`]).
#[derive(Deserialize)]
struct Answer {
    review: Review,
    graded: Option<ExerciseResult>,
}

/// An [`Answer`] as the worker writes it, from borrowed parts.
#[derive(Serialize)]
struct AnswerOf<'a> {
    review: &'a Review,
    graded: Option<&'a ExerciseResult>,
}

fn answer(
    source: &str,
    settings: &Settings,
    exercise: Option<&Exercise>,
    early: &mut dyn FnMut(&Review, Option<&ExerciseResult>),
) -> Answer {
    let (review, graded) =
        dockwise::review::review_live(source, &settings.config(), exercise, early);
    Answer { review, graded }
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
    /// The review has its rewrite (not only the findings, which come first from the worker).
    pub complete: bool,
}

/// An exercise and a text's grade against it.
pub type Graded = (Rc<Exercise>, Rc<ExerciseResult>);

/// A review request: its text, settings and open exercise.
type Request = (String, Settings, Option<Rc<Exercise>>);

/// One review in the worker at a time: a request made while one is in flight waits, and a newer one replaces
/// it (only the newest text matters), so a fast typist never builds a backlog and each answer is at most one
/// review behind.
#[derive(Default)]
struct Flight {
    latest: u32,
    in_flight: Option<Request>,
    waiting: Option<Request>,
}

impl Flight {
    /// The request to post now with its id, or `None` when it waits for the one in flight.
    fn ask(&mut self, request: Request) -> Option<(u32, Request)> {
        if self.in_flight.is_some() {
            self.waiting = Some(request);
            return None;
        }
        self.latest = self.latest.wrapping_add(1);
        self.in_flight = Some(request.clone());
        Some((self.latest, request))
    }

    /// The findings of request `id` came (the rest is on its way): the request (`None` for an unknown id).
    fn early(&self, id: f64) -> Option<Request> {
        self.in_flight
            .clone()
            .filter(|_| id == f64::from(self.latest))
    }

    /// The answer `id` came: the request it answers (`None` for an unknown id), and the waiting one to post.
    fn answered(&mut self, id: f64) -> (Option<Request>, Option<(u32, Request)>) {
        if id != f64::from(self.latest) || self.in_flight.is_none() {
            return (None, None);
        }
        let done = self.in_flight.take();
        let next = self.waiting.take().and_then(|r| self.ask(r));
        (done, next)
    }

    /// The worker failed: the newest request it owed, to review elsewhere.
    fn abandon(&mut self) -> Option<Request> {
        let in_flight = self.in_flight.take();
        self.waiting.take().or(in_flight)
    }
}

#[derive(Default)]
struct Inner {
    ready: bool,
    failed: bool,
    flight: Flight,
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
            let (inner, deliver, poster) = (inner.clone(), deliver.clone(), worker.clone());
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
                if get("early").and_then(|v| v.as_bool()) == Some(true) {
                    let request = inner.borrow().flight.early(id);
                    if let Some((source, _, exercise)) = request {
                        if let Some(answer) = from_json(&json) {
                            deliver(delivered(source, answer, ms, exercise, false));
                        }
                    }
                    return;
                }
                let (answered, next) = inner.borrow_mut().flight.answered(id);
                let Some((source, settings, exercise)) = answered else {
                    return;
                };
                // The text typed meanwhile goes to the worker before this answer is shown.
                if let Some((id, request)) = next {
                    if !post(&poster, id, &request) {
                        fail(&inner, &*deliver);
                    }
                }
                let start = dom::now();
                match from_json(&json) {
                    Some(answer) => {
                        expose("__dockwiseMainThreadMs", dom::now() - start);
                        set_engine("worker");
                        deliver(delivered(source, answer, ms, exercise, true));
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

    /// Reviews go to the worker (it said it is ready and has not failed).
    pub fn usable(&self) -> bool {
        let state = self.inner.borrow();
        state.ready && !state.failed
    }

    /// Review (and grade, when an exercise is open) `source` in the worker when it is ready; otherwise here, at
    /// once (the returned review).
    pub fn review(
        &self,
        source: String,
        settings: &Settings,
        exercise: Option<Rc<Exercise>>,
    ) -> Option<Delivered> {
        if !self.usable() {
            return Some(review_here(source, settings, exercise));
        }
        let ask = self
            .inner
            .borrow_mut()
            .flight
            .ask((source, settings.clone(), exercise));
        match ask {
            Some((id, request)) if !post(&self.worker, id, &request) => {
                let (source, settings, exercise) = request;
                self.inner.borrow_mut().failed = true;
                Some(review_here(source, &settings, exercise))
            }
            _ => None,
        }
    }
}

/// Send a request to the worker; false when it cannot be sent.
fn post(worker: &web_sys::Worker, id: u32, (source, settings, exercise): &Request) -> bool {
    let Ok(settings) = serde_json::to_string(settings) else {
        return false;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&message, &"source".into(), &source.as_str().into());
    let _ = js_sys::Reflect::set(&message, &"settings".into(), &settings.into());
    let exercise_json = exercise.as_ref().map(|e| e.to_json()).unwrap_or_default();
    let _ = js_sys::Reflect::set(&message, &"exercise".into(), &exercise_json.into());
    worker.post_message(&message).is_ok()
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
        state.flight.abandon()
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
    let answer = answer(&source, settings, exercise.as_deref(), &mut |_, _| ());
    let ms = dom::now() - start;
    expose("__dockwiseMainThreadMs", ms);
    set_engine("main");
    delivered(source, answer, ms, exercise, true)
}

fn delivered(
    source: String,
    answer: Answer,
    ms: f64,
    exercise: Option<Rc<Exercise>>,
    complete: bool,
) -> Delivered {
    let graded = exercise.zip(answer.graded.map(Rc::new));
    Delivered {
        source,
        review: Rc::new(answer.review),
        ms,
        graded,
        complete,
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
        let mut early = Vec::new();
        let json = answer_json(source, &settings_json, "", &mut |json| early.push(json));
        let answer = from_json(&json).unwrap();
        assert_eq!((answer.review, answer.graded), (review.clone(), None));
        // The findings came first, alone.
        let [first] = early.as_slice() else {
            panic!("one early answer: {early:?}")
        };
        let first = from_json(first).unwrap();
        let findings = dockwise::review_findings(source, &settings.config());
        assert_eq!((&first.review, &first.graded), (&findings, &None));
        // In exercise mode the same text is graded too, and the grade comes with the findings.
        let exercise = dockwise::exercise::builtins()[0].exercise().unwrap();
        let mut early = Vec::new();
        let json = answer_json(source, &settings_json, &exercise.to_json(), &mut |json| {
            early.push(json)
        });
        let answer = from_json(&json).unwrap();
        let graded = dockwise::exercise::check(&exercise, source);
        assert_eq!(
            (answer.review, answer.graded),
            (review, Some(graded.clone()))
        );
        let first = from_json(&early[0]).unwrap();
        assert_eq!((first.review, first.graded), (findings, Some(graded)));
    }

    fn request(text: &str) -> Request {
        (text.to_string(), Settings::default(), None)
    }

    #[test]
    fn one_review_in_flight_and_only_the_newest_text_waits() {
        let mut flight = Flight::default();
        let (first, _) = flight.ask(request("a")).expect("nothing in flight: posted");
        assert!(flight.ask(request("ab")).is_none(), "waits");
        assert!(
            flight.ask(request("abc")).is_none(),
            "replaces the waiting one"
        );
        assert_eq!(
            flight.answered(f64::from(first + 7)),
            (None, None),
            "an unknown id"
        );
        let (done, next) = flight.answered(f64::from(first));
        assert_eq!(done.map(|r| r.0).as_deref(), Some("a"));
        let (second, waiting) = next.expect("the waiting text is posted");
        assert_eq!((second, waiting.0.as_str()), (first + 1, "abc"));
        let (done, next) = flight.answered(f64::from(second));
        assert_eq!(
            (done.map(|r| r.0).as_deref(), next.is_none()),
            (Some("abc"), true)
        );
        assert_eq!(
            flight.answered(f64::from(second)),
            (None, None),
            "answered once"
        );
        assert!(
            flight.ask(request("x")).is_some(),
            "idle again: posted at once"
        );
    }

    #[test]
    fn a_failed_worker_owes_the_newest_text() {
        let mut flight = Flight::default();
        flight.ask(request("a"));
        assert_eq!(flight.abandon().map(|r| r.0).as_deref(), Some("a"));
        flight.ask(request("a"));
        flight.ask(request("ab"));
        assert_eq!(flight.abandon().map(|r| r.0).as_deref(), Some("ab"));
        assert!(flight.abandon().is_none());
    }

    #[test]
    fn broken_json_is_refused() {
        assert!(from_json("{\"findings\": 3}").is_none());
        assert!(from_json("{\"review\": {\"findings\": 3}, \"graded\": null}").is_none());
    }
}
