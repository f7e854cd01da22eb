//! The visitor's search state as the engine's `SearchRequest`. All querying goes
//! through `Index::search`; the widget never looks into the index's sections itself.

use crate::state::{SearchState, Selection, Sort};
use jobsift_core::schema::{FacetSource, Schema};
use jobsift_core::search::{FacetFilter, RangeFilter, SearchRequest, SearchResponse, SortOrder};
use jobsift_core::{Date, Index};

/// A search's answer and how long the engine took.
#[derive(Debug, PartialEq)]
pub struct SearchOutcome {
    pub response: SearchResponse,
    pub elapsed_ms: f64,
}

pub fn build_request(schema: &Schema, state: &SearchState, page_size: usize, today: Date) -> SearchRequest {
    // Only facets the index knows and that take values: a stale link naming a facet
    // that no longer exists must not empty the results.
    let filters = state
        .selected
        .iter()
        .filter(|(name, _)| schema.facet(name).is_some_and(|f| !f.kind.is_range()))
        .map(|(name, values)| FacetFilter { facet: name.clone(), values: values.to_vec() })
        .collect();
    let mut ranges = Vec::new();
    if state.has_salary_range() {
        if let Some(facet) = schema.facet_fed_by(&FacetSource::Salary).map(|spec| spec.name.clone()) {
            ranges.push(RangeFilter {
                facet,
                min: state.salary_min.map(f64::from),
                max: state.salary_max.map(f64::from),
                include_unknown: state.salary_include_unknown,
            });
        }
    }
    if let Some(days) = state.posted_within {
        if let Some(facet) = schema.facet_fed_by(&FacetSource::Posted).map(|spec| spec.name.clone()) {
            // "Within 7 days" includes today and the six days before it.
            let since = Date(today.0 - days as i32 + 1);
            ranges.push(RangeFilter { facet, min: Some(since.0 as f64), max: None, include_unknown: false });
        }
    }
    SearchRequest {
        text: state.text.clone(),
        filters,
        ranges,
        hide_expired_on: state.hide_expired.then_some(today),
        sort: match state.sort {
            Sort::Relevance => SortOrder::Relevance,
            Sort::Newest => SortOrder::Newest,
            Sort::Salary => SortOrder::Salary,
        },
        offset: 0,
        // "Show more" grows the list in place, so the request always starts at 0.
        limit: page_size * state.pages.max(1),
    }
}

/// The state with each selected value spelled as the index spells it, or `None` when it
/// already is: a hand-typed link may say "Data" for the tag "data", and the facet panel
/// and chips should show the value the search applies.
pub fn respelled(index: &Index, state: &SearchState) -> Option<SearchState> {
    let mut selected = Selection::default();
    let mut changed = false;
    for (facet, values) in state.selected.iter() {
        for value in values {
            let spelled = index.canonical_value(facet, value).unwrap_or(value);
            changed |= spelled != value;
            selected.insert(facet, spelled);
        }
    }
    changed.then(|| SearchState { selected, ..state.clone() })
}
