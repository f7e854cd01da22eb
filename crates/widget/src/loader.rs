//! Fetching and decoding the index, with messages a visitor (and a site owner reading
//! the console) can act on.

use jobsift_core::Index;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A decoded index, compared by identity: it is immutable once loaded, and comparing
/// thousands of documents on every render would be wasteful.
#[derive(Clone, Debug)]
pub struct IndexHandle(pub Rc<Index>);

impl PartialEq for IndexHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Loading,
    Ready(IndexHandle),
    Failed(String),
}

/// Fetches and decodes the index. `prefetched` is the `fetch()` the loader started
/// while the wasm was still downloading; a retry fetches again.
pub async fn load_index(url: &str, prefetched: Option<js_sys::Promise>) -> Result<Index, String> {
    let response = match prefetched {
        Some(promise) => JsFuture::from(promise).await,
        None => {
            let window = web_sys::window().ok_or("no window")?;
            JsFuture::from(window.fetch_with_str(url)).await
        }
    }
    .map_err(|error| format!("Could not download the job index from {url} ({}).", describe(&error)))?;
    let response: web_sys::Response =
        response.dyn_into().map_err(|_| format!("Could not download the job index from {url}."))?;
    if !response.ok() {
        let status = response.status();
        return Err(if status == 404 {
            format!("The job index was not found at {url} (HTTP 404).")
        } else {
            format!("The server answered HTTP {status} for the job index at {url}.")
        });
    }
    let buffer = response
        .array_buffer()
        .map_err(|error| format!("Could not read the job index from {url} ({}).", describe(&error)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|error| format!("The download of the job index from {url} broke off ({}).", describe(&error)))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Index::decode(&bytes).map_err(|error| format!("The file at {url} is not a usable job index: {error}."))
}

fn describe(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error.as_string().unwrap_or_else(|| "network error".into())
}
