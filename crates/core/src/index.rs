//! Building an index from documents, and decoding one from bytes.
//!
//! Sections written by this module (the search engine adds its own, see [`crate::search`]):
//! * `META` — format facts and the schema;
//! * `DOCS` — display fields of every post (the document without its body);
//! * `BODY` — body texts for snippets, kept apart so that it can be fetched lazily.
//!
//! A chunked index (see [`crate::chunks`]) has neither `DOCS` nor `BODY`: its posts come
//! in display and text blocks, read through [`Index::doc`] and [`Index::body`].

use crate::aliases::{ValueAliases, ALIA};
use crate::chunks::{self, BlockKind, BlockLocation, BlockRef, Directory, Missing};
#[cfg(not(target_arch = "wasm32"))]
use crate::chunks::{BlockSizes, ChunkedOutput, PackSink, Packer};
use crate::compact::{CompactBody, CompactPost};
use crate::document::Document;
use crate::format::{codec, decoded, table_of_prefix, Container, ContainerWriter, FormatError, SectionBytes, SectionTag, TableEntry, CHUNKED_FORMAT_VERSION, FOOTER_LEN};
use crate::parallel;
use crate::schema::{FieldBoosts, Schema};
use crate::search::{self, SearchIndex};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

pub const META: SectionTag = *b"META";
pub const DOCS: SectionTag = *b"DOCS";
pub const BODY: SectionTag = *b"BODY";

/// Facts about the index as a whole. Holds no build time or path, so that the same
/// posts always give the same bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub doc_count: u32,
    pub schema: Schema,
}

/// A decoded index, ready to answer queries.
#[derive(Debug)]
pub struct Index {
    pub meta: Meta,
    /// Posts in id order (newest first); each with its body when the BODY section was
    /// read. Empty for a chunked index, whose posts arrive in blocks: [`Index::doc`] and
    /// [`Index::body`] read posts of either kind.
    pub docs: Vec<Document>,
    pub search: SearchIndex,
    /// Other spellings of facet values that filters accept (`ALIA`; empty when absent).
    pub aliases: ValueAliases,
    /// A chunked index's directory and the post blocks that have arrived.
    chunks: Option<LazyPosts>,
}

#[derive(Debug)]
struct LazyPosts {
    directory: Directory,
    displays: Vec<OnceLock<Vec<Document>>>,
    texts: Vec<OnceLock<Vec<String>>>,
}

/// Collects documents and writes an index.
#[derive(Debug)]
pub struct IndexBuilder {
    schema: Schema,
    posts: Vec<CompactPost>,
    aliases: ValueAliases,
}

impl IndexBuilder {
    pub fn new(schema: Schema) -> IndexBuilder {
        IndexBuilder { schema, posts: Vec::new(), aliases: ValueAliases::default() }
    }

    /// Makes a filter on `alias` in `facet` select `value` (the posts were given `value`
    /// already: the indexer merges spellings as it reads).
    pub fn alias(&mut self, facet: &str, alias: &str, value: &str) {
        self.aliases.insert(facet, alias, value);
    }

    pub fn add(&mut self, doc: Document) {
        self.posts.push(CompactPost::new(doc));
    }

    /// Adds posts read together. The first such list is kept as it is: copying it (368
    /// bytes a post) would hold it twice for a moment.
    pub fn add_all_compact(&mut self, posts: Vec<CompactPost>) {
        if self.posts.is_empty() {
            self.posts = posts;
        } else {
            self.posts.extend(posts);
        }
    }

    pub fn len(&self) -> usize {
        self.posts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    /// Assigns post ids newest first (so id order is the "newest" sort and breaks
    /// relevance ties by recency) and writes every section.
    pub fn build(self) -> Vec<u8> {
        self.build_container().to_bytes()
    }

    /// Puts the posts in id order: a total order over the whole document makes ids
    /// independent of input order (found by the chunked proptest, which reverses it).
    /// Returns the documents without their bodies and, apart, the bodies.
    fn sorted(mut self) -> (Meta, Vec<Document>, Vec<CompactBody>) {
        self.posts.sort_by(|a, b| {
            let (x, y) = (&a.fields, &b.fields);
            y.date
                .cmp(&x.date)
                .then_with(|| x.url.cmp(&y.url))
                .then_with(|| x.title.cmp(&y.title))
                .then_with(|| a.body.text().cmp(&b.body.text()))
                // Posts equal in all of that may still differ (a deadline, a tag): their
                // encoded bytes decide, so no input order shows through. Only ties pay.
                // (Their bodies are equal, so encoding them without gives the same order.)
                .then_with(|| codec::encode(x).cmp(&codec::encode(y)))
        });
        let meta = Meta { doc_count: self.posts.len() as u32, schema: self.schema };
        let (docs, bodies) = self.posts.into_iter().map(|post| (post.fields, post.body)).unzip();
        (meta, docs, bodies)
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Writes a chunked index in memory: a core file and packs of blocks (see
    /// [`crate::chunks`]). [`IndexBuilder::build_chunked_into`] hands packs over as they fill.
    pub fn build_chunked(self, sizes: BlockSizes) -> ChunkedOutput {
        let mut packs = Vec::new();
        let core = self
            .build_chunked_into(sizes, &mut |pack| {
                packs.push(pack);
                Ok(())
            })
            .expect("keeping packs in memory cannot fail");
        ChunkedOutput { core, packs }
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Builds a chunked index, handing each pack to `sink` as soon as it is full, and
    /// returns the core file. Fails only with the sink's error.
    pub fn build_chunked_into(mut self, sizes: BlockSizes, sink: &mut PackSink) -> std::io::Result<Vec<u8>> {
        let aliases = std::mem::take(&mut self.aliases);
        let (meta, docs, bodies) = self.sorted();
        let engine = search::build_engine(&meta.schema, &docs, &|id| bodies[id].text(), Some(sizes.postings_block_bytes));
        // Each kind is compressed as soon as it is encoded, and its source dropped.
        let postings = engine.postings_blocks.expect("a chunked build's postings come in blocks");
        let mut packer = Packer::new(sink);
        packer.compress(&postings.terms, 1, |block| postings.encode(block[0].clone()))?;
        let postings_first_terms = postings.first_terms();
        drop(postings);
        packer.compress(&docs, sizes.posts_per_display_block as usize, |chunk| codec::encode(&chunk))?;
        drop(docs);
        packer.compress(&bodies, sizes.posts_per_text_block as usize, |chunk| {
            codec::encode(&chunk.iter().map(CompactBody::text).collect::<Vec<_>>())
        })?;
        drop(bodies);
        let directory = packer.finish(postings_first_terms, sizes)?;
        let mut sections = leading_sections(&meta, &aliases);
        sections.extend(engine.sections.into_iter().map(|(tag, bytes)| (tag, SectionBytes::Held(bytes))));
        sections.push((chunks::CDIR, SectionBytes::Held(directory)));
        Ok(ContainerWriter::with_version(sections, CHUNKED_FORMAT_VERSION).to_bytes())
    }

    /// Like [`IndexBuilder::build`], but leaves the sections apart so that a large index
    /// can be streamed to a file without a second copy in memory.
    pub fn build_container(mut self) -> ContainerWriter {
        let aliases = std::mem::take(&mut self.aliases);
        let (meta, docs, bodies) = self.sorted();
        let search_sections = search::build_engine(&meta.schema, &docs, &|id| bodies[id].text(), None).sections;
        // The documents hold no bodies: they are exactly the display fields. The BODY
        // section is written from the compact bodies when the container is written: the
        // text is never held whole.
        let (display, bodies) = parallel::join(
            || codec::encode(&docs),
            || SectionBytes::written(Box::new(move |out| codec::encode_sequence_into(out, bodies.iter().map(CompactBody::text)))),
        );
        drop(docs);
        let mut sections = leading_sections(&meta, &aliases);
        sections.push((DOCS, SectionBytes::Held(display)));
        sections.extend(search_sections.into_iter().map(|(tag, bytes)| (tag, SectionBytes::Held(bytes))));
        sections.push((BODY, bodies));
        ContainerWriter::new(sections)
    }
}

/// `META`, then `ALIA` when there are aliases (so that an index without them keeps the
/// bytes it had before aliases were stored).
fn leading_sections(meta: &Meta, aliases: &ValueAliases) -> Vec<(SectionTag, SectionBytes)> {
    let mut sections = vec![(META, SectionBytes::Held(codec::encode(meta)))];
    if !aliases.is_empty() {
        sections.push((ALIA, SectionBytes::Held(aliases.encode())));
    }
    sections
}

impl Index {
    /// Decodes and checks an index, or the core file of a chunked one (whose blocks then
    /// arrive through [`Index::attach`]). Any damage is an error, never a panic.
    pub fn decode(bytes: &[u8]) -> Result<Index, FormatError> {
        let container = Container::open(bytes)?;
        let mut parts = SectionParts::default();
        parts.decode_ready(container.entries(), bytes);
        Index::assemble(&container, parts)
    }

    /// The index from a checked container and its sections decoded one by one (all of
    /// them, by [`SectionParts::decode_ready`]). Errors come in a fixed order, whatever
    /// the order the sections were decoded in.
    fn assemble(container: &Container, parts: SectionParts) -> Result<Index, FormatError> {
        let meta = decoded(parts.meta, META)?;
        let unusable = meta.schema.boosts.out_of_range();
        if !unusable.is_empty() {
            // Ranking multiplies by them: an infinite or huge boost makes scores NaN.
            return Err(FormatError::Inconsistent {
                section: "META".into(),
                reason: format!("has field boosts that are not {} ({})", FieldBoosts::range_text(), unusable.join(", ")),
            });
        }
        let aliases = match container.section(ALIA)? {
            Some(bytes) => ValueAliases::decode(bytes)?,
            None => ValueAliases::default(),
        };
        if container.version() == CHUNKED_FORMAT_VERSION {
            let directory = decoded(parts.directory, chunks::CDIR)?;
            let search = SearchIndex::decode(container, &meta.schema, meta.doc_count, Some(&directory), parts.search)?;
            directory.check_terms(search.term_count() as u32)?;
            let displays = (0..directory.count(BlockKind::Display)).map(|_| OnceLock::new()).collect();
            let texts = (0..directory.count(BlockKind::Text)).map(|_| OnceLock::new()).collect();
            return Ok(Index { meta, docs: Vec::new(), search, aliases, chunks: Some(LazyPosts { directory, displays, texts }) });
        }
        let mut docs: Vec<Document> = codec::decode(container.required(DOCS)?, "DOCS")?;
        if docs.len() != meta.doc_count as usize {
            return Err(FormatError::Inconsistent {
                section: "DOCS".into(),
                reason: format!("holds {} posts, META says {}", docs.len(), meta.doc_count),
            });
        }
        if let Some(body_bytes) = container.section(BODY)? {
            let bodies: Vec<String> = codec::decode(body_bytes, "BODY")?;
            if bodies.len() != docs.len() {
                return Err(FormatError::Inconsistent {
                    section: "BODY".into(),
                    reason: format!("holds {} bodies for {} posts", bodies.len(), docs.len()),
                });
            }
            for (doc, body) in docs.iter_mut().zip(bodies) {
                doc.body = body;
            }
        }
        let search = SearchIndex::decode(container, &meta.schema, meta.doc_count, None, parts.search)?;
        Ok(Index { meta, docs, search, aliases, chunks: None })
    }

    pub fn schema(&self) -> &Schema {
        &self.meta.schema
    }

    pub fn doc_count(&self) -> u32 {
        self.meta.doc_count
    }

    /// Post `id`'s display fields (with its body too, in a single-file index); `None` when
    /// it is out of range or its display block has not arrived.
    pub fn doc(&self, id: u32) -> Option<&Document> {
        match &self.chunks {
            None => self.docs.get(id as usize),
            Some(lazy) => {
                let (block, at) = lazy.directory.post_block(BlockKind::Display, id);
                lazy.displays.get(block.number as usize)?.get()?.get(at)
            }
        }
    }

    /// Post `id`'s body text; `None` when it is out of range or its text block has not arrived.
    pub fn body(&self, id: u32) -> Option<&str> {
        match &self.chunks {
            None => self.docs.get(id as usize).map(|doc| doc.body.as_str()),
            Some(lazy) => {
                let (block, at) = lazy.directory.post_block(BlockKind::Text, id);
                lazy.texts.get(block.number as usize)?.get()?.get(at).map(String::as_str)
            }
        }
    }

    /// [`Index::doc`], noting the block in `missing` when it has not arrived.
    pub(crate) fn doc_or_note(&self, id: u32, missing: &Missing) -> Option<&Document> {
        let doc = self.doc(id);
        if doc.is_none() {
            self.note_post_block(BlockKind::Display, id, missing);
        }
        doc
    }

    /// [`Index::body`], noting the block in `missing` when it has not arrived.
    pub(crate) fn body_or_note(&self, id: u32, missing: &Missing) -> Option<&str> {
        let body = self.body(id);
        if body.is_none() {
            self.note_post_block(BlockKind::Text, id, missing);
        }
        body
    }

    fn note_post_block(&self, kind: BlockKind, id: u32, missing: &Missing) {
        if let Some(lazy) = &self.chunks {
            missing.note(lazy.directory.post_block(kind, id).0);
        }
    }

    /// Every block of a chunked index, in layout order (none for a single file).
    pub fn blocks(&self) -> Vec<BlockRef> {
        self.chunks.as_ref().map_or_else(Vec::new, |lazy| lazy.directory.blocks().collect())
    }

    /// The packs of a chunked index, in layout order.
    pub fn pack_names(&self) -> &[String] {
        self.chunks.as_ref().map_or(&[], |lazy| &lazy.directory.packs)
    }

    pub fn block_location(&self, block: BlockRef) -> Option<BlockLocation<'_>> {
        self.chunks.as_ref()?.directory.location(block)
    }

    /// Whether `block` has arrived (or the index is a single file).
    pub fn has_block(&self, block: BlockRef) -> bool {
        let Some(lazy) = &self.chunks else { return true };
        match block.kind {
            BlockKind::Postings => {
                self.search.lazy_postings.as_ref().and_then(|b| b.blocks.get(block.number as usize)).is_some_and(|slot| slot.get().is_some())
            }
            BlockKind::Display => lazy.displays.get(block.number as usize).is_some_and(|slot| slot.get().is_some()),
            BlockKind::Text => lazy.texts.get(block.number as usize).is_some_and(|slot| slot.get().is_some()),
        }
    }

    /// Stores block `block` from its decompressed bytes, after checking its checksum and
    /// decoding it. Takes `&self`: blocks arrive while searches run on the same index.
    /// False when it was already there.
    pub fn attach(&self, block: BlockRef, decompressed: &[u8]) -> Result<bool, FormatError> {
        let Some(lazy) = &self.chunks else {
            return Err(FormatError::Inconsistent { section: "CDIR".into(), reason: "is absent: a single-file index has no blocks".into() });
        };
        if lazy.directory.location(block).is_none() {
            return Err(FormatError::Inconsistent { section: "CDIR".into(), reason: format!("has no {} block {}", block.kind.name(), block.number) });
        }
        let content = chunks::unseal(decompressed, block)?;
        let name = format!("{} block {}", block.kind.name(), block.number);
        let posts = lazy.directory.posts_of(block, self.meta.doc_count);
        let expect_posts = |found: usize| {
            if found == posts.len() {
                Ok(())
            } else {
                Err(FormatError::Inconsistent { section: name.clone(), reason: format!("holds {found} posts, not {}", posts.len()) })
            }
        };
        match block.kind {
            BlockKind::Postings => self.search.attach_postings(block.number, content),
            BlockKind::Display => {
                let docs: Vec<Document> = codec::decode(content, &name)?;
                expect_posts(docs.len())?;
                Ok(lazy.displays[block.number as usize].set(docs).is_ok())
            }
            BlockKind::Text => {
                let bodies: Vec<String> = codec::decode(content, &name)?;
                expect_posts(bodies.len())?;
                Ok(lazy.texts[block.number as usize].set(bodies).is_ok())
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Stores block `block` from its bytes as its pack holds them (compressed): how native
    /// readers attach a block they read (the widget lets the browser inflate it).
    pub fn attach_compressed(&self, block: BlockRef, compressed: &[u8]) -> Result<bool, FormatError> {
        self.attach(block, &chunks::inflate(compressed, block)?)
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Attaches every block of pack `name` from the pack's whole (compressed) bytes: how
    /// `verify` and the tests read a chunked index whole.
    pub fn attach_pack(&self, name: &str, pack: &[u8]) -> Result<(), FormatError> {
        let Some(lazy) = &self.chunks else { return Ok(()) };
        let Some(pack_index) = lazy.directory.packs.iter().position(|p| p == name) else {
            return Err(FormatError::Inconsistent { section: "CDIR".into(), reason: format!("names no pack {name}") });
        };
        let mut expected_len = 0u64;
        for block in lazy.directory.blocks_in_pack(pack_index) {
            let location = lazy.directory.location(block).expect("listed blocks have a location");
            let end = location.offset + location.length as u64;
            expected_len = expected_len.max(end);
            let bytes = pack.get(location.offset as usize..end as usize).ok_or(FormatError::LengthMismatch { recorded: end, actual: pack.len() as u64 })?;
            self.attach_compressed(block, bytes)?;
        }
        if expected_len != pack.len() as u64 {
            return Err(FormatError::LengthMismatch { recorded: expected_len, actual: pack.len() as u64 });
        }
        Ok(())
    }

    /// Lets go of every block that has arrived, as if none had: `verify` checks a large
    /// index one pack at a time.
    pub fn release_blocks(&mut self) {
        if let Some(lazy) = &mut self.chunks {
            lazy.displays.iter_mut().for_each(|block| drop(block.take()));
            lazy.texts.iter_mut().for_each(|block| drop(block.take()));
            self.search.release_postings();
        }
    }

    /// Whether every block has arrived (always, for a single file).
    pub fn is_complete(&self) -> bool {
        self.blocks().into_iter().all(|block| self.has_block(block))
    }
}

/// What `verify` found in a valid index.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyReport {
    pub format_version: u32,
    pub doc_count: u32,
    pub facets: Vec<String>,
    /// Section tags and sizes in file order.
    pub sections: Vec<(String, usize)>,
}

/// A full check of a single-file index: see [`verify_with_packs`].
#[cfg(not(target_arch = "wasm32"))]
pub fn verify(bytes: &[u8]) -> Result<VerifyReport, FormatError> {
    verify_with_packs(bytes, &mut |name| Err(FormatError::MissingSection { section: format!("pack {name}") }))
}

/// A full check of an index: the frame and every checksum, every section decoded and
/// cross-checked (as [`Index::decode`] does), for a chunked index every pack read with
/// `read_pack` and every block checked and decoded, and every post's links limited to
/// the schemes the widget renders (apply links: http, https, mailto; post URLs: those or
/// a relative path).
#[cfg(not(target_arch = "wasm32"))]
pub fn verify_with_packs(bytes: &[u8], read_pack: &mut dyn FnMut(&str) -> Result<Vec<u8>, FormatError>) -> Result<VerifyReport, FormatError> {
    let container = Container::open(bytes)?;
    for tag in container.tags().collect::<Vec<_>>() {
        container.required(tag)?;
    }
    let mut index = Index::decode(bytes)?;
    let mut sections = container.section_sizes();
    let check_links = |id: usize, doc: &Document| {
        if doc.apply_url.as_deref().is_some_and(|link| !crate::is_safe_link(link, false)) {
            return Err(FormatError::Inconsistent { section: "DOCS".into(), reason: format!("post {id} has an apply link with an unsafe scheme") });
        }
        if !doc.url.is_empty() && !crate::is_safe_link(&doc.url, true) {
            return Err(FormatError::Inconsistent { section: "DOCS".into(), reason: format!("post {id} has a URL with an unsafe scheme") });
        }
        Ok(())
    };
    index.docs.iter().enumerate().try_for_each(|(id, doc)| check_links(id, doc))?;
    // A chunked index pack by pack, each let go once checked, so that memory stays near
    // one pack's (the 1M-post index held whole took 11.45 GiB).
    let mut posts_seen = 0;
    for (pack_index, name) in index.pack_names().to_vec().into_iter().enumerate() {
        let pack = read_pack(&name)?;
        index.attach_pack(&name, &pack)?;
        sections.push((name, pack.len()));
        // The posts of this pack's display blocks, not every post once per pack.
        let lazy = index.chunks.as_ref().expect("an index with packs is chunked");
        let displays = lazy.directory.blocks_in_pack(pack_index).filter(|block| block.kind == BlockKind::Display);
        for id in displays.flat_map(|block| lazy.directory.posts_of(block, index.meta.doc_count)) {
            check_links(id as usize, index.doc(id).expect("the pack's blocks are attached"))?;
            posts_seen += 1;
        }
        index.release_blocks();
    }
    if index.chunks.is_some() && posts_seen != index.doc_count() {
        return Err(FormatError::Inconsistent { section: "CDIR".into(), reason: format!("its packs hold {posts_seen} posts, META says {}", index.doc_count()) });
    }
    Ok(VerifyReport {
        format_version: container.version(),
        doc_count: index.meta.doc_count,
        facets: index.meta.schema.facets.iter().map(|f| f.name.clone()).collect(),
        sections,
    })
}

/// The sections decoded each on its own, before the index is assembled from them: a
/// download decodes each as soon as its bytes are in (see [`IndexStream`]).
#[derive(Default)]
struct SectionParts {
    meta: Option<Result<Meta, FormatError>>,
    directory: Option<Result<Directory, FormatError>>,
    search: search::SearchParts,
}

impl SectionParts {
    /// Decodes each section of `entries` (all within `file`) not decoded yet whose
    /// prerequisites are: the schema (`META`) for the facet columns and the directory,
    /// the term count (`TERM`) for `BSTA`. Whatever the order of the sections, what is
    /// left after a call with every entry is what could not be decoded because a
    /// section it needs did not decode, and that error is reported first.
    fn decode_ready(&mut self, entries: &[TableEntry], file: &[u8]) {
        let SectionParts { meta: meta_slot, directory, search } = self;
        for entry in entries {
            let bytes = || entry.checked(file);
            match (entry.tag, meta_slot.as_ref().and_then(|meta| meta.as_ref().ok())) {
                (META, _) if meta_slot.is_none() => *meta_slot = Some(bytes().and_then(|bytes| codec::decode(bytes, "META"))),
                (search::TERM, _) if search.terms.is_none() => search.terms = Some(bytes().and_then(search::SearchParts::decode_terms)),
                (search::FACT, Some(meta)) if search.values.is_none() => {
                    search.values = Some(bytes().and_then(|bytes| search::SearchParts::decode_values(bytes, &meta.schema, meta.doc_count)));
                }
                (search::NUMC, Some(meta)) if search.ranges.is_none() => {
                    search.ranges = Some(bytes().and_then(|bytes| search::SearchParts::decode_ranges(bytes, &meta.schema, meta.doc_count)));
                }
                (chunks::CDIR, Some(meta)) if directory.is_none() => {
                    *directory = Some(bytes().and_then(|bytes| Directory::decode(bytes, meta.doc_count)));
                }
                (search::BSTA, Some(meta)) if search.stats.is_none() => {
                    if let Some(Ok(terms)) = &search.terms {
                        search.stats = Some(bytes().and_then(|bytes| search::SearchParts::decode_stats(bytes, meta.doc_count, terms)));
                    }
                }
                // Decoded already, waiting for META or TERM, or a single file's postings,
                // display fields and bodies (decoded by `Index::assemble`).
                _ => {}
            }
        }
    }
}

/// Decodes an index while it downloads. A large board's core file takes a while to
/// arrive and about as long to decode; [`IndexStream::push`] decodes each section as
/// soon as its last byte is in, so the two overlap. [`IndexStream::finish`] checks the
/// whole file as [`Index::decode`] does, and reports the error `decode` would report
/// for the same bytes, whatever the chunks were.
#[derive(Default)]
pub struct IndexStream {
    bytes: Vec<u8>,
    /// The section table, once the header and table are in and look sound. Not trusted
    /// until `finish` has checked the footer's checksum of it: a damaged table only
    /// means sections decoded in vain.
    table: Option<Vec<TableEntry>>,
    parts: SectionParts,
}

impl IndexStream {
    pub fn new() -> IndexStream {
        IndexStream::default()
    }

    /// Appends the next bytes of the file and decodes the sections they complete.
    /// Never fails: what is wrong is reported by [`IndexStream::finish`].
    pub fn push(&mut self, chunk: &[u8]) {
        self.push_with(chunk.len(), |space| space.copy_from_slice(chunk));
    }

    /// [`IndexStream::push`] of `len` bytes that `fill` writes in place (the widget copies
    /// a downloaded chunk straight from JavaScript's memory into the file).
    pub fn push_with(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) {
        let start = self.bytes.len();
        self.bytes.resize(start + len, 0);
        fill(&mut self.bytes[start..]);
        if self.table.is_none() {
            self.table = table_of_prefix(&self.bytes);
            if let Some(last) = self.table.as_ref().and_then(|table| table.last()) {
                // One allocation for the file (the table gives its length) rather than
                // doubling and copying a 26 MB core; if that much cannot be had, the
                // vector grows as the bytes come.
                let _ = self.bytes.try_reserve_exact((last.offset + last.len + FOOTER_LEN).saturating_sub(self.bytes.len()));
            }
        }
        if let Some(table) = &self.table {
            let complete = table.partition_point(|entry| entry.offset + entry.len <= self.bytes.len());
            self.parts.decode_ready(&table[..complete], &self.bytes);
        }
    }

    /// Checks and decodes the whole file, taking the sections decoded on the way.
    pub fn finish(mut self) -> Result<Index, FormatError> {
        let container = Container::open(&self.bytes)?;
        // Sections that waited for one placed after them in the file.
        self.parts.decode_ready(container.entries(), &self.bytes);
        Index::assemble(&container, self.parts)
    }
}
