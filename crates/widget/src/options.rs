//! Options a site passes to `jobsift.mount(element, options)` (or as `data-*` attributes
//! that the loader turns into the same object), read with serde-wasm-bindgen.

use crate::labels::Labels;
use jobsift_core::Date;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

#[derive(Clone, Debug)]
#[cfg_attr(test, derive(PartialEq))]
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
    pub facet_labels: FacetLabels,
    /// How facet values read, by facet name and value (`{ type: { "full-time": "Vollzeit" } }`):
    /// in the facet lists, the current-filter chips and the cards' badges and tags.
    pub value_labels: ValueLabels,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            page_size: 20,
            today: None,
            sync_url: true,
            labels: Labels::default(),
            facet_labels: FacetLabels::default(),
            value_labels: ValueLabels::default(),
        }
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

    /// The options object a page passed, checked: unknown keys are ignored (a page written
    /// for a newer widget may name options this one lacks), `null` and `undefined` keep
    /// an option's default, and a value of the wrong type is refused, naming its key.
    pub fn read(value: OptionValue) -> Result<Options, String> {
        let mut options = Options::default();
        for (key, value) in value.into_object().map_err(|expected| must_be("options", expected))? {
            let wrong = |expected| must_be(&key, expected);
            match key.as_str() {
                "pageSize" => {
                    if let Some(size) = value.into_whole_number().map_err(wrong)? {
                        options.page_size = size;
                    }
                }
                "today" => options.today = value.into_text().map_err(wrong)?,
                "syncUrl" => {
                    if let Some(sync) = value.into_flag().map_err(wrong)? {
                        options.sync_url = sync;
                    }
                }
                "labels" => {
                    for (label, text) in text_pairs(value, &key)? {
                        if let Some(slot) = options.labels.slot(&label) {
                            *slot = text;
                        }
                    }
                }
                "facetLabels" => options.facet_labels = FacetLabels(text_pairs(value, &key)?),
                "valueLabels" => {
                    let mut facets = Vec::new();
                    for (facet, values) in value.into_object().map_err(wrong)? {
                        let values = text_pairs(values, &format!("{key}.{facet}"))?;
                        facets.push((facet, values));
                    }
                    options.value_labels = ValueLabels(facets);
                }
                _ => {}
            }
        }
        Ok(options)
    }
}

/// Facet headings by facet name, as a JavaScript object gives them. Pairs in a vector
/// rather than a map: a page renames a few facets, and a `BTreeMap<String, String>`
/// instance was 6 KB of wasm.
#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(PartialEq))]
pub struct FacetLabels(Vec<(String, String)>);

impl FacetLabels {
    /// The heading for `facet`; a name given twice takes the last, as labels do.
    pub fn get(&self, facet: &str) -> Option<&str> {
        self.0.iter().rev().find(|(name, _)| name == facet).map(|(_, label)| label.as_str())
    }
}

/// Facet value labels: for each facet named, its values' labels, as pairs like
/// `FacetLabels`.
#[derive(Clone, Debug, Default)]
#[cfg_attr(test, derive(PartialEq))]
pub struct ValueLabels(Vec<(String, Vec<(String, String)>)>);

impl ValueLabels {
    /// The label of `value` in `facet`; where a facet or a value is named twice, the last
    /// naming wins.
    pub fn get(&self, facet: &str, value: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .filter(|(name, _)| name == facet)
            .find_map(|(_, values)| values.iter().rev().find(|(v, _)| v == value))
            .map(|(_, label)| label.as_str())
    }
}

/// The error for an option (`labels.searchLabel`) of the wrong type.
fn must_be(name: &str, expected: Expected) -> String {
    format!("{name} must be {expected}")
}

/// An object of texts (labels) as pairs; `null` values are left out.
fn text_pairs(value: OptionValue, name: &str) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    for (key, value) in value.into_object().map_err(|expected| must_be(name, expected))? {
        if let Some(text) = value.into_text().map_err(|expected| must_be(&format!("{name}.{key}"), expected))? {
            pairs.push((key, text));
        }
    }
    Ok(pairs)
}

/// A value of the options object as JavaScript gave it. Every option is read through
/// this one type (serde-wasm-bindgen's `deserialize_any`) and then checked by
/// [`Options::read`]: serde's derives for each option's own type took 0.9 KB brotli
/// more of the widget's wasm, and their errors named types ("expected usize"), not keys.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// `null` or `undefined`.
    Nothing,
    Flag(bool),
    Number(f64),
    Text(String),
    /// An object's key/value pairs, in order.
    Object(Vec<(String, OptionValue)>),
}

/// What a value should have been ("a string"), for the error naming its key.
type Expected = &'static str;

impl OptionValue {
    fn into_object(self) -> Result<Vec<(String, OptionValue)>, Expected> {
        match self {
            OptionValue::Object(pairs) => Ok(pairs),
            OptionValue::Nothing => Ok(Vec::new()),
            _ => Err("an object"),
        }
    }

    fn into_text(self) -> Result<Option<String>, Expected> {
        match self {
            OptionValue::Text(text) => Ok(Some(text)),
            OptionValue::Nothing => Ok(None),
            _ => Err("a string"),
        }
    }

    fn into_flag(self) -> Result<Option<bool>, Expected> {
        match self {
            OptionValue::Flag(flag) => Ok(Some(flag)),
            OptionValue::Nothing => Ok(None),
            _ => Err("true or false"),
        }
    }

    fn into_whole_number(self) -> Result<Option<usize>, Expected> {
        match self {
            // `as` saturates: a huge page size is clamped by `page_size()` anyway.
            OptionValue::Number(n) if n >= 0.0 && n.fract() == 0.0 => Ok(Some(n as usize)),
            OptionValue::Nothing => Ok(None),
            _ => Err("a whole number"),
        }
    }
}

impl<'de> Deserialize<'de> for OptionValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OptionValue, D::Error> {
        struct AnyVisitor;
        impl<'de> Visitor<'de> for AnyVisitor {
            type Value = OptionValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number, boolean or object")
            }
            fn visit_unit<E>(self) -> Result<OptionValue, E> {
                Ok(OptionValue::Nothing)
            }
            fn visit_none<E>(self) -> Result<OptionValue, E> {
                Ok(OptionValue::Nothing)
            }
            fn visit_bool<E>(self, flag: bool) -> Result<OptionValue, E> {
                Ok(OptionValue::Flag(flag))
            }
            fn visit_i64<E>(self, n: i64) -> Result<OptionValue, E> {
                Ok(OptionValue::Number(n as f64))
            }
            fn visit_u64<E>(self, n: u64) -> Result<OptionValue, E> {
                Ok(OptionValue::Number(n as f64))
            }
            fn visit_f64<E>(self, n: f64) -> Result<OptionValue, E> {
                Ok(OptionValue::Number(n))
            }
            fn visit_str<E>(self, text: &str) -> Result<OptionValue, E> {
                Ok(OptionValue::Text(text.to_owned()))
            }
            fn visit_string<E>(self, text: String) -> Result<OptionValue, E> {
                Ok(OptionValue::Text(text))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OptionValue, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, OptionValue>()? {
                    pairs.push(pair);
                }
                Ok(OptionValue::Object(pairs))
            }
        }
        deserializer.deserialize_any(AnyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Options, String> {
        Options::read(serde_json::from_str::<OptionValue>(json).unwrap())
    }

    #[test]
    fn facet_labels_read_from_an_object_last_name_winning() {
        let options = read(r#"{"facetLabels": {"tags": "Schlagwörter", "org": "Arbeitgeber", "tags": "Themen"}}"#).unwrap();
        assert_eq!(options.facet_labels.get("tags"), Some("Themen"));
        assert_eq!(options.facet_labels.get("org"), Some("Arbeitgeber"));
        assert_eq!(options.facet_labels.get("remote"), None);
    }

    #[test]
    fn value_labels_read_per_facet_last_name_winning() {
        let json = r#"{"valueLabels": {"type": {"full-time": "Vollzeit", "contract": "Vertrag"}, "remote": {"true": "Ja"}, "type": {"full-time": "Festanstellung"}}}"#;
        let labels = read(json).unwrap().value_labels;
        assert_eq!(labels.get("type", "full-time"), Some("Festanstellung"));
        assert_eq!(labels.get("type", "contract"), Some("Vertrag"), "an earlier object still names what the later one does not");
        assert_eq!(labels.get("remote", "true"), Some("Ja"));
        assert_eq!(labels.get("remote", "false"), None);
        assert_eq!(labels.get("tags", "full-time"), None, "labels belong to their facet");
    }

    #[test]
    fn given_options_override_the_defaults_and_unknown_keys_are_ignored() {
        let options = read(r#"{"pageSize": 5, "today": "2026-01-02", "syncUrl": false, "futureOption": {"a": 1},
            "labels": {"searchLabel": "Jobs suchen", "noSuchLabel": "x"}}"#).unwrap();
        assert_eq!(options.page_size, 5);
        assert_eq!(options.today.as_deref(), Some("2026-01-02"));
        assert!(!options.sync_url);
        assert_eq!(options.labels.search_label(), "Jobs suchen");
        assert_eq!(options.labels.clear_all(), Labels::default().clear_all(), "labels not given keep their defaults");
    }

    #[test]
    fn no_option_takes_a_list() {
        let error = serde_json::from_str::<OptionValue>(r#"{"labels": ["Suchen"]}"#).unwrap_err().to_string();
        assert!(error.contains("expected a string, number, boolean or object"), "{error}");
    }

    #[test]
    fn null_and_missing_options_keep_their_defaults() {
        assert_eq!(read("null").unwrap(), Options::default());
        assert_eq!(read("{}").unwrap(), Options::default());
        let nulls = r#"{"pageSize": null, "today": null, "syncUrl": null, "labels": null, "facetLabels": null,
            "valueLabels": {"type": null}}"#;
        let options = read(nulls).unwrap();
        assert_eq!(Options { value_labels: ValueLabels::default(), ..options.clone() }, Options::default());
        assert_eq!(options.value_labels.get("type", "full-time"), None);
    }

    #[test]
    fn a_value_of_the_wrong_type_is_refused_naming_its_key() {
        for (json, error) in [
            (r#""compact""#, "options must be an object"),
            (r#"{"pageSize": "ten"}"#, "pageSize must be a whole number"),
            (r#"{"pageSize": 2.5}"#, "pageSize must be a whole number"),
            (r#"{"pageSize": -1}"#, "pageSize must be a whole number"),
            (r#"{"syncUrl": "false"}"#, "syncUrl must be true or false"),
            (r#"{"today": 20260102}"#, "today must be a string"),
            (r#"{"labels": "Deutsch"}"#, "labels must be an object"),
            (r#"{"labels": {"searchLabel": 3}}"#, "labels.searchLabel must be a string"),
            (r#"{"facetLabels": {"tags": true}}"#, "facetLabels.tags must be a string"),
            (r#"{"valueLabels": {"type": "Vollzeit"}}"#, "valueLabels.type must be an object"),
            (r#"{"valueLabels": {"type": {"full-time": 1}}}"#, "valueLabels.type.full-time must be a string"),
        ] {
            assert_eq!(read(json), Err(error.to_owned()), "{json}");
        }
    }
}
