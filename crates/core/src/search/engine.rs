//! Answering a [`SearchRequest`]: text matching and BM25F ranking, filters, disjunctive
//! facet counts, sorting, paging, highlights and snippets.

use super::bitset::Bitset;
use super::query::ParsedQuery;
use super::request::*;
use super::range_column::RangeColumn;
use super::store::{FacetColumn, SearchIndex, ValueColumn, FIELD_COUNT, ORGANISATION, TAGS, TITLE};
use crate::chunks::Missing;
use crate::index::Index;
use crate::schema::{FacetKind, FacetMode, FacetSource, FieldBoosts};
use crate::sort;
use crate::text::{for_each_token, is_stop_word, stem, tokenize};
use super::{dictionary, IdMap, TermMap};
use std::borrow::Cow;
use std::ops::ControlFlow;

/// BM25 saturation and length normalisation, the usual defaults.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Most terms a prefix or a typo may expand to (the most frequent win), so that "a"
/// typed as a prefix costs a bounded amount of work.
const MAX_EXPANSIONS: usize = 64;
/// Longest query word (in bytes) that gets typo tolerance.
const MAX_TYPO_WORD_BYTES: usize = 60;
/// Target snippet length in bytes, and how much context to keep before the first match.
const SNIPPET_BYTES: usize = 200;
const SNIPPET_LEAD: usize = 40;

/// How a dictionary term came to match a query word. The order is the ranking order:
/// every hit matched entirely by exact or stemmed terms outranks one that needed a prefix,
/// which outranks one that needed a typo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum MatchKind {
    Exact,
    Stemmed,
    Prefix,
    Typo(u8),
}

impl MatchKind {
    /// Weight of a term matched this way within the BM25F score.
    fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            // A stem shares little meaning at times ("engine" and "engineer" both stem to
            // "engin"), so a stemmed title match should not outweigh an exact one.
            MatchKind::Stemmed => 0.5,
            MatchKind::Prefix => 0.35,
            MatchKind::Typo(1) => 0.25,
            MatchKind::Typo(_) => 0.15,
        }
    }

    /// Coarse tier for the first sort key: exact and stemmed share one, as a stemmed title
    /// match should still beat an exact match buried in a body by score.
    fn tier(self) -> u8 {
        match self {
            MatchKind::Exact | MatchKind::Stemmed => 0,
            MatchKind::Prefix => 1,
            MatchKind::Typo(_) => 2,
        }
    }
}

/// Field lengths below this take their BM25 norm from a table.
const SHORT_LENGTHS: u32 = 512;

/// BM25's length normalisation per post, `1 / (1 - b + b·length/average)`, for a field
/// whose posts have `lengths` tokens.
pub(crate) fn bm25_length_norms(lengths: &[u32], average_length: f32) -> Vec<f32> {
    let average = average_length.max(1.0);
    let norm = |length: u32| 1.0 / (1.0 - B + B * length as f32 / average);
    // Most posts' fields are short: their norms come from a table rather than a division
    // each (four per post, millions at decode for a large board). Same values.
    let short: Vec<f32> = (0..SHORT_LENGTHS).map(norm).collect();
    lengths.iter().map(|&length| short.get(length as usize).copied().unwrap_or_else(|| norm(length))).collect()
}

/// Meilisearch's typo budget: none under 5 characters, 1 from 5, 2 from 9.
fn typo_budget(term: &str) -> u8 {
    match term.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The text side of a query once matched against the dictionary.
struct TextMatch {
    /// Posts matching every required word, phrase and no exclusion.
    docs: Bitset,
    /// Per post: worst tier over the words (dense, only meaningful inside `docs`).
    tiers: Vec<u8>,
    scores: Vec<f32>,
    /// Folded terms that matched, with the index of the query word they serve (for snippets).
    matched_terms: MatchedTerms,
}

/// Per-post working space of [`SearchIndex::score_word`], allocated once per query and
/// handed back clean after each word: every score 0, every tier [`WordScratch::NO_TIER`],
/// every pseudo term frequency 0. Starting from those, a post's best score and tier over a
/// word's expansions are a plain max and min, with no test of whether it was seen before.
struct WordScratch {
    scores: Vec<f32>,
    tiers: Vec<u8>,
    pseudo_tf: Vec<f32>,
    /// Posts seen for the current term, grown to the largest term's postings.
    touched: Vec<u32>,
}

impl WordScratch {
    /// Above every [`MatchKind::tier`].
    const NO_TIER: u8 = u8::MAX;

    fn new(posts: usize) -> WordScratch {
        WordScratch { scores: vec![0.0; posts], tiers: vec![Self::NO_TIER; posts], pseudo_tf: vec![0.0; posts], touched: Vec::new() }
    }
}

/// The folded terms a query matched, each with the index of the query word it serves
/// (the first, if several). Snippets and highlights look up every token of a text here;
/// most tokens are turned away by their first byte before any hashing.
struct MatchedTerms {
    words: TermMap<usize>,
    first_bytes: [bool; 256],
    /// How many distinct query words the terms serve.
    distinct_words: usize,
}

impl MatchedTerms {
    fn new(words: TermMap<usize>) -> MatchedTerms {
        let mut first_bytes = [false; 256];
        for term in words.keys() {
            if let Some(&byte) = term.as_bytes().first() {
                first_bytes[byte as usize] = true;
            }
        }
        let mut served: Vec<usize> = words.values().copied().collect();
        sort::by_key(&mut served, |&word| word as u64);
        served.dedup();
        MatchedTerms { words, first_bytes, distinct_words: served.len() }
    }

    /// The query word `term` serves, if it matched.
    fn word_of(&self, term: &str) -> Option<usize> {
        let &first = term.as_bytes().first()?;
        if !self.first_bytes[first as usize] {
            return None;
        }
        self.words.get(term).copied()
    }
}

impl SearchIndex {
    fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.find(term)
    }

    /// Dictionary terms that match `term`, each with how.
    fn expand(&self, term: &str, prefix: bool, allow_typos: bool) -> Vec<(u32, MatchKind)> {
        // Each term keeps the first way found, which is the best: exact, stemmed, prefix, typo.
        let mut found: IdMap<MatchKind> = IdMap::default();
        if let Some(id) = self.term_id(term) {
            found.insert(id, MatchKind::Exact);
        }
        for &id in self.stem_groups.of_stem(&stem(term)) {
            found.entry(id).or_insert(MatchKind::Stemmed);
        }
        if prefix {
            let mut candidates: Vec<(u32, MatchKind)> = self.terms.with_prefix(term)
                .map(|id| id as u32)
                .filter(|id| !found.contains_key(id))
                .map(|id| (id, MatchKind::Prefix))
                .collect();
            self.keep_most_frequent(&mut candidates);
            found.extend(candidates);
        }
        let budget = typo_budget(term);
        // An automaton's size grows with its word; nobody means a 60-letter word with typos.
        if allow_typos && budget > 0 && term.len() <= MAX_TYPO_WORD_BYTES {
            let automaton = dictionary::TypoAutomaton::new(term, budget, prefix);
            let mut candidates = Vec::new();
            dictionary::within_typos(&self.terms, &automaton, |id, distance| {
                if !found.contains_key(&id) {
                    candidates.push((id, MatchKind::Typo(distance.max(1))));
                }
            });
            // "anaylst" should also find "analysts": the stem family of each corrected term,
            // at its distance (a term both corrected and in a family keeps the first seen).
            for corrected in 0..candidates.len() {
                let (id, kind) = candidates[corrected];
                for &member in self.stem_groups.of_term(id) {
                    if !found.contains_key(&member) {
                        candidates.push((member, kind));
                    }
                }
            }
            sort::by_key(&mut candidates, |&(id, _)| u64::from(id));
            candidates.dedup_by_key(|&mut (id, _)| id);
            self.keep_most_frequent(&mut candidates);
            found.extend(candidates);
        }
        let mut expansions: Vec<(u32, MatchKind)> = found.into_iter().collect();
        // Each term once in `found`, so its id orders the expansions entirely.
        sort::by_key(&mut expansions, |&(id, _)| u64::from(id));
        expansions
    }

    fn keep_most_frequent(&self, candidates: &mut Vec<(u32, MatchKind)>) {
        if candidates.len() > MAX_EXPANSIONS {
            // Stable, and the candidates come sorted by id and each once: ties by id.
            sort::by_key(candidates, |&(id, _)| u64::from(u32::MAX - self.doc_freq[id as usize]));
            candidates.truncate(MAX_EXPANSIONS);
        }
    }

    /// Posts containing `term` exactly or by stem, in any field.
    fn posts_with(&self, term: &str, missing: &Missing) -> Bitset {
        let mut set = Bitset::empty(self.doc_count);
        for (id, _) in self.expand(term, false, false) {
            for field in 0..FIELD_COUNT {
                for &doc in self.postings_of(field, id, missing).0 {
                    set.insert(doc);
                }
            }
        }
        set
    }

    fn field_boost(boosts: &FieldBoosts, field: usize) -> f32 {
        match field {
            TITLE => boosts.title,
            ORGANISATION => boosts.organisation,
            TAGS => boosts.tags,
            _ => boosts.body,
        }
    }

    /// Scores one query word: per post, the best weighted BM25F over the terms it expands to,
    /// left in `scratch` (see [`WordScratch`]). Returns the posts matched. Slices, not Vecs,
    /// in the loops below: under the widget's size-first build a Vec's `Index` stays a call
    /// per posting.
    fn score_word(&self, expansions: &[(u32, MatchKind)], boosts: &FieldBoosts, scratch: &mut WordScratch, missing: &Missing) -> Bitset {
        let n = self.doc_count as f32;
        let mut matched = Bitset::empty(self.doc_count);
        let WordScratch { scores, tiers, pseudo_tf, touched } = scratch;
        let (scores, tiers, pseudo_tf) = (scores.as_mut_slice(), tiers.as_mut_slice(), pseudo_tf.as_mut_slice());
        // One idf per query word, from its most common expansion: otherwise a rare
        // stemmed or typo variant ("engine" for "engineer") would outscore the exact word
        // merely by being rare.
        let df = expansions.iter().map(|&(term, _)| self.doc_freq[term as usize]).max().unwrap_or(0) as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        for &(term, kind) in expansions {
            // Posts seen for this term are `touched[..seen]`. Each posting writes its post
            // and advances only for a first sight: no branch to mispredict, where about
            // half the postings of a common term are first sights. A posting can be seen
            // as a first sight at most once, so the term's postings bound `seen`.
            let postings: [(&[u32], &[u32]); FIELD_COUNT] = std::array::from_fn(|field| self.postings_of(field, term, missing));
            let most = postings.iter().map(|(docs, _)| docs.len()).sum::<usize>() + 1;
            if touched.len() < most {
                touched.resize(most, 0);
            }
            let touched = touched.as_mut_slice();
            let mut seen = 0;
            for (field, (docs, freqs)) in postings.into_iter().enumerate() {
                let boost = Self::field_boost(boosts, field);
                let norms = self.fields[field].length_norms.as_slice();
                for (&doc, &tf) in docs.iter().zip(freqs) {
                    let slot = &mut pseudo_tf[doc as usize];
                    touched[seen] = doc;
                    seen += usize::from(*slot == 0.0);
                    *slot += boost * tf as f32 * norms[doc as usize];
                }
            }
            let (weight, tier) = (kind.weight() * idf, kind.tier());
            for &doc in &touched[..seen] {
                let d = doc as usize;
                let tf = std::mem::take(&mut pseudo_tf[d]);
                let score = weight * tf * (K1 + 1.0) / (K1 + tf);
                matched.insert(doc);
                scores[d] = scores[d].max(score);
                tiers[d] = tiers[d].min(tier);
            }
        }
        matched
    }

    fn note_matched_terms(&self, expansions: &[(u32, MatchKind)], word: usize, matched_terms: &mut TermMap<usize>) {
        for &(id, _) in expansions {
            matched_terms.entry(self.terms.get(id as usize).to_owned()).or_insert(word);
        }
    }

    /// The terms [`SearchIndex::match_text`] matches for `query`, without its postings:
    /// what highlights and snippets need.
    fn matched_terms(&self, query: &ParsedQuery) -> MatchedTerms {
        let mut matched_terms: TermMap<usize> = TermMap::default();
        for (index, term, prefix, allow_typos) in words_to_match(query) {
            self.note_matched_terms(&self.expand(term, prefix, allow_typos), index, &mut matched_terms);
        }
        MatchedTerms::new(matched_terms)
    }

    /// Matches the query's words, phrases and exclusions. Blocks of a chunked index that
    /// are needed and absent are noted in `missing` (the match is then incomplete).
    fn match_text(&self, query: &ParsedQuery, boosts: &FieldBoosts, index: &Index, missing: &Missing) -> TextMatch {
        let count = self.doc_count as usize;
        let mut result = TextMatch {
            docs: Bitset::full(self.doc_count),
            tiers: vec![0; count],
            scores: vec![0.0; count],
            matched_terms: MatchedTerms::new(TermMap::default()),
        };
        let mut matched_terms: TermMap<usize> = TermMap::default();
        let mut scratch = WordScratch::new(count);
        for (index, term, prefix, allow_typos) in words_to_match(query) {
            let expansions = self.expand(term, prefix, allow_typos);
            self.note_matched_terms(&expansions, index, &mut matched_terms);
            let matched = self.score_word(&expansions, boosts, &mut scratch, missing);
            result.docs.intersect_with(&matched);
            let (scores, tiers) = (result.scores.as_mut_slice(), result.tiers.as_mut_slice());
            let (word_scores, word_tiers) = (scratch.scores.as_mut_slice(), scratch.tiers.as_mut_slice());
            for doc in matched.iter() {
                let d = doc as usize;
                scores[d] += std::mem::take(&mut word_scores[d]);
                tiers[d] = tiers[d].max(std::mem::replace(&mut word_tiers[d], WordScratch::NO_TIER));
            }
        }
        result.matched_terms = MatchedTerms::new(matched_terms);
        for term in &query.excluded {
            result.docs.subtract(&self.posts_with(term, missing));
        }
        if !query.phrases.is_empty() {
            let candidates: Vec<u32> = result.docs.iter().collect();
            for doc in candidates {
                // Both looked up first, so that every absent block is noted in one pass.
                let (document, body) = (index.doc_or_note(doc, missing), index.body_or_note(doc, missing));
                let has_all = document.zip(body).is_some_and(|(document, body)| query.phrases.iter().all(|phrase| post_has_phrase(document, body, phrase)));
                if !has_all {
                    result.docs.remove(doc);
                }
            }
        }
        for phrase in &query.excluded_phrases {
            // Only posts holding every word of the phrase can hold the phrase.
            let mut holding = result.docs.clone();
            for term in phrase {
                holding.intersect_with(&self.posts_with(term, missing));
            }
            for doc in holding.iter().collect::<Vec<_>>() {
                let (document, body) = (index.doc_or_note(doc, missing), index.body_or_note(doc, missing));
                if document.zip(body).is_some_and(|(document, body)| post_has_phrase(document, body, phrase)) {
                    result.docs.remove(doc);
                }
            }
        }
        result
    }
}

/// Whether a post's title, organisation or body has `phrase`.
fn post_has_phrase(document: &crate::Document, body: &str, phrase: &[String]) -> bool {
    contains_phrase(&document.title, phrase)
        || document.organisation.as_deref().is_some_and(|org| contains_phrase(org, phrase))
        || contains_phrase(body, phrase)
}

/// Whether `text` has the folded terms of `phrase` consecutively. Phrases of plain words
/// (the usual case) are checked by a scanner that folds as it goes and allocates nothing
/// per token, as this runs over every candidate's body; phrases holding symbols or dotted
/// acronyms use the full tokenizer.
fn contains_phrase(text: &str, phrase: &[String]) -> bool {
    let plain = phrase.iter().all(|term| term.chars().all(char::is_alphanumeric));
    if !plain {
        let terms: Vec<String> = tokenize(text).into_iter().map(|t| t.term).collect();
        return terms.windows(phrase.len()).any(|window| window == phrase);
    }
    // Tokens never span white space, so the text is read chunk by chunk between ASCII
    // white space, carrying how much of the phrase is matched. While nothing is matched,
    // a chunk where no token can begin with the phrase's first letter is skipped without
    // folding: that is most of a body, and this runs over every candidate's body.
    let first = phrase[0].as_bytes()[0];
    let first_upper = first.to_ascii_uppercase();
    let bytes = text.as_bytes();
    let mut matched = 0;
    let mut token = String::new();
    let mut chunk_start = 0;
    while chunk_start < bytes.len() {
        let chunk_end = bytes[chunk_start..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |i| chunk_start + i);
        let chunk = &bytes[chunk_start..chunk_end];
        // Non-ASCII bytes may fold to anything: such chunks are always read.
        let may_start_phrase = chunk.iter().enumerate().any(|(i, &b)| {
            b >= 0x80 || ((b == first || b == first_upper) && (i == 0 || !chunk[i - 1].is_ascii_alphanumeric()))
        });
        if matched > 0 || may_start_phrase {
            if phrase_in_chunk(&text[chunk_start..chunk_end], phrase, &mut matched, &mut token) {
                return true;
            }
        } else if chunk.iter().any(u8::is_ascii_alphanumeric) {
            matched = 0;
        }
        chunk_start = chunk_end + 1;
    }
    false
}

/// Feeds the tokens of one white-space-free `chunk` to the phrase matcher: `matched` is
/// how many phrase terms the tokens just before it matched, and is updated.
fn phrase_in_chunk(chunk: &str, phrase: &[String], matched: &mut usize, token: &mut String) -> bool {
    // Dots make dotted acronyms ("a.e." is one token): the tokenizer reads those.
    if chunk.contains('.') {
        let mut found = false;
        crate::text::for_each_token(chunk, |term, _, _| {
            if !found {
                *matched = if term == phrase[*matched] { *matched + 1 } else { usize::from(term == phrase[0]) };
                found = *matched == phrase.len();
            }
        });
        return found;
    }
    token.clear();
    let mut rest = chunk;
    loop {
        let mut chars = rest.chars();
        let next = chars.next();
        let after = chars.as_str();
        let following = after.chars().next();
        let mut skipped_possessive = false;
        let joins = match next {
            Some(c) if c.is_alphanumeric() => {
                crate::text::fold_char_into(c, token);
                true
            }
            // "76,500" is one number; "3.5" too (and then never equals a plain term).
            Some(c @ (',' | '.')) if token.ends_with(|d: char| d.is_ascii_digit()) && following.is_some_and(|d| d.is_ascii_digit()) => {
                if c == '.' {
                    token.push('.');
                }
                true
            }
            // "don't" joins; a possessive "'s" ends the word and is skipped.
            Some('\'' | '\u{2019}' | '\u{92}') if !token.is_empty() && following.is_some_and(char::is_alphabetic) => {
                let possessive = matches!(following, Some('s' | 'S')) && !after[1..].starts_with(char::is_alphanumeric);
                if possessive {
                    rest = &after[1..];
                    skipped_possessive = true;
                    false
                } else {
                    true
                }
            }
            _ => false,
        };
        if joins {
            rest = after;
            continue;
        }
        if !token.is_empty() {
            if *token == phrase[*matched] {
                *matched += 1;
            } else {
                *matched = usize::from(*token == phrase[0]);
            }
            if *matched == phrase.len() {
                return true;
            }
            token.clear();
        }
        if next.is_none() {
            return false;
        }
        if !skipped_possessive {
            rest = after;
        }
    }
}

/// The words a query's posts must match, each with its position among the query's words
/// (for snippets), whether it is a prefix and whether it may have typos: the plain words,
/// then the phrases' words. Stop words are optional unless the query has nothing else
/// (e.g. "it" alone); the last word stays required even as a stop word: "director of"
/// may become "director of data".
fn words_to_match(query: &ParsedQuery) -> impl Iterator<Item = (usize, &str, bool, bool)> {
    let all_stop = query.words.iter().all(|w| is_stop_word(&w.term));
    let phrase_words = query.phrases.iter().flatten().map(|term| (term.as_str(), false, false));
    let plain_words = query.words.iter().map(|w| (w.term.as_str(), w.prefix, true));
    plain_words
        .chain(phrase_words)
        .enumerate()
        .filter(move |(_, (term, prefix, _))| !is_stop_word(term) || all_stop || *prefix)
        .map(|(index, (term, prefix, allow_typos))| (index, term, prefix, allow_typos))
}

/// One facet's filter, resolved to the posts it keeps.
struct ResolvedFilter {
    facet: usize,
    keep: Bitset,
    /// Selected value keys, reported even when their count is 0.
    selected: Vec<String>,
}

impl Index {
    /// Runs a search. Filters naming unknown facets, or the wrong kind of facet, are
    /// ignored (see [`Index::validate`] to report them).
    pub fn search(&self, request: &SearchRequest) -> SearchResponse {
        let engine = &self.search;
        let doc_count = engine.doc_count;
        let query = ParsedQuery::parse(&request.text);
        // Blocks of a chunked index that the matching needed (results not final without
        // them), and those only the page's display needs (cards and snippets).
        let (matching_missing, display_missing) = (Missing::default(), Missing::default());
        let text = (!query.is_empty()).then(|| engine.match_text(&query, &self.meta.schema.boosts, self, &matching_missing));
        let mut base = text.as_ref().map_or_else(|| Bitset::full(doc_count), |t| t.docs.clone());
        if let Some(today) = request.hide_expired_on {
            match self.range_column_of(FacetSource::Deadline) {
                Some(deadlines) => {
                    let today = today.0 as f64;
                    for (id, range) in deadlines.iter().enumerate() {
                        if range.is_some_and(|(deadline, _)| deadline < today) {
                            base.remove(id as u32);
                        }
                    }
                }
                None => {
                    for id in 0..doc_count {
                        let doc = self.doc_or_note(id, &matching_missing);
                        if doc.is_some_and(|doc| doc.deadline.is_some_and(|deadline| deadline < today)) {
                            base.remove(id);
                        }
                    }
                }
            }
        }
        let filters = self.resolve_filters(request);
        let mut matching = base.clone();
        for filter in &filters {
            matching.intersect_with(&filter.keep);
        }
        let facets = self.count_facets(&base, &filters);
        let ranked = self.rank(&matching, request, text.as_ref(), &matching_missing);
        let hits = self.page_of_hits(ranked, text.as_ref().map(|t| &t.matched_terms), &display_missing);
        let partial = !matching_missing.is_empty();
        let mut pending = matching_missing.into_blocks();
        pending.extend(display_missing.into_blocks());
        sort::by_key(&mut pending, |block| block.sort_key());
        pending.dedup();
        SearchResponse { total: matching.count() as usize, hits, facets, partial, pending }
    }

    /// The answer to `request` once more display and text blocks of a chunked index
    /// have arrived, from `earlier`, a final (not `partial`) answer to the same request:
    /// the same posts, scores and counts, with the hits' highlights and snippets made
    /// again and `pending` what the page still lacks. It equals a new
    /// [`Index::search`] (blocks that arrive change neither matching nor ranking once
    /// the answer is final) at the cost of the page alone: at a million posts a search
    /// takes tens of milliseconds.
    pub fn refill(&self, request: &SearchRequest, earlier: &SearchResponse) -> SearchResponse {
        if earlier.partial {
            return self.search(request);
        }
        let query = ParsedQuery::parse(&request.text);
        let matched = (!query.is_empty()).then(|| self.search.matched_terms(&query));
        let display_missing = Missing::default();
        let ranked = earlier.hits.iter().map(|hit| (hit.doc, hit.score)).collect();
        let hits = self.page_of_hits(ranked, matched.as_ref(), &display_missing);
        SearchResponse { total: earlier.total, hits, facets: earlier.facets.clone(), partial: false, pending: display_missing.into_blocks() }
    }

    /// The page's hits with their title highlights and snippets; the display and text
    /// blocks they lack are noted in `missing`.
    fn page_of_hits(&self, ranked: Vec<(u32, f32)>, matched: Option<&MatchedTerms>, missing: &Missing) -> Vec<Hit> {
        ranked
            .into_iter()
            .map(|(doc, score)| {
                let (title_matches, snippet) = match matched {
                    Some(matched) => (
                        self.doc_or_note(doc, missing).map_or_else(Vec::new, |d| highlight(&d.title, matched)),
                        self.body_or_note(doc, missing).and_then(|body| make_snippet(body, matched)),
                    ),
                    None => {
                        // Not needed here, but the page shows the post: fetch its fields.
                        self.doc_or_note(doc, missing);
                        (Vec::new(), None)
                    }
                };
                Hit { doc, score, title_matches, snippet }
            })
            .collect()
    }

    /// Reports filters the engine would ignore: unknown facets, values filters on range
    /// facets, ranges on value facets, inverted ranges.
    pub fn validate(&self, request: &SearchRequest) -> Result<(), String> {
        let schema = &self.meta.schema;
        for filter in &request.filters {
            match schema.facet(&filter.facet) {
                None => return Err(format!("unknown facet \"{}\"", filter.facet)),
                Some(spec) if spec.kind.is_range() => {
                    return Err(format!("facet \"{}\" takes a range, not values", filter.facet))
                }
                Some(_) => {}
            }
        }
        for range in &request.ranges {
            match schema.facet(&range.facet) {
                None => return Err(format!("unknown facet \"{}\"", range.facet)),
                Some(spec) if !spec.kind.is_range() => {
                    return Err(format!("facet \"{}\" takes values, not a range", range.facet))
                }
                Some(_) => {}
            }
            if let (Some(low), Some(high)) = (range.min, range.max) {
                if low > high || low.is_nan() || high.is_nan() {
                    return Err(format!("range of facet \"{}\" is empty: {low} > {high}", range.facet));
                }
            }
        }
        Ok(())
    }

    /// The value of `facet` that a filter on `value` selects, as the index spells it:
    /// `value` itself, a value with the same key (`text::value_key`: case, accents,
    /// spaces and punctuation aside), or the value it is an alias of. `None` when there
    /// is none.
    pub fn canonical_value(&self, facet: &str, value: &str) -> Option<&str> {
        if value == UNKNOWN_VALUE {
            return Some(UNKNOWN_VALUE);
        }
        let position = self.meta.schema.facets.iter().position(|f| f.name == facet)?;
        let Some(FacetColumn::Values(column)) = self.search.facets.get(position) else { return None };
        self.find_value(facet, column, value).map(|index| &*column.values[index])
    }

    /// The position in `column` (of `facet`) of the value a filter on `value` selects
    /// (see [`Index::canonical_value`]).
    fn find_value(&self, facet: &str, column: &ValueColumn, value: &str) -> Option<usize> {
        column.find_by_key(value).or_else(|| column.find(self.aliases.target(facet, value)?).ok())
    }

    /// Values of a Keyword, List or Bool facet whose words start with the words of `query`
    /// (folded), with their counts over the whole index, most frequent first.
    pub fn facet_value_search(&self, facet: &str, query: &str, limit: usize) -> Vec<ValueCount> {
        let Some(position) = self.meta.schema.facets.iter().position(|f| f.name == facet) else {
            return Vec::new();
        };
        let Some(FacetColumn::Values(column)) = self.search.facets.get(position) else {
            return Vec::new();
        };
        let wanted: Vec<String> = tokenize(query).into_iter().map(|t| t.term).collect();
        let mut found: Vec<ValueCount> = column
            .values
            .iter()
            .enumerate()
            .filter(|(_, value)| {
                let words: Vec<String> = tokenize(value).into_iter().map(|t| t.term).collect();
                wanted.iter().all(|w| words.iter().any(|v| v.starts_with(w.as_str())))
            })
            .map(|(index, value)| ValueCount { value: value.clone(), count: column.post_count(index) })
            .collect();
        // The values come in text order, so a stable sort by count gives the public order.
        sort::by_key(&mut found, |value| u64::from(u32::MAX - value.count));
        found.truncate(limit);
        found
    }

    fn resolve_filters(&self, request: &SearchRequest) -> Vec<ResolvedFilter> {
        let schema = &self.meta.schema;
        let doc_count = self.search.doc_count;
        let mut resolved: Vec<ResolvedFilter> = Vec::new();
        let mut add = |facet: usize, keep: Bitset, selected: Vec<String>| {
            // Several entries for one facet narrow each other.
            match resolved.iter_mut().find(|r| r.facet == facet) {
                Some(existing) => {
                    existing.keep.intersect_with(&keep);
                    existing.selected.extend(selected);
                }
                None => resolved.push(ResolvedFilter { facet, keep, selected }),
            }
        };
        for filter in &request.filters {
            let Some(position) = schema.facets.iter().position(|f| f.name == filter.facet) else { continue };
            let Some(FacetColumn::Values(column)) = self.search.facets.get(position) else { continue };
            if filter.values.is_empty() {
                continue;
            }
            let and_mode = schema.facets[position].mode == FacetMode::And;
            let mut keep = if and_mode { Bitset::full(doc_count) } else { Bitset::empty(doc_count) };
            // Listed as the index spells them, so the counts show the value selected.
            let mut spelled = Vec::with_capacity(filter.values.len());
            for value in &filter.values {
                let found = (value != UNKNOWN_VALUE).then(|| self.find_value(&filter.facet, column, value)).flatten();
                spelled.push(found.map_or_else(|| value.clone(), |index| column.values[index].to_string()));
                let set = match found {
                    _ if value == UNKNOWN_VALUE => column.unknown.clone(),
                    Some(index) => column.set(index, doc_count),
                    None => Bitset::empty(doc_count),
                };
                if and_mode {
                    keep.intersect_with(&set);
                } else {
                    keep.union_with(&set);
                }
            }
            add(position, keep, spelled);
        }
        for range in &request.ranges {
            let Some(position) = schema.facets.iter().position(|f| f.name == range.facet) else { continue };
            let Some(FacetColumn::Range(column)) = self.search.facets.get(position) else { continue };
            let low = range.min.unwrap_or(f64::NEG_INFINITY);
            let high = range.max.unwrap_or(f64::INFINITY);
            let mut keep = Bitset::empty(doc_count);
            for (id, value) in column.iter().enumerate() {
                let kept = match value {
                    Some((a, b)) => b >= low && a <= high,
                    None => range.include_unknown,
                };
                if kept {
                    keep.insert(id as u32);
                }
            }
            add(position, keep, Vec::new());
        }
        resolved
    }

    /// Counts every facet over `base` with every filter applied except the facet's own.
    fn count_facets(&self, base: &Bitset, filters: &[ResolvedFilter]) -> Vec<FacetResult> {
        let doc_count = self.search.doc_count;
        let mut all = base.clone();
        for filter in filters {
            all.intersect_with(&filter.keep);
        }
        self.meta
            .schema
            .facets
            .iter()
            .zip(&self.search.facets)
            .enumerate()
            .map(|(position, (spec, column))| {
                let own = filters.iter().find(|f| f.facet == position);
                // A facet whose values narrow each other (And) counts what adding a value
                // would leave, so its own selection applies too; an Or facet's counts
                // leave its own selection out, as adding a value widens.
                let mask = match own {
                    None => Cow::Borrowed(&all),
                    Some(_) if spec.mode == FacetMode::And && !spec.kind.is_range() => Cow::Borrowed(&all),
                    Some(_) => {
                        let mut mask = base.clone();
                        for filter in filters.iter().filter(|f| f.facet != position) {
                            mask.intersect_with(&filter.keep);
                        }
                        Cow::Owned(mask)
                    }
                };
                let mut result = FacetResult {
                    facet: spec.name.clone(),
                    values: Vec::new(),
                    unknown: 0,
                    histogram: None,
                    min: None,
                    max: None,
                };
                match column {
                    FacetColumn::Values(column) => {
                        result.values = count_values(column, &mask, own.map_or(&[][..], |f| &f.selected));
                        result.unknown = column.unknown.intersection_count(&mask);
                    }
                    FacetColumn::Range(column) => {
                        result.unknown = column.unknown.intersection_count(&mask);
                        if let Some((low, high)) = column.span_in(&mask) {
                            result.min = Some(low);
                            result.max = Some(high);
                        }
                        if spec.kind == FacetKind::Number && column.bucket_edges.len() > 1 {
                            let counts = column.histogram_in(&mask);
                            result.histogram = Some(Histogram { bucket_edges: column.bucket_edges.clone(), counts });
                        }
                    }
                }
                debug_assert!(doc_count >= result.unknown);
                result
            })
            .collect()
    }

    /// The range column of the schema's Number or Date facet fed from `source`, if any.
    fn range_column_of(&self, source: FacetSource) -> Option<&RangeColumn> {
        let position = self.meta.schema.facets.iter().position(|f| f.source == source && f.kind.is_range())?;
        match &self.search.facets[position] {
            FacetColumn::Range(column) => Some(column),
            FacetColumn::Values(_) => None,
        }
    }

    /// The requested page of `matching`, in the requested order, with scores.
    fn rank(&self, matching: &Bitset, request: &SearchRequest, text: Option<&TextMatch>, missing: &Missing) -> Vec<(u32, f32)> {
        let end = request.offset.saturating_add(request.limit);
        let page = |ordered: Vec<(u32, f32)>| ordered.into_iter().skip(request.offset).take(request.limit).collect();
        match (request.sort, text) {
            (SortOrder::Relevance, Some(text)) => {
                let scores = text.scores.as_slice();
                let order = |a: &(u32, f32), b: &(u32, f32)| {
                    text.tiers[a.0 as usize]
                        .cmp(&text.tiers[b.0 as usize])
                        .then(b.1.total_cmp(&a.1))
                        .then(a.0.cmp(&b.0))
                };
                page(sort::best_first(matching.iter().map(|doc| (doc, scores[doc as usize])), end, order))
            }
            (SortOrder::Relevance | SortOrder::Newest, _) => {
                let score = |doc: u32| text.map_or(0.0, |t| t.scores[doc as usize]);
                matching.iter().skip(request.offset).take(request.limit).map(|doc| (doc, score(doc))).collect()
            }
            (SortOrder::Salary, _) => {
                let score = |doc: u32| text.map_or(0.0, |t| t.scores[doc as usize]);
                // The salary facet's column when the schema has one: a chunked index
                // then sorts without any post's display fields.
                let column = self.range_column_of(FacetSource::Salary);
                let salaries: Vec<Option<(f64, f64)>> = match column {
                    Some(_) => Vec::new(),
                    None => (0..self.search.doc_count)
                        .map(|doc| {
                            let salary = self.doc_or_note(doc, missing).and_then(|d| d.salary.as_ref());
                            salary.map(|s| (s.max as f64, s.min as f64))
                        })
                        .collect(),
                };
                let salary = |doc: u32| match column {
                    Some(column) => column.get(doc).map(|(low, high)| (high, low)),
                    None => salaries[doc as usize],
                };
                let descending = |a: Option<(f64, f64)>, b: Option<(f64, f64)>| match (a, b) {
                    (Some(a), Some(b)) => b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)),
                    (a, b) => b.is_some().cmp(&a.is_some()),
                };
                let mut with_salary: Vec<(u32, f32)> = Vec::new();
                let mut without: Vec<(u32, f32)> = Vec::new();
                for doc in matching.iter() {
                    if salary(doc).is_some() {
                        with_salary.push((doc, score(doc)));
                    } else if without.len() < end {
                        without.push((doc, score(doc)));
                    }
                }
                let mut with_salary = sort::best_first(with_salary.into_iter(), end, |a, b| descending(salary(a.0), salary(b.0)).then(a.0.cmp(&b.0)));
                with_salary.extend(without);
                page(with_salary)
            }
        }
    }
}

/// A Values facet's counts over `mask`, most posts first and ties in text order: values with posts
/// in `mask`, and the `selected` ones even at 0 (known to the index or not).
fn count_values(column: &ValueColumn, mask: &Bitset, selected: &[String]) -> Vec<ValueCount> {
    // The values are sorted and distinct, so their positions order them as their text
    // does: sorting by (count descending, position) is the public order without comparing
    // strings, and packed in one integer it sorts without a comparison closure.
    let mut keys: Vec<u64> = Vec::new();
    for index in 0..column.values.len() {
        let count = column.count_in(index, mask);
        if count > 0 || selected.iter().any(|value| **value == *column.values[index]) {
            keys.push(u64::from(u32::MAX - count) << 32 | index as u64);
        }
    }
    sort_packed_counts(&mut keys);
    let mut values: Vec<ValueCount> = keys
        .into_iter()
        .map(|key| ValueCount { value: column.values[(key & u64::from(u32::MAX)) as usize].clone(), count: u32::MAX - (key >> 32) as u32 })
        .collect();
    for value in selected {
        let absent = value != UNKNOWN_VALUE && column.find(value).is_err();
        if absent && !values.iter().any(|v| *v.value == **value) {
            // Among the values at 0, in text order.
            let at = values.partition_point(|v| v.count > 0 || *v.value < **value);
            values.insert(at, ValueCount { value: value.as_str().into(), count: 0 });
        }
    }
    values
}

/// Sorts `(u32::MAX - count) << 32 | position` keys given by ascending position.
/// Organisations number in the tens of thousands with small counts: a counting sort on
/// the count then costs two passes where a comparison sort cost a tenth of a query.
fn sort_packed_counts(keys: &mut Vec<u64>) {
    let inverted = |key: u64| (u32::MAX - (key >> 32) as u32) as usize;
    let most = keys.iter().map(|&key| inverted(key)).max().unwrap_or(0);
    if keys.len() < 64 || most > 4 * keys.len() {
        sort::by_key(keys, |&key| key);
        return;
    }
    // Stable by count, descending: slot `most - count` starts where the larger counts end.
    let mut starts = vec![0u32; most + 2];
    for &key in keys.iter() {
        starts[most - inverted(key) + 1] += 1;
    }
    for slot in 1..starts.len() {
        starts[slot] += starts[slot - 1];
    }
    let mut ordered = vec![0; keys.len()];
    for &key in keys.iter() {
        let slot = &mut starts[most - inverted(key)];
        ordered[*slot as usize] = key;
        *slot += 1;
    }
    *keys = ordered;
}

/// Byte ranges of `text`'s tokens that are matched terms.
fn highlight(text: &str, matched: &MatchedTerms) -> Vec<(u32, u32)> {
    let mut ranges = Vec::new();
    for_each_token(text, |term, start, end| {
        if matched.word_of(term).is_some() {
            ranges.push((start as u32, end as u32));
        }
    });
    ranges
}

/// The window of about [`SNIPPET_BYTES`] of `body` covering the most distinct query words,
/// earliest first among equals; the body's start when nothing in it matched.
///
/// Once a window holds every distinct query word `matched` serves, no later one can beat
/// it, so the scan stops there instead of tokenising the rest of the body (it runs for
/// every hit on the page, on every keystroke).
fn make_snippet(body: &str, matched: &MatchedTerms) -> Option<Snippet> {
    let query_words = matched.distinct_words;
    if body.trim().is_empty() {
        return None;
    }
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    let mut best = BestWindow::default();
    // Windows starting at `hits[..evaluated]` are scored.
    let mut evaluated = 0;
    if !matched.words.is_empty() {
        let _ = crate::text::try_for_each_token(body, |term, start, end| {
            // A window is complete once a token starts a full snippet after it: every
            // match it can show ends before this token.
            while evaluated < hits.len() && start >= hits[evaluated].0 + SNIPPET_BYTES {
                best.consider(&hits, evaluated);
                evaluated += 1;
                if best.words == query_words {
                    return ControlFlow::Break(());
                }
            }
            if let Some(word) = matched.word_of(term) {
                hits.push((start, end, word));
                if hits.len() == MAX_SNIPPET_HITS {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        });
    }
    while evaluated < hits.len() && best.words < query_words {
        best.consider(&hits, evaluated);
        evaluated += 1;
    }
    Some(cut_snippet(body, &hits, best))
}

/// Most query-word matches a snippet scan collects: bounds the work on a long body full of
/// one word.
const MAX_SNIPPET_HITS: usize = 512;

/// The best snippet window seen so far: its first match's start and how many distinct
/// query words it holds.
#[derive(Clone, Copy, Default)]
struct BestWindow {
    start: usize,
    words: usize,
}

impl BestWindow {
    /// Scores the window starting at `hits[first]`, keeping it if it holds more words.
    fn consider(&mut self, hits: &[(usize, usize, usize)], first: usize) {
        let start = hits[first].0;
        let mut words: Vec<usize> =
            hits[first..].iter().take_while(|h| h.1 <= start + SNIPPET_BYTES - SNIPPET_LEAD).map(|h| h.2).collect();
        sort::by_key(&mut words, |&word| word as u64);
        words.dedup();
        if words.len() > self.words {
            *self = BestWindow { start, words: words.len() };
        }
    }
}

/// The snippet text around `best` (on word boundaries, "…" where cut) and the ranges of
/// `hits` inside it.
fn cut_snippet(body: &str, hits: &[(usize, usize, usize)], best: BestWindow) -> Snippet {
    let best_start = best.start;
    let mut start = if best.words == 0 { 0 } else { best_start.saturating_sub(SNIPPET_LEAD) };
    // Start on a word boundary: after the first space past the cut.
    if start > 0 {
        while !body.is_char_boundary(start) {
            start -= 1;
        }
        if let Some(space) = body[start..best_start.max(start)].find(char::is_whitespace) {
            start += space + 1;
        }
    }
    let mut end = (start + SNIPPET_BYTES).min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    if end < body.len() {
        if let Some(space) = body[start..end].rfind(char::is_whitespace).filter(|&s| s > SNIPPET_BYTES / 2) {
            end = start + space;
        }
    }
    let core = body[start..end].trim();
    let core_start = start + (body[start..end].len() - body[start..end].trim_start().len());
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < body.len() { "…" } else { "" };
    let text = format!("{lead}{core}{tail}");
    let shift = lead.len() as isize - core_start as isize;
    let matches = hits
        .iter()
        .filter(|h| h.0 >= core_start && h.1 <= core_start + core.len())
        .map(|h| ((h.0 as isize + shift) as u32, (h.1 as isize + shift) as u32))
        .collect();
    Snippet { text, matches }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // Cheap cases, and the disagreements hide in rare shapes (dotted acronyms).
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        /// The allocation-free phrase scanner agrees with the tokenizer on plain phrases.
        #[test]
        fn phrase_scanner_agrees_with_tokenizer(
            text in "[a-cA-C0-9 \t\n,'’.é-]{0,60}",
            phrase in proptest::collection::vec("[a-c0-9]{1,3}", 1..3),
        ) {
            let terms: Vec<String> = tokenize(&text).into_iter().map(|t| t.term).collect();
            let expected = terms.windows(phrase.len()).any(|w| w == phrase.as_slice());
            proptest::prop_assert_eq!(contains_phrase(&text, &phrase), expected, "{:?} in {:?} ({:?})", phrase, text, terms);
        }
    }

    proptest::proptest! {
        /// The counting sort gives the comparison sort's order, whichever path it takes.
        #[test]
        fn packed_counts_sort_by_count_then_position(counts in proptest::collection::vec(0u32..300, 0..400)) {
            let mut keys: Vec<u64> = counts.iter().enumerate().map(|(index, &count)| u64::from(u32::MAX - count) << 32 | index as u64).collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            sort_packed_counts(&mut keys);
            proptest::prop_assert_eq!(keys, expected);
        }
    }

    #[test]
    fn typo_budget_follows_meilisearch() {
        assert_eq!(typo_budget("data"), 0);
        assert_eq!(typo_budget("anaylst"), 1);
        assert_eq!(typo_budget("organizer"), 2);
    }

    /// The snippet scan before it stopped early: it tokenised the whole body. Kept as the
    /// reference the early-stopping scan must agree with.
    fn reference_snippet(body: &str, matched: &MatchedTerms) -> Option<Snippet> {
        if body.trim().is_empty() {
            return None;
        }
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        for_each_token(body, |term, start, end| {
            if hits.len() < MAX_SNIPPET_HITS {
                if let Some(&word) = matched.words.get(term) {
                    hits.push((start, end, word));
                }
            }
        });
        let mut best = BestWindow::default();
        for first in 0..hits.len() {
            best.consider(&hits, first);
        }
        Some(cut_snippet(body, &hits, best))
    }

    proptest::proptest! {
        /// Stopping at the first window with every query word gives the snippet that
        /// scanning the whole body gives.
        #[test]
        fn early_snippet_agrees_with_full_scan(
            words in proptest::collection::vec(proptest::sample::select(vec!["data", "analyst", "field", "vote", "x", "é", "and", "the"]), 0..400),
            separators in proptest::collection::vec(proptest::sample::select(vec![" ", "  ", ", ", "\n", ". "]), 400),
            wanted in proptest::collection::vec((proptest::sample::select(vec!["data", "analyst", "field", "vote", "é", "zzz"]), 0usize..4), 0..5),
        ) {
            let body: String = words.iter().zip(&separators).map(|(w, s)| format!("{w}{s}")).collect();
            let matched: TermMap<usize> = wanted.into_iter().map(|(w, i)| (w.to_owned(), i)).collect();
            let matched = MatchedTerms::new(matched);
            proptest::prop_assert_eq!(make_snippet(&body, &matched), reference_snippet(&body, &matched));
        }
    }

    #[test]
    fn snippet_centres_on_matches_with_valid_ranges() {
        let body = format!("{} The Data Director leads analytics. {}", "Intro words é ".repeat(30), "Outro ".repeat(40));
        let matched = MatchedTerms::new([("director".to_owned(), 0), ("analytics".to_owned(), 1)].into_iter().collect());
        let snippet = make_snippet(&body, &matched).unwrap();
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        assert_eq!(snippet.matches.len(), 2);
        for &(a, b) in &snippet.matches {
            let word = &snippet.text[a as usize..b as usize];
            assert!(word == "Director" || word == "analytics", "{word}");
        }
    }
}
