//! The editor: a transparent textarea over a highlighted layer (same font, same box), line numbers, gutter
//! markers by severity (message on hover and keyboard focus), underlines at each finding's span, and the
//! messages of the findings under the caret.

use crate::components::quick_fixes::QuickFixes;
use crate::components::this_line::{findings_on, ThisLine};
use crate::dom;
use crate::highlight::{segments, within, Mark};
use crate::state::{severity_index, Selection};
use dockwise::Review;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Must equal the editor's CSS line height (px).
const LINE_HEIGHT: f64 = 21.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub source: String,
    /// The last review (of `source`, or of an older text while the new one is on its way).
    pub review: Option<Rc<Review>>,
    /// The review is of an older text.
    #[prop_or_default]
    pub stale: bool,
    pub selection: Option<Selection>,
    pub live: bool,
    pub on_input: Callback<String>,
    /// `?readonly=1`: the text cannot be edited (findings, tooltips and the rewrite still work).
    #[prop_or_default]
    pub readonly: bool,
    /// Show "This line" (what the instruction at the cursor does) under the editor.
    #[prop_or_default]
    pub explain: bool,
    /// Apply one finding's fix: with it, Ctrl+. lists the quick fixes at the cursor.
    #[prop_or_default]
    pub on_fix: Option<Callback<dockwise::review::Finding>>,
}

const SEVERITIES: [&str; 5] = ["", "style", "info", "warning", "error"];

#[function_component]
pub fn Editor(props: &Props) -> Html {
    let area = use_node_ref();
    let scroller = use_node_ref();
    let caret = use_state(|| 0usize);
    // The byte offset under the mouse pointer (its findings become the textarea's tooltip).
    let hover = use_state(|| None::<usize>);
    let measure = use_node_ref();
    // The open quick-fix menu: the fixable findings and the line it opens under.
    let menu = use_state(|| None::<(Vec<dockwise::review::Finding>, usize)>);
    // The instruction at the cursor (parsed again only when the text or the cursor moves).
    let at = {
        let live = props.explain && props.live;
        use_memo((props.source.clone(), *caret), move |(source, caret)| {
            live.then(|| dockwise::explain::instruction_at(source, *caret).map(Rc::new))
                .flatten()
        })
    };

    // The textarea is not controlled: its value is set only when the app's text differs (a loaded example or
    // exercise), so the browser's undo history is left alone while typing and after fixes (which go through
    // `dom::replace_editor_text`).
    {
        let area = area.clone();
        use_effect_with(props.source.clone(), move |source| {
            if let Some(el) = area.cast::<HtmlTextAreaElement>() {
                if el.value() != *source {
                    el.set_value(source);
                }
            }
        });
    }

    // Move the cursor when asked (a click on a finding, an applied fix).
    {
        let (area, scroller, source) = (area.clone(), scroller.clone(), props.source.clone());
        use_effect_with(props.selection, move |selection| {
            if let (Some(sel), Some(el)) = (selection, area.cast::<HtmlTextAreaElement>()) {
                let (start, end) = (
                    dom::utf16_offset(&source, sel.start),
                    dom::utf16_offset(&source, sel.end),
                );
                let _ = el.focus();
                let _ = el.set_selection_range(start, end);
                if let Some(s) = scroller.cast::<web_sys::Element>() {
                    let line = source
                        .get(..sel.start)
                        .map_or(0, |t| t.matches('\n').count());
                    s.set_scroll_top(((line as f64 - 3.0) * LINE_HEIGHT).max(0.0) as i32);
                }
            }
        });
    }

    let marks: Vec<Mark> = props
        .review
        .iter()
        .flat_map(|r| r.findings.iter())
        .map(|f| (f.start, f.end, severity_index(f.severity) as u8 + 1))
        .collect();
    // Only the lines on screen (a block either side) are in the layer and the gutter: padding stands for the
    // lines above and below, and a minimum width for the widest line, so the layer keeps the textarea's size and
    // a 1,000-line file costs the page what a hundred lines do.
    let view = use_state_eq(|| window_lines(0.0, 0.0));
    let (layer_ref, gutter_ref) = (use_node_ref(), use_node_ref());
    let onscroll = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            view.set(window_lines(
                f64::from(el.scroll_top()),
                f64::from(el.client_height()),
            ));
        })
    };
    let widest = *use_memo(props.source.clone(), |source| widest_line(source));
    let highlighted = {
        let live = props.live;
        use_memo((props.source.clone(), marks), move |(source, marks)| {
            if live {
                segments(source, marks)
            } else {
                Vec::new()
            }
        })
    };

    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlTextAreaElement = e.target_unchecked_into();
            on_input.emit(el.value());
        })
    };
    let track = {
        let caret = caret.clone();
        let source = props.source.clone();
        move |el: HtmlTextAreaElement| {
            let unit = el.selection_start().ok().flatten().unwrap_or(0);
            caret.set(dom::byte_offset(&source, unit));
        }
    };
    // Tab indents (four spaces, undoable); after Esc, Tab leaves the editor as usual (no keyboard trap).
    let escaped = use_mut_ref(|| false);
    let onkeydown = {
        let escaped = escaped.clone();
        let readonly = props.readonly;
        let quick = props.on_fix.is_some().then(|| {
            (
                menu.clone(),
                props.review.clone().filter(|_| !props.stale),
                props.source.clone(),
            )
        });
        Callback::from(move |e: KeyboardEvent| {
            let period = e.key() == "." || e.code() == "Period";
            if period && (e.ctrl_key() || e.meta_key()) && !e.alt_key() && !readonly {
                if let Some((menu, review, source)) = &quick {
                    e.prevent_default();
                    let el: HtmlTextAreaElement = e.target_unchecked_into();
                    let offset =
                        dom::byte_offset(source, el.selection_start().ok().flatten().unwrap_or(0));
                    menu.set(Some(quick_fixes(review.as_deref(), source, offset)));
                    return;
                }
            }
            if e.key() == "Escape" {
                *escaped.borrow_mut() = true;
                return;
            }
            let plain_tab = e.key() == "Tab"
                && !e.shift_key()
                && !e.ctrl_key()
                && !e.alt_key()
                && !e.meta_key();
            if plain_tab && !readonly && !std::mem::take(&mut *escaped.borrow_mut()) {
                e.prevent_default();
                dom::insert_text("    ");
            } else {
                *escaped.borrow_mut() = false;
            }
        })
    };
    let onkeyup = {
        let track = track.clone();
        Callback::from(move |e: KeyboardEvent| track(e.target_unchecked_into()))
    };
    let onclick = {
        let menu = menu.clone();
        Callback::from(move |e: MouseEvent| {
            if menu.is_some() {
                menu.set(None);
            }
            track(e.target_unchecked_into())
        })
    };
    let onmousemove = {
        let (hover, measure, source) = (hover.clone(), measure.clone(), props.source.clone());
        Callback::from(move |e: MouseEvent| {
            let width = measure
                .cast::<web_sys::HtmlElement>()
                .map_or(0.0, |m| f64::from(m.offset_width()) / 100.0);
            hover.set(offset_at(
                &source,
                e.offset_x() as f64,
                e.offset_y() as f64,
                width,
            ));
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };

    let source = &props.source;
    let line_count = source.matches('\n').count() + 1;

    // Findings by line; the gutter shows one marker per line, the highest severity wins. No inline styles
    // (the CSP forbids them): the gutter is one row per line when the text is reviewed live.
    let mut by_line: BTreeMap<usize, Vec<&dockwise::review::Finding>> = BTreeMap::new();
    if let Some(r) = &props.review {
        for f in &r.findings {
            by_line.entry(f.line).or_default().push(f);
        }
    }
    let marker = |line: usize| -> Html {
        let Some(findings) = by_line.get(&line) else {
            return html! {};
        };
        let worst = findings
            .iter()
            .map(|f| severity_index(f.severity))
            .max()
            .unwrap_or(0);
        let sev = SEVERITIES[worst + 1];
        // Not a tab stop (the findings list is the keyboard route to each finding); the tip is for the mouse.
        html! {
            <span class={classes!("marker", sev)}>
                <span class="marker-dot" aria-hidden="true"></span>
                <span class="tip" aria-hidden="true">
                    { for findings.iter().map(|f| html! {
                        <span class="tip-line"><b>{ f.rule }</b>{ " " }{ crate::inline::code(&f.message) }</span>
                    }) }
                </span>
            </span>
        }
    };
    // Lines `first..end` are rendered (all of them when the text is not reviewed live).
    let windowed = props.live && !highlighted.is_empty();
    let (first, end) = if windowed {
        within_text(*view, line_count)
    } else {
        (0, line_count)
    };
    {
        let (layer, gutter) = (layer_ref.clone(), gutter_ref.clone());
        use_effect_with(
            (first, line_count - end, widest, windowed),
            move |&(above, below, widest, windowed)| {
                let px = |lines: usize| {
                    if windowed {
                        format!("{}px", PAD_Y as usize + lines * LINE_HEIGHT as usize)
                    } else {
                        String::new()
                    }
                };
                let width = if windowed {
                    format!("calc({widest}ch + {}px)", 2 * PAD_X as usize)
                } else {
                    String::new()
                };
                for el in [layer.get(), gutter.get()].into_iter().flatten() {
                    dom::set_style(&el, "paddingTop", &px(above));
                    dom::set_style(&el, "paddingBottom", &px(below));
                }
                if let Some(el) = layer.get() {
                    dom::set_style(&el, "minWidth", &width);
                }
            },
        );
    }
    let gutter = if props.live {
        html! { <>{ for (first + 1..=end).map(|n| html! {
            <div class="ln"><span class="num" aria-hidden="true">{ n }</span>{ marker(n) }</div>
        }) }</> }
    } else {
        numbers(1, line_count.min(200_000))
    };

    let layer = if windowed {
        let (from, to) = (line_start(source, first), line_start(source, end));
        let text = |range: std::ops::Range<usize>| source.get(range).unwrap_or("").to_string();
        // The newline after the last line keeps an empty last line as tall as the textarea's.
        let last = if to == source.len() { "\n" } else { "" };
        html! { <>
            { for within(&highlighted, from, to).map(|s| {
                let mark = (s.mark > 0).then(|| format!("u u-{}", SEVERITIES[s.mark as usize]));
                html! { <span class={classes!(s.token.class(), mark)}>{ text(s.start..s.end) }</span> }
            }) }
            { last }
        </> }
    } else {
        html! { <>{ source.clone() }{ "\n" }</> }
    };

    let title: Option<AttrValue> = hover.and_then(|at| {
        let lines: Vec<String> = props
            .review
            .iter()
            .flat_map(|r| r.findings.iter())
            .filter(|f| f.start <= at && at < f.end.max(f.start + 1))
            .map(|f| format!("{} {}", f.rule, crate::inline::plain(&f.message)))
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n").into())
    });
    let at_caret: Vec<&dockwise::review::Finding> = props
        .review
        .iter()
        .flat_map(|r| r.findings.iter())
        .filter(|f| f.start <= *caret && *caret <= f.end.max(f.start + 1))
        .collect();

    html! {
        <section class="editor" aria-label="Dockerfile editor">
            <div class="editor-head">
                <label for="source">{ "Dockerfile" }</label>
                <span class="editor-status">
                    { if !props.live { "Too large to review live" } else if props.review.is_none() || props.stale { "Reviewing…" } else { "" } }
                </span>
            </div>
            <div class="editor-scroll" ref={scroller} {onscroll}>
                <div class="gutter" ref={gutter_ref}>{ gutter }</div>
                <div class="stack">
                    <pre class="layer" ref={layer_ref} aria-hidden="true">{ layer }</pre>
                    <span class="measure" ref={measure} aria-hidden="true">{ MEASURE }</span>
                    <textarea id="source" ref={area.clone()} spellcheck="false" wrap="off" autocomplete="off"
                        autocapitalize="off" aria-describedby="caret-findings editor-keys" readonly={props.readonly}
                        {title} {oninput} {onkeydown} {onkeyup} {onclick} {onmousemove} {onmouseleave} />
                    { match (&*menu, &props.on_fix) { (Some((fixes, line)), Some(on_apply)) => {
                        let (menu, area) = (menu.clone(), area.clone());
                        // Focus the editor before the menu (which has the focus) leaves the document.
                        let on_close = Callback::from(move |_| {
                            if let Some(el) = area.cast::<HtmlTextAreaElement>() {
                                let _ = el.focus();
                            }
                            menu.set(None);
                        });
                        html! { <QuickFixes fixes={fixes.clone()} line={*line} on_apply={on_apply.clone()} {on_close} /> }
                    } _ => html! {} } }
                </div>
            </div>
            <p id="editor-keys" class="sr-only">{ "Tab indents; press Escape, then Tab, to leave the editor. Ctrl+. lists the quick fixes on the line." }</p>
            // With "This line" on screen (which lists them without moving the page) this only describes the
            // textarea to screen readers.
            <div id="caret-findings" class={classes!("caret-findings", props.explain.then_some("sr-only"))} aria-live="polite">
                { for at_caret.iter().map(|f| html! {
                    <p class={classes!("caret-finding", f.severity.as_str())}>
                        <b>{ f.rule }</b>{ " " }{ crate::inline::code(&f.message) }
                    </p>
                }) }
            </div>
            { if props.explain { html! {
                <ThisLine at={(*at).clone()} review={props.review.clone()} stale={props.stale} />
            } } else { html! {} } }
        </section>
    }
}

/// What Ctrl+. offers at byte `offset`: the fixes of the findings on the instruction there (or, off any
/// instruction, on that line), and the 1-based line to open under. No review of this text: no fixes.
fn quick_fixes(
    review: Option<&Review>,
    source: &str,
    offset: usize,
) -> (Vec<dockwise::review::Finding>, usize) {
    let line_of = |at: usize| source.get(..at).map_or(0, |t| t.matches('\n').count()) + 1;
    let fixes = review.map_or_else(Vec::new, |review| {
        let found = match dockwise::explain::instruction_at(source, offset) {
            Some(at) => findings_on(review, &at),
            None => review
                .findings
                .iter()
                .filter(|f| f.line == line_of(offset))
                .collect(),
        };
        found
            .into_iter()
            .filter(|f| f.fix.is_some())
            .cloned()
            .collect()
    });
    (fixes, line_of(offset))
}

/// Lines are rendered a block at a time: the window moves only when the view crosses a block (fewer renders
/// while scrolling), and a block either side of the view is ready before it scrolls in.
const BLOCK: usize = 64;

/// The 0-based lines `first..end` to render when the scroller shows `top..top + height` px of the text.
fn window_lines(top: f64, height: f64) -> (usize, usize) {
    let line = |y: f64| ((y - PAD_Y) / LINE_HEIGHT).max(0.0) as usize;
    let (first, last) = (line(top), line(top + height));
    (
        (first / BLOCK).saturating_sub(1) * BLOCK,
        (last / BLOCK + 2) * BLOCK,
    )
}

/// The window cut to a text of `line_count` lines. A window past the end (the text just got shorter, before
/// the scroller says where it is now) draws the last block rather than nothing.
fn within_text((first, end): (usize, usize), line_count: usize) -> (usize, usize) {
    let last_block = line_count.saturating_sub(1) / BLOCK * BLOCK;
    (first.min(last_block), end.min(line_count))
}

/// The byte offset where 0-based line `line` starts (the text's length past its last line).
fn line_start(source: &str, line: usize) -> usize {
    match line.checked_sub(1) {
        None => 0,
        Some(newline) => source
            .match_indices('\n')
            .nth(newline)
            .map_or(source.len(), |(at, _)| at + 1),
    }
}

/// The widest line in monospace cells (a tab reaches the next multiple of 4, as `tab-size: 4` does; a character
/// outside Latin, Greek and Cyrillic counts two cells, so wide characters are never cut off).
fn widest_line(source: &str) -> usize {
    source
        .split('\n')
        .map(|line| {
            line.chars().fold(0, |cells, c| match c {
                '\t' => (cells / 4 + 1) * 4,
                c if (c as u32) < 0x0530 => cells + 1,
                _ => cells + 2,
            })
        })
        .max()
        .unwrap_or(0)
}

/// Line numbers `from..=to` as one text (every line of a text too large to review live).
fn numbers(from: usize, to: usize) -> Html {
    if from > to {
        return html! {};
    }
    let numbers: String = (from..=to).map(|n| format!("{n}\n")).collect();
    html! { <pre class="numbers" aria-hidden="true">{ numbers }</pre> }
}

/// 100 monospace cells: the editor's character width is its width / 100.
const MEASURE: &str = "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

/// Left and top padding of the layer and the textarea (px), as in editor.css.
const PAD_X: f64 = 12.0;
const PAD_Y: f64 = 8.0;

/// The byte offset at a point of the textarea (monospace cells of `width` px; tabs count as one cell).
fn offset_at(source: &str, x: f64, y: f64, width: f64) -> Option<usize> {
    if width <= 0.0 || x < PAD_X || y < PAD_Y {
        return None;
    }
    let line = ((y - PAD_Y) / LINE_HEIGHT) as usize;
    let column = ((x - PAD_X) / width) as usize;
    let mut start = 0;
    for (i, text) in source.split('\n').enumerate() {
        if i == line {
            return text.char_indices().nth(column).map(|(b, _)| start + b);
        }
        start += text.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_covers_the_view_and_a_block_either_side() {
        assert_eq!(window_lines(0.0, 0.0), (0, 2 * BLOCK));
        // Lines 100..130 on screen: their blocks (64..192) and one block either side.
        let (first, end) = window_lines(PAD_Y + 100.0 * LINE_HEIGHT, 30.0 * LINE_HEIGHT);
        assert_eq!((first, end), (0, 4 * BLOCK));
        let (first, end) = window_lines(PAD_Y + 1000.0 * LINE_HEIGHT, 30.0 * LINE_HEIGHT);
        assert!(
            first + BLOCK <= 1000 && 1030 + BLOCK <= end,
            "{first}..{end}"
        );
        assert!(end - first <= 4 * BLOCK, "a bounded window: {first}..{end}");
    }

    #[test]
    fn a_window_past_the_end_of_the_text_draws_its_last_block() {
        assert_eq!(within_text((0, 128), 10), (0, 10));
        assert_eq!(within_text((640, 896), 1000), (640, 896));
        assert_eq!(within_text((640, 896), 700), (640, 700));
        assert_eq!(
            within_text((640, 896), 100),
            (64, 100),
            "shrunk to 100 lines"
        );
        assert_eq!(within_text((640, 896), 64), (0, 64));
        assert_eq!(within_text((640, 896), 1), (0, 1));
    }

    #[test]
    fn the_widest_line_counts_tabs_to_their_stop_and_wide_characters_twice() {
        assert_eq!(widest_line("FROM a\nRUN echo\n"), 8);
        assert_eq!(widest_line("\tab\n"), 6);
        assert_eq!(widest_line("ab\tc"), 5);
        assert_eq!(widest_line("é日本"), 5);
        assert_eq!(widest_line(""), 0);
    }

    #[test]
    fn lines_start_after_each_newline() {
        let starts: Vec<usize> = (0..6).map(|n| line_start("a\nbc\n\nd", n)).collect();
        assert_eq!(starts, vec![0, 2, 5, 6, 7, 7]);
        assert_eq!(line_start("", 0), 0);
        assert_eq!(line_start("", 3), 0);
    }

    #[test]
    fn finds_the_character_under_the_pointer() {
        let source = "FROM alpine\nRUN é echo\n";
        assert_eq!(offset_at(source, PAD_X + 1.0, PAD_Y + 1.0, 8.0), Some(0));
        assert_eq!(
            offset_at(
                source,
                PAD_X + 4.0 * 8.0 + 1.0,
                PAD_Y + LINE_HEIGHT + 1.0,
                8.0
            ),
            Some(16)
        );
        assert_eq!(
            offset_at(
                source,
                PAD_X + 5.0 * 8.0 + 1.0,
                PAD_Y + LINE_HEIGHT + 1.0,
                8.0
            ),
            Some(18)
        );
        assert_eq!(
            offset_at(source, PAD_X + 90.0 * 8.0, PAD_Y + 1.0, 8.0),
            None,
            "past the end of the line"
        );
        assert_eq!(offset_at(source, 1.0, 1.0, 8.0), None, "in the padding");
    }
}
