//! Fetching and decoding the index, with messages a visitor (and a site owner reading
//! the console) can act on.

use jobsift_core::chunks::BlockRef;
use jobsift_core::{Index, IndexStream};
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
    let broke_off = |error: JsValue| format!("The download of the job index from {url} broke off ({}).", describe(&error));
    let unusable = |error: jobsift_core::FormatError| format!("The file at {url} is not a usable job index: {error}.");
    // Decoded while it downloads: each section as soon as it is in (a large board's core
    // takes about as long to decode as to arrive).
    let mut stream = IndexStream::new();
    let Some(body) = response.body() else {
        let buffer = response.array_buffer().map_err(broke_off)?;
        let buffer = JsFuture::from(buffer).await.map_err(broke_off)?;
        let bytes = js_sys::Uint8Array::new(&buffer);
        stream.push_with(bytes.length() as usize, |space| bytes.copy_to(space));
        return stream.finish().map_err(unusable);
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    loop {
        let read: web_sys::ReadableStreamReadResult = JsFuture::from(reader.read()).await.map_err(broke_off)?.unchecked_into();
        if read.get_done().unwrap_or(true) {
            break;
        }
        // A view of the chunk (`Uint8Array::new` of a typed array would copy it).
        let bytes: js_sys::Uint8Array = read.get_value().unchecked_into();
        stream.push_with(bytes.length() as usize, |space| bytes.copy_to(space));
    }
    stream.finish().map_err(unusable)
}

/// Fetches `blocks` of a chunked index through the loader's `fetch_block(pack, offset,
/// length)`, which answers a promise of the decompressed bytes, and attaches them. All
/// requests start at once; the first failure is reported after the others settled.
pub async fn fetch_blocks(index: &Index, blocks: &[BlockRef], fetch_block: &js_sys::Function) -> Result<(), String> {
    let started: Vec<(BlockRef, Result<js_sys::Promise, String>)> = blocks
        .iter()
        .map(|&block| {
            let promise = index
                .block_location(block)
                .ok_or_else(|| format!("the index has no {} block {}", block.kind.name(), block.number))
                .and_then(|at| {
                    fetch_block
                        .call3(&JsValue::NULL, &JsValue::from_str(at.pack), &JsValue::from_f64(at.offset as f64), &JsValue::from_f64(at.length as f64))
                        .map_err(|error| describe(&error))
                })
                .and_then(|value| value.dyn_into::<js_sys::Promise>().map_err(|_| "fetch_block did not return a promise".to_owned()));
            (block, promise)
        })
        .collect();
    let mut first_failure = None;
    for (block, promise) in started {
        let attached = match promise {
            Ok(promise) => match JsFuture::from(promise).await {
                Ok(bytes) => index.attach(block, &js_sys::Uint8Array::new(&bytes).to_vec()).map(|_| ()).map_err(|error| error.to_string()),
                Err(error) => Err(describe(&error)),
            },
            Err(message) => Err(message),
        };
        if let Err(reason) = attached {
            first_failure.get_or_insert_with(|| format!("Could not load part of the job index ({} block {}: {reason}).", block.kind.name(), block.number));
        }
    }
    first_failure.map_or(Ok(()), Err)
}

fn describe(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error.as_string().unwrap_or_else(|| "network error".into())
}
