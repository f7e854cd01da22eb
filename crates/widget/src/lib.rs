//! jobsift's browser widget: instant faceted job search over a jobsift index, in
//! Yew/WebAssembly. The loader (`www/jobsift.js`) fetches this module and the index and
//! calls [`mount`]; everything a visitor sees is rendered here.

mod chips;
mod components;
mod context;
mod display;
mod focus;
mod hooks;
mod labels;
mod loader;
mod options;
mod query;
mod scroll;
mod state;
mod url;

use components::app::{App, AppProps};
use context::Shared;
use options::Options;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

/// talc rather than std's dlmalloc: smaller, and no slower here (see Cargo.toml). The
/// page's wasm is single-threaded, which talc's `TalcSyncCell` needs.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// Numbers mounts, so two widgets on one page get distinct element ids.
    static MOUNT_COUNT: Cell<u32> = const { Cell::new(0) };
    /// Whether a widget of this page keeps its search in the URL already.
    static URL_TAKEN: Cell<bool> = const { Cell::new(false) };
}

/// Renders the widget into `root`.
///
/// * `index_url` — absolute URL of the index (the loader resolves it);
/// * `options` — a plain object, see [`Options`]; `undefined` for the defaults;
/// * `prefetched` — a `Promise<Response>` for the index the loader already started;
/// * `on_status` — called once with `"ready"` or `"error"`;
/// * `fetch_range` — `(pack, offset, length, parts) => Promise<Uint8Array[]>`: blocks of a
///   chunked index that lie in one byte range of a pack, each decompressed (`parts` is
///   `[start, length, …]` within the range; the loader fetches the range and lets the
///   browser inflate each part).
#[wasm_bindgen]
pub fn mount(
    root: web_sys::Element,
    index_url: String,
    options: JsValue,
    prefetched: Option<js_sys::Promise>,
    on_status: Option<js_sys::Function>,
    fetch_range: Option<js_sys::Function>,
) -> Result<(), JsValue> {
    let mut options = serde_wasm_bindgen::from_value(options)
        .map_err(|error| error.to_string())
        .and_then(Options::read)
        .map_err(|error| JsValue::from_str(&format!("jobsift: invalid options: {error}")))?;
    // The URL's keys are not per widget: two widgets syncing would overwrite each
    // other's search. The first one mounted keeps it.
    if options.sync_url && URL_TAKEN.replace(true) {
        web_sys::console::warn_1(&"jobsift: another widget on this page keeps its search in the URL; this one does not".into());
        options.sync_url = false;
    }
    if options.sync_url {
        scroll::remember_on_leave();
    }
    let mount_number = MOUNT_COUNT.with(|count| {
        count.set(count.get() + 1);
        count.get()
    });
    let props = AppProps {
        options: Shared::new(options),
        index_url: index_url.into(),
        prefetched: prefetched.map(JsValue::from),
        id_prefix: format!("jobsift{mount_number}").into(),
        on_status,
        fetch_range,
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
    Ok(())
}
