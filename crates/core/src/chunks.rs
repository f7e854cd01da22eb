//! The chunked layout: a core file that is always loaded, and blocks fetched on demand.
//!
//! A large board's index is mostly body text, display fields and postings, and a
//! query needs only a few of each: the postings of its words and the posts of the first
//! page. So above a size threshold `jobsift build` writes those three as *blocks*
//! (deflate-compressed, each ending in the CRC-32 of its content) packed one after
//! another into a few *pack* files named by content hash, and a core file (`jobsift.idx`,
//! format version 2) holding everything else plus this directory. A reader fetches a
//! block with an HTTP range request for its bytes in its pack.
//!
//! Block kinds:
//! * postings — every field's postings for a range of term ids;
//! * display — the display fields of a range of posts (`Document`s without body);
//! * text — the body texts of a range of posts (snippets, phrase checks).

use crate::format::checksum::crc32;
use crate::format::{codec, FormatError, SectionTag};
use serde::{Deserialize, Serialize};

/// The block directory section of a chunked core file.
pub const CDIR: SectionTag = *b"CDIR";

/// How finely a chunked index is cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockSizes {
    /// Posts per display block. A relevance-ranked page of 20 posts touches up to 20
    /// blocks, so small blocks waste little; each block costs a length in the core's
    /// directory. Measured on the real board, bytes to first results (`bench/pagefind`):
    /// 545 KB with blocks of 32 display and 8 text posts and 16 KiB of postings, 393 KB
    /// with 8/2/4 KiB, 365 KB with 4/1/4 KiB, 353 KB with 1/1/2 KiB.
    pub posts_per_display_block: u32,
    /// Posts per text block (bodies, for snippets): about six times larger than display
    /// fields. Two per block rather than one halves their lengths in the directory
    /// (100k posts: 50,000 lengths) for a few kilobytes more per page.
    pub posts_per_text_block: u32,
    /// A postings block closes once its content reaches about this many bytes (a term
    /// with longer lists gets a block of its own).
    pub postings_block_bytes: usize,
}

impl Default for BlockSizes {
    fn default() -> Self {
        BlockSizes { posts_per_display_block: 4, posts_per_text_block: 2, postings_block_bytes: 4 * 1024 }
    }
}

/// A pack closes before it would exceed this: below the 25 MiB per-file limit of
/// Cloudflare Pages, and the number of packs for a million posts stays near a hundred.
pub const PACK_MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BlockKind {
    Postings,
    Display,
    Text,
}

impl BlockKind {
    pub const ALL: [BlockKind; 3] = [BlockKind::Postings, BlockKind::Display, BlockKind::Text];

    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Postings => "postings",
            BlockKind::Display => "display",
            BlockKind::Text => "text",
        }
    }
}

/// One block of a chunked index: its kind and its number among blocks of that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BlockRef {
    pub kind: BlockKind,
    pub number: u32,
}

impl BlockRef {
    /// A key that sorts blocks as their derived order does (kind, then number).
    pub fn sort_key(&self) -> u64 {
        (self.kind as u64) << 32 | u64::from(self.number)
    }
}

/// Where a block's compressed bytes are: `length` bytes from `offset` in pack `pack`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockLocation<'a> {
    pub pack: &'a str,
    pub offset: u64,
    pub length: u32,
}

/// The directory as stored in `CDIR` (bincode). Blocks are laid out kind by kind
/// (postings, display, text), in number order, across the packs in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct StoredDirectory {
    packs: Vec<StoredPack>,
    /// The first term id of each postings block; the first is 0.
    postings_first_terms: Vec<u32>,
    posts_per_display_block: u32,
    posts_per_text_block: u32,
    /// The compressed length of every block, in layout order.
    block_lengths: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct StoredPack {
    name: String,
    blocks: u32,
}

/// The decoded directory: every block's location, found once at decode time.
#[derive(Debug)]
pub(crate) struct Directory {
    pub packs: Vec<String>,
    pub postings_first_terms: Vec<u32>,
    pub posts_per_display_block: u32,
    pub posts_per_text_block: u32,
    /// Per block in layout order: pack index, offset, length.
    locations: Vec<(u32, u64, u32)>,
    /// Blocks of each kind, in `BlockKind::ALL` order.
    counts: [u32; 3],
}

fn blocks_for(posts: u32, per_block: u32) -> u32 {
    posts.div_ceil(per_block)
}

/// Whether `name` is a pack name this format writes: `jobsift-` and 16 hex digits. A
/// reader joins it to a folder or a URL, so nothing else (no `/`, no `..`) is accepted.
pub fn is_pack_name(name: &str) -> bool {
    name.strip_prefix("jobsift-")
        .and_then(|rest| rest.strip_suffix(".pack"))
        .is_some_and(|hash| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

fn inconsistent(reason: impl Into<String>) -> FormatError {
    FormatError::Inconsistent { section: "CDIR".into(), reason: reason.into() }
}

impl Directory {
    /// Decodes the directory; [`Directory::check_terms`] completes the check once the
    /// term count is known.
    pub fn decode(bytes: &[u8], doc_count: u32) -> Result<Directory, FormatError> {
        let stored: StoredDirectory = codec::decode(bytes, "CDIR")?;
        if stored.posts_per_display_block == 0 || stored.posts_per_text_block == 0 {
            return Err(inconsistent("has blocks of 0 posts"));
        }
        let firsts = &stored.postings_first_terms;
        if firsts.first().is_some_and(|&first| first != 0) || !firsts.windows(2).all(|pair| pair[0] < pair[1]) {
            return Err(inconsistent("has postings blocks that do not tile the terms"));
        }
        let counts = [
            firsts.len() as u32,
            blocks_for(doc_count, stored.posts_per_display_block),
            blocks_for(doc_count, stored.posts_per_text_block),
        ];
        let total: u64 = counts.iter().map(|&c| c as u64).sum();
        if stored.block_lengths.len() as u64 != total {
            return Err(inconsistent(format!("lists {} blocks, the posts and terms need {total}", stored.block_lengths.len())));
        }
        if stored.packs.iter().map(|p| p.blocks as u64).sum::<u64>() != total {
            return Err(inconsistent("packs hold a different number of blocks than listed"));
        }
        let mut locations = Vec::with_capacity(total as usize);
        let mut lengths = stored.block_lengths.iter();
        for (pack_index, pack) in stored.packs.iter().enumerate() {
            if !is_pack_name(&pack.name) {
                return Err(inconsistent(format!("names a pack \"{}\"", pack.name)));
            }
            let mut offset = 0u64;
            for length in lengths.by_ref().take(pack.blocks as usize) {
                if *length == 0 {
                    return Err(inconsistent("has an empty block"));
                }
                locations.push((pack_index as u32, offset, *length));
                offset += *length as u64;
            }
        }
        Ok(Directory {
            packs: stored.packs.into_iter().map(|p| p.name).collect(),
            postings_first_terms: stored.postings_first_terms,
            posts_per_display_block: stored.posts_per_display_block,
            posts_per_text_block: stored.posts_per_text_block,
            locations,
            counts,
        })
    }

    /// Checks that the postings blocks tile the `term_count` terms.
    pub fn check_terms(&self, term_count: u32) -> Result<(), FormatError> {
        let firsts = &self.postings_first_terms;
        let tiles = match firsts.last() {
            None => term_count == 0,
            Some(&last) => last < term_count,
        };
        if tiles {
            Ok(())
        } else {
            Err(inconsistent("has postings blocks that do not tile the terms"))
        }
    }

    pub fn count(&self, kind: BlockKind) -> u32 {
        self.counts[kind as usize]
    }

    pub fn location(&self, block: BlockRef) -> Option<BlockLocation<'_>> {
        if block.number >= self.count(block.kind) {
            return None;
        }
        let before: u32 = self.counts[..block.kind as usize].iter().sum();
        let (pack, offset, length) = self.locations[(before + block.number) as usize];
        Some(BlockLocation { pack: &self.packs[pack as usize], offset, length })
    }

    /// Every block, in layout order.
    pub fn blocks(&self) -> impl Iterator<Item = BlockRef> + '_ {
        BlockKind::ALL.into_iter().flat_map(move |kind| (0..self.count(kind)).map(move |number| BlockRef { kind, number }))
    }

    fn posts_per_block(&self, kind: BlockKind) -> u32 {
        match kind {
            BlockKind::Display => self.posts_per_display_block,
            _ => self.posts_per_text_block,
        }
    }

    /// The display or text block (by `kind`) holding post `id`, and the post's place in it.
    pub fn post_block(&self, kind: BlockKind, id: u32) -> (BlockRef, usize) {
        let per_block = self.posts_per_block(kind);
        (BlockRef { kind, number: id / per_block }, (id % per_block) as usize)
    }

    /// The blocks of pack `pack` (an index into `packs`), in layout order: a pack holds
    /// consecutive blocks, so this is a range, not a scan of every block.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn blocks_in_pack(&self, pack: usize) -> impl Iterator<Item = BlockRef> + '_ {
        let first = self.locations.partition_point(|&(p, _, _)| (p as usize) < pack);
        let end = self.locations.partition_point(|&(p, _, _)| (p as usize) <= pack);
        (first..end).map(move |global| self.block_at(global as u32))
    }

    /// The block at position `global` of the layout (all kinds in order).
    #[cfg(not(target_arch = "wasm32"))]
    fn block_at(&self, global: u32) -> BlockRef {
        let mut number = global;
        for kind in BlockKind::ALL {
            if number < self.count(kind) {
                return BlockRef { kind, number };
            }
            number -= self.count(kind);
        }
        unreachable!("positions come from `locations`, one per block")
    }

    /// The posts `[start, end)` of a display or text block.
    pub fn posts_of(&self, block: BlockRef, doc_count: u32) -> std::ops::Range<u32> {
        let per_block = self.posts_per_block(block.kind);
        let start = block.number.saturating_mul(per_block).min(doc_count);
        start..start.saturating_add(per_block).min(doc_count)
    }
}

/// The blocks a search needed and did not have, noted as it runs.
#[derive(Debug, Default)]
pub(crate) struct Missing(std::cell::RefCell<Vec<BlockRef>>);

impl Missing {
    pub fn note(&self, block: BlockRef) {
        self.0.borrow_mut().push(block);
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }

    /// The blocks, sorted and each once.
    pub fn into_blocks(self) -> Vec<BlockRef> {
        let mut blocks = self.0.into_inner();
        crate::sort::by_key(&mut blocks, |block| block.sort_key());
        blocks.dedup();
        blocks
    }
}

/// A block's content followed by its CRC-32, as compressed into a pack.
#[cfg(not(target_arch = "wasm32"))]
fn seal(content: &[u8]) -> Vec<u8> {
    let mut sealed = Vec::with_capacity(content.len() + 4);
    sealed.extend_from_slice(content);
    sealed.extend_from_slice(&crc32(content).to_le_bytes());
    sealed
}

/// The content of a decompressed block, once its checksum matched.
pub(crate) fn unseal(sealed: &[u8], block: BlockRef) -> Result<&[u8], FormatError> {
    let part = || format!("{} block {}", block.kind.name(), block.number);
    let split = sealed.len().checked_sub(4).ok_or(FormatError::TooShort { len: sealed.len(), needed: 4 })?;
    let (content, stored) = sealed.split_at(split);
    let expected = u32::from_le_bytes(stored.try_into().expect("4 bytes"));
    let actual = crc32(content);
    if expected != actual {
        return Err(FormatError::ChecksumMismatch { part: part(), expected, actual });
    }
    Ok(content)
}

#[cfg(not(target_arch = "wasm32"))]
/// Raw deflate (RFC 1951), the format browsers decompress natively with
/// `DecompressionStream("deflate-raw")`: the widget carries no decoder. libdeflate at
/// level 6: on 100k posts it wrote 0.4% fewer bytes than zlib-rs at 6 and compressed in
/// about four fifths of the time (BENCHMARKS.md, session 15); level 9 was 0.6% smaller
/// for half as much time again.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        // A compressor holds its match finder's tables (hundreds of KB): one per thread,
        // not one per block.
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> = std::cell::RefCell::new(
            libdeflater::Compressor::new(libdeflater::CompressionLvl::new(6).expect("6 is a libdeflate level")),
        );
    }
    COMPRESSOR.with_borrow_mut(|compressor| {
        let mut out = vec![0; compressor.deflate_compress_bound(bytes.len())];
        let len = compressor.deflate_compress(bytes, &mut out).expect("the output holds the bound");
        out.truncate(len);
        // The bound is the input's size and more: blocks wait in packs, so hold only
        // what was written.
        out.shrink_to_fit();
        out
    })
}

#[cfg(not(target_arch = "wasm32"))]
/// The inverse of [`deflate`], for native readers (the CLI); the widget lets the browser do it.
pub fn inflate(bytes: &[u8], block: BlockRef) -> Result<Vec<u8>, FormatError> {
    use std::io::Read;
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut out).map_err(|error| FormatError::Decode {
        section: format!("{} block {}", block.kind.name(), block.number),
        reason: format!("does not decompress: {error}"),
    })?;
    Ok(out)
}

/// A chunked index's output: the core file and the packs.
#[derive(Debug)]
pub struct ChunkedOutput {
    pub core: Vec<u8>,
    pub packs: Vec<Pack>,
}

/// One pack file: its compressed blocks one after another. The blocks are kept as they
/// were compressed and only joined when written, so that a large board's blocks are not
/// held twice (at 100k posts the copy was 144 MB of the build's peak).
#[derive(Debug, PartialEq, Eq)]
pub struct Pack {
    /// `jobsift-<hash>.pack` (see [`is_pack_name`]).
    pub name: String,
    blocks: Vec<Vec<u8>>,
}

impl Pack {
    /// The file's length in bytes.
    pub fn len(&self) -> usize {
        self.blocks.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.blocks.iter().try_for_each(|block| out.write_all(block))
    }

    /// The file's bytes, joined.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.blocks.concat()
    }
}

/// Where finished packs go: a build hands each one over as soon as it is full, so that
/// a large board's blocks are never all in memory (the CLI writes each to its file).
pub type PackSink<'a> = dyn FnMut(Pack) -> std::io::Result<()> + 'a;

/// Blocks per parallel run of [`Packer::compress`]: enough to keep every core busy,
/// few enough that a run's compressed blocks (a few MB) are all that waits for a pack.
#[cfg(not(target_arch = "wasm32"))]
const BLOCKS_PER_RUN: usize = 4096;

/// Lays compressed blocks into packs in layout order (postings, display, text), hands
/// each full pack to a [`PackSink`], and keeps what the directory needs.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) struct Packer<'a> {
    sink: &'a mut PackSink<'a>,
    current: Vec<Vec<u8>>,
    current_bytes: u64,
    packs: Vec<StoredPack>,
    block_lengths: Vec<u32>,
}

#[cfg(not(target_arch = "wasm32"))]
impl<'a> Packer<'a> {
    pub fn new(sink: &'a mut PackSink<'a>) -> Packer<'a> {
        Packer { sink, current: Vec::new(), current_bytes: 0, packs: Vec::new(), block_lengths: Vec::new() }
    }

    /// Adds the blocks of `items`, `per_block` items each (the last may hold fewer), each
    /// encoded by `encode`, sealed and compressed on every core. Only compressed blocks
    /// are kept, a run at a time, so a large board's text is never held twice.
    pub fn compress<T: Sync>(&mut self, items: &[T], per_block: usize, encode: impl Fn(&[T]) -> Vec<u8> + Sync) -> std::io::Result<()> {
        let per_block = per_block.max(1);
        for run in items.chunks(BLOCKS_PER_RUN * per_block) {
            let compressed = crate::parallel::map_chunks(run, 64 * per_block, |_, part| {
                part.chunks(per_block).map(|block| deflate(&seal(&encode(block)))).collect::<Vec<_>>()
            });
            for block in compressed.into_iter().flatten() {
                self.push(block)?;
            }
        }
        Ok(())
    }

    fn push(&mut self, block: Vec<u8>) -> std::io::Result<()> {
        if !self.current.is_empty() && self.current_bytes + block.len() as u64 > PACK_MAX_BYTES {
            self.close_pack()?;
        }
        self.current_bytes += block.len() as u64;
        self.block_lengths.push(block.len() as u32);
        self.current.push(block);
        Ok(())
    }

    fn close_pack(&mut self) -> std::io::Result<()> {
        let blocks = std::mem::take(&mut self.current);
        self.current_bytes = 0;
        let pack = Pack { name: pack_name(&blocks), blocks };
        self.packs.push(StoredPack { name: pack.name.clone(), blocks: pack.blocks.len() as u32 });
        (self.sink)(pack)
    }

    /// Hands over the last pack and encodes the directory of them all.
    pub fn finish(mut self, postings_first_terms: Vec<u32>, sizes: BlockSizes) -> std::io::Result<Vec<u8>> {
        if !self.current.is_empty() {
            self.close_pack()?;
        }
        let directory = StoredDirectory {
            packs: self.packs,
            postings_first_terms,
            posts_per_display_block: sizes.posts_per_display_block,
            posts_per_text_block: sizes.posts_per_text_block,
            block_lengths: self.block_lengths,
        };
        Ok(codec::encode(&directory))
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// `jobsift-` and the first 16 hex digits of the pack's SHA-256: the name changes
/// whenever the content does, so a pack can be cached forever.
fn pack_name(blocks: &[Vec<u8>]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    blocks.iter().for_each(|block| hasher.update(block));
    let digest = hasher.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("jobsift-{hex}.pack")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sorting by the key orders blocks as their derived `Ord` does.
        #[test]
        fn block_sort_key_orders_as_ord(kinds in proptest::array::uniform2(0usize..3), numbers in proptest::array::uniform2(proptest::num::u32::ANY)) {
            let [a, b] = [0, 1].map(|i| BlockRef { kind: BlockKind::ALL[kinds[i]], number: numbers[i] });
            proptest::prop_assert_eq!(a.sort_key().cmp(&b.sort_key()), a.cmp(&b));
        }
    }

    #[test]
    fn pack_names_are_checked_strictly() {
        assert!(is_pack_name("jobsift-0123456789abcdef.pack"));
        for bad in ["jobsift-0123456789ABCDEF.pack", "jobsift-../../etc.pack", "x/jobsift-0123456789abcdef.pack", "jobsift-0123.pack"] {
            assert!(!is_pack_name(bad), "{bad}");
        }
    }

    #[test]
    fn a_sealed_block_round_trips_and_damage_is_caught() {
        let block = BlockRef { kind: BlockKind::Text, number: 3 };
        let sealed = seal(b"some body text");
        assert_eq!(unseal(&inflate(&deflate(&sealed), block).unwrap(), block).unwrap(), b"some body text");
        let mut damaged = sealed.clone();
        damaged[2] ^= 1;
        assert!(matches!(unseal(&damaged, block), Err(FormatError::ChecksumMismatch { .. })));
        assert!(inflate(b"\xff\xff\xff", block).is_err());
    }

    #[test]
    fn the_directory_locates_every_block_and_refuses_a_wrong_count() {
        // 40 posts: 2 postings blocks, 2 display blocks (32 each), 5 text blocks (8 each).
        let contents: Vec<Vec<u8>> = (0..9u8).map(|i| vec![i; 10 + i as usize]).collect();
        let sizes = BlockSizes { posts_per_display_block: 32, posts_per_text_block: 8, postings_block_bytes: 16 * 1024 };
        let mut packs = Vec::new();
        let mut sink = |pack| {
            packs.push(pack);
            Ok(())
        };
        let mut packer = Packer::new(&mut sink);
        packer.compress(&contents, 1, |block| block[0].clone()).unwrap();
        let directory_bytes = packer.finish(vec![0, 5], sizes).unwrap();
        assert_eq!(packs.len(), 1);
        let directory = Directory::decode(&directory_bytes, 40).unwrap();
        directory.check_terms(9).unwrap();
        assert!(directory.check_terms(5).is_err());
        let pack = packs[0].to_bytes();
        for (block, content) in directory.blocks().zip(&contents) {
            let at = directory.location(block).unwrap();
            assert_eq!(at.pack, packs[0].name);
            let bytes = &pack[at.offset as usize..][..at.length as usize];
            assert_eq!(unseal(&inflate(bytes, block).unwrap(), block).unwrap(), content.as_slice());
        }
        assert_eq!(directory.posts_of(BlockRef { kind: BlockKind::Text, number: 4 }, 40), 32..40);
        assert!(directory.location(BlockRef { kind: BlockKind::Display, number: 2 }).is_none());
        assert!(matches!(Directory::decode(&directory_bytes, 90), Err(FormatError::Inconsistent { .. })));
    }
}
