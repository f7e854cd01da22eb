//! What every component needs and nothing changes after mounting: labels, page size,
//! "today", and a per-mount id prefix (a page can hold two widgets).

use crate::labels::Labels;
use crate::options::{FacetLabels, ValueLabels};
use jobsift_core::Date;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct WidgetContext {
    pub labels: Rc<Labels>,
    pub facet_labels: Rc<FacetLabels>,
    pub value_labels: Rc<ValueLabels>,
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
            None => self.labels.posted_within.clone(),
        }
    }
}
