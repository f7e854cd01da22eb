//! Why an index could not be read. Each variant says exactly what was wrong, so the
//! CLI's `verify` and the widget can tell a visitor "truncated" from "built by a newer
//! jobsift" instead of a generic failure.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// Fewer bytes than the fixed header and footer need: an empty or cut-off download.
    TooShort { len: usize, needed: usize },
    /// The file does not start with jobsift's magic bytes: not an index at all
    /// (often an HTML error page served in its place).
    BadMagic { found: Vec<u8> },
    /// The footer's magic is missing: the file was cut off or has bytes appended.
    BadFooter,
    /// Written by a format version this build cannot read.
    UnsupportedVersion { found: u32, supported: u32 },
    /// The length recorded at write time differs from the bytes received.
    LengthMismatch { recorded: u64, actual: u64 },
    /// A checksum did not match: the bytes were damaged after writing.
    ChecksumMismatch { part: String, expected: u32, actual: u32 },
    /// The section table points outside the file or sections overlap.
    BadSectionTable { reason: String },
    /// A section every index has is absent.
    MissingSection { section: String },
    /// A section's bytes do not decode as the structure the version promises.
    Decode { section: String, reason: String },
    /// A section decoded but contradicts the rest of the index (an id out of range,
    /// unsorted postings).
    Inconsistent { section: String, reason: String },
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::TooShort { len, needed } => {
                write!(f, "index is truncated: {len} bytes, an index has at least {needed}")
            }
            FormatError::BadMagic { .. } => {
                write!(f, "not a jobsift index (wrong magic bytes; was an HTML page served instead?)")
            }
            FormatError::BadFooter => write!(f, "index is truncated or has extra bytes (footer missing)"),
            FormatError::UnsupportedVersion { found, supported } if found > supported => write!(
                f,
                "index format version {found} is newer than this jobsift reads (version {supported}): update the widget or rebuild the index"
            ),
            FormatError::UnsupportedVersion { found, supported } => write!(
                f,
                "index format version {found} is older than this jobsift reads (version {supported}): rebuild the index"
            ),
            FormatError::LengthMismatch { recorded, actual } => write!(
                f,
                "index is damaged: written as {recorded} bytes, {actual} bytes received"
            ),
            FormatError::ChecksumMismatch { part, expected, actual } => write!(
                f,
                "index is damaged: checksum of {part} is {actual:08x}, expected {expected:08x}"
            ),
            FormatError::BadSectionTable { reason } => write!(f, "index is damaged: section table {reason}"),
            FormatError::MissingSection { section } => write!(f, "index lacks its {section} section"),
            // The widget's build formats no `Debug`, which some decoders' reasons use.
            FormatError::Decode { section, reason } if reason.is_empty() => {
                write!(f, "index is damaged: {section} section does not decode")
            }
            FormatError::Decode { section, reason } => {
                write!(f, "index is damaged: {section} section does not decode ({reason})")
            }
            FormatError::Inconsistent { section, reason } => {
                write!(f, "index is inconsistent: {section} section {reason}")
            }
        }
    }
}

impl std::error::Error for FormatError {}
