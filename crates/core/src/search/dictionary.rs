//! The term dictionary is the sorted term list itself: exact and prefix lookups are binary
//! searches, and typo lookups run a Levenshtein automaton along the list.
//!
//! An fst built at decode time used to serve these. The list already is the dictionary
//! (a term's id is its position), and the fst cost the widget its builder and a CRC-32C
//! table (about 18 KB brotli) and every page load the time to build it. The walk shares
//! automaton states along the prefix a term has in common with the one before it, and
//! skips every term under a prefix the automaton has rejected, which is what an fst
//! traversal does (see [`within_typos`]).

use super::TermMap;
use std::cmp::Ordering;
use std::ops::Range;

/// The sorted, distinct term list, packed: every term's bytes one after another, and
/// where each ends. A typo walk reads the terms in order; as a `Vec<String>` they lay
/// scattered over the heap.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    text: String,
    ends: Vec<u32>,
    /// Entry `b`: the first term whose first byte is `b` or more, for `b` up to the last
    /// term's first byte (the typo walk's jumps within a one-byte prefix).
    byte_starts: Vec<u32>,
}

impl Terms {
    /// Appends `term` if it sorts after the last term; returns whether it did.
    pub(crate) fn push(&mut self, term: &str) -> bool {
        let previous = self.last().unwrap_or("");
        if !self.ends.is_empty() && term <= previous {
            return false;
        }
        let first_byte = term.as_bytes().first().map_or(0, |&b| b as usize);
        while self.byte_starts.len() <= first_byte {
            self.byte_starts.push(self.ends.len() as u32);
        }
        self.text.push_str(term);
        self.ends.push(self.text.len() as u32);
        true
    }

    /// The first id whose term's first byte is `byte` or more.
    fn first_from_byte(&self, byte: usize) -> usize {
        self.byte_starts.get(byte).map_or(self.len(), |&id| id as usize)
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Term `id`'s text; `id` must be below [`Terms::len`].
    #[inline]
    pub(crate) fn get(&self, id: usize) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id - 1] as usize };
        &self.text[start..self.ends[id] as usize]
    }

    fn last(&self) -> Option<&str> {
        self.len().checked_sub(1).map(|id| self.get(id))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|id| self.get(id))
    }

    /// The first id whose term is not `before` (the terms where it holds come first).
    fn partition_point(&self, range: Range<usize>, before: impl Fn(&str) -> bool) -> usize {
        let (mut low, mut high) = (range.start, range.end);
        while low < high {
            let middle = low + (high - low) / 2;
            if before(self.get(middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }

    /// The id of `term`, if the dictionary holds it.
    pub(crate) fn find(&self, term: &str) -> Option<u32> {
        let id = self.partition_point(0..self.len(), |candidate| candidate.cmp(term) == Ordering::Less);
        (id < self.len() && self.get(id) == term).then_some(id as u32)
    }

    /// The ids of the terms that start with `prefix` (`prefix` itself included).
    pub(crate) fn with_prefix(&self, prefix: &str) -> Range<usize> {
        let start = self.partition_point(0..self.len(), |term| term < prefix);
        start..self.partition_point(start..self.len(), |term| term.starts_with(prefix))
    }
}

impl<S: AsRef<str>> FromIterator<S> for Terms {
    /// Sorted, distinct terms; others are left out.
    fn from_iter<I: IntoIterator<Item = S>>(terms: I) -> Terms {
        let mut list = Terms::default();
        for term in terms {
            list.push(term.as_ref());
        }
        list
    }
}

/// Terms grouped by their stem: the terms of a query word's stem, and a corrected term's
/// family ("anaylst" corrected to "analyst" also finds "analysts"). Every term's group is
/// found once at decode; a typo lookup asks for the family of each of its hundreds of
/// candidates, and stemming each again was most of its time.
#[derive(Debug, Default)]
pub(crate) struct StemGroups {
    group_by_stem: TermMap<u32>,
    /// Per term, its group.
    group_of_term: Vec<u32>,
    /// The groups' term ids one after another, each group's ascending; group `g` is
    /// `members[starts[g]..starts[g + 1]]`.
    members: Vec<u32>,
    starts: Vec<u32>,
}

impl StemGroups {
    /// Groups `terms` by `stem`.
    pub(crate) fn new(terms: &Terms, stem: impl Fn(&str) -> String) -> StemGroups {
        let mut group_by_stem: TermMap<u32> = TermMap::default();
        let group_of_term: Vec<u32> = terms
            .iter()
            .map(|term| {
                let next = group_by_stem.len() as u32;
                *group_by_stem.entry(stem(term)).or_insert(next)
            })
            .collect();
        let mut starts = vec![0u32; group_by_stem.len() + 1];
        for &group in &group_of_term {
            starts[group as usize + 1] += 1;
        }
        for group in 1..starts.len() {
            starts[group] += starts[group - 1];
        }
        let mut filled = starts.clone();
        let mut members = vec![0u32; group_of_term.len()];
        for (id, &group) in group_of_term.iter().enumerate() {
            members[filled[group as usize] as usize] = id as u32;
            filled[group as usize] += 1;
        }
        StemGroups { group_by_stem, group_of_term, members, starts }
    }

    fn group(&self, group: u32) -> &[u32] {
        &self.members[self.starts[group as usize] as usize..self.starts[group as usize + 1] as usize]
    }

    /// The terms whose stem is `stem`.
    pub(crate) fn of_stem(&self, stem: &str) -> &[u32] {
        self.group_by_stem.get(stem).map_or(&[], |&group| self.group(group))
    }

    /// The terms sharing term `id`'s stem, `id` included.
    pub(crate) fn of_term(&self, id: u32) -> &[u32] {
        self.group(self.group_of_term[id as usize])
    }
}

/// Most typos a word may have: Meilisearch's budget stops at 2.
pub(crate) const MAX_TYPOS: u8 = 2;

/// Longest word, in characters, an automaton serves: bit 0 of a state is the empty
/// prefix of the word, bit `j` its first `j` characters.
pub(crate) const MAX_TYPO_WORD_CHARS: usize = 63;

/// A query word's Levenshtein automaton, simulated rather than compiled: after some
/// characters of a term, its state is one bitset per number of edits `d`, whose bit `j`
/// says whether the first `j` characters of the word are within `d` edits of what the
/// term has read (Wu and Manber's bit-parallel matching). Distances are restricted
/// Damerau–Levenshtein, a swap of two neighbouring characters counting as one edit, as
/// Meilisearch counts them, in characters.
///
/// Compiling a DFA for every query word (the `levenshtein_automata` crate did that) was
/// about a tenth of a query on the real corpus and a few kilobytes of the widget; a step
/// here is a dozen operations on machine words.
pub(crate) struct TypoAutomaton {
    word: Vec<char>,
    /// Per ASCII character, the word positions holding it (bit `j` for the `j`-th, from 1).
    ascii_positions: [u64; 128],
    /// The same for the word's other characters.
    other_positions: Vec<(char, u64)>,
    /// Bit `len`: the whole word.
    whole: u64,
    /// Bits `0..=len`.
    in_word: u64,
    budget: usize,
    /// Whether the word is a prefix being typed: a term matches when one of its prefixes
    /// is within the budget.
    prefix: bool,
}

/// An automaton state: per number of edits, the word prefixes reached (see above).
type TypoState = [u64; MAX_TYPOS as usize + 1];

impl TypoAutomaton {
    /// `word` must have at most [`MAX_TYPO_WORD_CHARS`] characters and `budget` be at
    /// most [`MAX_TYPOS`].
    pub(crate) fn new(word: &str, budget: u8, prefix: bool) -> TypoAutomaton {
        let chars: Vec<char> = word.chars().collect();
        assert!(chars.len() <= MAX_TYPO_WORD_CHARS && budget <= MAX_TYPOS, "word too long or budget too large for a typo automaton");
        let mut automaton = TypoAutomaton {
            ascii_positions: [0; 128],
            other_positions: Vec::new(),
            whole: 1 << chars.len(),
            in_word: u64::MAX >> (63 - chars.len()),
            budget: budget as usize,
            prefix,
            word: Vec::new(),
        };
        for (position, &character) in chars.iter().enumerate() {
            let bit = 1u64 << (position + 1);
            match automaton.ascii_positions.get_mut(character as usize) {
                Some(positions) => *positions |= bit,
                None => match automaton.other_positions.iter_mut().find(|(c, _)| *c == character) {
                    Some((_, positions)) => *positions |= bit,
                    None => automaton.other_positions.push((character, bit)),
                },
            }
        }
        automaton.word = chars;
        automaton
    }

    fn positions_of(&self, character: char) -> u64 {
        match self.ascii_positions.get(character as usize) {
            Some(&positions) => positions,
            None => self.other_positions.iter().find(|(c, _)| *c == character).map_or(0, |&(_, positions)| positions),
        }
    }

    /// Before any character of a term: `d` edits reach the first `d` characters of the
    /// word (by leaving them out).
    fn start(&self) -> TypoState {
        let mut state = [0; MAX_TYPOS as usize + 1];
        for (edits, reached) in state.iter_mut().enumerate() {
            *reached = (u64::MAX >> (63 - edits)) & self.in_word;
        }
        state
    }

    /// The state after reading `read` in `previous`; `earlier` is the state one character
    /// before that with the character read then (for swaps), if any.
    fn step(&self, previous: &TypoState, earlier: Option<(&TypoState, u64)>, read: u64) -> TypoState {
        let mut next = [0; MAX_TYPOS as usize + 1];
        next[0] = (previous[0] << 1) & read;
        for edits in 1..=self.budget {
            let below = previous[edits - 1];
            // Match; substitution; the term's character inserted; the word's left out.
            let mut reached = (previous[edits] << 1) & read | below << 1 | below | next[edits - 1] << 1;
            if let Some((earlier, read_before)) = earlier {
                // The two characters read, swapped, are the word's next two.
                reached |= (earlier[edits - 1] << 2) & (read << 1) & read_before;
            }
            next[edits] = reached & self.in_word;
        }
        next
    }

    /// Every character after which [`TypoAutomaton::step`] from `state` is not dead, and
    /// maybe a few more; called on a state whose step by some character died. Such a state
    /// has spent `budget` on every word prefix it reached (`state[budget - 1]` is empty,
    /// or no step could die), so a step lives only by matching the word's next character
    /// after one of those prefixes. A swap needs no more: its second character is the
    /// word's next after a prefix the state reached by taking its first as an insertion.
    fn live_characters(&self, state: &TypoState, budget: usize) -> impl Iterator<Item = char> + '_ {
        debug_assert!(budget == 0 || state[budget - 1] == 0);
        let mut next_positions = (state[budget] << 1) & self.in_word;
        std::iter::from_fn(move || {
            let position = next_positions.trailing_zeros() as usize;
            (next_positions != 0).then(|| {
                next_positions &= next_positions - 1;
                self.word[position - 1]
            })
        })
    }

    /// Fewest edits between the word and what the state has read, if within `budget`.
    fn distance(&self, state: &TypoState, budget: usize) -> Option<u8> {
        state[..=budget].iter().position(|reached| reached & self.whole != 0).map(|edits| edits as u8)
    }

    /// Whether no continuation of what the state has read can come within `budget`.
    fn is_dead(&self, state: &TypoState, budget: usize) -> bool {
        // Every set of word prefixes grows with the edits allowed.
        state[budget] == 0
    }

    /// The edits a term may still have once its first character is read: a typo there
    /// costs two, as Meilisearch counts it. Besides ranking such terms last, this keeps a
    /// one-typo walk inside the subtree of the word's first character.
    fn budget_after_first(&self, first: char) -> usize {
        if self.word.first() == Some(&first) { self.budget } else { self.budget.saturating_sub(1) }
    }
}

/// Calls `visit(id, typos)` for every term within the automaton's budget, in id order.
/// `typos` is the edit distance, plus one when the term's first character is not the
/// word's (see [`TypoAutomaton::budget_after_first`]).
///
/// The walk reads each term from where it parts from the path (the term, or the part of
/// one, read last), so a common prefix is stepped through once. When a character kills the
/// automaton, no term under that prefix can match, and neither can one under a sibling
/// prefix whose last character the automaton could not take either: the walk jumps to the
/// first term under the next character it could take. Most typo walks end two characters
/// in, among dozens of siblings of which two or three are live.
pub(crate) fn within_typos(terms: &Terms, automaton: &TypoAutomaton, mut visit: impl FnMut(u32, u8)) {
    /// One character along the path.
    struct Depth {
        state: TypoState,
        /// Where the character ends in the path.
        end: usize,
        /// Its word positions.
        read: u64,
        /// For a prefix word: the fewest edits to any prefix of the path so far, if
        /// within the budget (always `None` for a whole word).
        closest: Option<u8>,
        /// The first id after the terms that start with the path up to here, once a jump
        /// has needed it.
        subtree_end: Option<usize>,
        /// The edits allowed below the first character ([`TypoAutomaton::budget_after_first`]).
        budget: usize,
    }
    /// The end of the subtree of the path up to `depth`, from the current term `index`,
    /// which is in it: the terms from there on are sorted and share the path up to
    /// `depth - 1`, so the search compares only the bytes of the character at `depth`.
    fn subtree_end(terms: &Terms, path: &mut [Depth], depth: usize, index: usize, term: &str) -> usize {
        if let Some(end) = path[depth].subtree_end {
            return end;
        }
        let (from, to) = (path[depth - 1].end, path[depth].end);
        // The root's end is set, so this stops there.
        let above = subtree_end(terms, path, depth - 1, index, term);
        let end = match term.as_bytes()[from..to] {
            [byte] if depth == 1 => terms.first_from_byte(byte as usize + 1),
            [byte] => terms.partition_point(index..above, |t| t.as_bytes().get(from) == Some(&byte)),
            ref character => terms.partition_point(index..above, |t| t.as_bytes().get(from..to) == Some(character)),
        };
        path[depth].subtree_end = Some(end);
        end
    }
    // The empty prefix of a term is never close enough: words get typos from 5 letters.
    let root = Depth { state: automaton.start(), end: 0, read: 0, closest: None, subtree_end: Some(terms.len()), budget: automaton.budget };
    let mut path = vec![root];
    // The term the path was read from (the path is its first `path.last().end` bytes).
    let mut path_term = "";
    let mut index = 0;
    while index < terms.len() {
        let term = terms.get(index);
        let path_bytes = &path_term.as_bytes()[..path[path.len() - 1].end];
        let reused = term.bytes().zip(path_bytes).take_while(|(a, b)| a == *b).count();
        while path.len() > 1 && path[path.len() - 1].end > reused {
            path.pop();
        }
        let resumed_at = path[path.len() - 1].end;
        let mut killed_by = None;
        for character in term[resumed_at..].chars() {
            let read = automaton.positions_of(character);
            let depth = path.len();
            let earlier = (depth >= 2).then(|| (&path[depth - 2].state, path[depth - 1].read));
            let state = automaton.step(&path[depth - 1].state, earlier, read);
            let budget = if depth == 1 { automaton.budget_after_first(character) } else { path[depth - 1].budget };
            let closest = match path[depth - 1].closest {
                _ if !automaton.prefix => None,
                Some(closest) => Some(automaton.distance(&state, budget).map_or(closest, |d| d.min(closest))),
                None => automaton.distance(&state, budget),
            };
            // A prefix word already within the budget matches every term under the path.
            if automaton.is_dead(&state, budget) && closest.is_none() {
                killed_by = Some(character);
                break;
            }
            let end = path[depth - 1].end + character.len_utf8();
            path.push(Depth { state, end, read, closest, subtree_end: None, budget });
        }
        path_term = term;
        match killed_by {
            Some(dead) => {
                // Terms are sorted: after this one come the rest under the path and
                // `dead`, then those under the path and a later character, then the
                // terms after the path's subtree.
                let depth = path.len() - 1;
                // Under the root, the budget of the dead character's subtree: a first
                // character other than the word's may have used all of it.
                let budget = if depth == 0 { automaton.budget_after_first(dead) } else { path[depth].budget };
                let next = automaton.live_characters(&path[depth].state, budget).filter(|&c| c > dead).min();
                let end = subtree_end(terms, &mut path, depth, index, term);
                let at = path[depth].end;
                index = match next {
                    Some(next) => {
                        let lead = next.encode_utf8(&mut [0; 4]).as_bytes()[0];
                        terms.partition_point(index + 1..end, |t| t.as_bytes().get(at).is_some_and(|&b| b < lead))
                    }
                    None => end,
                };
            }
            None => {
                let last = &path[path.len() - 1];
                let distance = if automaton.prefix { last.closest } else { automaton.distance(&last.state, last.budget) };
                if let Some(distance) = distance {
                    visit(index as u32, distance + (automaton.budget - last.budget) as u8);
                }
                index += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::automaton::Automaton;
    use fst::{IntoStreamer, Streamer};
    use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
    use proptest::prelude::*;

    fn dictionary(words: Vec<String>) -> Terms {
        let mut terms = words;
        terms.sort();
        terms.dedup();
        terms.into_iter().collect()
    }

    /// Restricted Damerau–Levenshtein distance over the whole table, in characters.
    fn edit_distance(a: &[char], b: &[char]) -> usize {
        let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let mut value = (table[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1])).min(table[i - 1][j] + 1).min(table[i][j - 1] + 1);
                if i >= 2 && j >= 2 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = value.min(table[i - 2][j - 2] + 1);
                }
                table[i][j] = value;
            }
        }
        table[a.len()][b.len()]
    }

    /// Every term within `budget` typos of `word`, by the definition: the edit distance of
    /// the whole term, or for a prefix word of its closest non-empty prefix, plus one when
    /// the term does not start with the word's first character.
    fn reference(terms: &Terms, word: &str, budget: u8, prefix: bool) -> Vec<(u32, u8)> {
        let word: Vec<char> = word.chars().collect();
        terms
            .iter()
            .enumerate()
            .filter_map(|(id, term)| {
                let term: Vec<char> = term.chars().collect();
                let distance = if prefix {
                    (1..=term.len()).map(|len| edit_distance(&term[..len], &word)).min().unwrap()
                } else {
                    edit_distance(&term, &word)
                };
                let typos = distance + usize::from(term[0] != word[0]);
                (typos <= budget as usize).then_some((id as u32, typos as u8))
            })
            .collect()
    }

    fn walk(terms: &Terms, word: &str, budget: u8, prefix: bool) -> Vec<(u32, u8)> {
        let mut found = Vec::new();
        within_typos(terms, &TypoAutomaton::new(word, budget, prefix), |id, distance| found.push((id, distance)));
        found
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        /// The walk finds exactly the terms, and distances, that the definition gives.
        /// Six letters and up to 200 terms: enough siblings under a prefix for the walk
        /// to jump over.
        #[test]
        fn the_walk_agrees_with_the_definition(
            words in proptest::collection::vec("[abcdeé]{1,7}", 0..200),
            word in "[abcdeé]{1,9}",
            budget in 1u8..=2,
            prefix in any::<bool>(),
        ) {
            let terms = dictionary(words);
            let expected = reference(&terms, &word, budget, prefix);
            prop_assert_eq!(walk(&terms, &word, budget, prefix), expected);
        }

        /// Every term that a Levenshtein DFA with transpositions (the `levenshtein_automata`
        /// crate, which the walk replaced) accepts in an fst search, with one more typo for
        /// a first character other than the word's, the walk finds with as many typos. The
        /// walk finds more only for prefix words at distance 2: that crate's prefix DFA
        /// misses terms the definition accepts ("d", two insertions from "aad", so every
        /// term starting with "d" when "aad" is being typed), where the walk follows the
        /// definition (the test above). Words of 3 letters or more, so that the empty
        /// prefix, which the DFA may accept, is never within the budget. Exact and prefix
        /// lookups agree with the fst too.
        #[test]
        fn the_walk_finds_what_a_compiled_dfa_accepts(
            words in proptest::collection::vec("[abcdé]{1,7}", 0..60),
            word in "[abcdé]{3,9}",
            budget in 1u8..=2,
            prefix in any::<bool>(),
        ) {
            let terms = dictionary(words);
            let fst = fst::Map::from_iter(terms.iter().enumerate().map(|(id, t)| (t, id as u64))).unwrap();
            let builder = LevenshteinAutomatonBuilder::new(budget, true);
            let dfa = if prefix { builder.build_prefix_dfa(&word) } else { builder.build_dfa(&word) };
            let mut expected = Vec::new();
            let mut stream = fst.search(&dfa).into_stream();
            while let Some((bytes, id)) = stream.next() {
                if let Distance::Exact(distance) = dfa.eval(bytes) {
                    let typos = distance + u8::from(bytes[0] != word.as_bytes()[0]);
                    if typos <= budget {
                        expected.push((id as u32, typos));
                    }
                }
            }
            let walked = walk(&terms, &word, budget, prefix);
            if prefix && budget == 2 {
                prop_assert!(expected.iter().all(|found| walked.contains(found)), "{:?} not in {:?}", expected, walked);
            } else {
                prop_assert_eq!(walked, expected);
            }

            prop_assert_eq!(terms.find(&word), fst.get(&word).map(|id| id as u32));
            let mut with_prefix_fst = Vec::new();
            let mut stream = fst.search(fst::automaton::Str::new(&word).starts_with()).into_stream();
            while let Some((_, id)) = stream.next() {
                with_prefix_fst.push(id as usize);
            }
            prop_assert_eq!(terms.with_prefix(&word).collect::<Vec<_>>(), with_prefix_fst);
        }
    }

    #[test]
    fn typos_skip_rejected_prefixes_and_keep_matches_after_them() {
        let terms = dictionary(["analyst", "analysts", "anaylst", "zebra", "organizer", "organiser", "bbbb"].map(String::from).to_vec());
        let names = |found: Vec<(u32, u8)>| found.into_iter().map(|(id, d)| (terms.get(id as usize), d)).collect::<Vec<_>>();
        assert_eq!(names(walk(&terms, "anaylst", 1, false)), [("analyst", 1), ("anaylst", 0)]);
        assert_eq!(names(walk(&terms, "organizer", 1, false)), [("organiser", 1), ("organizer", 0)]);
        // Typed so far: "analyts" is one swap from "analyst", and so a prefix of "analysts".
        assert_eq!(names(walk(&terms, "analyts", 1, true)), [("analyst", 1), ("analysts", 1)]);
        // A typo on the first character counts two, as in Meilisearch.
        assert_eq!(names(walk(&terms, "zebrz", 1, false)), [("zebra", 1)]);
        assert!(walk(&terms, "aebra", 1, false).is_empty());
        assert_eq!(names(walk(&terms, "aebra", 2, false)), [("zebra", 2)]);
    }

    #[test]
    fn stem_groups_hold_each_term_once_in_its_stems_group() {
        let terms: Terms = ["analyst", "analysts", "data", "organise", "organiser"].into_iter().collect();
        let groups = StemGroups::new(&terms, |term| term.trim_end_matches(['s', 'r']).to_owned());
        assert_eq!(groups.of_stem("analyst"), [0, 1]);
        assert_eq!(groups.of_term(1), [0, 1]);
        assert_eq!(groups.of_term(2), [2]);
        assert_eq!(groups.of_term(4), [3, 4]);
        assert_eq!(groups.of_stem("nothing"), [] as [u32; 0]);
    }

    #[test]
    fn the_list_keeps_only_terms_in_order() {
        let mut terms = Terms::default();
        assert!(terms.push("b"));
        assert!(!terms.push("a"));
        assert!(!terms.push("b"));
        assert!(terms.push("ba"));
        assert_eq!(terms.iter().collect::<Vec<_>>(), ["b", "ba"]);
        assert_eq!((terms.find("ba"), terms.find("a"), terms.find("bb")), (Some(1), None, None));
        assert_eq!(terms.with_prefix("b"), 0..2);
    }
}
