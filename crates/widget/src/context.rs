//! What every component needs and nothing changes after mounting: labels, page size,
//! "today", and a per-mount id prefix (a page can hold two widgets).

use crate::labels::Labels;
use crate::options::{FacetLabels, ValueLabels};
use jobsift_core::Date;
use std::ops::Deref;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct WidgetContext {
    pub labels: Shared<Labels>,
    pub facet_labels: Shared<FacetLabels>,
    pub value_labels: Shared<ValueLabels>,
    pub page_size: usize,
    pub today: Date,
    pub id_prefix: String,
}

impl WidgetContext {
    /// A document-unique id for `aria-controls` and friends.
    pub fn id(&self, local: &str) -> String {
        format!("{}-{local}", self.id_prefix)
    }

    /// The facet heading: the site's override, else the schema's label.
    pub fn facet_label(&self, name: &str, schema_label: &str) -> String {
        self.facet_labels.get(name).unwrap_or(schema_label).to_owned()
    }

    /// The posted facet's heading: the site's name for it (options or config), else the
    /// widget's "Posted within" label.
    pub fn posted_heading(&self, name: &str, schema_label: &str) -> String {
        match self.facet_labels.get(name) {
            Some(label) => label.to_owned(),
            None if schema_label != jobsift_core::schema::POSTED_LABEL => schema_label.to_owned(),
            None => self.labels.posted_within().to_owned(),
        }
    }
}

/// What a page set at mounting and nothing changes afterwards (options, labels), shared
/// by the components and equal only to itself: comparing props and contexts then looks
/// at one pointer instead of 50 label strings, and the labels' `PartialEq` (1.4 KB of
/// wasm) is not linked.
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_values_are_equal_only_to_themselves() {
        let labels = Shared::new(Labels::default());
        assert!(labels == labels.clone());
        assert!(labels != Shared::new(Labels::default()), "equal contents, another mount");
        assert_eq!(labels.search_label(), "Search jobs");
    }
}
