//! The widget's root: loads the index, owns the search state, keeps the URL in step,
//! and lays out the search box, facet panel and results.

use super::current_filters::CurrentFilters;
use super::empty_state::EmptyState;
use super::facet_panel::FacetPanel;
use super::load_more::LoadMore;
use super::result_card::CardData;
use super::result_list::ResultList;
use super::result_stats::ResultStats;
use super::search_box::SearchBox;
use super::sort_select::SortSelect;
use super::status::Status;
use crate::chips::active_chips;
use crate::context::{Shared, WidgetContext};
use crate::hooks::{use_index, use_search, use_url_sync, SameOutcome};
use crate::loader::LoadState;
use crate::options::Options;
use crate::chips::Chip;
use crate::labels::{fill, Labels};
use crate::query::{build_request, respelled};
use crate::state::{Action, SearchState};
use crate::url;
use jobsift_core::{Date, Index};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub options: Shared<Options>,
    pub index_url: AttrValue,
    /// The index download the loader started early, if any.
    /// (A `Promise<Response>`; kept as `JsValue`, which can be compared for props.)
    pub prefetched: Option<JsValue>,
    pub id_prefix: AttrValue,
    /// Told "ready" or "error" once, so the loader can retire the host page's fallback
    /// content (progressive enhancement) only when the widget has something to show.
    pub on_status: Option<js_sys::Function>,
    /// Fetches a block of a chunked index (see `crate::mount`).
    pub fetch_range: Option<js_sys::Function>,
}

fn byte_ranges(ranges: &[(u32, u32)]) -> Vec<(usize, usize)> {
    ranges.iter().map(|&(start, end)| (start as usize, end as usize)).collect()
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let options = &props.options;
    let context = use_memo((options.clone(), props.id_prefix.clone()), |(options, id_prefix)| WidgetContext {
        labels: Shared::new(options.labels.clone()),
        facet_labels: Shared::new(options.facet_labels.clone()),
        value_labels: Shared::new(options.value_labels.clone()),
        page_size: options.page_size(),
        today: options.today(),
        id_prefix: id_prefix.to_string(),
    });
    let state = use_reducer(|| if options.sync_url { url::read_location() } else { SearchState::new() });
    let (load_state, retry) = use_index(
        props.index_url.to_string(),
        props.prefetched.clone().and_then(|promise| promise.dyn_into::<js_sys::Promise>().ok()),
    );
    let index = match &load_state {
        LoadState::Ready(index) => Some(index.clone()),
        _ => None,
    };
    {
        // Once the index is here, a link's values take the index's spelling, in place in
        // the URL (the link was not a step of this visit's history).
        let state = state.clone();
        let sync_url = options.sync_url;
        use_effect_with(index.clone(), move |index| {
            if let Some(next) = index.as_ref().and_then(|index| respelled(&index.0, &state)) {
                if sync_url {
                    url::write_location(&next, url::HistoryMode::Replace);
                }
                state.dispatch(Action::Restore(next));
            }
        });
    }
    {
        let dispatcher = state.dispatcher();
        use_url_sync(Rc::new((*state).clone()), Callback::from(move |action| dispatcher.dispatch(action)), options.sync_url);
    }
    let view = use_search(index.clone(), Rc::new((*state).clone()), context.page_size, context.today, props.fetch_range.clone());
    let outcome = view.outcome.clone();
    // An empty answer's suggestions each cost a search: once per state, not per render.
    let empty_answer = outcome.as_ref().is_some_and(|outcome| outcome.response.total == 0);
    let suggestions = {
        let context = context.clone();
        use_memo((index.clone(), (*state).clone(), empty_answer), move |(index, state, empty_answer)| match index {
            Some(index) if *empty_answer => {
                let chips = active_chips(&context, index.0.schema(), state);
                helpful_removals(&index.0, state, chips, &context.labels, context.today)
            }
            _ => Vec::new(),
        })
    };

    let status_key = match &load_state {
        LoadState::Loading => "loading",
        LoadState::Ready(_) => "ready",
        LoadState::Failed(_) => "error",
    };
    {
        let on_status = props.on_status.clone();
        use_effect_with(status_key, move |status| {
            if let (Some(on_status), "ready" | "error") = (on_status, *status) {
                let _ = on_status.call1(&JsValue::NULL, &JsValue::from_str(status));
            }
        });
    }
    // Marks for the benchmark: results painted (after any keystroke, and the first time).
    {
        use_effect_with(SameOutcome(outcome.clone()), move |painted| {
            if painted.0.is_some() {
                if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                    let _ = performance.mark("jobsift-results");
                    if performance.get_entries_by_name("jobsift-first-results").length() == 0 {
                        let _ = performance.mark("jobsift-first-results");
                    }
                }
            }
        });
    }

    let dispatch = state.dispatcher();
    let body = match (&load_state, &index, &outcome) {
        (LoadState::Failed(message), _, _) => html! { <Status error={Some(message.clone())} on_retry={retry} /> },
        (LoadState::Ready(_), Some(index), Some(outcome)) => {
            let schema = Rc::new(index.0.schema().clone());
            let response = &outcome.response;
            let chips = active_chips(&context, &schema, &state);
            let cards: Vec<CardData> = response
                .hits
                .iter()
                .map(|hit| CardData {
                    index: index.clone(),
                    id: hit.doc as usize,
                    title_matches: byte_ranges(&hit.title_matches),
                    snippet: hit.snippet.as_ref().map(|s| (s.text.clone(), byte_ranges(&s.matches))),
                    has_fields: index.0.doc(hit.doc).is_some(),
                })
                .collect();
            let total = response.total;
            let active = chips.len();
            let results_heading_id = format!("{}-results-heading", context.id_prefix);
            // Past the filters (dozens of controls) straight to the results, by keyboard.
            let skip_to_results = {
                let id = results_heading_id.clone();
                Callback::from(move |_: MouseEvent| {
                    if let Some(heading) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) {
                        let _ = heading.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                })
            };
            html! {
                <>
                    <SearchBox text={state.text.clone()} dispatch={dispatch.clone()} />
                    <button type="button" class="jobsift-skip" onclick={skip_to_results}>{ context.labels.skip_to_results().to_owned() }</button>
                    <div class="jobsift-layout">
                        <FacetPanel schema={schema.clone()} facets={Rc::new(response.facets.clone())}
                            state={Rc::new((*state).clone())} dispatch={dispatch.clone()} {active} {total} />
                        <section class="jobsift-results" aria-labelledby={results_heading_id.clone()}
                            aria-busy={view.fetching.then_some("true")}>
                            <h2 id={results_heading_id} tabindex="-1" class="jobsift-visually-hidden">{ context.labels.results_heading().to_owned() }</h2>
                            <div class="jobsift-toolbar">
                                <ResultStats {total} elapsed_ms={outcome.elapsed_ms} />
                                <SortSelect sort={state.sort} dispatch={dispatch.clone()} />
                            </div>
                            if let Some(message) = &view.error {
                                <p class="jobsift-part-error" role="alert">
                                    { message.clone() }{ " " }
                                    <button type="button" class="jobsift-link-button" onclick={view.retry.reform(|_| ())}>{ context.labels.retry().to_owned() }</button>
                                </p>
                            }
                            if !chips.is_empty() {
                                <CurrentFilters chips={chips.clone()} dispatch={dispatch.clone()} />
                            }
                            if total == 0 {
                                <EmptyState suggestions={(*suggestions).clone()} dispatch={dispatch.clone()} />
                            } else {
                                <ResultList cards={cards.clone()} />
                                <LoadMore shown={cards.len()} {total} dispatch={dispatch.clone()} />
                            }
                        </section>
                    </div>
                </>
            }
        }
        _ => html! { <Status error={None::<String>} on_retry={retry} /> },
    };
    html! {
        <ContextProvider<WidgetContext> context={(*context).clone()}>
            <div class="jobsift-app" data-jobsift-state={status_key}>{ body }</div>
        </ContextProvider<WidgetContext>>
    }
}

/// For an empty answer: the filters (and the search text) whose removal alone would bring
/// results back, each worded as a suggestion. A chunked index that cannot tell yet
/// (blocks not here) keeps the suggestion.
fn helpful_removals(index: &Index, state: &SearchState, chips: Vec<Chip>, labels: &Labels, today: Date) -> Vec<Chip> {
    let clear_text = (!state.text.trim().is_empty())
        .then(|| Chip { text: labels.clear_search().to_owned(), remove: Action::SetText(String::new()) });
    chips
        .into_iter()
        .map(|chip| Chip { text: fill(labels.remove_suggestion(), &[("filter", &chip.text)]), remove: chip.remove })
        .chain(clear_text)
        .filter(|chip| {
            let without = Rc::new(state.clone()).reduce(chip.remove.clone());
            let answer = index.search(&build_request(index.schema(), &without, 1, today));
            answer.partial || answer.total > 0
        })
        .collect()
}
