//! jobsift-indexer: posts on disk → job documents.

pub mod config;
mod error;
pub mod extract;
mod frontmatter;
pub mod markdown;
mod source;

pub use config::Config;
pub use error::{IndexerError, Warning};
