//! Options a site passes to `jobsift.mount(element, options)` (or as `data-*` attributes
//! that the loader turns into the same object), read with serde-wasm-bindgen.

use crate::labels::Labels;
use jobsift_core::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
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
