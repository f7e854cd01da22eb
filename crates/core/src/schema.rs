//! What an index offers: its facets (name, label, kind, OR/AND mode) and field boosts.
//!
//! The schema travels inside the index, so the widget draws its facet panel from it and
//! a site's extra facets (mapped from front matter in `jobsift.toml`) need no widget code.

use crate::document::{Document, ExtraValue};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// Facets in display order.
    pub facets: Vec<FacetSpec>,
    pub boosts: FieldBoosts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetSpec {
    /// Stable key used in URLs and `--filter name=value`.
    pub name: String,
    /// Heading shown to visitors.
    pub label: String,
    pub kind: FacetKind,
    /// How several selected values of this facet combine.
    pub mode: FacetMode,
    /// Where a document's values for this facet come from.
    pub source: FacetSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FacetKind {
    /// One string value per post (organisation, location, employment type).
    Keyword,
    /// Several string values per post (tags).
    List,
    /// A number, filtered by range (salary).
    Number,
    /// A date, filtered by range (posted, deadline).
    Date,
    /// Yes / no (remote).
    Bool,
}

impl FacetKind {
    /// Whether the facet filters by range (a `NUMC` column) rather than by values (`FACT`).
    pub fn is_range(self) -> bool {
        matches!(self, FacetKind::Number | FacetKind::Date)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FacetMode {
    /// A post matches if it has any selected value (the default).
    Or,
    /// A post matches only if it has every selected value.
    And,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FacetSource {
    Tags,
    Organisation,
    Location,
    Remote,
    EmploymentType,
    /// Yearly salary; a range facet over `salary.min ..= salary.max`.
    Salary,
    Posted,
    Deadline,
    /// A front-matter key mapped by configuration, stored in `Document::extra`.
    Extra(String),
}

/// Relative weights of the searchable fields in ranking.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldBoosts {
    pub title: f32,
    pub organisation: f32,
    pub tags: f32,
    pub body: f32,
}

impl FieldBoosts {
    /// The largest boost accepted. Far above any useful weight, and low enough that a
    /// boosted term frequency stays a finite `f32` (an infinite one makes scores NaN).
    pub const MAX: f32 = 1_000.0;

    /// The fields whose boost is not a number from 0 to [`FieldBoosts::MAX`] (NaN,
    /// negative, too large); empty when every boost can be used.
    pub fn out_of_range(&self) -> Vec<&'static str> {
        let FieldBoosts { title, organisation, tags, body } = *self;
        [("title", title), ("organisation", organisation), ("tags", tags), ("body", body)]
            .into_iter()
            .filter(|(_, boost)| !(0.0..=Self::MAX).contains(boost))
            .map(|(field, _)| field)
            .collect()
    }

    /// [`FieldBoosts::out_of_range`]'s limits in words. Written without formatting a
    /// float: that would link float printing into the widget for this one message.
    pub fn range_text() -> String {
        format!("numbers from 0 to {}", Self::MAX as u32)
    }
}

impl Default for FieldBoosts {
    fn default() -> Self {
        FieldBoosts { title: 4.0, organisation: 3.0, tags: 2.0, body: 1.0 }
    }
}

impl FacetSpec {
    pub fn new(name: &str, label: &str, kind: FacetKind, source: FacetSource) -> FacetSpec {
        FacetSpec { name: name.to_owned(), label: label.to_owned(), kind, mode: FacetMode::Or, source }
    }

    /// The string values a document has for a Keyword, List or Bool facet
    /// (`"true"`/`"false"` for booleans). Empty when the value is unknown.
    pub fn keywords(&self, doc: &Document) -> Vec<String> {
        match &self.source {
            FacetSource::Tags => doc.tags.clone(),
            FacetSource::Organisation => doc.organisation.iter().cloned().collect(),
            FacetSource::Location => doc.location.as_deref().map(crate::place::places).unwrap_or_default(),
            FacetSource::Remote => vec![doc.remote.to_string()],
            FacetSource::EmploymentType => {
                doc.employment_type.iter().map(|t| t.as_str().to_owned()).collect()
            }
            FacetSource::Salary | FacetSource::Posted | FacetSource::Deadline => Vec::new(),
            FacetSource::Extra(key) => match doc.extra.get(key) {
                Some(ExtraValue::Text(text)) => vec![text.clone()],
                Some(ExtraValue::List(list)) => list.clone(),
                Some(ExtraValue::Bool(flag)) => vec![flag.to_string()],
                Some(ExtraValue::Number(_)) | Some(ExtraValue::Date(_)) | None => Vec::new(),
            },
        }
    }

    /// The numeric range a document has for a Number or Date facet (dates as day
    /// numbers); `None` when unknown.
    pub fn range(&self, doc: &Document) -> Option<(f64, f64)> {
        match &self.source {
            FacetSource::Salary => doc.salary.as_ref().map(|s| (s.min as f64, s.max as f64)),
            FacetSource::Posted => doc.date.map(|d| (d.0 as f64, d.0 as f64)),
            FacetSource::Deadline => doc.deadline.map(|d| (d.0 as f64, d.0 as f64)),
            FacetSource::Extra(key) => match doc.extra.get(key) {
                Some(ExtraValue::Number(n)) => Some((*n, *n)),
                Some(ExtraValue::Date(d)) => Some((d.0 as f64, d.0 as f64)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The posted facet's heading in a schema that does not rename it. The widget then
/// heads it with its own label ("Posted within"), which says what its choices mean.
pub const POSTED_LABEL: &str = "Posted";

impl Default for Schema {
    /// The facets of a job board with zero configuration.
    fn default() -> Self {
        use FacetKind::*;
        Schema {
            facets: vec![
                FacetSpec::new("tags", "Tags", List, FacetSource::Tags),
                FacetSpec::new("org", "Organisation", Keyword, FacetSource::Organisation),
                FacetSpec::new("location", "Location", Keyword, FacetSource::Location),
                FacetSpec::new("remote", "Remote", Bool, FacetSource::Remote),
                FacetSpec::new("type", "Employment type", Keyword, FacetSource::EmploymentType),
                FacetSpec::new("salary", "Salary", Number, FacetSource::Salary),
                FacetSpec::new("posted", POSTED_LABEL, Date, FacetSource::Posted),
                FacetSpec::new("deadline", "Deadline", Date, FacetSource::Deadline),
            ],
            boosts: FieldBoosts::default(),
        }
    }
}

impl Schema {
    pub fn facet(&self, name: &str) -> Option<&FacetSpec> {
        self.facets.iter().find(|f| f.name == name)
    }

    /// The facet fed from `source` (the salary facet, the posted facet…), if the schema
    /// has one.
    pub fn facet_fed_by(&self, source: &FacetSource) -> Option<&FacetSpec> {
        self.facets.iter().find(|f| &f.source == source)
    }
}
