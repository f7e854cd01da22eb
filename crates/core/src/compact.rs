//! Posts as [`crate::IndexBuilder`] holds them between reading and building.
//!
//! A post's body is most of it, and the build reads it only twice more: to tokenise it and
//! to write its text block. So a large build (the CLI's) writes each body, on the thread
//! that read the post, to a spill file beside the output instead of keeping it in memory.
//! Measured on generated posts: 1M peaked at 4.0 GiB with bodies deflated in memory
//! (1.4 GB of it) and at 2.7 GiB with them spilled. Spilled as plain text, not deflated:
//! at 100k posts deflating and inflating them made a 9.5 s build take about 3 s more,
//! for a spill file half the size (which the page cache holds, not the build).

use crate::document::Document;
#[cfg(not(target_arch = "wasm32"))]
pub use spill::BodySpill;
use std::borrow::Cow;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::Arc;

/// A post as the builder holds it: its fields, and its body text apart from them.
#[derive(Debug)]
pub struct CompactPost {
    /// The document with an empty `body`.
    pub(crate) fields: Document,
    pub(crate) body: CompactBody,
}

impl CompactPost {
    /// Keeps the body in memory.
    pub fn new(mut doc: Document) -> CompactPost {
        let text = std::mem::take(&mut doc.body);
        CompactPost { fields: doc, body: CompactBody::Held(text) }
    }

    /// Writes the body to `spill`, or keeps it in memory if the write fails (the spill
    /// remembers the first failure: [`BodySpill::failure`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn spilled(mut doc: Document, spill: &Arc<BodySpill>) -> CompactPost {
        let text = std::mem::take(&mut doc.body);
        let body = match spill.append(text.as_bytes()) {
            Some(offset) => CompactBody::Spilled { spill: Arc::clone(spill), offset, len: text.len() },
            None => CompactBody::Held(text),
        };
        CompactPost { fields: doc, body }
    }

    /// Every field but the body, which is empty here.
    pub fn fields(&self) -> &Document {
        &self.fields
    }

    /// The body text's length in bytes.
    pub fn body_len(&self) -> usize {
        match &self.body {
            CompactBody::Held(text) => text.len(),
            #[cfg(not(target_arch = "wasm32"))]
            CompactBody::Spilled { len, .. } => *len,
        }
    }
}

/// Body text, in memory or in a spill file.
#[derive(Debug)]
pub(crate) enum CompactBody {
    Held(String),
    #[cfg(not(target_arch = "wasm32"))]
    Spilled { spill: Arc<BodySpill>, offset: u64, len: usize },
}

impl CompactBody {
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            CompactBody::Held(text) => Cow::Borrowed(text),
            #[cfg(not(target_arch = "wasm32"))]
            CompactBody::Spilled { spill, offset, len } => Cow::Owned(spill.read(*offset, *len)),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod spill {
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;

    /// A temporary file that bodies are written to while posts are read, and read back
    /// from by offset while the index is built. On Unix its name is removed as soon as it
    /// is open, so not even a killed build leaves it behind; elsewhere it is removed when
    /// dropped.
    #[derive(Debug)]
    pub struct BodySpill {
        path: PathBuf,
        file: File,
        /// Where the next body goes. Each body is written whole at its own offset before
        /// the offset is handed out, so a failed write never costs an earlier body (as a
        /// buffer flushed later could), and readers need no lock.
        end: AtomicU64,
        failure: OnceLock<String>,
        /// The first body that could not be read back, and why.
        unreadable: OnceLock<String>,
    }

    impl BodySpill {
        /// A spill file in `dir` (created if missing): the output folder, which is on a
        /// disk with room for the index, unlike a `/tmp` that may be memory.
        pub fn create_in(dir: &Path) -> io::Result<std::sync::Arc<BodySpill>> {
            std::fs::create_dir_all(dir)?;
            let path = dir.join(format!(".jobsift-bodies.{}.tmp", std::process::id()));
            let file = OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path)?;
            #[cfg(unix)]
            std::fs::remove_file(&path)?;
            Ok(BodySpill::over(path, file))
        }

        fn over(path: PathBuf, file: File) -> std::sync::Arc<BodySpill> {
            std::sync::Arc::new(BodySpill { path, file, end: AtomicU64::new(0), failure: OnceLock::new(), unreadable: OnceLock::new() })
        }

        /// Writes `bytes`; their offset, or `None` once a write has failed.
        pub(super) fn append(&self, bytes: &[u8]) -> Option<u64> {
            if self.failure.get().is_some() {
                return None;
            }
            let offset = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
            match write_all_at(&self.file, bytes, offset) {
                Ok(()) => Some(offset),
                Err(error) => {
                    let _ = self.failure.set(format!("writing {}: {error}", self.path.display()));
                    None
                }
            }
        }

        /// Why bodies stopped being spilled (they were then kept in memory), if they did.
        pub fn failure(&self) -> Option<&str> {
            self.failure.get().map(String::as_str)
        }

        /// Why a body could not be read back, if one could not. The build then went on
        /// with that body empty (it is read deep inside the build, on many threads), so
        /// an index built from this spill lacks text and must not be written.
        pub fn unreadable(&self) -> Option<&str> {
            self.unreadable.get().map(String::as_str)
        }

        /// The body written at `offset`; empty if it cannot be read back (see
        /// [`BodySpill::unreadable`]): a broken disk, as the file was written moments before.
        pub(super) fn read(&self, offset: u64, len: usize) -> String {
            let reread = || -> io::Result<String> {
                let mut bytes = vec![0; len];
                read_exact_at(&self.file, &mut bytes, offset)?;
                String::from_utf8(bytes).map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))
            };
            reread().unwrap_or_else(|error| {
                let _ = self.unreadable.set(format!("reading back {}: {error}", self.path.display()));
                String::new()
            })
        }
    }

    impl Drop for BodySpill {
        fn drop(&mut self) {
            #[cfg(not(unix))]
            let _ = std::fs::remove_file(&self.path);
        }
    }

    #[cfg(unix)]
    fn read_exact_at(file: &File, bytes: &mut [u8], offset: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
    }

    #[cfg(unix)]
    fn write_all_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
    }

    #[cfg(windows)]
    fn read_exact_at(file: &File, mut bytes: &mut [u8], mut offset: u64) -> io::Result<()> {
        while !bytes.is_empty() {
            match std::os::windows::fs::FileExt::seek_read(file, bytes, offset)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                read => {
                    bytes = &mut bytes[read..];
                    offset += read as u64;
                }
            }
        }
        Ok(())
    }

    #[cfg(windows)]
    fn write_all_at(file: &File, mut bytes: &[u8], mut offset: u64) -> io::Result<()> {
        while !bytes.is_empty() {
            match std::os::windows::fs::FileExt::seek_write(file, bytes, offset)? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                written => {
                    bytes = &bytes[written..];
                    offset += written as u64;
                }
            }
        }
        Ok(())
    }

    /// A spill over a file opened for writing only: bodies go in, and none comes back.
    #[cfg(test)]
    pub(crate) fn write_only(path: &Path) -> std::sync::Arc<BodySpill> {
        let file = OpenOptions::new().write(true).create(true).truncate(true).open(path).expect("a temporary file opens");
        BodySpill::over(path.to_owned(), file)
    }

    /// A spill over `/dev/full`, where every write fails with "no space left".
    #[cfg(all(test, target_os = "linux"))]
    pub(crate) fn full_disk() -> std::sync::Arc<BodySpill> {
        let file = OpenOptions::new().read(true).write(true).open("/dev/full").expect("/dev/full opens");
        BodySpill::over(PathBuf::from("/dev/full"), file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compact_body_gives_back_its_text_from_memory_or_the_spill() {
        let long = "Salary: $60,000–$70,000 · Remote 🌍\n".repeat(40_000);
        let dir = std::env::temp_dir().join(format!("jobsift-spill-test-{}", std::process::id()));
        let spill = BodySpill::create_in(&dir).unwrap();
        let texts = ["", "Data Manager", "Apply by 2026-12-01.", long.as_str(), "after the long one"];
        let posts: Vec<_> = texts
            .iter()
            .flat_map(|text| {
                let doc = Document { title: "T".into(), body: text.to_string(), ..Document::default() };
                [CompactPost::new(doc.clone()), CompactPost::spilled(doc, &spill)]
            })
            .collect();
        for (post, text) in posts.iter().zip(texts.iter().flat_map(|text| [text, text])) {
            assert_eq!((post.body.text().as_ref(), post.body_len()), (*text, text.len()));
            assert_eq!((post.fields().title.as_str(), post.fields().body.as_str()), ("T", ""));
        }
        assert_eq!(posts.iter().filter(|post| matches!(post.body, CompactBody::Spilled { .. })).count(), texts.len());
        assert_eq!(spill.failure(), None);
        drop((posts, spill));
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert!(left.is_empty(), "the spill file is gone: {left:?}");
        std::fs::remove_dir(&dir).unwrap();
    }

    /// A body that cannot be read back is no panic deep inside the build: it reads as
    /// empty, and the spill says why, for the CLI to refuse to write that index.
    #[test]
    fn a_body_that_cannot_be_read_back_is_reported() {
        let path = std::env::temp_dir().join(format!("jobsift-spill-write-only-{}", std::process::id()));
        let spill = spill::write_only(&path);
        let doc = Document { title: "T".into(), body: "Data Manager, remote".into(), ..Document::default() };
        let post = CompactPost::spilled(doc, &spill);
        assert_eq!((spill.failure(), spill.unreadable()), (None, None));
        assert_eq!((post.body.text().as_ref(), post.body_len()), ("", 20));
        let reason = spill.unreadable().expect("the failed read is remembered");
        assert!(reason.starts_with(&format!("reading back {}: ", path.display())), "{reason}");
        std::fs::remove_file(&path).unwrap();
    }

    /// A disk that fills up costs memory, not text: the posts stay whole, in memory, and
    /// the spill says why.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_keeps_the_text_in_memory_and_says_so() {
        let spill = spill::full_disk();
        let doc = Document { title: "T".into(), body: "Data Manager, remote".into(), ..Document::default() };
        let posts = [CompactPost::spilled(doc.clone(), &spill), CompactPost::spilled(doc, &spill)];
        for post in &posts {
            assert!(matches!(post.body, CompactBody::Held(_)));
            assert_eq!(post.body.text(), "Data Manager, remote");
        }
        let failure = spill.failure().expect("the failed write is remembered");
        assert!(failure.starts_with("writing /dev/full: ") && failure.contains("space"), "{failure}");
    }
}
