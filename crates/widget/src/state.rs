//! The visitor's search as a `Reducible` state: everything the URL carries and the
//! facet panel edits. Loading the index is separate (see `hooks::use_index`), so that a
//! search state can be restored from a URL before the index has arrived.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Salary,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Newest, Sort::Salary];

    /// The key used in URLs and as the `<option>` value.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Salary => "salary",
        }
    }

    pub fn parse(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.key() == key)
    }
}

/// The "posted within" choices, in days.
pub const POSTED_WITHIN_DAYS: [u32; 4] = [7, 30, 90, 365];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchState {
    pub text: String,
    /// Selected values by facet name; a facet with no values is absent.
    pub selected: BTreeMap<String, BTreeSet<String>>,
    pub salary_min: Option<u32>,
    pub salary_max: Option<u32>,
    /// Whether jobs without a stated salary stay in when a salary range is set.
    pub salary_include_unknown: bool,
    pub posted_within: Option<u32>,
    pub hide_expired: bool,
    pub sort: Sort,
    /// How many pages are shown ("show more" adds one).
    pub pages: usize,
}

impl SearchState {
    pub fn new() -> SearchState {
        SearchState { pages: 1, ..SearchState::default() }
    }

    pub fn is_selected(&self, facet: &str, value: &str) -> bool {
        self.selected.get(facet).is_some_and(|values| values.contains(value))
    }

    pub fn has_salary_range(&self) -> bool {
        self.salary_min.is_some() || self.salary_max.is_some()
    }

    /// Whether anything narrows the results beyond the search text.
    pub fn has_filters(&self) -> bool {
        !self.selected.is_empty() || self.has_salary_range() || self.posted_within.is_some() || self.hide_expired
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetText(String),
    ToggleValue { facet: String, value: String },
    RemoveValue { facet: String, value: String },
    SetSalaryMin(Option<u32>),
    SetSalaryMax(Option<u32>),
    SetSalaryIncludeUnknown(bool),
    ClearSalary,
    SetPostedWithin(Option<u32>),
    SetHideExpired(bool),
    SetSort(Sort),
    LoadMore,
    ClearFilters,
    /// The whole state read back from the URL (first load, back/forward).
    Restore(SearchState),
}

impl Reducible for SearchState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        // Every change of what is searched starts again from the first page; only
        // "show more" and a restore keep (or set) the page count.
        let mut reset_pages = true;
        match action {
            Action::SetText(text) => next.text = text,
            Action::ToggleValue { facet, value } => {
                let values = next.selected.entry(facet.clone()).or_default();
                if !values.remove(&value) {
                    values.insert(value);
                }
                if values.is_empty() {
                    next.selected.remove(&facet);
                }
            }
            Action::RemoveValue { facet, value } => {
                if let Some(values) = next.selected.get_mut(&facet) {
                    values.remove(&value);
                    if values.is_empty() {
                        next.selected.remove(&facet);
                    }
                }
            }
            Action::SetSalaryMin(min) => next.salary_min = min,
            Action::SetSalaryMax(max) => next.salary_max = max,
            Action::SetSalaryIncludeUnknown(include) => next.salary_include_unknown = include,
            Action::ClearSalary => {
                next.salary_min = None;
                next.salary_max = None;
            }
            Action::SetPostedWithin(days) => next.posted_within = days,
            Action::SetHideExpired(hide) => next.hide_expired = hide,
            Action::SetSort(sort) => next.sort = sort,
            Action::LoadMore => {
                next.pages += 1;
                reset_pages = false;
            }
            Action::ClearFilters => {
                next = SearchState { text: next.text, sort: next.sort, ..SearchState::new() };
            }
            Action::Restore(state) => {
                next = state;
                reset_pages = false;
            }
        }
        if reset_pages {
            next.pages = 1;
        }
        next.pages = next.pages.max(1);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(state: SearchState, actions: Vec<Action>) -> SearchState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn toggle(facet: &str, value: &str) -> Action {
        Action::ToggleValue { facet: facet.into(), value: value.into() }
    }

    #[test]
    fn toggling_twice_removes_the_facet_entirely() {
        let state = apply(SearchState::new(), vec![toggle("tags", "python"), toggle("tags", "python")]);
        assert!(state.selected.is_empty());
        assert!(!state.has_filters());
    }

    #[test]
    fn changing_the_search_goes_back_to_the_first_page() {
        let state = apply(SearchState::new(), vec![Action::LoadMore, Action::LoadMore]);
        assert_eq!(state.pages, 3);
        let state = apply(state, vec![toggle("org", "ACLU")]);
        assert_eq!(state.pages, 1);
    }

    #[test]
    fn clear_filters_keeps_text_and_sort() {
        let state = apply(
            SearchState::new(),
            vec![
                Action::SetText("data".into()),
                Action::SetSort(Sort::Newest),
                toggle("tags", "sql"),
                Action::SetSalaryMin(Some(50_000)),
                Action::SetHideExpired(true),
                Action::ClearFilters,
            ],
        );
        assert_eq!(state.text, "data");
        assert_eq!(state.sort, Sort::Newest);
        assert!(!state.has_filters());
    }
}
