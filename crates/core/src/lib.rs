//! jobsift-core: the index format and the query engine.
//!
//! Pure Rust with no web dependencies, so the same code answers queries in the CLI
//! (`jobsift query`) and, compiled to WebAssembly, in the browser widget.
//!
//! * [`document`] — the job document the indexer produces and the index stores.
//! * [`schema`] — which facets an index has, their labels and kinds, field boosts.
//! * [`place`] — the places a location names, one spelling each: the Location facet's values.
//! * [`format`] — the binary container: magic, version, section table, checksums.
//! * [`index`] — building an index from documents and decoding one from bytes.
//! * [`aliases`] — other spellings of facet values that filters accept.
//! * [`chunks`] — the chunked layout of large indexes: a core file and blocks fetched on demand.
//! * [`compact`] — posts as the builder holds them: body text in memory, or spilled to a file.
//! * [`sort`] — the one sort routine everything sorted goes through (wasm size).
//!
//! Feature `parallel` (the CLI turns it on) builds indexes on every core with rayon; the
//! bytes are the same either way.

pub mod aliases;
pub mod chunks;
pub mod compact;
pub mod date;
pub mod document;
pub mod format;
pub mod index;
mod parallel;
pub mod place;
pub mod schema;
pub mod search;
pub mod sort;
pub mod text;

pub use date::Date;
pub use document::{is_safe_link, link_as_browsers_read_it, Document, EmploymentType, ExtraValue, Salary, SalaryPeriod};
pub use format::FormatError;
pub use compact::CompactPost;
pub use index::{Index, IndexBuilder, IndexStream};
pub use schema::Schema;
