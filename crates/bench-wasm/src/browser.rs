//! The JavaScript face of the benchmark: `load(bytes)` decodes an index once, `run(queries,
//! rounds)` times the queries with `performance.now()` and returns the result line as JSON.

use crate::{measure, parse_queries, post_count, require_whole_index, result_json};
use jobsift_core::Index;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

struct Loaded {
    index: Index,
    bytes: usize,
    decode_ms: f64,
}

thread_local! {
    static LOADED: RefCell<Option<Loaded>> = const { RefCell::new(None) };
}

fn performance() -> Result<web_sys::Performance, JsValue> {
    web_sys::window().and_then(|w| w.performance()).ok_or_else(|| JsValue::from_str("no window.performance"))
}

/// Decodes the index (timed, reported as `decode_ms`) and keeps it for `run`.
#[wasm_bindgen]
pub fn load(bytes: &[u8]) -> Result<(), JsValue> {
    let clock = performance()?;
    let start = clock.now();
    let index = Index::decode(bytes).map_err(|e| JsValue::from_str(&format!("not a jobsift index: {e}")))?;
    let decode_ms = clock.now() - start;
    require_whole_index(&index).map_err(JsValue::from_str)?;
    LOADED.with(|loaded| *loaded.borrow_mut() = Some(Loaded { index, bytes: bytes.len(), decode_ms }));
    Ok(())
}

/// Runs the queries of `queries.json` (its text) for one warm-up pass and `rounds` timed
/// passes; returns the result line (see `result_json`).
#[wasm_bindgen]
pub fn run(queries_json: &str, rounds: u32) -> Result<String, JsValue> {
    let queries = parse_queries(queries_json).map_err(|e| JsValue::from_str(&e))?;
    let clock = performance()?;
    LOADED.with(|loaded| {
        let loaded = loaded.borrow();
        let loaded = loaded.as_ref().ok_or_else(|| JsValue::from_str("call load(bytes) first"))?;
        let measurement = measure(&loaded.index, &queries, rounds, || clock.now());
        let posts = post_count(&loaded.index);
        Ok(result_json("jobsift-wasm", posts, loaded.bytes, loaded.decode_ms, rounds, &measurement).to_string())
    })
}
