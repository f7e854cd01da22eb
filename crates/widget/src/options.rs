//! Options a site passes to `jobsift.mount(element, options)` (or as `data-*` attributes
//! that the loader turns into the same object), read field by field with `js_sys::Reflect`.
//! (serde-wasm-bindgen did this before; with serde's derived visitors and error
//! formatting it cost the wasm more than the whole options reader does by hand.)

use crate::labels::Labels;
use jobsift_core::Date;
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Results per page ("show more" adds another page).
    pub page_size: usize,
    /// "Today" as `YYYY-MM-DD`, for "posted within" and "hide expired". Tests and
    /// screenshots set it so that their results do not change with the calendar.
    pub today: Option<String>,
    /// Whether the search state is mirrored into the page's query string.
    pub sync_url: bool,
    pub labels: Labels,
    /// Facet headings by facet name, overriding the index's schema labels.
    pub facet_labels: BTreeMap<String, String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { page_size: 20, today: None, sync_url: true, labels: Labels::default(), facet_labels: BTreeMap::new() }
    }
}

impl Options {
    /// Reads the options object passed to `mount`; `undefined` or `null` give the
    /// defaults, and so does any key left out (or set to `undefined`/`null`). Unknown
    /// keys are ignored; a known key of the wrong type is an error naming it.
    pub fn from_js(value: &JsValue) -> Result<Options, String> {
        let mut options = Options::default();
        if value.is_undefined() || value.is_null() {
            return Ok(options);
        }
        if !value.is_object() {
            return Err("options must be an object".into());
        }
        if let Some(size) = given(value, "pageSize") {
            options.page_size = size
                .as_f64()
                .filter(|n| n.fract() == 0.0 && *n >= 0.0)
                .ok_or("pageSize must be a whole number")? as usize;
        }
        if let Some(today) = given(value, "today") {
            options.today = Some(today.as_string().ok_or("today must be a YYYY-MM-DD string")?);
        }
        if let Some(sync) = given(value, "syncUrl") {
            options.sync_url = sync.as_bool().ok_or("syncUrl must be true or false")?;
        }
        if let Some(labels) = given(value, "labels") {
            for (key, text) in string_entries(&labels, "labels")? {
                // Unknown label names are ignored, so a newer site config works on an
                // older widget.
                if let Some(slot) = options.labels.by_key_mut(&key) {
                    *slot = text;
                }
            }
        }
        if let Some(facet_labels) = given(value, "facetLabels") {
            options.facet_labels = string_entries(&facet_labels, "facetLabels")?.into_iter().collect();
        }
        Ok(options)
    }

    pub fn page_size(&self) -> usize {
        self.page_size.clamp(1, 200)
    }

    /// The `today` option, or the visitor's local date.
    pub fn today(&self) -> Date {
        if let Some(date) = self.today.as_deref().and_then(Date::parse_iso) {
            return date;
        }
        let now = js_sys::Date::new_0();
        Date::from_ymd(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
            .unwrap_or(Date(0))
    }
}

/// `object[key]`, unless it is missing, `undefined` or `null`.
fn given(object: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The own enumerable `[key, value]` pairs of a plain object whose values are strings.
fn string_entries(value: &JsValue, name: &str) -> Result<Vec<(String, String)>, String> {
    let object = value.dyn_ref::<Object>().ok_or_else(|| format!("{name} must be an object"))?;
    Object::entries(object)
        .iter()
        .map(|entry| {
            let pair: js_sys::Array = entry.unchecked_into();
            match (pair.get(0).as_string(), pair.get(1).as_string()) {
                (Some(key), Some(text)) => Ok((key, text)),
                _ => Err(format!("{name} values must be strings")),
            }
        })
        .collect()
}
