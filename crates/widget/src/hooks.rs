//! Custom hooks: loading the index, mirroring the state into the URL, running a search
//! (and fetching the blocks of a chunked index that it needs).

use crate::loader::{fetch_blocks, load_index, IndexHandle, LoadState};
use crate::query::{build_request, SearchOutcome};
use crate::state::{Action, SearchState};
use crate::url::{self, HistoryMode};
use jobsift_core::chunks::BlockRef;
use jobsift_core::search::SearchRequest;
use jobsift_core::Date;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Loads the index once; `retry` starts a fresh download after a failure.
#[hook]
pub fn use_index(url: String, prefetched: Option<js_sys::Promise>) -> (LoadState, Callback<()>) {
    let load_state = use_state(|| LoadState::Loading);
    // The loader's prefetch is used by the first attempt only.
    let prefetched = use_mut_ref(move || prefetched);
    let attempt = use_state(|| 0u32);
    {
        let load_state = load_state.clone();
        use_effect_with((url, *attempt), move |(url, _)| {
            let url = url.clone();
            let prefetched = prefetched.borrow_mut().take();
            load_state.set(LoadState::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let next = match load_index(&url, prefetched).await {
                    Ok(index) => LoadState::Ready(IndexHandle(Rc::new(index))),
                    Err(message) => {
                        web_sys::console::error_1(&format!("jobsift: {message}").into());
                        LoadState::Failed(message)
                    }
                };
                load_state.set(next);
            });
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    ((*load_state).clone(), retry)
}

/// Keeps the page URL and the search state in step: state changes are written (typing
/// and "show more" replace the history entry, everything else pushes one), and
/// back/forward restores.
#[hook]
pub fn use_url_sync(state: Rc<SearchState>, dispatch: Callback<Action>, enabled: bool) {
    // The last state handed to the URL, written or waiting in `typed`.
    let previous = use_mut_ref(|| (*state).clone());
    // Typing's write, held until its keystroke's frame has painted: `replaceState` took
    // 1–2.5 ms of each keystroke in Chromium, time the visitor waited for the results.
    let typed = use_mut_ref(|| None::<AfterNextPaint>);
    {
        let typed = typed.clone();
        use_effect_with(state, move |state| {
            // The first run sees the state just read from the URL: nothing to write.
            if enabled && **state != *previous.borrow() {
                let mut previous = previous.borrow_mut();
                let only_text_changed = SearchState { text: state.text.clone(), ..previous.clone() } == **state;
                let only_pages_changed = SearchState { pages: state.pages, ..previous.clone() } == **state;
                if only_pages_changed {
                    // "Show more" is kept for a reload but is not a step for Back: Back
                    // should leave the search, not take back cards one page at a time.
                    // (Same text, so typing's pending write is covered by this one.)
                    typed.borrow_mut().take();
                    url::write_location(state, HistoryMode::Replace);
                } else if only_text_changed {
                    let state = state.clone();
                    *typed.borrow_mut() = AfterNextPaint::new(move || url::write_location(&state, HistoryMode::Replace));
                } else {
                    // The entry being left keeps the text typed into it (if typing's
                    // write has run already, writing it again changes nothing); then the
                    // change gets an entry of its own.
                    if typed.borrow_mut().take().is_some() {
                        url::write_location(&previous, HistoryMode::Replace);
                    }
                    url::write_location(state, HistoryMode::Push);
                }
                *previous = (**state).clone();
            }
        });
    }
    use_effect_with(enabled, move |enabled| {
        let listener: Rc<RefCell<Option<PopStateListener>>> = Rc::new(RefCell::new(None));
        if *enabled {
            let on_pop = Closure::<dyn Fn()>::new(move || {
                // Typing's write, if it has not run yet, belongs to the entry just left:
                // it must not land on this one.
                typed.borrow_mut().take();
                dispatch.emit(Action::Restore(url::read_location()));
            });
            if let Some(window) = web_sys::window() {
                let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
            }
            *listener.borrow_mut() = Some(on_pop);
        }
        move || {
            if let (Some(window), Some(on_pop)) = (web_sys::window(), listener.borrow_mut().take()) {
                let _ = window.remove_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
            }
        }
    });
}

/// The `popstate` handler, kept so the effect's cleanup can remove it.
type PopStateListener = Closure<dyn Fn()>;

/// What the results area shows.
pub struct SearchView {
    /// The latest final answer: while blocks a newer search needs are on their way, the
    /// previous answer stays up rather than counts that are not final.
    pub outcome: Option<Rc<SearchOutcome>>,
    /// Blocks of a chunked index are being fetched for the current search.
    pub fetching: bool,
    /// Why blocks could not be fetched, if they could not.
    pub error: Option<String>,
    /// Asks again for the blocks that could not be fetched.
    pub retry: Callback<()>,
}

/// Counts the batches of blocks attached to the index: searches depend on it, so each
/// arrival runs the current search again.
#[derive(Default, PartialEq)]
struct Arrivals(u32);

impl Reducible for Arrivals {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Arrivals(self.0 + 1))
    }
}

/// How long typing must pause before the next page's cards are prefetched.
const PREFETCH_PAUSE_MS: i32 = 300;

/// How long after a single-file index is ready the warm-up search runs (see `use_search`).
const WARM_UP_PAUSE_MS: i32 = 400;

/// A `setTimeout` that is cleared when dropped (the effect's cleanup drops it).
struct Timeout {
    handle: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timeout {
    fn new(milliseconds: i32, run: impl FnOnce() + 'static) -> Option<Timeout> {
        let mut run = Some(run);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(run) = run.take() {
                run();
            }
        });
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), milliseconds)
            .ok()?;
        Some(Timeout { handle, _callback: callback })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
        }
    }
}

/// Runs a closure in a task after the next frame (a `requestAnimationFrame` callback runs
/// just before the frame's style, layout and paint; a timeout set there runs after them).
/// Dropping it before then cancels the run.
pub(crate) struct AfterNextPaint {
    frame: i32,
    _on_frame: Closure<dyn FnMut()>,
    _after: Rc<RefCell<Option<Timeout>>>,
}

impl AfterNextPaint {
    pub(crate) fn new(run: impl FnOnce() + 'static) -> Option<AfterNextPaint> {
        let after = Rc::new(RefCell::new(None));
        let mut run = Some(run);
        let on_frame = {
            let after = after.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(run) = run.take() {
                    *after.borrow_mut() = Timeout::new(0, run);
                }
            })
        };
        let frame = web_sys::window()?.request_animation_frame(on_frame.as_ref().unchecked_ref()).ok()?;
        Some(AfterNextPaint { frame, _on_frame: on_frame, _after: after })
    }
}

impl Drop for AfterNextPaint {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.cancel_animation_frame(self.frame);
        }
    }
}

/// Adds `block` to the blocks being fetched; false if it is among them already.
fn start_fetch(in_flight: &mut Vec<BlockRef>, block: BlockRef) -> bool {
    if in_flight.contains(&block) {
        return false;
    }
    in_flight.push(block);
    true
}

/// Runs the search whenever the state or the index changes (not on unrelated renders),
/// and for a chunked index fetches the blocks an answer reports pending (each once, a
/// batch's neighbours in one request) with `fetch_range`, then searches again. When
/// nothing is pending, the next page's blocks are fetched after a pause in typing.
#[hook]
pub fn use_search(
    index: Option<IndexHandle>,
    state: Rc<SearchState>,
    page_size: usize,
    today: Date,
    fetch_range: Option<js_sys::Function>,
) -> SearchView {
    let arrivals = use_reducer(Arrivals::default);
    // A chunked index's last search, so that blocks arriving for a final answer (its
    // cards and snippets, or the next page's) refill it instead of searching again.
    let last_search = use_mut_ref(|| None::<(IndexHandle, SearchRequest, Rc<SearchOutcome>)>);
    let outcome = use_memo((index.clone(), state.clone(), page_size, today, arrivals.0), |(index, state, page_size, today, _)| {
        index.as_ref().map(|index| {
            let request = build_request(index.0.schema(), state, *page_size, *today);
            let started = now_ms();
            if index.0.pack_names().is_empty() {
                // A single file: nothing arrives, every change is a new search.
                let response = index.0.search(&request);
                return Rc::new(SearchOutcome { response, elapsed_ms: now_ms() - started });
            }
            let mut last_search = last_search.borrow_mut();
            let outcome = Rc::new(match last_search.as_ref() {
                // "Took" stays the search's time: a refill only adds the page's text.
                Some((last_index, last_request, last)) if last_index == index && *last_request == request => {
                    SearchOutcome { response: index.0.refill(&request, &last.response), elapsed_ms: last.elapsed_ms }
                }
                _ => {
                    let response = index.0.search(&request);
                    SearchOutcome { response, elapsed_ms: now_ms() - started }
                }
            });
            *last_search = Some((index.clone(), request, outcome.clone()));
            outcome
        })
    });
    // The blocks being fetched: a page's handful, so a list (a hash set linked std's
    // SipHash into the wasm for this alone).
    let in_flight = use_mut_ref(Vec::<BlockRef>::new);
    // Blocks whose fetch failed: not asked for again until the visitor says so ("Try
    // again"). Searching again at once asked for them again at once, a thousand requests
    // a second for as long as the host failed (or for good, after a redeploy).
    let failed = use_mut_ref(Vec::<BlockRef>::new);
    let error = use_state(|| None::<String>);
    let retry = {
        let (failed, error, arrived) = (failed.clone(), error.clone(), arrivals.dispatcher());
        Callback::from(move |()| {
            failed.borrow_mut().clear();
            error.set(None);
            arrived.dispatch(());
        })
    };
    {
        let (index, error, arrived) = (index.clone(), error.clone(), arrivals.dispatcher());
        let next_page = SearchState { pages: state.pages + 1, ..(*state).clone() };
        use_effect_with(SameOutcome((*outcome).clone()), move |current| {
            let mut pause: Option<Timeout> = None;
            if let (Some(outcome), Some(index), Some(fetch_range)) = (&current.0, index, fetch_range) {
                let prefetch_index = index.clone();
                let fetch = move |blocks: Vec<BlockRef>| {
                    let blocks: Vec<BlockRef> = blocks
                        .into_iter()
                        .filter(|block| !index.0.has_block(*block) && !failed.borrow().contains(block) && start_fetch(&mut in_flight.borrow_mut(), *block))
                        .collect();
                    if blocks.is_empty() {
                        return;
                    }
                    let (index, in_flight, failed) = (index.clone(), in_flight.clone(), failed.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let failure = fetch_blocks(&index.0, &blocks, &fetch_range).await.err();
                        in_flight.borrow_mut().retain(|fetching| !blocks.contains(fetching));
                        if let Some(message) = failure {
                            web_sys::console::error_1(&format!("jobsift: {message}").into());
                            failed.borrow_mut().extend(blocks.iter().filter(|block| !index.0.has_block(**block)));
                            // Stays until "Try again": the failed blocks are not asked for before.
                            error.set(Some(message));
                        }
                        // Searched again with what did arrive; the failed blocks wait.
                        arrived.dispatch(());
                    });
                };
                let response = &outcome.response;
                if !response.pending.is_empty() {
                    fetch(response.pending.clone());
                } else if response.total > response.hits.len() {
                    // All shown: once the visitor pauses, fetch the cards of the next page,
                    // so that "show more" needs no request.
                    pause = Timeout::new(PREFETCH_PAUSE_MS, move || {
                        let request = build_request(prefetch_index.0.schema(), &next_page, page_size, today);
                        fetch(prefetch_index.0.search(&request).pending);
                    });
                }
            }
            move || drop(pause)
        });
    }
    // The first text search after the page loaded ran at about half speed, before the
    // browser had compiled the engine's code for speed (2026-11-24, 10k posts: "d" took
    // 2.0-6.2 ms typed first, 1.0-1.4 ms typed again; 1.0-1.2 ms first after this). One
    // search nobody sees, a moment after the first results, gets that done before the
    // visitor types. Single files only: a chunked index's first search of text waits for
    // its blocks anyway, and its facet counts over a million posts would hold the page up.
    {
        let index = index.clone();
        use_effect_with(index.is_some(), move |_| {
            let warm_up = index.filter(|index| index.0.pack_names().is_empty()).and_then(|index| {
                Timeout::new(WARM_UP_PAUSE_MS, move || {
                    let request = SearchRequest { text: "e".into(), limit: page_size, ..SearchRequest::default() };
                    drop(index.0.search(&request));
                })
            });
            move || drop(warm_up)
        });
    }
    let last_final = use_mut_ref(|| None::<Rc<SearchOutcome>>);
    let current = (*outcome).clone();
    if let Some(outcome) = current.as_ref().filter(|o| !o.response.partial) {
        *last_final.borrow_mut() = Some(outcome.clone());
    }
    let shown = last_final.borrow().clone();
    SearchView {
        outcome: shown,
        fetching: current.is_some_and(|o| !o.response.pending.is_empty()),
        error: (*error).clone(),
        retry,
    }
}

/// A search outcome compared by identity: effects keyed by it run once per search (the
/// block fetch, the "results painted" mark). It holds the `Rc` rather than its address:
/// a bare address could be handed out again for the next outcome once the memo dropped
/// the old one, and the effect would not run.
pub struct SameOutcome(pub Option<Rc<SearchOutcome>>);

impl PartialEq for SameOutcome {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Milliseconds since the page started, for the "took" figure and performance marks.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}
