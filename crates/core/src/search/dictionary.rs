//! The term dictionary is the sorted term list itself: exact and prefix lookups are binary
//! searches, and typo lookups run a Levenshtein automaton along the list.
//!
//! An fst built at decode time used to serve these. The list already is the dictionary
//! (a term's id is its position), and the fst cost the widget its builder and a CRC-32C
//! table (about 18 KB brotli) and every page load the time to build it. The walk shares
//! automaton states along the prefix a term has in common with the one before it, and
//! skips every term under a prefix the automaton has rejected, which is what an fst
//! traversal does; both read the per-term shared-prefix lengths computed at decode rather
//! than comparing strings (string comparisons were most of a typo lookup).

use std::cmp::Ordering;
use std::ops::Range;

/// The sorted, distinct term list, packed: every term's bytes one after another, where
/// each ends, and how many leading bytes each shares with the one before (capped at 255).
/// A typo walk reads the terms in order; as a `Vec<String>` they lay scattered over the
/// heap and fetching them was most of the walk.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    text: String,
    ends: Vec<u32>,
    shared: Vec<u8>,
}

impl Terms {
    /// Appends `term` if it sorts after the last term; returns whether it did.
    pub(crate) fn push(&mut self, term: &str) -> bool {
        let previous = self.last().unwrap_or("");
        if !self.ends.is_empty() && term <= previous {
            return false;
        }
        let common = previous.bytes().zip(term.bytes()).take_while(|(a, b)| a == b).count();
        self.shared.push(common.min(255) as u8);
        self.text.push_str(term);
        self.ends.push(self.text.len() as u32);
        true
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

    /// Fewest edits between the word and what the state has read, if within the budget.
    fn distance(&self, state: &TypoState) -> Option<u8> {
        state[..=self.budget].iter().position(|reached| reached & self.whole != 0).map(|edits| edits as u8)
    }

    /// Whether no continuation of what the state has read can come within the budget.
    fn is_dead(&self, state: &TypoState) -> bool {
        // Every set of word prefixes grows with the edits allowed.
        state[self.budget] == 0
    }
}

/// Calls `visit(id, distance)` for every term within the automaton's budget, in id order.
pub(crate) fn within_typos(terms: &Terms, automaton: &TypoAutomaton, visit: impl FnMut(u32, u8)) {
    walk_with_shared(terms, &terms.shared, automaton, visit);
}

/// [`within_typos`] with the shared-prefix lengths given: any lower bound of the true
/// ones gives the same terms (tests pass smaller ones).
fn walk_with_shared(terms: &Terms, shared: &[u8], automaton: &TypoAutomaton, mut visit: impl FnMut(u32, u8)) {
    /// One character along the path (the term, or the part of one, read last).
    struct Depth {
        state: TypoState,
        /// Where the character ends in the path.
        end: usize,
        /// Its word positions.
        read: u64,
        /// For a prefix word: the fewest edits to any prefix of the path so far, if
        /// within the budget (always `None` for a whole word).
        closest: Option<u8>,
    }
    let start = automaton.start();
    let closest = if automaton.prefix { automaton.distance(&start) } else { None };
    let mut path = vec![Depth { state: start, end: 0, read: 0, closest }];
    let mut path_len = 0;
    let mut index = 0;
    while index < terms.len() {
        let term = terms.get(index);
        // The next term reuses the depths of their shared prefix, which the shared-prefix
        // lengths give without comparing strings.
        let reused = (shared[index] as usize).min(path_len);
        while path.len() > 1 && path[path.len() - 1].end > reused {
            path.pop();
        }
        let resumed_at = path[path.len() - 1].end;
        let mut rejected_at = None;
        for (offset, character) in term[resumed_at..].char_indices() {
            let read = automaton.positions_of(character);
            let depth = path.len();
            let earlier = (depth >= 2).then(|| (&path[depth - 2].state, path[depth - 1].read));
            let state = automaton.step(&path[depth - 1].state, earlier, read);
            let closest = match path[depth - 1].closest {
                _ if !automaton.prefix => None,
                Some(closest) => Some(automaton.distance(&state).map_or(closest, |d| d.min(closest))),
                None => automaton.distance(&state),
            };
            let end = resumed_at + offset + character.len_utf8();
            // A prefix word already within the budget matches every term under the path.
            if automaton.is_dead(&state) && closest.is_none() {
                rejected_at = Some(end);
                break;
            }
            path.push(Depth { state, end, read, closest });
        }
        index += 1;
        match rejected_at {
            Some(len) => {
                // Terms are sorted, so the terms under the rejected prefix follow this one,
                // each sharing at least `len` bytes with the one before.
                while index < terms.len() && shared[index] as usize >= len {
                    index += 1;
                }
                path_len = path[path.len() - 1].end;
            }
            None => {
                let last = &path[path.len() - 1];
                let distance = if automaton.prefix { last.closest } else { automaton.distance(&last.state) };
                if let Some(distance) = distance {
                    visit(index as u32 - 1, distance);
                }
                path_len = term.len();
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
        for j in 0..=b.len() {
            table[0][j] = j;
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

    /// Every term within `budget` of `word`, by the definition: the whole term, or for a
    /// prefix word its closest prefix.
    fn reference(terms: &Terms, word: &str, budget: u8, prefix: bool) -> Vec<(u32, u8)> {
        let word: Vec<char> = word.chars().collect();
        terms
            .iter()
            .enumerate()
            .filter_map(|(id, term)| {
                let term: Vec<char> = term.chars().collect();
                let distance = if prefix {
                    (0..=term.len()).map(|len| edit_distance(&term[..len], &word)).min().unwrap()
                } else {
                    edit_distance(&term, &word)
                };
                (distance <= budget as usize).then_some((id as u32, distance as u8))
            })
            .collect()
    }

    fn walk(terms: &Terms, shared: &[u8], word: &str, budget: u8, prefix: bool) -> Vec<(u32, u8)> {
        let mut found = Vec::new();
        walk_with_shared(terms, shared, &TypoAutomaton::new(word, budget, prefix), |id, distance| found.push((id, distance)));
        found
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        /// The walk finds exactly the terms, and distances, that the definition gives;
        /// shared-prefix lengths capped lower (as 255 caps them) only cost speed.
        #[test]
        fn the_walk_agrees_with_the_definition(
            words in proptest::collection::vec("[abcdé]{0,7}", 0..60),
            word in "[abcdé]{1,9}",
            budget in 1u8..=2,
            prefix in any::<bool>(),
            cap in 0u8..4,
        ) {
            let terms = dictionary(words);
            let expected = reference(&terms, &word, budget, prefix);
            prop_assert_eq!(&walk(&terms, &terms.shared, &word, budget, prefix), &expected);
            let capped: Vec<u8> = terms.shared.iter().copied().map(|s| s.min(cap)).collect();
            prop_assert_eq!(walk(&terms, &capped, &word, budget, prefix), expected);
        }

        /// Every term that a Levenshtein DFA with transpositions (the `levenshtein_automata`
        /// crate, which the walk replaced) accepts in an fst search, the walk finds at the
        /// same distance. The walk finds more only for prefix words at distance 2: that
        /// crate's prefix DFA misses terms the definition accepts ("d", two insertions from
        /// "aad", so every term starting with "d" when "aad" is being typed), where the walk
        /// follows the definition (the test above). Exact and prefix lookups agree with
        /// the fst too.
        #[test]
        fn the_walk_finds_what_a_compiled_dfa_accepts(
            words in proptest::collection::vec("[abcdé]{0,7}", 0..60),
            word in "[abcdé]{1,9}",
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
                    expected.push((id as u32, distance));
                }
            }
            let walked = walk(&terms, &terms.shared, &word, budget, prefix);
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
        let shared = terms.shared.clone();
        let names = |found: Vec<(u32, u8)>| found.into_iter().map(|(id, d)| (terms.get(id as usize), d)).collect::<Vec<_>>();
        assert_eq!(names(walk(&terms, &shared, "anaylst", 1, false)), [("analyst", 1), ("anaylst", 0)]);
        assert_eq!(names(walk(&terms, &shared, "organizer", 1, false)), [("organiser", 1), ("organizer", 0)]);
        // Typed so far: "analyts" is one swap from "analyst", and so a prefix of "analysts".
        assert_eq!(names(walk(&terms, &shared, "analyts", 1, true)), [("analyst", 1), ("analysts", 1)]);
    }

    #[test]
    fn the_list_keeps_only_terms_in_order() {
        let mut terms = Terms::default();
        assert!(terms.push("b"));
        assert!(!terms.push("a"));
        assert!(!terms.push("b"));
        assert!(terms.push("ba"));
        assert_eq!(terms.iter().collect::<Vec<_>>(), ["b", "ba"]);
        assert_eq!(terms.shared, [0, 1]);
        assert_eq!((terms.find("ba"), terms.find("a"), terms.find("bb")), (Some(1), None, None));
        assert_eq!(terms.with_prefix("b"), 0..2);
    }
}
