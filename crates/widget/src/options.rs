//! Options a site passes to `jobsift.mount(element, options)` (or as `data-*` attributes
//! that the loader turns into the same object), read with serde-wasm-bindgen.

use crate::labels::Labels;
use jobsift_core::Date;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

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
}

/// Facet headings by facet name, as a JavaScript object gives them. Pairs in a vector
/// rather than a map: a page renames a few facets, and a `BTreeMap<String, String>`
/// instance was 6 KB of wasm.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetLabels(Vec<(String, String)>);

impl FacetLabels {
    /// The heading for `facet`; a name given twice takes the last, as labels do.
    pub fn get(&self, facet: &str) -> Option<&str> {
        self.0.iter().rev().find(|(name, _)| name == facet).map(|(_, label)| label.as_str())
    }
}

impl<'de> Deserialize<'de> for FacetLabels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FacetLabels, D::Error> {
        Ok(FacetLabels(Pairs::deserialize(deserializer)?.0))
    }
}

/// Facet value labels: for each facet named, its values' labels, as pairs like
/// `FacetLabels`.
#[derive(Clone, Debug, Default, PartialEq)]
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

impl<'de> Deserialize<'de> for ValueLabels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ValueLabels, D::Error> {
        let facets = Pairs::<Pairs<String>>::deserialize(deserializer)?.0;
        Ok(ValueLabels(facets.into_iter().map(|(facet, values)| (facet, values.0)).collect()))
    }
}

/// A JavaScript object, as its key/value pairs in order.
pub struct Pairs<T>(pub Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Pairs<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Pairs<T>, D::Error> {
        struct PairsVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for PairsVisitor<T> {
            type Value = Pairs<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<T>, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, T>()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error, MapDeserializer};

    #[test]
    fn facet_labels_read_from_an_object_last_name_winning() {
        let object = [("tags", "Schlagwörter"), ("org", "Arbeitgeber"), ("tags", "Themen")];
        let labels = FacetLabels::deserialize(MapDeserializer::<_, Error>::new(object.into_iter())).unwrap();
        assert_eq!(labels.get("tags"), Some("Themen"));
        assert_eq!(labels.get("org"), Some("Arbeitgeber"));
        assert_eq!(labels.get("remote"), None);
    }

    #[test]
    fn value_labels_read_per_facet_last_name_winning() {
        let json = r#"{"type": {"full-time": "Vollzeit", "contract": "Vertrag"}, "remote": {"true": "Ja"}, "type": {"full-time": "Festanstellung"}}"#;
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let labels = ValueLabels::deserialize(&mut deserializer).unwrap();
        assert_eq!(labels.get("type", "full-time"), Some("Festanstellung"));
        assert_eq!(labels.get("type", "contract"), Some("Vertrag"), "an earlier object still names what the later one does not");
        assert_eq!(labels.get("remote", "true"), Some("Ja"));
        assert_eq!(labels.get("remote", "false"), None);
        assert_eq!(labels.get("tags", "full-time"), None, "labels belong to their facet");
    }
}
