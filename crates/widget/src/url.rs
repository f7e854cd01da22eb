//! The search state in the page's query string, both ways, so that a search can be
//! shared as a link and the back button steps through filter changes.
//!
//! Keys: `q` (text), `f.<facet>` (one per selected value), `salary_min`, `salary_max`,
//! `salary_unknown=1`, `posted=<days>`, `expired=hide`, `sort=<key>`, `page=<n>`.
//! Parameters the widget does not own are left untouched.

use crate::state::{SearchState, Sort};

const FACET_PREFIX: &str = "f.";
/// The longest "posted within" a link can ask for, in days.
const MAX_POSTED_DAYS: u32 = 36_500;
const OWN_KEYS: [&str; 8] = ["q", "salary_min", "salary_max", "salary_unknown", "posted", "expired", "sort", "page"];

/// Whether a query parameter belongs to the widget.
pub fn is_own_key(key: &str) -> bool {
    OWN_KEYS.contains(&key) || key.starts_with(FACET_PREFIX)
}

/// The state's parameters, in a stable order (so equal states give equal URLs).
pub fn to_pairs(state: &SearchState) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut push = |key: &str, value: String| pairs.push((key.to_owned(), value));
    // Spaces alone search for nothing: no `?q=+++`.
    if !state.text.trim().is_empty() {
        push("q", state.text.clone());
    }
    for (facet, values) in state.selected.iter() {
        for value in values {
            push(&format!("{FACET_PREFIX}{facet}"), value.clone());
        }
    }
    if let Some(min) = state.salary_min {
        push("salary_min", min.to_string());
    }
    if let Some(max) = state.salary_max {
        push("salary_max", max.to_string());
    }
    // Keeping jobs without a salary means nothing until a range is set; ticking it
    // first must not add a history entry that changes nothing.
    if state.salary_include_unknown && state.has_salary_range() {
        push("salary_unknown", "1".into());
    }
    if let Some(days) = state.posted_within {
        push("posted", days.to_string());
    }
    if state.hide_expired {
        push("expired", "hide".into());
    }
    if state.sort != Sort::default() {
        push("sort", state.sort.key().into());
    }
    if state.pages > 1 {
        push("page", state.pages.to_string());
    }
    pairs
}

/// Reads a state back; malformed values are ignored rather than failing the page,
/// because links get hand-edited and truncated.
pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> SearchState {
    let mut state = SearchState::new();
    for (key, value) in pairs {
        match key {
            "q" => state.text = value.to_owned(),
            "salary_min" => state.salary_min = value.parse().ok(),
            "salary_max" => state.salary_max = value.parse().ok(),
            "salary_unknown" => state.salary_include_unknown = value == "1",
            // Beyond a century is every post ("posted=4294967295" wrapped to none).
            "posted" => state.posted_within = value.parse().ok().filter(|days: &u32| *days > 0).map(|days| days.min(MAX_POSTED_DAYS)),
            "expired" => state.hide_expired = value == "hide",
            "sort" => state.sort = Sort::parse(value).unwrap_or_default(),
            // A shared link should not make the page render thousands of cards.
            "page" => state.pages = value.parse::<usize>().unwrap_or(1).clamp(1, 50),
            _ => {
                if let Some(facet) = key.strip_prefix(FACET_PREFIX) {
                    if !facet.is_empty() && !value.is_empty() {
                        state.selected.insert(facet, value);
                    }
                }
            }
        }
    }
    // A hand-edited link with the bounds crossed means the range between them (the
    // salary boxes refuse a crossed range as it is typed).
    if let (Some(min), Some(max)) = (state.salary_min, state.salary_max) {
        if min > max {
            (state.salary_min, state.salary_max) = (Some(max), Some(min));
        }
    }
    state
}

/// The state in the current page URL.
pub fn read_location() -> SearchState {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return SearchState::new();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return SearchState::new();
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    let entries = js_sys::try_iter(&params.entries()).ok().flatten();
    for entry in entries.into_iter().flatten().flatten() {
        let entry: js_sys::Array = entry.into();
        if let (Some(key), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
            pairs.push((key, value));
        }
    }
    from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// How a state change enters the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A new entry, so that back undoes the change (filters, sort).
    Push,
    /// The current entry changes in place (typing and "show more": one entry per
    /// keystroke or page would make the back button useless).
    Replace,
}

/// Writes the state into the URL, keeping the host page's own parameters and hash.
/// Does nothing when the URL already says the same.
pub fn write_location(state: &SearchState, mode: HistoryMode) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let (Ok(href), Ok(history)) = (location.href(), window.history()) else { return };
    let Ok(url) = web_sys::Url::new(&href) else { return };
    let params = url.search_params();
    let foreign: Vec<(String, String)> = {
        let mut keep = Vec::new();
        let entries = js_sys::try_iter(&params.entries()).ok().flatten();
        for entry in entries.into_iter().flatten().flatten() {
            let entry: js_sys::Array = entry.into();
            if let (Some(key), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                if !is_own_key(&key) {
                    keep.push((key, value));
                }
            }
        }
        keep
    };
    let Ok(next) = web_sys::UrlSearchParams::new() else { return };
    for (key, value) in foreign.iter().chain(to_pairs(state).iter()) {
        next.append(key, value);
    }
    let query: String = next.to_string().into();
    let new_search = if query.is_empty() { String::new() } else { format!("?{query}") };
    if url.search() == new_search {
        return;
    }
    url.set_search(&new_search);
    let target = url.href();
    let _ = match mode {
        HistoryMode::Push => history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target)),
        HistoryMode::Replace => history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target)),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_state_survives_the_round_trip() {
        let mut state = SearchState::new();
        state.text = "data & analytics".into();
        state.selected.insert("tags", "sql");
        state.selected.insert("tags", "python");
        state.selected.insert("org", "ACLU");
        state.salary_min = Some(50_000);
        state.salary_max = Some(90_000);
        state.salary_include_unknown = true;
        state.posted_within = Some(30);
        state.hide_expired = true;
        state.sort = Sort::Salary;
        state.pages = 3;
        let pairs = to_pairs(&state);
        let back = from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, state);
    }

    #[test]
    fn the_empty_state_has_no_parameters() {
        assert!(to_pairs(&SearchState::new()).is_empty());
    }

    #[test]
    fn blank_text_and_keeping_unknown_salaries_without_a_range_write_nothing() {
        let mut state = SearchState::new();
        state.text = "   ".into();
        state.salary_include_unknown = true;
        assert!(to_pairs(&state).is_empty());
        state.salary_min = Some(40_000);
        assert_eq!(to_pairs(&state), [("salary_min".to_owned(), "40000".to_owned()), ("salary_unknown".to_owned(), "1".to_owned())]);
    }

    #[test]
    fn huge_posted_days_and_crossed_salary_bounds_are_read_sensibly() {
        let state = from_pairs([("posted", "4294967295"), ("salary_min", "80000"), ("salary_max", "50000")]);
        assert_eq!(state.posted_within, Some(MAX_POSTED_DAYS));
        assert_eq!((state.salary_min, state.salary_max), (Some(50_000), Some(80_000)));
    }

    #[test]
    fn garbage_values_fall_back_to_defaults_and_foreign_keys_are_ignored() {
        let state = from_pairs([("sort", "sideways"), ("page", "-4"), ("salary_min", "lots"), ("utm_source", "x"), ("f.", "y")]);
        assert_eq!(state, SearchState::new());
        assert!(!is_own_key("utm_source"));
        assert!(is_own_key("f.tags"));
    }
}
