//! jobsift-indexer: posts on disk → job documents.

pub mod extract;
