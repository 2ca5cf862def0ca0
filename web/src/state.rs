//! The playground's whole state in one reducer: components receive slices of it and dispatch `Action`s.

use crate::settings::Settings;
use crate::worker::Graded;
use dockwise::exercise::Exercise;
use dockwise::{Review, Severity};
use std::rc::Rc;
use yew::Reducible;

/// Inputs larger than this are shown but not reviewed live (a 10 MB paste must keep the page responsive).
pub const LIVE_LIMIT: usize = 256 * 1024;

/// The main area's mode. The classroom's exercise mode is added here (and as one arm in `app.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Review,
    Rules,
    Exercise,
}

/// An overlay panel; at most one is open, Esc closes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Settings,
    Help,
}

/// What the side of the review shows: the findings or the rewrite (tabs beside or under the editor).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Findings,
    Rewrite,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffView {
    SideBySide,
    Unified,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Where the editor should put its selection next (`seq` makes a repeated request distinct).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub start: usize,
    pub end: usize,
    pub seq: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub source: String,
    /// The review of `reviewed` (the text as it was when reviewed; the editor shows `source`).
    pub review: Option<Rc<Review>>,
    pub reviewed: String,
    /// The last review with its rewrite, and the text it rewrote: the worker sends a text's findings first, and
    /// the rewrite panel shows this until the text's rewrite comes.
    pub rewrite: Option<Rc<Review>>,
    pub rewrite_of: String,
    /// Milliseconds the last review took.
    pub review_ms: f64,
    pub settings: Settings,
    pub mode: Mode,
    pub panel: Option<Panel>,
    pub diff_view: DiffView,
    pub theme: Theme,
    /// Severities shown in the findings panel (style, info, warning, error).
    pub shown: [bool; 4],
    pub filter: String,
    pub rule_query: String,
    /// The rule to scroll to in the reference (`#rule=DW2007`).
    pub rule_focus: Option<String>,
    pub selection: Option<Selection>,
    /// A message for the user (a broken share link, a copy that failed...).
    pub notice: Option<String>,
    pub side: Side,
    /// Review mode's text while an exercise has the editor (each exercise keeps its own buffer).
    pub review_text: Option<String>,
    /// The exercise open in exercise mode: every review of the text is graded against it too, in the worker.
    pub exercise: Option<Rc<Exercise>>,
    /// The grade of `reviewed` against the exercise named beside it.
    pub graded: Option<Graded>,
}

impl State {
    pub fn new(source: String, settings: Settings) -> State {
        State {
            source,
            review: None,
            reviewed: String::new(),
            rewrite: None,
            rewrite_of: String::new(),
            review_ms: 0.0,
            settings,
            mode: Mode::Review,
            panel: None,
            diff_view: DiffView::SideBySide,
            theme: Theme::System,
            shown: [true; 4],
            filter: String::new(),
            rule_query: String::new(),
            rule_focus: None,
            selection: None,
            notice: None,
            side: Side::Findings,
            review_text: None,
            exercise: None,
            graded: None,
        }
    }

    /// True when the review on screen is for the text in the editor (and, with an exercise open, so is its grade).
    pub fn is_current(&self) -> bool {
        let graded = match &self.exercise {
            Some(exercise) => self.graded.as_ref().is_some_and(|(e, _)| e == exercise),
            None => true,
        };
        self.review.is_some() && self.reviewed == self.source && graded
    }

    pub fn too_large(&self) -> bool {
        self.source.len() > LIVE_LIMIT
    }
}

pub fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Style => 0,
        Severity::Info => 1,
        Severity::Warning => 2,
        Severity::Error => 3,
    }
}

pub enum Action {
    Edit(String),
    /// The exercise now open (`None` when exercise mode closes).
    Exercise(Option<Rc<Exercise>>),
    Reviewed {
        source: String,
        review: Rc<Review>,
        ms: f64,
        graded: Option<Graded>,
        /// With its rewrite (not the findings alone).
        complete: bool,
    },
    /// Replace the text and select a range in it (applying a fix).
    Replace(String, Option<(usize, usize)>),
    Settings(Settings),
    SetMode(Mode),
    SetSide(Side),
    Open(Panel),
    ClosePanels,
    SetDiffView(DiffView),
    SetTheme(Theme),
    ToggleSeverity(usize),
    Filter(String),
    RuleQuery(String),
    ShowRule(String),
    Select(usize, usize),
    Notice(Option<String>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => next.source = text,
            Action::Exercise(exercise) => next.exercise = exercise,
            Action::Reviewed {
                source,
                review,
                ms,
                graded,
                complete,
            } => {
                if complete {
                    next.rewrite = Some(review.clone());
                    next.rewrite_of = source.clone();
                }
                next.reviewed = source;
                next.review = Some(review);
                next.review_ms = ms;
                next.graded = graded;
            }
            Action::Replace(text, select) => {
                next.source = text;
                if let Some((start, end)) = select {
                    next.selection = Some(next_selection(&self, start, end));
                }
            }
            Action::Settings(settings) => {
                next.settings = settings;
                // Force a new review with the new settings.
                next.reviewed.clear();
                next.review = None;
                next.rewrite_of.clear();
                next.rewrite = None;
            }
            Action::SetMode(mode) => switch_mode(&mut next, mode),
            Action::SetSide(side) => next.side = side,
            Action::Open(panel) => next.panel = Some(panel),
            Action::ClosePanels => {
                next.panel = None;
                next.notice = None;
            }
            Action::SetDiffView(view) => next.diff_view = view,
            Action::SetTheme(theme) => next.theme = theme,
            Action::ToggleSeverity(i) => {
                if let Some(shown) = next.shown.get_mut(i) {
                    *shown = !*shown;
                }
            }
            Action::Filter(text) => next.filter = text,
            Action::RuleQuery(text) => next.rule_query = text,
            Action::ShowRule(code) => {
                switch_mode(&mut next, Mode::Rules);
                next.rule_focus = Some(code);
            }
            Action::Select(start, end) => next.selection = Some(next_selection(&self, start, end)),
            Action::Notice(text) => next.notice = text,
        }
        Rc::new(next)
    }
}

/// Entering an exercise keeps Review's text aside; leaving it puts that text back.
fn switch_mode(next: &mut State, mode: Mode) {
    match (next.mode == Mode::Exercise, mode == Mode::Exercise) {
        (false, true) => next.review_text = Some(next.source.clone()),
        (true, false) => {
            if let Some(text) = next.review_text.take() {
                next.source = text;
            }
        }
        _ => {}
    }
    next.mode = mode;
}

fn next_selection(state: &State, start: usize, end: usize) -> Selection {
    Selection {
        start,
        end,
        seq: state.selection.map_or(1, |s| s.seq.wrapping_add(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> Rc<State> {
        Rc::new(State::new("FROM alpine\n".into(), Settings::default()))
    }

    #[test]
    fn editing_marks_the_review_stale() {
        let s = state().reduce(Action::Edit("FROM debian\n".into()));
        assert!(!s.is_current());
        assert_eq!(s.source, "FROM debian\n");
    }

    #[test]
    fn the_rewrite_shown_is_the_last_complete_review_until_the_next_one_comes() {
        let reviewed = |source: &str, complete: bool| Action::Reviewed {
            source: source.into(),
            review: Rc::new(dockwise::review_findings(source, &Default::default())),
            ms: 1.0,
            graded: None,
            complete,
        };
        let s = state().reduce(reviewed("FROM alpine\n", true));
        assert_eq!(s.rewrite_of, "FROM alpine\n");
        let s = s
            .reduce(Action::Edit("FROM debian\n".into()))
            .reduce(reviewed("FROM debian\n", false));
        assert!(s.is_current(), "the findings of the text are on screen");
        assert_eq!(
            s.rewrite_of, "FROM alpine\n",
            "the rewrite is still the older one"
        );
        assert_eq!(
            s.rewrite.as_ref().map(|r| r.rewritten.as_str()),
            Some("FROM alpine\n")
        );
        let s = s.reduce(reviewed("FROM debian\n", true));
        assert_eq!(s.rewrite_of, "FROM debian\n");
        let s = s.reduce(Action::Settings(Settings {
            unsafe_fixes: true,
            ..Settings::default()
        }));
        assert!(
            s.rewrite.is_none() && s.rewrite_of.is_empty(),
            "other settings, another rewrite"
        );
    }

    #[test]
    fn repeated_selections_are_distinct() {
        let s = state().reduce(Action::Select(1, 2));
        let t = s.clone().reduce(Action::Select(1, 2));
        assert_ne!(s.selection, t.selection);
    }

    #[test]
    fn an_exercise_does_not_overwrite_the_review_text() {
        let s = state()
            .reduce(Action::SetMode(Mode::Exercise))
            .reduce(Action::Replace("FROM exercise\n".into(), None))
            .reduce(Action::Edit("FROM exercise:1\n".into()))
            .reduce(Action::SetMode(Mode::Rules));
        assert_eq!(s.source, "FROM alpine\n");
        assert_eq!(s.review_text, None);
    }

    #[test]
    fn escape_closes_the_open_panel() {
        let s = state()
            .reduce(Action::Open(Panel::Help))
            .reduce(Action::ClosePanels);
        assert_eq!(s.panel, None);
    }

    #[test]
    fn showing_a_rule_switches_to_the_reference() {
        let s = state().reduce(Action::ShowRule("DW2007".into()));
        assert_eq!(s.mode, Mode::Rules);
        assert_eq!(s.rule_focus.as_deref(), Some("DW2007"));
    }
}
