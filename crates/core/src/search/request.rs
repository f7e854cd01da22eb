//! What a caller asks the engine and what it answers: the contract shared by the CLI's
//! `query`, the widget and the tests. Plain data with serde, so the widget can keep a
//! request in its URL state and the CLI can print a response as JSON.

use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The value key that selects (and counts) posts with no value for a facet: no location,
/// employment type not stated. Chosen so it cannot collide with a real value, which the
/// indexer never starts with an underscore pair.
pub const UNKNOWN_VALUE: &str = "__unknown__";

/// One search: free text, facet selections, ranges, sort and page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// The visitor's query as typed: words (the last one matched as a prefix too),
    /// `"quoted phrases"` and `-excluded` words. Empty means every post.
    pub text: String,
    /// Selections on Keyword, List and Bool facets; AND across facets.
    pub filters: Vec<FacetFilter>,
    /// Ranges on Number and Date facets; AND with everything else.
    pub ranges: Vec<RangeFilter>,
    /// When set to today, posts whose deadline is before this day are hidden.
    /// Posts without a deadline are always kept.
    pub hide_expired_on: Option<Date>,
    pub sort: SortOrder,
    /// How many ranked hits to skip (paging).
    pub offset: usize,
    /// How many hits to return at most.
    pub limit: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            text: String::new(),
            filters: Vec::new(),
            ranges: Vec::new(),
            hide_expired_on: None,
            sort: SortOrder::Relevance,
            offset: 0,
            limit: 20,
        }
    }
}

/// Selected values of one Keyword, List or Bool facet (bool values are `"true"` and
/// `"false"`). A post matches when it has any selected value, or every selected value if
/// the facet's mode is `And`. [`UNKNOWN_VALUE`] selects posts with no value.
/// An empty `values` list selects nothing and so filters nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetFilter {
    /// The facet's `name` in the schema.
    pub facet: String,
    /// Value keys exactly as they appear in [`ValueCount::value`].
    pub values: Vec<String>,
}

/// A range on a Number or Date facet (dates as day numbers, `Date.0`). A post whose
/// value is the range `[min, max]` matches `[lo, hi]` when the two overlap; open ends
/// are unbounded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RangeFilter {
    /// The facet's `name` in the schema.
    pub facet: String,
    /// Lower bound, inclusive; `None` for no lower bound.
    pub min: Option<f64>,
    /// Upper bound, inclusive; `None` for no upper bound.
    pub max: Option<f64>,
    /// Keep posts that have no value for this facet (salary not listed).
    pub include_unknown: bool,
}

/// The order of hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    /// Best match first, ties newest first. With empty text, the same as `Newest`.
    #[default]
    Relevance,
    /// Newest post first (posts without a date last).
    Newest,
    /// Highest salary (upper bound, then lower bound) first; posts without a salary
    /// last, newest first among equals.
    Salary,
}

/// The answer to a [`SearchRequest`]. Holds no timings, so equal requests on equal
/// indexes give equal responses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// How many posts match the text and every filter (before paging).
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Counts for every facet of the schema, in schema order.
    pub facets: Vec<FacetResult>,
    /// True when blocks of a chunked index that the matching needed had not arrived:
    /// `total`, `hits` and `facets` are then not final. Fetch `pending`, attach, search again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// Blocks of a chunked index this answer needed and did not have: for the matching
    /// (see `partial`) or for the hits' display (cards without fields, hits without
    /// snippets until they arrive). Empty for a single-file index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<crate::chunks::BlockRef>,
}

/// One matching post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The post's id (see `Index::doc`).
    pub doc: u32,
    /// Relevance score (0 when the text is empty); only comparable within one response.
    pub score: f32,
    /// Byte ranges `(start, end)` of the post's title that match the query.
    pub title_matches: Vec<(u32, u32)>,
    /// The best window of the body for the query; `None` when the text is empty or the
    /// body's block has not arrived.
    pub snippet: Option<Snippet>,
}

/// A short excerpt of a body with the words that matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The excerpt, with "…" marking cuts at either end.
    pub text: String,
    /// Byte ranges `(start, end)` into `text`, on char boundaries, ascending.
    pub matches: Vec<(u32, u32)>,
}

/// Counts for one facet, computed with every filter applied except this facet's own
/// (so that a visitor sees how many posts each other value would add).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetResult {
    /// The facet's `name` in the schema.
    pub facet: String,
    /// Keyword, List and Bool facets: values sorted by count (descending), then value;
    /// selected values appear even with a count of 0. Empty for Number and Date facets.
    pub values: Vec<ValueCount>,
    /// How many posts have no value for this facet.
    pub unknown: u32,
    /// Number facets: how the known values spread.
    pub histogram: Option<Histogram>,
    /// Number and Date facets: the smallest lower bound among counted posts.
    pub min: Option<f64>,
    /// Number and Date facets: the largest upper bound among counted posts.
    pub max: Option<f64>,
}

/// A facet value and how many posts have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueCount {
    /// The value key, usable in [`FacetFilter::values`]. Shared with the index: a response
    /// lists thousands of organisation and location values, and copying each string on
    /// every keystroke was a tenth of a query.
    pub value: Arc<str>,
    pub count: u32,
}

/// Counts of a Number facet's values in fixed buckets; bucket `i` holds posts whose value
/// (the midpoint of its range) is in `[bucket_edges[i], bucket_edges[i + 1])`, the last
/// bucket including its upper edge. The edges span the whole index, not just the matches,
/// so the bars keep their place while a visitor filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// `counts.len() + 1` ascending edges.
    pub bucket_edges: Vec<f64>,
    pub counts: Vec<u32>,
}
