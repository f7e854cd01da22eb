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

/// In a batch of more than this many blocks (a phrase's texts, not a page's cards),
/// blocks up to [`MAX_GAP_BYTES`] apart share a request; in a smaller batch only
/// touching blocks do, so that a page costs exactly its blocks' bytes. With the gap on
/// every batch the real board's first results took 48 KB more (383 against 335 KB).
const MANY_BLOCKS: usize = 64;
/// Typing a phrase on 10k posts: 3,601 requests and 12.8 s with touching blocks merged,
/// 1,075 and 8.0 s with this gap.
const MAX_GAP_BYTES: u64 = 8 * 1024;
/// One request carries at most this much (unless one block is larger), so that a phrase
/// search's text comes in several answers the browser can fetch side by side.
const MAX_REQUEST_BYTES: u64 = 1024 * 1024;
/// At most this many requests are out at once. Thousands at a time (a phrase searched on
/// 10k posts, before requests were merged) made Chromium fail them with
/// ERR_INSUFFICIENT_RESOURCES.
const MAX_REQUESTS_IN_FLIGHT: usize = 16;

/// Blocks of one pack fetched in one request: `length` bytes from `offset`, each block at
/// its start within them.
struct Request<'a> {
    pack: &'a str,
    offset: u64,
    length: u64,
    blocks: Vec<(BlockRef, u64, u32)>,
}

/// Fetches `blocks` of a chunked index through the loader's `fetch_blocks(pack, offset,
/// length, parts)`, which answers a promise of each part's decompressed bytes (`parts`
/// is `[start, length, …]` within the range), and attaches them. Blocks that lie
/// together in a pack share a request; the first failure is reported after every
/// request settled.
pub async fn fetch_blocks(index: &Index, blocks: &[BlockRef], fetch_range: &js_sys::Function) -> Result<(), String> {
    let failed = |block: BlockRef, reason: &str| format!("Could not load part of the job index ({} block {}: {reason}).", block.kind.name(), block.number);
    let mut first_failure = None;
    // Blocks are laid out kind by kind in number order across the packs, so this is
    // their order in the packs.
    let mut sorted = blocks.to_vec();
    jobsift_core::sort::by_key(&mut sorted, BlockRef::sort_key);
    let max_gap = if blocks.len() > MANY_BLOCKS { MAX_GAP_BYTES } else { 0 };
    let mut requests: Vec<Request> = Vec::new();
    for block in sorted {
        let Some(at) = index.block_location(block) else {
            first_failure.get_or_insert_with(|| failed(block, "the index has no such block"));
            continue;
        };
        let end = at.offset + u64::from(at.length);
        match requests.last_mut() {
            Some(request)
                if request.pack == at.pack
                    && at.offset >= request.offset + request.length
                    && at.offset - (request.offset + request.length) <= max_gap
                    && end - request.offset <= MAX_REQUEST_BYTES =>
            {
                request.blocks.push((block, at.offset - request.offset, at.length));
                request.length = end - request.offset;
            }
            _ => requests.push(Request { pack: at.pack, offset: at.offset, length: u64::from(at.length), blocks: vec![(block, 0, at.length)] }),
        }
    }
    let start = |request: &Request| -> Result<JsFuture, String> {
        let parts: Vec<f64> = request.blocks.iter().flat_map(|&(_, start, length)| [start as f64, f64::from(length)]).collect();
        let answer = fetch_range
            .call4(
                &JsValue::NULL,
                &JsValue::from_str(request.pack),
                &JsValue::from_f64(request.offset as f64),
                &JsValue::from_f64(request.length as f64),
                &js_sys::Float64Array::from(&parts[..]),
            )
            .map_err(|error| describe(&error))?;
        answer.dyn_into::<js_sys::Promise>().map(JsFuture::from).map_err(|_| "fetch_blocks did not return a promise".to_owned())
    };
    let mut started: Vec<Option<Result<JsFuture, String>>> = requests.iter().take(MAX_REQUESTS_IN_FLIGHT).map(|request| Some(start(request))).collect();
    for at in 0..requests.len() {
        if let Some(next) = requests.get(at + MAX_REQUESTS_IN_FLIGHT) {
            // Started before this one is awaited, so that the window stays full.
            started.push(Some(start(next)));
        }
        let request = &requests[at];
        let answer = match started[at].take().expect("each request is awaited once") {
            Ok(future) => future.await.map_err(|error| describe(&error)),
            Err(message) => Err(message),
        };
        let first_block = request.blocks[0].0;
        let attached = answer.map_err(|reason| (first_block, reason)).and_then(|parts| {
            let parts: js_sys::Array = parts.dyn_into().map_err(|_| (first_block, "fetch_blocks did not answer a list".to_owned()))?;
            request.blocks.iter().enumerate().try_for_each(|(i, &(block, ..))| {
                let bytes = js_sys::Uint8Array::new(&parts.get(i as u32)).to_vec();
                index.attach(block, &bytes).map(|_| ()).map_err(|error| (block, error.to_string()))
            })
        });
        if let Err((block, reason)) = attached {
            first_failure.get_or_insert_with(|| failed(block, &reason));
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
