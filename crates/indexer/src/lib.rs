//! jobsift-indexer: posts on disk → job documents.
