//! The floor under the widget's size: the smallest app shaped like the widget, built and
//! post-processed exactly as the widget is (`bench/widget-floor.sh` prints the table).
//! Options come through serde-wasm-bindgen into a `Reducible` state; a search box and a
//! list render through Yew. With the `engine` feature it also decodes an index as the
//! widget does (a stream of chunks) and searches it on every keystroke. Not shipped.

use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A few options of each kind the widget takes (numbers, flags, a map of labels).
#[derive(serde::Deserialize, Default, PartialEq)]
#[serde(default, rename_all = "camelCase")]
struct Options {
    page_size: u32,
    sync_url: bool,
    labels: std::collections::BTreeMap<String, String>,
}

#[derive(Default, PartialEq)]
struct State {
    text: String,
}

enum Action {
    Type(String),
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Type(text) => Rc::new(State { text }),
        }
    }
}

#[derive(Properties, PartialEq)]
struct AppProps {
    options: Rc<Options>,
    index: Rc<Vec<u8>>,
}

#[function_component]
fn App(props: &AppProps) -> Html {
    let state = use_reducer(State::default);
    let oninput = {
        let state = state.dispatcher();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            state.dispatch(Action::Type(input.value()));
        })
    };
    let decoded = use_memo(props.index.clone(), |index| decode(index));
    let lines = lines(&decoded, &state.text, props.options.page_size as usize);
    // Every option is read somewhere, so that none of their decoding is optimised away.
    html! {
        <div class={props.options.labels.get("class").cloned()} data-sync={props.options.sync_url.to_string()}>
            <input type="search" value={state.text.clone()} {oninput} />
            <ul>{ for lines.into_iter().map(|line| html! { <li>{ line }</li> }) }</ul>
        </div>
    }
}

#[cfg(not(feature = "engine"))]
fn decode(_index: &[u8]) {}

#[cfg(not(feature = "engine"))]
fn lines(_decoded: &(), text: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{text} {i}")).collect()
}

/// The index read as the widget reads a download: chunk by chunk.
#[cfg(feature = "engine")]
fn decode(index: &[u8]) -> Result<jobsift_core::Index, jobsift_core::FormatError> {
    let mut stream = jobsift_core::IndexStream::new();
    for chunk in index.chunks(64 * 1024) {
        stream.push(chunk);
    }
    stream.finish()
}

/// The hits' titles and each facet's top value, or the decoding error.
#[cfg(feature = "engine")]
fn lines(decoded: &Result<jobsift_core::Index, jobsift_core::FormatError>, text: &str, count: usize) -> Vec<String> {
    use jobsift_core::search::{SearchRequest, SortOrder};
    let index = match decoded {
        Ok(index) => index,
        Err(error) => return vec![error.to_string()],
    };
    let request = SearchRequest {
        text: text.to_owned(),
        filters: Vec::new(),
        ranges: Vec::new(),
        hide_expired_on: None,
        sort: SortOrder::Relevance,
        offset: 0,
        limit: count,
    };
    let response = index.search(&request);
    let titles = response.hits.iter().filter_map(|hit| index.doc(hit.doc)).map(|doc| doc.title.clone());
    let facets = response.facets.iter().filter_map(|facet| facet.values.first()).map(|value| format!("{} ({})", value.value, value.count));
    titles.chain(facets).collect()
}

#[wasm_bindgen]
pub fn mount(root: web_sys::Element, options: JsValue, index: Vec<u8>) -> Result<(), JsValue> {
    let options: Options = serde_wasm_bindgen::from_value(options).map_err(|error| JsValue::from_str(&error.to_string()))?;
    yew::Renderer::<App>::with_root_and_props(root, AppProps { options: Rc::new(options), index: Rc::new(index) }).render();
    Ok(())
}
