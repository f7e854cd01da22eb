//! The window's scroll position across leaving the page and coming back (a job's page
//! then Back, or a reload). The browser restores it by itself only when it kept the page
//! whole (back/forward cache); otherwise it tries while the widget is still loading, finds
//! a short page, and the visitor lands at the top of the list they were reading.
//!
//! Kept in session storage under the page's address, not in the history entry's state:
//! Chromium drops a `replaceState` made while the page is being hidden. One key per
//! address, because the page visited in between may hold a widget too.

use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The storage key of `href`'s position.
fn storage_key(href: &str) -> String {
    format!("jobsift-scroll {href}")
}

thread_local! {
    static RESTORE_TRIED: Cell<bool> = const { Cell::new(false) };
}

/// Saves the scroll position, under the address it belongs to, whenever the page is
/// hidden. Called once, for the page's widget that keeps its search in the URL: the
/// position means nothing for a search that is not restored with it.
pub fn remember_on_leave() {
    let Some(window) = web_sys::window() else { return };
    let on_hide = Closure::<dyn Fn()>::new(|| {
        let Some(window) = web_sys::window() else { return };
        let (Ok(y), Ok(href)) = (window.scroll_y(), window.location().href()) else { return };
        // Storage can be off or full; then the position is simply not kept.
        if let Ok(Some(storage)) = window.session_storage() {
            let _ = storage.set_item(&storage_key(&href), &(y.round() as i64).to_string());
        }
    });
    let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    // Lives as long as the page.
    on_hide.forget();
}

/// The first time the cards are all drawn, on a reload or a Back/Forward: scrolls to the
/// position saved when this address was last left, if it was. (Arriving by a link
/// starts at the top, as the visitor expects.)
pub fn restore_once() {
    if RESTORE_TRIED.replace(true) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    if !matches!(navigation_type(&window).as_deref(), Some("reload" | "back_forward")) {
        return;
    }
    let (Ok(Some(storage)), Ok(href)) = (window.session_storage(), window.location().href()) else { return };
    let key = storage_key(&href);
    if let Ok(Some(saved)) = storage.get_item(&key) {
        let _ = storage.remove_item(&key);
        if let Ok(y) = saved.parse::<i32>() {
            window.scroll_to_with_x_and_y(0.0, f64::from(y));
        }
    }
}

/// How the page was reached (`"navigate"`, `"reload"`, `"back_forward"`), from its
/// navigation timing entry.
fn navigation_type(window: &web_sys::Window) -> Option<String> {
    let entry = window.performance()?.get_entries_by_type("navigation").get(0);
    js_sys::Reflect::get(&entry, &"type".into()).ok()?.as_string()
}
