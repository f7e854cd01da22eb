//! The visitor's search as a `Reducible` state: everything the URL carries and the
//! facet panel edits. Loading the index is separate (see `hooks::use_index`), so that a
//! search state can be restored from a URL before the index has arrived.

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

/// Selected values by facet name, facets and values each sorted and distinct; a facet
/// with no values is absent. Sorted vectors rather than a `BTreeMap` of `BTreeSet`s:
/// a visitor ticks a handful of values, and the two B-tree instances were 15 KB of wasm.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection(Vec<(String, Vec<String>)>);

impl Selection {
    /// Facets with their values, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &[String])> {
        self.0.iter().map(|(facet, values)| (facet, values.as_slice()))
    }

    pub fn get(&self, facet: &str) -> Option<&[String]> {
        let at = self.facet_position(facet).ok()?;
        Some(&self.0[at].1)
    }

    pub fn contains(&self, facet: &str, value: &str) -> bool {
        self.get(facet).is_some_and(|values| value_position(values, value).is_ok())
    }

    pub fn insert(&mut self, facet: &str, value: &str) {
        let values = match self.facet_position(facet) {
            Ok(at) => &mut self.0[at].1,
            Err(at) => {
                self.0.insert(at, (facet.to_owned(), Vec::new()));
                &mut self.0[at].1
            }
        };
        if let Err(at) = value_position(values, value) {
            values.insert(at, value.to_owned());
        }
    }

    /// Removes `value` from `facet`'s selection, and the facet once it has none left.
    /// Whether the value was selected.
    pub fn remove(&mut self, facet: &str, value: &str) -> bool {
        let Ok(at) = self.facet_position(facet) else { return false };
        let values = &mut self.0[at].1;
        let Ok(position) = value_position(values, value) else { return false };
        values.remove(position);
        if values.is_empty() {
            self.0.remove(at);
        }
        true
    }

    pub fn toggle(&mut self, facet: &str, value: &str) {
        if !self.remove(facet, value) {
            self.insert(facet, value);
        }
    }

    fn facet_position(&self, facet: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(name, _)| name.as_str().cmp(facet))
    }
}

fn value_position(values: &[String], value: &str) -> Result<usize, usize> {
    values.binary_search_by(|v| v.as_str().cmp(value))
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchState {
    pub text: String,
    pub selected: Selection,
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
        self.selected.contains(facet, value)
    }

    pub fn has_salary_range(&self) -> bool {
        self.salary_min.is_some() || self.salary_max.is_some()
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
            Action::ToggleValue { facet, value } => next.selected.toggle(&facet, &value),
            Action::RemoveValue { facet, value } => {
                next.selected.remove(&facet, &value);
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
        assert_eq!(state, SearchState::new());
    }

    #[test]
    fn selection_keeps_facets_and_values_sorted_and_distinct() {
        let mut selection = Selection::default();
        for (facet, value) in [("tags", "sql"), ("org", "ACLU"), ("tags", "python"), ("tags", "sql"), ("tags", "r")] {
            selection.insert(facet, value);
        }
        let listed: Vec<(&String, &[String])> = selection.iter().collect();
        assert_eq!(listed, [(&"org".to_owned(), &["ACLU".to_owned()][..]), (&"tags".to_owned(), &["python".to_owned(), "r".to_owned(), "sql".to_owned()][..])]);
        assert!(selection.contains("tags", "r") && !selection.contains("tags", "go") && !selection.contains("remote", "r"));
        assert!(selection.remove("tags", "r") && !selection.remove("tags", "r"));
        assert!(selection.remove("org", "ACLU"));
        assert_eq!(selection.get("org"), None, "a facet without values is gone");
        selection.toggle("tags", "sql");
        selection.toggle("tags", "go");
        assert_eq!(selection.get("tags"), Some(&["go".to_owned(), "python".to_owned()][..]));
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
        assert_eq!(state, SearchState { text: "data".into(), sort: Sort::Newest, ..SearchState::new() });
    }
}
