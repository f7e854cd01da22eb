//! The query engine (issue 4): text analysis lives in [`crate::text`]; here are the
//! index structures ([`SearchIndex`]: term dictionary, postings, facet columns), the
//! request/response contract and [`crate::Index::search`].
//!
//! How a search runs: the query text becomes words, phrases and exclusions
//! ([`query`]); every word expands over the sorted term list to exact, stemmed, prefix and
//! typo terms and is scored with BM25F; filters become bitsets; facets are counted
//! disjunctively (each with its own selection removed) over those bitsets; the page is
//! selected without sorting every match.

pub mod bitset;
mod dictionary;
mod engine;
pub mod query;
mod range_column;
mod request;
mod store;

pub use request::*;

/// A map keyed by term id. Hashed with rustc-hash's Fx hasher, not std's SipHash, which
/// showed in every profile of a typo lookup (it tests a few hundred ids); Fx rather than
/// foldhash because its string hash is far smaller in the widget's wasm. std's map rather
/// than hashbrown's own: the wasm then holds one copy of the table code (Yew uses std's).
type IdMap<V> = std::collections::HashMap<u32, V, rustc_hash::FxBuildHasher>;

/// A map keyed by folded term, hashed as [`IdMap`] is: snippets look up body tokens here,
/// and the stem groups of the dictionary their stems (built at every decode).
type TermMap<V> = std::collections::HashMap<String, V, rustc_hash::FxBuildHasher>;
pub(crate) use store::{build_engine, SearchParts};
pub use store::{SearchIndex, BSTA, FACT, NUMC, PBOD, POST, TERM};
