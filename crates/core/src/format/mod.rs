//! The binary container every index file uses (spec: `docs/index-format.md`).
//!
//! ```text
//! header  16 B   magic "JOBSIFT\0" · format version u32 · section count u32
//! table   24 B × count   tag [u8; 4] · offset u64 · length u64 · crc32 u32
//! sections        contiguous, in table order
//! footer  16 B   total length u64 · crc32 of header + table u32 · "JSFT"
//! ```
//! All integers are little-endian. Each section has its own checksum so that a section
//! fetched on its own can be verified on its own; the footer's checksum covers the
//! header and the table, and its length catches truncation before anything is parsed.

pub mod checksum;
pub mod codec;
mod error;
pub mod varint;

pub use error::FormatError;

/// Bumped whenever the bytes of any section change meaning. Readers refuse versions they
/// do not know. Version 1 is a whole index in one file.
pub const FORMAT_VERSION: u32 = 1;
/// The core file of a chunked index (`crate::chunks`): version 1's sections without
/// `DOCS`, `BODY` and `PBOD`, plus `BSTA` and the block directory `CDIR`. A separate
/// number so that a reader from before chunking says "newer" instead of "lacks DOCS",
/// while single files keep version 1 and their bytes.
pub const CHUNKED_FORMAT_VERSION: u32 = 2;
pub const MAGIC: [u8; 8] = *b"JOBSIFT\0";
pub const FOOTER_MAGIC: [u8; 4] = *b"JSFT";
pub const HEADER_LEN: usize = 16;
pub const TABLE_ENTRY_LEN: usize = 24;
pub const FOOTER_LEN: usize = 16;

/// A section's four-byte tag, readable in a hex dump.
pub type SectionTag = [u8; 4];

pub fn tag_name(tag: &SectionTag) -> String {
    String::from_utf8_lossy(tag).trim_end().to_owned()
}

/// The bytes of one section: held in memory, or written on demand from data the
/// builder holds anyway (the posts' bodies), so that a large section never exists twice.
pub enum SectionBytes {
    Held(Vec<u8>),
    Written { len: usize, crc: u32, write: SectionWriteFn },
}

/// Writes a section's bytes; the same bytes every time it is called.
pub type SectionWriteFn = Box<dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Send + Sync>;

impl SectionBytes {
    /// A section written by `write`, which is run once here for its length and checksum.
    pub fn written(write: SectionWriteFn) -> SectionBytes {
        let mut measure = Measure { len: 0, crc: checksum::Crc32::new() };
        write(&mut measure).expect("measuring cannot fail");
        SectionBytes::Written { len: measure.len, crc: measure.crc.finalize(), write }
    }

    pub fn len(&self) -> usize {
        match self {
            SectionBytes::Held(bytes) => bytes.len(),
            SectionBytes::Written { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn crc(&self) -> u32 {
        match self {
            SectionBytes::Held(bytes) => checksum::crc32(bytes),
            SectionBytes::Written { crc, .. } => *crc,
        }
    }

    fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            SectionBytes::Held(bytes) => out.write_all(bytes),
            SectionBytes::Written { write, .. } => write(out),
        }
    }
}

impl std::fmt::Debug for SectionBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SectionBytes({} bytes)", self.len())
    }
}

/// Counts and checksums what is written through it.
struct Measure {
    len: usize,
    crc: checksum::Crc32,
}

impl std::io::Write for Measure {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.len += bytes.len();
        self.crc.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Sections laid out as a container, written out on demand (to a file, to a
/// compressor) so that a large index is never joined into a second buffer in memory.
/// Sections keep the order given, so equal input gives equal bytes.
#[derive(Debug)]
pub struct ContainerWriter {
    /// Header and section table, with the checksums already computed.
    head: Vec<u8>,
    sections: Vec<(SectionTag, SectionBytes)>,
    footer: [u8; FOOTER_LEN],
}

impl ContainerWriter {
    pub fn new(sections: Vec<(SectionTag, SectionBytes)>) -> ContainerWriter {
        ContainerWriter::with_version(sections, FORMAT_VERSION)
    }

    pub fn with_version(sections: Vec<(SectionTag, SectionBytes)>, version: u32) -> ContainerWriter {
        let table_len = sections.len() * TABLE_ENTRY_LEN;
        let body_len: usize = sections.iter().map(|(_, bytes)| bytes.len()).sum();
        let total = HEADER_LEN + table_len + body_len + FOOTER_LEN;
        let mut head = Vec::with_capacity(HEADER_LEN + table_len);
        head.extend_from_slice(&MAGIC);
        head.extend_from_slice(&version.to_le_bytes());
        head.extend_from_slice(&(sections.len() as u32).to_le_bytes());
        let mut offset = (HEADER_LEN + table_len) as u64;
        for (tag, bytes) in &sections {
            head.extend_from_slice(tag);
            head.extend_from_slice(&offset.to_le_bytes());
            head.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            head.extend_from_slice(&bytes.crc().to_le_bytes());
            offset += bytes.len() as u64;
        }
        let mut footer = [0; FOOTER_LEN];
        footer[..8].copy_from_slice(&(total as u64).to_le_bytes());
        footer[8..12].copy_from_slice(&checksum::crc32(&head).to_le_bytes());
        footer[12..].copy_from_slice(&FOOTER_MAGIC);
        ContainerWriter { head, sections, footer }
    }

    /// The length of the whole container in bytes.
    pub fn len(&self) -> usize {
        self.head.len() + self.sections.iter().map(|(_, bytes)| bytes.len()).sum::<usize>() + FOOTER_LEN
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// Section tags and sizes in file order.
    pub fn section_sizes(&self) -> Vec<(SectionTag, usize)> {
        self.sections.iter().map(|(tag, bytes)| (*tag, bytes.len())).collect()
    }

    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(&self.head)?;
        for (_, bytes) in &self.sections {
            bytes.write_to(out)?;
        }
        out.write_all(&self.footer)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        self.write_to(&mut out).expect("writing to memory cannot fail");
        out
    }
}

/// Lays out sections in one buffer (see [`ContainerWriter`] to stream them instead).
pub fn write_container(sections: &[(SectionTag, Vec<u8>)]) -> Vec<u8> {
    ContainerWriter::new(sections.iter().map(|(tag, bytes)| (*tag, SectionBytes::Held(bytes.clone()))).collect()).to_bytes()
}

/// A container whose header, table and footer have been checked.
#[derive(Debug)]
pub struct Container<'a> {
    bytes: &'a [u8],
    version: u32,
    entries: Vec<TableEntry>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct TableEntry {
    pub tag: SectionTag,
    pub offset: usize,
    pub len: usize,
    crc: u32,
}

impl TableEntry {
    /// The section's bytes in `file` after checking its checksum.
    pub(crate) fn checked<'a>(&self, file: &'a [u8]) -> Result<&'a [u8], FormatError> {
        let bytes = &file[self.offset..self.offset + self.len];
        let actual = checksum::crc32(bytes);
        if actual != self.crc {
            return Err(FormatError::ChecksumMismatch { part: format!("section {}", tag_name(&self.tag)), expected: self.crc, actual });
        }
        Ok(bytes)
    }
}

/// A section's decoded value from a slot that decoding fills when the section is present
/// (see `crate::index::IndexStream`); an empty slot means the section is absent.
pub(crate) fn decoded<T>(slot: Option<Result<T, FormatError>>, tag: SectionTag) -> Result<T, FormatError> {
    slot.unwrap_or_else(|| Err(FormatError::MissingSection { section: tag_name(&tag) }))
}

/// The section table of a file of which only the first bytes have arrived: `None` until
/// `prefix` holds the header and the whole table, and for anything
/// [`Container::open`] would refuse on those bytes alone (the caller then leaves the
/// refusal to it). Nothing here is trusted before the footer's checksum of the table has
/// been checked: a reader uses it to start on sections early, and opens the whole file
/// before it keeps any result.
pub(crate) fn table_of_prefix(prefix: &[u8]) -> Option<Vec<TableEntry>> {
    if prefix.len() < HEADER_LEN || prefix[..MAGIC.len()] != MAGIC {
        return None;
    }
    if !matches!(u32_at(prefix, 8), FORMAT_VERSION | CHUNKED_FORMAT_VERSION) {
        return None;
    }
    let count = u32_at(prefix, 12) as usize;
    let table_end = count.checked_mul(TABLE_ENTRY_LEN)?.checked_add(HEADER_LEN)?;
    if prefix.len() < table_end {
        return None;
    }
    // Any end a whole file could have, so that adding the footer cannot overflow.
    read_entries(prefix, count, table_end, (usize::MAX - FOOTER_LEN) as u64).ok()
}

/// The `count` entries of the table ending at `table_end`, checked to tile the file from
/// there with no repeated tag and no section ending past `limit`.
fn read_entries(bytes: &[u8], count: usize, table_end: usize, limit: u64) -> Result<Vec<TableEntry>, FormatError> {
    let mut entries: Vec<TableEntry> = Vec::with_capacity(count);
    let mut next_offset = table_end as u64;
    for i in 0..count {
        let at = HEADER_LEN + i * TABLE_ENTRY_LEN;
        let tag: SectionTag = bytes[at..at + 4].try_into().expect("4-byte tag");
        let offset = u64_at(bytes, at + 4);
        let len = u64_at(bytes, at + 12);
        if offset != next_offset || offset.checked_add(len).is_none_or(|end| end > limit) {
            return Err(FormatError::BadSectionTable { reason: format!("places section {} at {offset}+{len}", tag_name(&tag)) });
        }
        if entries.iter().any(|e| e.tag == tag) {
            return Err(FormatError::BadSectionTable { reason: format!("repeats section {}", tag_name(&tag)) });
        }
        next_offset = offset + len;
        // Below `limit`, which is within usize.
        entries.push(TableEntry { tag, offset: offset as usize, len: len as usize, crc: u32_at(bytes, at + 20) });
    }
    Ok(entries)
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4-byte slice"))
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8-byte slice"))
}

impl<'a> Container<'a> {
    /// Checks the frame: magic, version, length, header checksum and that the sections
    /// tile the space between table and footer exactly. Section checksums are checked
    /// when a section is read (see [`Container::section`]).
    pub fn open(bytes: &'a [u8]) -> Result<Container<'a>, FormatError> {
        let minimum = HEADER_LEN + FOOTER_LEN;
        // Magic first, so that an HTML error page is named as such rather than "too short".
        let magic_len = bytes.len().min(MAGIC.len());
        if bytes[..magic_len] != MAGIC[..magic_len] {
            return Err(FormatError::BadMagic { found: bytes[..magic_len].to_vec() });
        }
        if bytes.len() < minimum {
            return Err(FormatError::TooShort { len: bytes.len(), needed: minimum });
        }
        // The version is read before anything version-specific, so a newer index is
        // reported as newer even if its layout differs from this one.
        let version = u32_at(bytes, 8);
        if version != FORMAT_VERSION && version != CHUNKED_FORMAT_VERSION {
            return Err(FormatError::UnsupportedVersion { found: version, supported: CHUNKED_FORMAT_VERSION });
        }
        let footer = bytes.len() - FOOTER_LEN;
        if bytes[footer + 12..] != FOOTER_MAGIC {
            return Err(FormatError::BadFooter);
        }
        let recorded = u64_at(bytes, footer);
        if recorded != bytes.len() as u64 {
            return Err(FormatError::LengthMismatch { recorded, actual: bytes.len() as u64 });
        }
        let count = u32_at(bytes, 12) as usize;
        let table_end = count
            .checked_mul(TABLE_ENTRY_LEN)
            .and_then(|t| t.checked_add(HEADER_LEN))
            .filter(|&end| end <= footer)
            .ok_or_else(|| FormatError::BadSectionTable { reason: format!("claims {count} sections") })?;
        let expected = u32_at(bytes, footer + 8);
        let actual = checksum::crc32(&bytes[..table_end]);
        if expected != actual {
            return Err(FormatError::ChecksumMismatch { part: "header".into(), expected, actual });
        }
        let entries = read_entries(bytes, count, table_end, footer as u64)?;
        if entries.last().map_or(table_end, |last| last.offset + last.len) != footer {
            return Err(FormatError::BadSectionTable { reason: "leaves bytes unaccounted for".into() });
        }
        Ok(Container { bytes, version, entries })
    }

    /// The format version in the header (one this build reads).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The table's entries, in file order.
    pub(crate) fn entries(&self) -> &[TableEntry] {
        &self.entries
    }

    /// The tags present, in file order.
    pub fn tags(&self) -> impl Iterator<Item = SectionTag> + '_ {
        self.entries.iter().map(|e| e.tag)
    }

    /// A section's bytes after checking its checksum; `Ok(None)` if absent.
    pub fn section(&self, tag: SectionTag) -> Result<Option<&'a [u8]>, FormatError> {
        match self.entries.iter().find(|e| e.tag == tag) {
            Some(entry) => entry.checked(self.bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Like [`Container::section`] for a section every index has.
    pub fn required(&self, tag: SectionTag) -> Result<&'a [u8], FormatError> {
        self.section(tag)?.ok_or_else(|| FormatError::MissingSection { section: tag_name(&tag) })
    }

    /// Section sizes in file order, for `jobsift verify` and the build summary.
    pub fn section_sizes(&self) -> Vec<(String, usize)> {
        self.entries.iter().map(|e| (tag_name(&e.tag), e.len)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        write_container(&[(*b"AAAA", b"hello".to_vec()), (*b"BBBB", vec![]), (*b"CCCC", vec![1, 2, 3])])
    }

    #[test]
    fn round_trips_sections() {
        let bytes = sample();
        let container = Container::open(&bytes).unwrap();
        assert_eq!(container.required(*b"AAAA").unwrap(), b"hello");
        assert_eq!(container.required(*b"BBBB").unwrap(), b"");
        assert_eq!(container.required(*b"CCCC").unwrap(), &[1, 2, 3]);
        assert_eq!(container.section(*b"DDDD").unwrap(), None);
    }

    #[test]
    fn every_truncation_is_refused() {
        let bytes = sample();
        for cut in 0..bytes.len() {
            assert!(Container::open(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn every_single_bit_flip_is_detected() {
        let bytes = sample();
        for i in 0..bytes.len() * 8 {
            let mut damaged = bytes.clone();
            damaged[i / 8] ^= 1 << (i % 8);
            let result = Container::open(&damaged).and_then(|c| {
                for tag in c.tags().collect::<Vec<_>>() {
                    c.required(tag)?;
                }
                Ok(())
            });
            assert!(result.is_err(), "flip of bit {i} went unnoticed");
        }
    }

    #[test]
    fn names_a_newer_version() {
        let mut bytes = sample();
        bytes[8..12].copy_from_slice(&3u32.to_le_bytes());
        assert_eq!(Container::open(&bytes).unwrap_err(), FormatError::UnsupportedVersion { found: 3, supported: 2 });
        assert!(FormatError::UnsupportedVersion { found: 3, supported: 2 }.to_string().contains("newer"));
    }

    #[test]
    fn names_html_served_in_place_of_an_index() {
        let err = Container::open(b"<!DOCTYPE html><html>404</html>").unwrap_err();
        assert!(matches!(err, FormatError::BadMagic { .. }));
    }
}
