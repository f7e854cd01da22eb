//! Errors and warnings of reading posts.
//!
//! A problem with one post is a [`Warning`] naming the file and line: the post is read
//! as sensibly as possible or skipped, and every other post is still indexed. Only
//! problems with the whole run (a missing input folder, a bad config) are errors.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum IndexerError {
    /// An input folder or file does not exist or cannot be read.
    Input { path: PathBuf, reason: String },
    /// `jobsift.toml` cannot be read or is invalid.
    Config { path: PathBuf, reason: String },
}

impl fmt::Display for IndexerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexerError::Input { path, reason } => write!(f, "{}: {reason}", path.display()),
            IndexerError::Config { path, reason } => write!(f, "config {}: {reason}", path.display()),
        }
    }
}

impl std::error::Error for IndexerError {}

/// Something wrong with one input file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub path: PathBuf,
    /// 1-based line in the file, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}
