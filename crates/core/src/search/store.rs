//! The engine's data: built from documents, written as sections, read back into the
//! in-memory structures queries run on.
//!
//! Sections (all integers LEB128 varints, id lists as gaps, see `format::varint`):
//! * `TERM` — the sorted term list, front-coded (shared prefix length, suffix). Decoded,
//!   the list is the dictionary itself (`search::dictionary`); a list that is not strictly
//!   sorted is refused.
//! * `POST` — postings of title, organisation and tags; `PBOD` — postings of the body,
//!   apart so that it can later be fetched lazily. Per field: the number of terms present,
//!   then for each its term-id gap and its posts as `(doc gap, term frequency)` pairs.
//! * `FACT` — per Keyword/List/Bool facet (schema order): its sorted values, each with its
//!   sorted post ids.
//! * `NUMC` — per Number/Date facet (schema order): the ids of posts with a value, then each
//!   value as a range, integers as zigzag varints and anything else as raw `f64`s.

use super::bitset::Bitset;
use super::dictionary;
use super::range_column::RangeColumn;
use crate::document::Document;
use crate::format::varint::{read_id_count, read_ids, read_sorted_ids, read_u32, write_sorted_ids, write_u32};
use crate::chunks::{BlockKind, BlockRef, Directory, Missing};
use crate::format::{decoded, Container, FormatError, SectionTag};
use crate::parallel;
use crate::schema::{FacetKind, Schema};
use crate::text::{for_each_token_with, stem, value_key};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;
use std::sync::{Arc, OnceLock};

pub const TERM: SectionTag = *b"TERM";
pub const POST: SectionTag = *b"POST";
pub const PBOD: SectionTag = *b"PBOD";
pub const FACT: SectionTag = *b"FACT";
pub const NUMC: SectionTag = *b"NUMC";
/// A chunked index's postings statistics, so that ranking needs no postings but the
/// query's own: each post's length in each field, each term's document frequency.
pub const BSTA: SectionTag = *b"BSTA";

/// The searchable fields, in the order of `FieldBoosts` and of the postings sections.
pub const FIELD_COUNT: usize = 4;
pub const TITLE: usize = 0;
pub const ORGANISATION: usize = 1;
pub const TAGS: usize = 2;
pub const BODY_FIELD: usize = 3;

/// Values above this share of posts get a bitset; rarer ones are counted from their id list,
/// which is cheaper than scanning a mostly empty bitset and keeps memory proportional to posts.
const DENSE_DIVISOR: usize = 32;

/// The query engine's in-memory index.
#[derive(Debug)]
pub struct SearchIndex {
    pub(crate) doc_count: u32,
    /// Sorted, distinct folded terms; a term's id is its position.
    pub(crate) terms: dictionary::Terms,
    /// Term ids sharing a stem, keyed by the stem.
    pub(crate) stem_groups: dictionary::StemGroups,
    pub(crate) fields: [FieldPostings; FIELD_COUNT],
    /// Posts containing each term in any field.
    pub(crate) doc_freq: Vec<u32>,
    /// One entry per schema facet, in schema order.
    pub(crate) facets: Vec<FacetColumn>,
    /// A chunked index's postings, block by block as they arrive; `None` when they are
    /// all in `fields` (a single-file index). `fields` then holds only length norms.
    pub(crate) lazy_postings: Option<LazyPostings>,
}

/// Postings fetched on demand: block `b` holds every field's postings of terms
/// `first_terms[b]..first_terms[b + 1]`, its term ids counted from its first term.
#[derive(Debug)]
pub(crate) struct LazyPostings {
    pub first_terms: Vec<u32>,
    pub blocks: Vec<OnceLock<[FieldPostings; FIELD_COUNT]>>,
}

/// One field's postings in compressed-row form: term `t`'s posts are
/// `docs[offsets[t]..offsets[t + 1]]`, with matching `freqs`.
#[derive(Debug, Default)]
pub(crate) struct FieldPostings {
    pub offsets: Vec<u32>,
    pub docs: Vec<u32>,
    pub freqs: Vec<u32>,
    /// Per post, BM25's length normalisation of this field, from its token count: a
    /// multiplier computed once here, as dividing per posting was a tenth of a query.
    pub length_norms: Vec<f32>,
}

impl FieldPostings {
    pub fn postings(&self, term: u32) -> (&[u32], &[u32]) {
        let range = self.offsets[term as usize] as usize..self.offsets[term as usize + 1] as usize;
        (&self.docs[range.clone()], &self.freqs[range])
    }
}

#[derive(Debug)]
pub(crate) enum FacetColumn {
    Values(ValueColumn),
    Range(RangeColumn),
}

/// A Keyword, List or Bool facet.
#[derive(Debug)]
pub(crate) struct ValueColumn {
    /// Sorted distinct values (shared with the responses that list them).
    pub values: Vec<Arc<str>>,
    /// Posts of each value, ascending; empty for a value in `dense`.
    posts: Vec<Vec<u32>>,
    /// Bitsets of the frequent values (same index as `values`), which keep no id list:
    /// at a million posts their lists were most of the facets' memory and decode time.
    dense: Vec<Option<Bitset>>,
    /// Posts with no value.
    pub unknown: Bitset,
}

impl ValueColumn {
    /// The position of `value` among the sorted values, or where it would go.
    pub fn find(&self, value: &str) -> Result<usize, usize> {
        self.values.binary_search_by(|candidate| (**candidate).cmp(value))
    }

    /// The position of `value`, or else of the value with its [`value_key`]: links and
    /// command lines get typed by hand ("Data" for the tag "data"), and a link shared
    /// before spellings were merged names one of them ("Blue Labs" for "BlueLabs").
    pub fn find_by_key(&self, value: &str) -> Option<usize> {
        self.find(value).ok().or_else(|| {
            // Only while a link names a value the index lacks: the widget then takes the
            // value's spelling (`respelled`), and the next search finds it at once.
            let wanted = value_key(value);
            self.values.iter().position(|candidate| value_key(candidate) == wanted)
        })
    }

    /// The posts having value `index`.
    pub fn set(&self, index: usize, doc_count: u32) -> Bitset {
        match &self.dense[index] {
            Some(set) => set.clone(),
            None => Bitset::from_sorted(doc_count, &self.posts[index]),
        }
    }

    /// How many posts have value `index`.
    pub fn post_count(&self, index: usize) -> u32 {
        match &self.dense[index] {
            Some(set) => set.count(),
            None => self.posts[index].len() as u32,
        }
    }

    /// How many of `mask`'s posts have value `index`.
    pub fn count_in(&self, index: usize, mask: &Bitset) -> u32 {
        match &self.dense[index] {
            Some(set) => set.intersection_count(mask),
            None => self.posts[index].iter().filter(|&&id| mask.contains(id)).count() as u32,
        }
    }
}

/// The texts of each searchable field of `doc` with body text `body`, in field order.
fn field_texts<'a>(doc: &'a Document, body: &'a str) -> [Vec<&'a str>; FIELD_COUNT] {
    [
        vec![doc.title.as_str()],
        doc.organisation.as_deref().into_iter().collect(),
        doc.tags.iter().map(String::as_str).collect(),
        vec![body],
    ]
}

/// A post's body text by post id. The builder holds bodies apart from their documents,
/// perhaps in a spill file (see [`crate::compact`]), so the engine asks for each in turn.
pub(crate) type BodyText<'a> = dyn Fn(usize) -> Cow<'a, str> + Sync + 'a;

/// Posts per chunk of the parallel tokenising, at most: large enough that merging the
/// chunks' term tables costs little next to tokenising them. Smaller boards get smaller
/// chunks (at least [`TOKENIZE_CHUNK_MIN_POSTS`]), so that a board of a thousand posts is
/// still spread over every core rather than handed to one thread.
const TOKENIZE_CHUNK_POSTS: usize = 1024;
const TOKENIZE_CHUNK_MIN_POSTS: usize = 64;

/// Posts tokenised between two merges.
const TOKENIZE_BATCH_POSTS: usize = 8 * TOKENIZE_CHUNK_POSTS;

/// Postings gathered for one term: per field, its list in post order.
type TermPostings = [PostingList; FIELD_COUNT];

/// One field's postings of one term, held as they are written (see [`encode_postings`]):
/// `(post gap, term frequency)` varint pairs. Gathering 100k posts' 26M postings as
/// `(u32, u32)` pairs held 280 MB; encoded they take about a quarter of that.
#[derive(Default)]
struct PostingList {
    bytes: Vec<u8>,
    len: u32,
    /// One past the last post id pushed: the base of the next gap.
    next_post: u32,
}

impl PostingList {
    /// Adds a posting for `post`, which comes after every post already in the list.
    fn push(&mut self, post: u32, frequency: u32) {
        write_u32(&mut self.bytes, post - self.next_post);
        write_u32(&mut self.bytes, frequency);
        self.next_post = post + 1;
        self.len += 1;
    }

    /// Appends `later`, whose posts all come after this list's: its first gap, counted
    /// from post 0, is counted again from this list's end; the rest is copied as it is.
    fn extend(&mut self, later: PostingList) {
        if self.len == 0 {
            *self = later;
            return;
        }
        if later.len == 0 {
            return;
        }
        let mut pos = 0;
        let first_post = read_own_u32(&later.bytes, &mut pos);
        write_u32(&mut self.bytes, first_post - self.next_post);
        self.bytes.extend_from_slice(&later.bytes[pos..]);
        self.len += later.len;
        self.next_post = later.next_post;
    }

    fn len(&self) -> usize {
        self.len as usize
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `(post id, term frequency)` in post order.
    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut pos = 0;
        let mut next_post = 0;
        (0..self.len).map(move |_| {
            let gap = read_own_u32(&self.bytes, &mut pos);
            let frequency = read_own_u32(&self.bytes, &mut pos);
            let post = next_post + gap;
            next_post = post + 1;
            (post, frequency)
        })
    }
}

/// A varint this module wrote itself, so never malformed.
fn read_own_u32(bytes: &[u8], pos: &mut usize) -> u32 {
    read_u32(bytes, pos, "gathered postings").expect("postings encoded by PostingList::push")
}

/// The terms of some consecutive posts, interned in order of first sight so that a token
/// costs a hash lookup rather than a string allocation and a tree walk.
struct Gathered {
    /// The interned terms' text, one after another: term `id` is
    /// `text[starts[id]..starts[id + 1]]`. One buffer rather than a string per term, so
    /// that the comparison on every lookup reads memory close to the others.
    text: String,
    starts: Vec<usize>,
    /// Term ids, found by the hash of their text.
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::FixedState,
    /// Indexed by interned id.
    postings: Vec<TermPostings>,
}

impl Default for Gathered {
    fn default() -> Self {
        Gathered {
            text: String::new(),
            starts: vec![0],
            table: hashbrown::HashTable::new(),
            hasher: foldhash::fast::FixedState::default(),
            postings: Vec::new(),
        }
    }
}

impl Gathered {
    fn of_posts(first_id: usize, docs: &[Document], body_of: &BodyText) -> Gathered {
        let mut gathered = Gathered::default();
        // The distinct terms of the current field of the current post, in first-seen
        // order, and per term id the text it was last counted in (`seen_in`) and its count
        // there: counting this way needs no sort of the post's terms.
        let mut field_terms: Vec<u32> = Vec::new();
        let (mut seen_in, mut counts): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
        let mut text_number = 0u32;
        let mut term_buffer = String::new();
        for (offset, doc) in docs.iter().enumerate() {
            let doc_id = (first_id + offset) as u32;
            let body = body_of(doc_id as usize);
            for (field, texts) in field_texts(doc, &body).into_iter().enumerate() {
                field_terms.clear();
                text_number += 1;
                for text in texts {
                    for_each_token_with(text, &mut term_buffer, |term, _, _| {
                        let id = gathered.intern(term).0 as usize;
                        if id == seen_in.len() {
                            seen_in.push(0);
                            counts.push(0);
                        }
                        if seen_in[id] == text_number {
                            counts[id] += 1;
                        } else {
                            seen_in[id] = text_number;
                            counts[id] = 1;
                            field_terms.push(id as u32);
                        }
                    });
                }
                for &id in &field_terms {
                    gathered.postings[id as usize][field].push(doc_id, counts[id as usize]);
                }
            }
        }
        gathered
    }

    fn term(&self, id: u32) -> &str {
        term_at(&self.text, &self.starts, id)
    }

    /// The id of `term`, and whether it is new.
    fn intern(&mut self, term: &str) -> (u32, bool) {
        let Gathered { text, starts, table, hasher, postings } = self;
        let hash = hasher.hash_one(term);
        if let Some(&id) = table.find(hash, |&id| term_at(text, starts, id) == term) {
            return (id, false);
        }
        let id = postings.len() as u32;
        text.push_str(term);
        starts.push(text.len());
        postings.push(Default::default());
        table.insert_unique(hash, id, |&id| hasher.hash_one(term_at(text, starts, id)));
        (id, true)
    }

    /// Appends `later`, whose posts all come after this one's, so lists stay in post order.
    fn append(&mut self, later: Gathered) {
        let Gathered { text, starts, postings, .. } = later;
        for (later_id, theirs) in postings.into_iter().enumerate() {
            let (id, new) = self.intern(term_at(&text, &starts, later_id as u32));
            if new {
                self.postings[id as usize] = theirs;
            } else {
                for (mine, theirs) in self.postings[id as usize].iter_mut().zip(theirs) {
                    mine.extend(theirs);
                }
            }
        }
    }

    /// Terms in sorted order with their postings.
    fn into_sorted(self) -> (Vec<String>, Vec<TermPostings>) {
        let mut order: Vec<u32> = (0..self.postings.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.term(a).cmp(self.term(b)));
        let terms = order.iter().map(|&id| self.term(id).to_owned()).collect();
        let mut postings: Vec<Option<TermPostings>> = self.postings.into_iter().map(Some).collect();
        (terms, order.iter().map(|&id| postings[id as usize].take().expect("each interned id names one term")).collect())
    }
}

/// Term `id` of a [`Gathered`]'s text buffer.
fn term_at<'a>(text: &'a str, starts: &[usize], id: u32) -> &'a str {
    &text[starts[id as usize]..starts[id as usize + 1]]
}

/// The engine's part of an index: its sections and, for a chunked index, the postings
/// to cut into blocks (see [`crate::chunks`]) instead of `POST` and `PBOD` sections.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) struct EngineParts {
    pub sections: Vec<(SectionTag, Vec<u8>)>,
    pub postings_blocks: Option<PostingsBlocks>,
}

/// A chunked index's postings and the terms each block holds. Blocks are encoded one run
/// at a time as they are compressed: at 1M posts, encoding them all first held another
/// 0.7 GB beside the postings.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) struct PostingsBlocks {
    postings: Vec<TermPostings>,
    /// Each block's terms, consecutive, of about the block size asked for.
    pub terms: Vec<std::ops::Range<usize>>,
}

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
impl PostingsBlocks {
    /// The blocks of consecutive terms of about `block_bytes` each.
    fn cut(postings: Vec<TermPostings>, block_bytes: usize) -> PostingsBlocks {
        let mut terms = Vec::new();
        let mut start = 0;
        let mut bytes = 0;
        for (term, lists) in postings.iter().enumerate() {
            // About two varint bytes per posting.
            bytes += 2 * lists.iter().map(PostingList::len).sum::<usize>() + 4;
            if bytes >= block_bytes || term + 1 == postings.len() {
                terms.push(start..term + 1);
                start = term + 1;
                bytes = 0;
            }
        }
        PostingsBlocks { postings, terms }
    }

    /// One block: every field's postings of its terms in field order, each encoded as a
    /// field of its own whose term ids count from the block's first term.
    pub fn encode(&self, terms: std::ops::Range<usize>) -> Vec<u8> {
        let mut block = Vec::new();
        for field in 0..FIELD_COUNT {
            encode_postings(&mut block, &self.postings[terms.clone()], field);
        }
        block
    }

    /// Each block's first term.
    pub fn first_terms(&self) -> Vec<u32> {
        self.terms.iter().map(|terms| terms.start as u32).collect()
    }
}

/// The engine's part of an index of `docs`, whose positions are their post ids and whose
/// body texts `body_of` gives (their own `body` is not read), sections in a fixed order.
/// Only what is stored is computed here; [`SearchIndex::decode`] derives the rest. With
/// `postings_block_bytes`, a chunked index's parts: postings in blocks of about that size.
pub(crate) fn build_engine(schema: &Schema, docs: &[Document], body_of: &BodyText, postings_block_bytes: Option<usize>) -> EngineParts {
    // Batch by batch, so that only one batch's chunk tables wait for merging at a time
    // (memory), and each batch merges while the next one is tokenised (time).
    let mut gathered = Gathered::default();
    let mut pending: Vec<Gathered> = Vec::new();
    let chunk_posts = (docs.len() / 16).clamp(TOKENIZE_CHUNK_MIN_POSTS, TOKENIZE_CHUNK_POSTS);
    for (batch_index, batch) in docs.chunks(TOKENIZE_BATCH_POSTS).enumerate() {
        let first_id = batch_index * TOKENIZE_BATCH_POSTS;
        let ((), tokenized) = parallel::join(
            || pending.drain(..).for_each(|chunk| gathered.append(chunk)),
            || parallel::map_chunks(batch, chunk_posts, |offset, posts| Gathered::of_posts(first_id + offset, posts, body_of)),
        );
        pending = tokenized;
    }
    pending.into_iter().for_each(|chunk| gathered.append(chunk));
    let (terms, postings) = gathered.into_sorted();
    let ((term_bytes, postings_section), (body, (fact, numc))) = parallel::join(
        || {
            // A single file keeps title, organisation and tags postings in POST; a chunked
            // index has them in its blocks, and the statistics for ranking in BSTA.
            let postings_section = if postings_block_bytes.is_some() {
                (BSTA, encode_postings_stats(&postings, docs.len()))
            } else {
                let mut post = Vec::new();
                for field in [TITLE, ORGANISATION, TAGS] {
                    encode_postings(&mut post, &postings, field);
                }
                (POST, post)
            };
            (encode_terms(&terms), postings_section)
        },
        || {
            let body = postings_block_bytes.is_none().then(|| {
                let mut body = Vec::new();
                encode_postings(&mut body, &postings, BODY_FIELD);
                body
            });
            (body, encode_facets(schema, docs))
        },
    );
    match postings_block_bytes {
        Some(block_bytes) => EngineParts {
            sections: vec![(TERM, term_bytes), (FACT, fact), (NUMC, numc), postings_section],
            postings_blocks: Some(PostingsBlocks::cut(postings, block_bytes)),
        },
        None => EngineParts {
            sections: vec![(TERM, term_bytes), postings_section, (PBOD, body.expect("encoded without blocks")), (FACT, fact), (NUMC, numc)],
            postings_blocks: None,
        },
    }
}

/// `BSTA`: the post count; per field, each post's length in tokens; the term count and
/// each term's document frequency over every field; all varints.
fn encode_postings_stats(postings: &[TermPostings], doc_count: usize) -> Vec<u8> {
    let mut out = Vec::new();
    write_u32(&mut out, doc_count as u32);
    for field in 0..FIELD_COUNT {
        let mut lengths = vec![0u32; doc_count];
        for lists in postings {
            for (doc, tf) in lists[field].iter() {
                lengths[doc as usize] = lengths[doc as usize].saturating_add(tf);
            }
        }
        lengths.iter().for_each(|&length| write_u32(&mut out, length));
    }
    write_u32(&mut out, postings.len() as u32);
    let mut seen = Vec::new();
    for lists in postings {
        seen.clear();
        seen.extend(lists.iter().flat_map(|list| list.iter().map(|(doc, _)| doc)));
        seen.sort_unstable();
        seen.dedup();
        write_u32(&mut out, seen.len() as u32);
    }
    out
}

fn encode_terms(terms: &[String]) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_u32(&mut bytes, terms.len() as u32);
    let mut previous: &str = "";
    for term in terms {
        let shared = previous.bytes().zip(term.bytes()).take_while(|(a, b)| a == b).count();
        write_u32(&mut bytes, shared as u32);
        write_u32(&mut bytes, (term.len() - shared) as u32);
        bytes.extend_from_slice(&term.as_bytes()[shared..]);
        previous = term;
    }
    bytes
}

/// One field's postings: the number of terms present, then for each its term-id gap, its
/// post count and `(post gap, term frequency)` pairs.
fn encode_postings(out: &mut Vec<u8>, postings: &[TermPostings], field: usize) {
    let present = postings.iter().filter(|term| !term[field].is_empty()).count();
    write_u32(out, present as u32);
    let mut next_term = 0;
    for (term, lists) in postings.iter().enumerate() {
        let list = &lists[field];
        if list.is_empty() {
            continue;
        }
        write_u32(out, term as u32 - next_term);
        next_term = term as u32 + 1;
        write_u32(out, list.len() as u32);
        out.extend_from_slice(&list.bytes);
    }
}

/// `FACT` and `NUMC`: each facet's values with their posts, or each post's range.
fn encode_facets(schema: &Schema, docs: &[Document]) -> (Vec<u8>, Vec<u8>) {
    let mut fact = Vec::new();
    let mut numc = Vec::new();
    for spec in &schema.facets {
        match spec.kind {
            FacetKind::Keyword | FacetKind::List | FacetKind::Bool => {
                let mut by_value: BTreeMap<String, Vec<u32>> = BTreeMap::new();
                for (id, doc) in docs.iter().enumerate() {
                    let values: BTreeSet<String> = spec.keywords(doc).into_iter().collect();
                    for value in values {
                        by_value.entry(value).or_default().push(id as u32);
                    }
                }
                let by_value = one_spelling_each(by_value);
                write_u32(&mut fact, by_value.len() as u32);
                for (value, posts) in &by_value {
                    write_u32(&mut fact, value.len() as u32);
                    fact.extend_from_slice(value.as_bytes());
                    write_sorted_ids(&mut fact, posts);
                }
            }
            FacetKind::Number | FacetKind::Date => {
                let ranges: Vec<_> =
                    docs.iter().map(|doc| spec.range(doc).filter(|(a, b)| a.is_finite() && b.is_finite() && a <= b)).collect();
                encode_ranges(&mut numc, &ranges);
            }
        }
    }
    (fact, numc)
}

/// Values with one [`value_key`] ("TargetSmart", "Targetsmart" and "targetsmart";
/// "BlueLabs" and "Blue Labs" on the real board) become one value, so that a facet lists
/// each organisation once: spelled as most of its posts spell it (on a tie, the first in
/// byte order), with the posts of every spelling. Only distinct values are keyed.
fn one_spelling_each(by_value: BTreeMap<String, Vec<u32>>) -> BTreeMap<String, Vec<u32>> {
    let mut by_key: BTreeMap<String, Vec<(String, Vec<u32>)>> = BTreeMap::new();
    for (value, posts) in by_value {
        by_key.entry(value_key(&value)).or_default().push((value, posts));
    }
    by_key
        .into_values()
        .map(|mut spellings| {
            if spellings.len() == 1 {
                return spellings.pop().expect("one spelling");
            }
            // Spellings come in byte order; `min_by_key` keeps the first of equal keys.
            let most = spellings.iter().enumerate().min_by_key(|(_, (_, posts))| std::cmp::Reverse(posts.len())).map_or(0, |(at, _)| at);
            let name = std::mem::take(&mut spellings[most].0);
            // A post can have two spellings of one value (tags "Data" and "data").
            let mut posts: Vec<u32> = spellings.into_iter().flat_map(|(_, posts)| posts).collect();
            posts.sort_unstable();
            posts.dedup();
            (name, posts)
        })
        .collect()
}

/// A single-file index's length norms (into `fields`) and document frequencies, from its
/// postings.
fn derive_from_postings(fields: &mut [FieldPostings; FIELD_COUNT], doc_count: u32, term_count: u32) -> Vec<u32> {
    for postings in fields.iter_mut() {
        let mut lengths = vec![0u32; doc_count as usize];
        for (&doc, &tf) in postings.docs.iter().zip(&postings.freqs) {
            lengths[doc as usize] = lengths[doc as usize].saturating_add(tf);
        }
        postings.length_norms = length_norms(&lengths);
    }
    // A post counts once per term however many fields hold it: mark each post with the
    // last term that counted it (decode checked every id against `doc_count`), one pass
    // over the postings and no sorting.
    let mut doc_freq = Vec::with_capacity(term_count as usize);
    let mut counted_for = vec![u32::MAX; doc_count as usize];
    for term in 0..term_count {
        let mut count = 0;
        for postings in fields.iter() {
            for &doc in postings.postings(term).0 {
                if counted_for[doc as usize] != term {
                    counted_for[doc as usize] = term;
                    count += 1;
                }
            }
        }
        doc_freq.push(count);
    }
    doc_freq
}

/// BM25's per-post length multipliers of one field, from each post's length in tokens.
fn length_norms(lengths: &[u32]) -> Vec<f32> {
    let total: u64 = lengths.iter().map(|&l| l as u64).sum();
    let average_length = if lengths.is_empty() { 0.0 } else { (total as f64 / lengths.len() as f64) as f32 };
    super::engine::bm25_length_norms(lengths, average_length)
}

/// The term dictionary (`TERM`) and what is derived from it alone.
pub(crate) struct DecodedTerms {
    terms: dictionary::Terms,
    stem_groups: dictionary::StemGroups,
}

/// A chunked index's `BSTA`, with the length norms ranking needs already derived.
pub(crate) struct DecodedStats {
    length_norms: [Vec<f32>; FIELD_COUNT],
    doc_freq: Vec<u32>,
}

/// The engine's sections that are decoded each on its own (as soon as a download has
/// them, see `crate::index::IndexStream`), in the order [`SearchIndex::decode`] takes
/// them. A part holds an error just as decoding it returned it, so that it is reported
/// at the same point whenever the section was decoded.
#[derive(Default)]
pub(crate) struct SearchParts {
    pub terms: Option<Result<DecodedTerms, FormatError>>,
    pub stats: Option<Result<DecodedStats, FormatError>>,
    pub values: Option<Result<Vec<ValueColumn>, FormatError>>,
    pub ranges: Option<Result<Vec<RangeColumn>, FormatError>>,
}

impl SearchParts {
    pub(crate) fn decode_terms(bytes: &[u8]) -> Result<DecodedTerms, FormatError> {
        let terms = decode_terms(bytes)?;
        let stem_groups = dictionary::StemGroups::new(&terms, stem);
        Ok(DecodedTerms { terms, stem_groups })
    }

    /// A chunked index's `BSTA`, which needs the term count (from `TERM`, before it in the
    /// file): each field's post lengths, turned into the length norms ranking needs as
    /// they are read (one buffer for all fields), and the document frequencies.
    pub(crate) fn decode_stats(bytes: &[u8], doc_count: u32, terms: &DecodedTerms) -> Result<DecodedStats, FormatError> {
        let term_count = terms.terms.len() as u32;
        let mut pos = 0;
        let read_count = |expected: u32, what: &str, pos: &mut usize| -> Result<(), FormatError> {
            let count = read_u32(bytes, pos, "BSTA")?;
            if count != expected {
                return Err(FormatError::Inconsistent { section: "BSTA".into(), reason: format!("has {count} {what}, the index {expected}") });
            }
            Ok(())
        };
        // A plain loop: collecting through `Result` was a fifth of this section's decode in wasm.
        let read_list = |count: u32, pos: &mut usize, list: &mut Vec<u32>| -> Result<(), FormatError> {
            let count = bounded(count, 1, bytes, *pos, "BSTA")?;
            list.clear();
            list.reserve(count);
            for _ in 0..count {
                list.push(read_u32(bytes, pos, "BSTA")?);
            }
            Ok(())
        };
        read_count(doc_count, "posts", &mut pos)?;
        let mut lengths = Vec::new();
        let mut length_norms: [Vec<f32>; FIELD_COUNT] = Default::default();
        for norms in length_norms.iter_mut() {
            read_list(doc_count, &mut pos, &mut lengths)?;
            *norms = self::length_norms(&lengths);
        }
        read_count(term_count, "terms", &mut pos)?;
        let mut doc_freq = Vec::new();
        read_list(term_count, &mut pos, &mut doc_freq)?;
        expect_end(bytes, pos, "BSTA")?;
        if doc_freq.iter().any(|&df| df > doc_count) {
            return Err(FormatError::Inconsistent { section: "BSTA".into(), reason: "a term is in more posts than there are".into() });
        }
        Ok(DecodedStats { length_norms, doc_freq })
    }

    /// `FACT`: the Keyword, List and Bool facets' columns, in schema order.
    pub(crate) fn decode_values(bytes: &[u8], schema: &Schema, doc_count: u32) -> Result<Vec<ValueColumn>, FormatError> {
        let mut pos = 0;
        let columns = schema
            .facets
            .iter()
            .filter(|spec| !spec.kind.is_range())
            .map(|_| decode_values(bytes, &mut pos, doc_count))
            .collect::<Result<_, _>>()?;
        expect_end(bytes, pos, "FACT")?;
        Ok(columns)
    }

    /// `NUMC`: the Number and Date facets' columns, in schema order.
    pub(crate) fn decode_ranges(bytes: &[u8], schema: &Schema, doc_count: u32) -> Result<Vec<RangeColumn>, FormatError> {
        let mut pos = 0;
        let columns = schema
            .facets
            .iter()
            .filter(|spec| spec.kind.is_range())
            .map(|spec| decode_ranges(bytes, &mut pos, doc_count, spec.kind == FacetKind::Number))
            .collect::<Result<_, FormatError>>()?;
        expect_end(bytes, pos, "NUMC")?;
        Ok(columns)
    }
}

impl SearchIndex {
    /// Reads the engine's sections back: those in `parts` were decoded section by
    /// section, the postings of a single file are decoded here. Any damage is a
    /// `FormatError`; allocations are bounded by the section sizes, never by a decoded
    /// count alone. A chunked index (`directory` given) has `BSTA` instead of `POST` and
    /// `PBOD`, whose blocks arrive later.
    pub(crate) fn decode(
        container: &Container,
        schema: &Schema,
        doc_count: u32,
        directory: Option<&Directory>,
        parts: SearchParts,
    ) -> Result<SearchIndex, FormatError> {
        let decoded_terms = decoded(parts.terms, TERM)?;
        let term_count = decoded_terms.terms.len() as u32;
        let mut fields: [FieldPostings; FIELD_COUNT] = Default::default();
        let (doc_freq, lazy_postings) = match directory {
            Some(directory) => {
                let stats = decoded(parts.stats, BSTA)?;
                // `fields` holds only the norms: postings are read from the blocks
                // (`postings_of` never reaches `fields` when they are lazy).
                for (field, norms) in fields.iter_mut().zip(stats.length_norms) {
                    field.length_norms = norms;
                }
                let first_terms = directory.postings_first_terms.clone();
                let blocks = first_terms.iter().map(|_| OnceLock::new()).collect();
                (stats.doc_freq, Some(LazyPostings { first_terms, blocks }))
            }
            None => {
                let post = container.required(POST)?;
                let mut pos = 0;
                for field in [TITLE, ORGANISATION, TAGS] {
                    fields[field] = decode_field(post, &mut pos, term_count, doc_count, "POST")?;
                }
                expect_end(post, pos, "POST")?;
                let body = container.required(PBOD)?;
                let mut pos = 0;
                fields[BODY_FIELD] = decode_field(body, &mut pos, term_count, doc_count, "PBOD")?;
                expect_end(body, pos, "PBOD")?;
                (derive_from_postings(&mut fields, doc_count, term_count), None)
            }
        };
        let values = decoded(parts.values, FACT)?;
        let ranges = decoded(parts.ranges, NUMC)?;
        let (mut values, mut ranges) = (values.into_iter(), ranges.into_iter());
        let facets = schema
            .facets
            .iter()
            .map(|spec| match spec.kind.is_range() {
                true => ranges.next().map(FacetColumn::Range),
                false => values.next().map(FacetColumn::Values),
            })
            .collect::<Option<Vec<_>>>()
            // Both were decoded against this schema, so this holds unless a caller mixed schemas.
            .ok_or_else(|| FormatError::Inconsistent { section: "FACT".into(), reason: "lacks a facet of the schema".into() })?;
        let DecodedTerms { terms, stem_groups } = decoded_terms;
        Ok(SearchIndex { doc_count, terms, stem_groups, fields, doc_freq, facets, lazy_postings })
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// A field's postings of `term`. For a chunked index whose block of postings for
    /// `term` has not arrived: none, and the block is noted in `missing`.
    pub(crate) fn postings_of<'a>(&'a self, field: usize, term: u32, missing: &Missing) -> (&'a [u32], &'a [u32]) {
        if let Some(lazy) = &self.lazy_postings {
            let block = lazy.first_terms.partition_point(|&first| first <= term) - 1;
            return match lazy.blocks[block].get() {
                Some(fields) => fields[field].postings(term - lazy.first_terms[block]),
                None => {
                    missing.note(BlockRef { kind: BlockKind::Postings, number: block as u32 });
                    (&[], &[])
                }
            };
        }
        self.fields[field].postings(term)
    }

    /// Lets go of every postings block that has arrived.
    pub(crate) fn release_postings(&mut self) {
        if let Some(lazy) = &mut self.lazy_postings {
            lazy.blocks.iter_mut().for_each(|block| drop(block.take()));
        }
    }

    /// Stores an arrived postings block (its checked content). False when the block was
    /// already there.
    pub(crate) fn attach_postings(&self, number: u32, content: &[u8]) -> Result<bool, FormatError> {
        let Some(lazy) = &self.lazy_postings else { return Ok(false) };
        let Some(slot) = lazy.blocks.get(number as usize) else {
            return Err(FormatError::Inconsistent { section: "CDIR".into(), reason: format!("has no postings block {number}") });
        };
        if slot.get().is_some() {
            return Ok(false);
        }
        let start = lazy.first_terms[number as usize];
        let end = lazy.first_terms.get(number as usize + 1).copied().unwrap_or(self.terms.len() as u32);
        let section = format!("postings block {number}");
        let mut pos = 0;
        let mut fields: [FieldPostings; FIELD_COUNT] = Default::default();
        for field in fields.iter_mut() {
            *field = decode_field(content, &mut pos, end - start, self.doc_count, &section)?;
        }
        expect_end(content, pos, &section)?;
        Ok(slot.set(fields).is_ok())
    }
}

fn decode_error(section: &str, reason: impl Into<String>) -> FormatError {
    FormatError::Decode { section: section.to_owned(), reason: reason.into() }
}

fn expect_end(bytes: &[u8], pos: usize, section: &str) -> Result<(), FormatError> {
    if pos == bytes.len() {
        Ok(())
    } else {
        Err(decode_error(section, format!("{} trailing bytes", bytes.len() - pos)))
    }
}

/// Checks that `count` items of at least `min_bytes` each can fit in what is left.
fn bounded(count: u32, min_bytes: usize, bytes: &[u8], pos: usize, section: &str) -> Result<usize, FormatError> {
    let count = count as usize;
    if count.saturating_mul(min_bytes) > bytes.len().saturating_sub(pos) {
        return Err(decode_error(section, format!("claims {count} entries in {} bytes", bytes.len() - pos)));
    }
    Ok(count)
}

fn decode_terms(bytes: &[u8]) -> Result<dictionary::Terms, FormatError> {
    let mut pos = 0;
    let count = read_u32(bytes, &mut pos, "TERM")?;
    let count = bounded(count, 2, bytes, pos, "TERM")?;
    let mut terms = dictionary::Terms::default();
    let mut term: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = read_u32(bytes, &mut pos, "TERM")? as usize;
        let suffix = read_u32(bytes, &mut pos, "TERM")? as usize;
        let tail = pos.checked_add(suffix).and_then(|end| bytes.get(pos..end)).ok_or_else(|| decode_error("TERM", "term runs past the end"))?;
        if shared > term.len() {
            return Err(decode_error("TERM", "shared prefix longer than the previous term"));
        }
        term.truncate(shared);
        term.extend_from_slice(tail);
        pos += suffix;
        let text = std::str::from_utf8(&term).map_err(|_| decode_error("TERM", "a term is not UTF-8"))?;
        if text.is_empty() || !terms.push(text) {
            return Err(FormatError::Inconsistent { section: "TERM".into(), reason: "terms are not sorted and distinct".into() });
        }
    }
    expect_end(bytes, pos, "TERM")?;
    Ok(terms)
}

fn decode_field(bytes: &[u8], pos: &mut usize, term_count: u32, doc_count: u32, section: &str) -> Result<FieldPostings, FormatError> {
    let present = read_u32(bytes, pos, section)?;
    bounded(present, 3, bytes, *pos, section)?;
    let mut postings = FieldPostings { offsets: Vec::with_capacity(term_count as usize + 1), ..Default::default() };
    postings.offsets.push(0);
    let mut next_term: u64 = 0;
    for _ in 0..present {
        let term = next_term + read_u32(bytes, pos, section)? as u64;
        if term >= term_count as u64 {
            return Err(FormatError::Inconsistent { section: section.into(), reason: format!("names term {term} of {term_count}") });
        }
        while (postings.offsets.len() as u64) <= term {
            postings.offsets.push(postings.docs.len() as u32);
        }
        next_term = term + 1;
        let count = read_u32(bytes, pos, section)?;
        let count = bounded(count, 2, bytes, *pos, section)?;
        if count == 0 {
            return Err(FormatError::Inconsistent { section: section.into(), reason: "an empty posting list".into() });
        }
        let mut next_doc: u64 = 0;
        for _ in 0..count {
            let doc = next_doc + read_u32(bytes, pos, section)? as u64;
            if doc >= doc_count as u64 {
                return Err(FormatError::Inconsistent { section: section.into(), reason: format!("names post {doc} of {doc_count}") });
            }
            let tf = read_u32(bytes, pos, section)?;
            if tf == 0 {
                return Err(FormatError::Inconsistent { section: section.into(), reason: "a term frequency of 0".into() });
            }
            postings.docs.push(doc as u32);
            postings.freqs.push(tf);
            next_doc = doc + 1;
        }
        postings.offsets.push(postings.docs.len() as u32);
    }
    while postings.offsets.len() <= term_count as usize {
        postings.offsets.push(postings.docs.len() as u32);
    }
    Ok(postings)
}

fn decode_values(bytes: &[u8], pos: &mut usize, doc_count: u32) -> Result<ValueColumn, FormatError> {
    let count = read_u32(bytes, pos, "FACT")?;
    let count = bounded(count, 2, bytes, *pos, "FACT")?;
    let mut values: Vec<Arc<str>> = Vec::with_capacity(count);
    let mut posts = Vec::with_capacity(count);
    let mut dense = Vec::with_capacity(count);
    let mut known = Bitset::empty(doc_count);
    for _ in 0..count {
        let len = read_u32(bytes, pos, "FACT")? as usize;
        let raw = pos.checked_add(len).and_then(|end| bytes.get(*pos..end)).ok_or_else(|| decode_error("FACT", "value runs past the end"))?;
        *pos += len;
        let value = std::str::from_utf8(raw).map_err(|_| decode_error("FACT", "a value is not UTF-8"))?;
        if values.last().is_some_and(|previous| **previous >= *value) {
            return Err(FormatError::Inconsistent { section: "FACT".into(), reason: "values are not sorted and distinct".into() });
        }
        values.push(Arc::from(value));
        let ids = read_id_count(bytes, pos, "FACT")?;
        if ids * DENSE_DIVISOR >= doc_count as usize {
            // A common value's ids go straight into its bitset, which marks its posts
            // known a word at a time.
            let mut set = Bitset::empty(doc_count);
            read_ids(bytes, pos, ids, doc_count, "FACT", |id| set.insert(id))?;
            known.union_with(&set);
            posts.push(Vec::new());
            dense.push(Some(set));
        } else {
            // Rare values keep their ids: a bitset per value would cost posts/8 bytes for
            // each of what can be tens of thousands (organisations).
            let mut list = Vec::with_capacity(ids);
            read_ids(bytes, pos, ids, doc_count, "FACT", |id| {
                known.insert(id);
                list.push(id);
            })?;
            posts.push(list);
            dense.push(None);
        }
    }
    let mut unknown = Bitset::full(doc_count);
    unknown.subtract(&known);
    Ok(ValueColumn { values, posts, dense, unknown })
}

/// Integral values in this range are written as zigzag varints; the rest as raw `f64`s.
fn as_small_integer(value: f64) -> Option<i32> {
    (value.fract() == 0.0 && value >= i32::MIN as f64 && value <= i32::MAX as f64).then_some(value as i32)
}

fn encode_ranges(out: &mut Vec<u8>, ranges: &[Option<(f64, f64)>]) {
    let known: Vec<u32> = ranges.iter().enumerate().filter(|(_, r)| r.is_some()).map(|(id, _)| id as u32).collect();
    write_sorted_ids(out, &known);
    for (low, high) in ranges.iter().flatten() {
        match (as_small_integer(*low), as_small_integer(*high)) {
            (Some(a), Some(b)) => {
                out.push(0);
                write_u32(out, ((a << 1) ^ (a >> 31)) as u32);
                write_u32(out, (b as i64 - a as i64) as u32);
            }
            _ => {
                out.push(1);
                out.extend_from_slice(&low.to_le_bytes());
                out.extend_from_slice(&high.to_le_bytes());
            }
        }
    }
}

fn decode_ranges(bytes: &[u8], pos: &mut usize, doc_count: u32, histogram: bool) -> Result<RangeColumn, FormatError> {
    let known = read_sorted_ids(bytes, pos, doc_count, "NUMC")?;
    let range_of = |id: u32| {
        let tag = *bytes.get(*pos).ok_or_else(|| decode_error("NUMC", "value runs past the end"))?;
        *pos += 1;
        match tag {
            0 => {
                let zigzag = read_u32(bytes, pos, "NUMC")?;
                let low = ((zigzag >> 1) as i32 ^ -((zigzag & 1) as i32)) as f64;
                let width = read_u32(bytes, pos, "NUMC")? as f64;
                Ok((low, low + width))
            }
            1 => {
                let raw = pos.checked_add(16).and_then(|end| bytes.get(*pos..end)).ok_or_else(|| decode_error("NUMC", "value runs past the end"))?;
                *pos += 16;
                let low = f64::from_le_bytes(raw[..8].try_into().expect("8 bytes"));
                let high = f64::from_le_bytes(raw[8..].try_into().expect("8 bytes"));
                if !(low.is_finite() && high.is_finite() && low <= high) {
                    return Err(FormatError::Inconsistent { section: "NUMC".into(), reason: format!("post {id} has the range {low}..{high}") });
                }
                Ok((low, high))
            }
            other => Err(decode_error("NUMC", format!("unknown value tag {other}"))),
        }
    };
    RangeColumn::from_known(doc_count, &known, range_of, histogram)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Lists gathered in pieces and joined hold the postings of one list pushed whole,
        /// in the same bytes.
        #[test]
        fn posting_lists_joined_from_pieces_equal_one_list(
            gaps in proptest::collection::vec((0u32..300, 1u32..200), 0..60),
            cuts in proptest::collection::vec(0usize..60, 0..4),
        ) {
            let mut post = 0;
            let postings: Vec<(u32, u32)> = gaps.iter().map(|&(gap, tf)| { post += gap; let at = post; post += 1; (at, tf) }).collect();
            let mut whole = PostingList::default();
            postings.iter().for_each(|&(post, tf)| whole.push(post, tf));
            let mut bounds: Vec<usize> = cuts.iter().map(|&cut| cut.min(postings.len())).collect();
            bounds.extend([0, postings.len()]);
            bounds.sort_unstable();
            let mut joined = PostingList::default();
            for piece in bounds.windows(2) {
                let mut list = PostingList::default();
                postings[piece[0]..piece[1]].iter().for_each(|&(post, tf)| list.push(post, tf));
                joined.extend(list);
            }
            proptest::prop_assert_eq!(joined.iter().collect::<Vec<_>>(), postings.clone());
            proptest::prop_assert_eq!(joined.len(), postings.len());
            proptest::prop_assert_eq!(&joined.bytes, &whole.bytes);
        }
    }

    #[test]
    fn ranges_round_trip_integers_and_fractions() {
        let ranges = vec![Some((-3.0, 7.0)), None, Some((0.5, 1e12)), Some((60_000.0, 70_000.0))];
        let mut bytes = Vec::new();
        encode_ranges(&mut bytes, &ranges);
        let mut pos = 0;
        assert!(decode_ranges(&bytes, &mut pos, 4, true).unwrap().iter().eq(ranges.iter().copied()));
        assert_eq!(pos, bytes.len());
    }
}
