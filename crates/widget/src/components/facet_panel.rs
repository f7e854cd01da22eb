//! The facet panel, drawn from the index's schema so that a site's own facets need no
//! widget code. On phones it collapses behind a "Show filters" button, and a "Show jobs"
//! button at its end closes it.

use super::facet_values::{FacetValues, ValueRow};
use super::hide_expired::HideExpired;
use super::posted_within::PostedWithin;
use super::salary_range::{HistogramBar, SalaryRange};
use crate::chips::ValueWording;
use crate::context::WidgetContext;
use crate::display::grouped;
use crate::labels::fill;
use crate::state::SearchState;
use jobsift_core::schema::{FacetKind, FacetSource, FacetSpec, Schema};
use jobsift_core::search::FacetResult;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FacetPanelProps {
    pub schema: Rc<Schema>,
    pub facets: Rc<Vec<FacetResult>>,
    pub state: Rc<SearchState>,
    pub dispatch: UseReducerDispatcher<SearchState>,
    /// How many filters are active, shown on the phone toggle.
    pub active: usize,
    /// How many jobs match, on the phone's "show jobs" button below the filters.
    pub total: usize,
}

fn value_rows(spec: &FacetSpec, result: Option<&FacetResult>, state: &SearchState) -> Vec<ValueRow> {
    let mut rows: Vec<ValueRow> = result
        .map(|result| {
            result
                .values
                .iter()
                .map(|vc| ValueRow {
                    value: vc.value.clone(),
                    count: vc.count as usize,
                    selected: state.is_selected(&spec.name, &vc.value),
                })
                .collect()
        })
        .unwrap_or_default();
    // A selected value the engine no longer counts (a stale link) still gets a row, so
    // it can be unticked.
    if let Some(selected) = state.selected.get(&spec.name) {
        for value in selected {
            if !rows.iter().any(|row| *row.value == **value) {
                rows.push(ValueRow { value: value.as_str().into(), count: 0, selected: true });
            }
        }
    }
    rows
}

fn histogram_bars(result: &FacetResult) -> Vec<HistogramBar> {
    let Some(histogram) = &result.histogram else { return Vec::new() };
    histogram
        .counts
        .iter()
        .zip(histogram.bucket_edges.windows(2))
        .map(|(&count, edges)| HistogramBar { low: edges[0], high: edges[1], count: count as usize })
        .collect()
}

#[function_component(FacetPanel)]
pub fn facet_panel(props: &FacetPanelProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let open = use_state(|| false);
    let panel_id = context.id("facets");
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // On a phone the open filters run far below the screen: the button at their end
    // closes them and puts the visitor back at the toggle, above the results.
    let toggle_button = use_node_ref();
    let show_results = {
        let (open, toggle_button) = (open.clone(), toggle_button.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            if let Some(button) = toggle_button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    let state = &props.state;
    let result_for = |name: &str| props.facets.iter().find(|result| result.facet == name);
    let render = |spec: &FacetSpec| -> Html {
        let heading: AttrValue = context.facet_label(&spec.name, &spec.label).into();
        match (spec.kind, &spec.source) {
            (FacetKind::Keyword | FacetKind::List | FacetKind::Bool, _) => {
                let rows = value_rows(spec, result_for(&spec.name), state);
                if rows.is_empty() {
                    return html! {};
                }
                html! {
                    <FacetValues name={spec.name.clone()} {heading} wording={ValueWording::of(spec)} {rows}
                        dispatch={props.dispatch.clone()} />
                }
            }
            (FacetKind::Number, FacetSource::Salary) => {
                let result = result_for(&spec.name);
                html! {
                    <SalaryRange {heading}
                        min={state.salary_min} max={state.salary_max}
                        include_unknown={state.salary_include_unknown}
                        bounds={result.and_then(|r| r.min.zip(r.max))}
                        bars={result.map(histogram_bars).unwrap_or_default()}
                        unknown={result.map(|r| r.unknown as usize).unwrap_or(0)}
                        dispatch={props.dispatch.clone()} />
                }
            }
            (FacetKind::Date, FacetSource::Posted) => html! {
                <PostedWithin heading={context.posted_heading(&spec.name, &spec.label)} days={state.posted_within} dispatch={props.dispatch.clone()} />
            },
            (FacetKind::Date, FacetSource::Deadline) => html! {
                <HideExpired {heading} hide={state.hide_expired} dispatch={props.dispatch.clone()} />
            },
            // Site-configured number and date facets have no range control yet; their
            // values still show on cards through the engine's text search.
            _ => html! {},
        }
    };
    let toggle_text = if *open { labels.hide_filters().to_owned() } else { labels.show_filters().to_owned() };
    html! {
        <aside class="jobsift-facets" data-open={(*open).then_some("")} aria-label={labels.filters().to_owned()}>
            <button type="button" class="jobsift-button jobsift-facets-toggle" ref={toggle_button}
                aria-expanded={open.to_string()} aria-controls={panel_id.clone()} onclick={toggle}>
                { toggle_text }
                if props.active > 0 { <span class="jobsift-badge">{ props.active }</span> }
            </button>
            <div class="jobsift-facets-body" id={panel_id}>
                { for props.schema.facets.iter().map(render) }
                <button type="button" class="jobsift-button jobsift-facets-done" onclick={show_results}>
                    { fill(labels.show_results(), &[("count", &grouped(props.total, labels.thousands_separator()))]) }
                </button>
            </div>
        </aside>
    }
}
