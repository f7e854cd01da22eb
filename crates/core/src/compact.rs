//! Posts as [`crate::IndexBuilder`] holds them between reading and building.
//!
//! A post's body is most of it, and the build reads it only twice more: to tokenise it and
//! to write its text block. So the body is deflated on the thread that read the post, and
//! a large build (the CLI's) writes it to a spill file beside the output instead of
//! keeping it in memory. Measured on generated posts: 100k held 465 MB after reading with
//! bodies as strings; 1M peaked at 4.2 GB with them deflated in memory (1.4 GB of it).

use crate::document::Document;
#[cfg(not(target_arch = "wasm32"))]
pub use spill::BodySpill;
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
    /// Keeps the body in memory, deflated.
    pub fn new(mut doc: Document) -> CompactPost {
        let text = std::mem::take(&mut doc.body);
        CompactPost { fields: doc, body: CompactBody { len: text.len(), stored: Stored::Held(deflate(&text)) } }
    }

    /// Writes the body, deflated, to `spill`, or keeps it in memory if the write fails
    /// (the spill remembers the first failure: [`BodySpill::failure`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn spilled(mut doc: Document, spill: &Arc<BodySpill>) -> CompactPost {
        let text = std::mem::take(&mut doc.body);
        let deflated = deflate(&text);
        let stored = match spill.append(&deflated) {
            Some(offset) => Stored::Spilled { spill: Arc::clone(spill), offset, deflated_len: deflated.len() },
            None => Stored::Held(deflated),
        };
        CompactPost { fields: doc, body: CompactBody { len: text.len(), stored } }
    }

    /// Every field but the body, which is empty here.
    pub fn fields(&self) -> &Document {
        &self.fields
    }

    /// The body text's length in bytes.
    pub fn body_len(&self) -> usize {
        self.body.len
    }
}

/// Body text, deflated, in memory or in a spill file.
#[derive(Debug)]
pub(crate) struct CompactBody {
    len: usize,
    stored: Stored,
}

#[derive(Debug)]
enum Stored {
    Held(Vec<u8>),
    #[cfg(not(target_arch = "wasm32"))]
    Spilled { spill: Arc<BodySpill>, offset: u64, deflated_len: usize },
}

impl CompactBody {
    pub(crate) fn text(&self) -> String {
        match &self.stored {
            Stored::Held(deflated) => inflate(deflated, self.len),
            #[cfg(not(target_arch = "wasm32"))]
            Stored::Spilled { spill, offset, deflated_len } => inflate(&spill.read(*offset, *deflated_len), self.len),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn deflate(text: &str) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        // One compressor per thread, reset for each post. A new one per post allocated
        // its 300 KB state each time, and glibc, raising its mmap threshold after the
        // first ones were freed, took those from the heap, fragmenting it (100k posts:
        // 860 MB peak instead of 650 MB). Level 2: level 1 kept 72% of the text (fixed
        // Huffman codes), 2 keeps 50%, 6 49% (100k generated posts).
        static COMPRESSOR: std::cell::RefCell<Compress> = std::cell::RefCell::new(Compress::new(Compression::new(2), false));
    }
    let mut bytes = Vec::with_capacity(text.len() / 2 + 64);
    COMPRESSOR.with_borrow_mut(|compressor| {
        compressor.reset();
        loop {
            let read = compressor.total_in() as usize;
            match compressor.compress_vec(&text.as_bytes()[read..], &mut bytes, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break,
                Ok(_) => bytes.reserve(bytes.len().max(64)),
                Err(error) => unreachable!("deflating in memory cannot fail: {error}"),
            }
        }
    });
    bytes.shrink_to_fit();
    bytes
}

#[cfg(not(target_arch = "wasm32"))]
fn inflate(deflated: &[u8], len: usize) -> String {
    use flate2::{Decompress, FlushDecompress, Status};
    thread_local! {
        static DECOMPRESSOR: std::cell::RefCell<Decompress> = std::cell::RefCell::new(Decompress::new(false));
    }
    let mut text = Vec::with_capacity(len);
    DECOMPRESSOR.with_borrow_mut(|decompressor| {
        decompressor.reset(false);
        let status = decompressor.decompress_vec(deflated, &mut text, FlushDecompress::Finish);
        assert!(matches!(status, Ok(Status::StreamEnd)), "a body deflated by this module inflates to its length");
    });
    String::from_utf8(text).expect("deflated from a str")
}

// The wasm widget never builds an index and has no deflate: there the builder compiles,
// holding the text as it is.
#[cfg(target_arch = "wasm32")]
fn deflate(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

#[cfg(target_arch = "wasm32")]
fn inflate(bytes: &[u8], _len: usize) -> String {
    String::from_utf8(bytes.to_vec()).expect("held from a str")
}

#[cfg(not(target_arch = "wasm32"))]
mod spill {
    use std::fs::{File, OpenOptions};
    use std::io::{self, BufWriter, Write};
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, OnceLock};

    /// A temporary file that bodies are appended to while posts are read, and read back
    /// from by offset while the index is built. On Unix its name is removed as soon as it
    /// is open, so not even a killed build leaves it behind; elsewhere it is removed when
    /// dropped.
    #[derive(Debug)]
    pub struct BodySpill {
        path: PathBuf,
        /// The writer and the offset of the next body.
        writer: Mutex<(BufWriter<File>, u64)>,
        reader: File,
        failure: OnceLock<String>,
    }

    impl BodySpill {
        /// A spill file in `dir` (created if missing): the output folder, which is on a
        /// disk with room for the index, unlike a `/tmp` that may be memory.
        pub fn create_in(dir: &Path) -> io::Result<std::sync::Arc<BodySpill>> {
            std::fs::create_dir_all(dir)?;
            let path = dir.join(format!(".jobsift-bodies.{}.tmp", std::process::id()));
            let file = OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path)?;
            let reader = file.try_clone()?;
            #[cfg(unix)]
            std::fs::remove_file(&path)?;
            let writer = Mutex::new((BufWriter::with_capacity(1 << 20, file), 0));
            Ok(std::sync::Arc::new(BodySpill { path, writer, reader, failure: OnceLock::new() }))
        }

        /// Appends `bytes`; their offset, or `None` once a write has failed.
        pub(super) fn append(&self, bytes: &[u8]) -> Option<u64> {
            if self.failure.get().is_some() {
                return None;
            }
            let mut guard = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let (writer, next) = &mut *guard;
            match writer.write_all(bytes) {
                Ok(()) => {
                    let offset = *next;
                    *next += bytes.len() as u64;
                    Some(offset)
                }
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

        pub(super) fn read(&self, offset: u64, len: usize) -> Vec<u8> {
            let reread = || -> io::Result<Vec<u8>> {
                // What is still buffered must reach the file first; once reading has
                // ended this finds the buffer empty.
                self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).0.flush()?;
                let mut bytes = vec![0; len];
                read_exact_at(&self.reader, &mut bytes, offset)?;
                Ok(bytes)
            };
            // The build's own temporary file, written moments before: failing to read it
            // back is a broken disk, not bad input, and there is nothing to build from.
            reread().unwrap_or_else(|error| panic!("reading back body text from {}: {error}", self.path.display()))
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text that deflate cannot shrink outgrows the first guess at the output's size.
    fn scrambled() -> String {
        let mut state = 0x2545_f491_u32;
        (0..300_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                char::from_u32(0x20 + state % 0x2000).filter(|c| !c.is_control()).unwrap_or('é')
            })
            .collect()
    }

    #[test]
    fn a_compact_body_gives_back_its_text_from_memory_or_the_spill() {
        let scrambled = scrambled();
        assert!(deflate(&scrambled).len() > scrambled.len() / 2 + 64, "the scrambled text takes the growing path");
        let dir = std::env::temp_dir().join(format!("jobsift-spill-test-{}", std::process::id()));
        let spill = BodySpill::create_in(&dir).unwrap();
        let texts = ["", "Data Manager", "Salary: $60,000–$70,000 · Remote 🌍\n\nApply by 2026-12-01.", scrambled.as_str()];
        let posts: Vec<_> = texts
            .iter()
            .flat_map(|text| {
                let doc = Document { title: "T".into(), body: text.to_string(), ..Document::default() };
                [CompactPost::new(doc.clone()), CompactPost::spilled(doc, &spill)]
            })
            .collect();
        for (post, text) in posts.iter().zip(texts.iter().flat_map(|text| [text, text])) {
            assert_eq!((post.body.text().as_str(), post.body_len()), (*text, text.len()));
            assert_eq!((post.fields().title.as_str(), post.fields().body.as_str()), ("T", ""));
        }
        assert!(posts.iter().any(|post| matches!(post.body.stored, Stored::Spilled { .. })));
        assert_eq!(spill.failure(), None);
        drop((posts, spill));
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert!(left.is_empty(), "the spill file is gone: {left:?}");
        std::fs::remove_dir(&dir).unwrap();
    }
}
