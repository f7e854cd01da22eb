//! The term dictionary is the sorted term list itself: exact and prefix lookups are binary
//! searches, and typo lookups walk a Levenshtein DFA along the list.
//!
//! An fst built at decode time used to serve these. The list already is the dictionary
//! (a term's id is its position), and the fst cost the widget its builder and a CRC-32C
//! table (about 18 KB brotli) and every page load the time to build it. The walk shares
//! DFA states along the prefix a term has in common with the one before it, and skips
//! every term under a prefix the DFA has rejected, which is what an fst traversal does.

use levenshtein_automata::{Distance, DFA, SINK_STATE};
use std::ops::Range;

/// The id of `term`, if the dictionary holds it.
pub(crate) fn find(terms: &[String], term: &str) -> Option<u32> {
    terms.binary_search_by(|candidate| candidate.as_str().cmp(term)).ok().map(|id| id as u32)
}

/// The ids of the terms that start with `prefix` (`prefix` itself included).
pub(crate) fn with_prefix(terms: &[String], prefix: &str) -> Range<usize> {
    let start = terms.partition_point(|term| term.as_str() < prefix);
    start..start + terms[start..].partition_point(|term| term.starts_with(prefix))
}

/// Calls `visit(id, distance)` for every term the DFA accepts, in id order.
pub(crate) fn accepted_by(terms: &[String], dfa: &DFA, mut visit: impl FnMut(u32, Distance)) {
    // `states[k]` is the DFA's state after the first k bytes of `path`, the term (or the
    // part of one) the walk read last; the next term reuses the states of their shared prefix.
    let mut states: Vec<u32> = vec![dfa.initial_state()];
    let mut path: &[u8] = &[];
    let mut index = 0;
    while index < terms.len() {
        let term = terms[index].as_bytes();
        let shared = path.iter().zip(term).take_while(|(a, b)| a == b).count();
        states.truncate(shared + 1);
        let mut rejected_prefix_len = None;
        for (offset, &byte) in term[shared..].iter().enumerate() {
            let next = dfa.transition(states[states.len() - 1], byte);
            if next == SINK_STATE {
                rejected_prefix_len = Some(shared + offset + 1);
                break;
            }
            states.push(next);
        }
        match rejected_prefix_len {
            Some(len) => {
                // Terms are sorted, so every term under the rejected prefix follows this one.
                let rejected = &term[..len];
                index += count_leading(&terms[index..], |later| later.as_bytes().starts_with(rejected));
                path = &term[..len - 1];
            }
            None => {
                let distance = dfa.distance(states[states.len() - 1]);
                if let Distance::Exact(_) = distance {
                    visit(index as u32, distance);
                }
                path = term;
                index += 1;
            }
        }
    }
}

/// How many items at the start of `items` satisfy `pred`, which holds for a prefix of
/// them. Galloping from the start, as a rejected prefix usually covers only a few terms:
/// a binary search over the whole rest of a large dictionary cost more than the walk.
fn count_leading<T>(items: &[T], pred: impl Fn(&T) -> bool) -> usize {
    let mut bound = 1;
    while bound < items.len() && pred(&items[bound]) {
        bound *= 2;
    }
    let low = bound / 2;
    let high = bound.min(items.len());
    low + items[low..high].partition_point(&pred)
}

/// Whether `terms` is strictly increasing, as the searches above need; checked when an
/// index is decoded, since a crafted file could hold any list.
pub(crate) fn is_sorted_and_distinct(terms: &[String]) -> bool {
    terms.windows(2).all(|pair| pair[0] < pair[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::automaton::Automaton;
    use fst::{IntoStreamer, Streamer};
    use levenshtein_automata::LevenshteinAutomatonBuilder;
    use proptest::prelude::*;

    fn dictionary(words: Vec<String>) -> Vec<String> {
        let mut terms = words;
        terms.sort();
        terms.dedup();
        terms
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        /// The walk finds exactly what an fst search with the same DFA finds, with the same
        /// distances; exact and prefix lookups agree with the fst too.
        #[test]
        fn the_walk_agrees_with_an_fst_search(
            words in proptest::collection::vec("[abcdé]{0,7}", 0..60),
            query in "[abcdé]{1,9}",
            distance in 1u8..=2,
            prefix in any::<bool>(),
        ) {
            let terms = dictionary(words);
            let fst = fst::Map::from_iter(terms.iter().enumerate().map(|(id, t)| (t.as_str(), id as u64))).unwrap();
            let builder = LevenshteinAutomatonBuilder::new(distance, true);
            let dfa = if prefix { builder.build_prefix_dfa(&query) } else { builder.build_dfa(&query) };

            let mut expected = Vec::new();
            let mut stream = fst.search(&dfa).into_stream();
            while let Some((bytes, id)) = stream.next() {
                expected.push((id as u32, format!("{:?}", dfa.eval(bytes))));
            }
            let mut walked = Vec::new();
            accepted_by(&terms, &dfa, |id, distance| walked.push((id, format!("{distance:?}"))));
            prop_assert_eq!(walked, expected);

            prop_assert_eq!(find(&terms, &query), fst.get(&query).map(|id| id as u32));
            let mut with_prefix_fst = Vec::new();
            let mut stream = fst.search(fst::automaton::Str::new(&query).starts_with()).into_stream();
            while let Some((_, id)) = stream.next() {
                with_prefix_fst.push(id as usize);
            }
            prop_assert_eq!(with_prefix(&terms, &query).collect::<Vec<_>>(), with_prefix_fst);
        }
    }

    proptest! {
        /// Galloping counts what a binary search over the whole slice counts.
        #[test]
        fn galloping_agrees_with_partition_point(leading in 0usize..300, trailing in 0usize..300) {
            let items: Vec<bool> = std::iter::repeat_n(true, leading).chain(std::iter::repeat_n(false, trailing)).collect();
            prop_assert_eq!(count_leading(&items, |&b| b), items.partition_point(|&b| b));
        }
    }

    #[test]
    fn typos_skip_rejected_prefixes_and_keep_matches_after_them() {
        let terms = dictionary(["analyst", "analysts", "anaylst", "zebra", "organizer", "organiser", "bbbb"].map(String::from).to_vec());
        let dfa = LevenshteinAutomatonBuilder::new(1, true).build_dfa("anaylst");
        let mut found = Vec::new();
        accepted_by(&terms, &dfa, |id, _| found.push(terms[id as usize].as_str()));
        assert_eq!(found, ["analyst", "anaylst"]);
        let dfa = LevenshteinAutomatonBuilder::new(1, true).build_dfa("organizer");
        let mut found = Vec::new();
        accepted_by(&terms, &dfa, |id, _| found.push(terms[id as usize].as_str()));
        assert_eq!(found, ["organiser", "organizer"]);
        assert!(is_sorted_and_distinct(&terms));
        assert!(!is_sorted_and_distinct(&["b".to_owned(), "a".to_owned()]));
        assert!(!is_sorted_and_distinct(&["a".to_owned(), "a".to_owned()]));
    }
}
