//! Keyboard focus when the render a control caused takes that control away (a removed
//! chip, "show more" on the last page, an empty state's suggestion, "try again"):
//! without a new home, focus falls to the page's body and the next Tab starts over from
//! the top of the page.

use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement};

/// How often and how long [`focus_when`] looks: the render may wait for blocks of a
/// chunked index or, after "try again", for the whole index.
const RETRY_MS: i32 = 20;
pub const FEW_TRIES: u32 = 100;
pub const MANY_TRIES: u32 = 1_500;

/// The widget around the control an event came from.
pub fn widget_of(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()?.closest(".jobsift").ok()?
}

/// The search box, which every state with results has.
pub fn search_box(root: &Element) -> Option<Element> {
    root.query_selector(".jobsift-search-input").ok()?
}

/// Moves focus to the search box of the widget `event` came from, once it is there.
pub fn focus_search_box_after(event: &Event, tries: u32) {
    if let Some(root) = widget_of(event) {
        focus_when(root, tries, search_box);
    }
}

/// Focuses what `pick` finds in `root`, once it finds something: the render that puts it
/// there runs after the click's handler.
pub fn focus_when(root: Element, tries: u32, pick: impl Fn(&Element) -> Option<Element> + 'static) {
    // One body for every caller's `pick` rather than a copy each.
    focus_with(root, tries, Rc::new(pick));
}

/// What [`focus_when`] looks for, found in the widget's root.
type Pick = Rc<dyn Fn(&Element) -> Option<Element>>;

fn focus_with(root: Element, tries: u32, pick: Pick) {
    if let Some(target) = pick(&root).and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
        let _ = target.focus();
        return;
    }
    if tries == 0 {
        return;
    }
    let retry = Closure::once_into_js(move || focus_with(root, tries - 1, pick));
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), RETRY_MS);
    }
}

/// The `at`th element matching `selector` in `root` (the last one if there are fewer),
/// once their number passes `rendered`: the check that the render has run.
pub fn nth_when(root: &Element, selector: &str, at: usize, rendered: impl Fn(usize) -> bool) -> Option<Element> {
    let found = root.query_selector_all(selector).ok()?;
    let count = found.length() as usize;
    if count == 0 || !rendered(count) {
        return None;
    }
    found.get(at.min(count - 1) as u32)?.dyn_into().ok()
}
