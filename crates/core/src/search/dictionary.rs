//! The term dictionary is the sorted term list itself: exact and prefix lookups are binary
//! searches, and typo lookups walk a Levenshtein DFA along the list.
//!
//! An fst built at decode time used to serve these. The list already is the dictionary
//! (a term's id is its position), and the fst cost the widget its builder and a CRC-32C
//! table (about 18 KB brotli) and every page load the time to build it. The walk shares
//! DFA states along the prefix a term has in common with the one before it, and skips
//! every term under a prefix the DFA has rejected, which is what an fst traversal does;
//! both read the per-term shared-prefix lengths computed at decode rather than comparing
//! strings (string comparisons were most of a typo lookup).

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

/// For each term, how many leading bytes it shares with the one before (0 for the first),
/// capped at 255. Computed once per index; [`accepted_by`] walks with it.
pub(crate) fn shared_prefix_lengths(terms: &[String]) -> Vec<u8> {
    let mut shared = Vec::with_capacity(terms.len());
    let mut previous: &[u8] = &[];
    for term in terms {
        let common = previous.iter().zip(term.as_bytes()).take_while(|(a, b)| a == b).count();
        shared.push(common.min(255) as u8);
        previous = term.as_bytes();
    }
    shared
}

/// Calls `visit(id, distance)` for every term the DFA accepts, in id order. `shared` is
/// [`shared_prefix_lengths`] of `terms` (a lower bound per term is enough).
pub(crate) fn accepted_by(terms: &[String], shared: &[u8], dfa: &DFA, mut visit: impl FnMut(u32, Distance)) {
    // `states[k]` is the DFA's state after the first k bytes of the path, the term (or the
    // part of one) the walk read last; the next term reuses the states of their shared
    // prefix, which the shared-prefix lengths give without comparing strings.
    let mut states: Vec<u32> = vec![dfa.initial_state()];
    let mut path_len = 0;
    let mut index = 0;
    while index < terms.len() {
        let term = terms[index].as_bytes();
        let reused = (shared[index] as usize).min(path_len);
        states.truncate(reused + 1);
        let mut rejected_prefix_len = None;
        for (offset, &byte) in term[reused..].iter().enumerate() {
            let next = dfa.transition(states[states.len() - 1], byte);
            if next == SINK_STATE {
                rejected_prefix_len = Some(reused + offset + 1);
                break;
            }
            states.push(next);
        }
        index += 1;
        match rejected_prefix_len {
            Some(len) => {
                // Terms are sorted, so the terms under the rejected prefix follow this one,
                // each sharing at least `len` bytes with the one before.
                while index < terms.len() && shared[index] as usize >= len {
                    index += 1;
                }
                path_len = len - 1;
            }
            None => {
                let distance = dfa.distance(states[states.len() - 1]);
                if let Distance::Exact(_) = distance {
                    visit(index as u32 - 1, distance);
                }
                path_len = term.len();
            }
        }
    }
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
            cap in 0u8..4,
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
            accepted_by(&terms, &shared_prefix_lengths(&terms), &dfa, |id, distance| walked.push((id, format!("{distance:?}"))));
            prop_assert_eq!(&walked, &expected);
            // Shared-prefix lengths capped lower (as 255 caps them) only cost speed.
            let capped: Vec<u8> = shared_prefix_lengths(&terms).into_iter().map(|s| s.min(cap)).collect();
            let mut walked_capped = Vec::new();
            accepted_by(&terms, &capped, &dfa, |id, distance| walked_capped.push((id, format!("{distance:?}"))));
            prop_assert_eq!(walked_capped, expected);

            prop_assert_eq!(find(&terms, &query), fst.get(&query).map(|id| id as u32));
            let mut with_prefix_fst = Vec::new();
            let mut stream = fst.search(fst::automaton::Str::new(&query).starts_with()).into_stream();
            while let Some((_, id)) = stream.next() {
                with_prefix_fst.push(id as usize);
            }
            prop_assert_eq!(with_prefix(&terms, &query).collect::<Vec<_>>(), with_prefix_fst);
        }
    }

    #[test]
    fn typos_skip_rejected_prefixes_and_keep_matches_after_them() {
        let terms = dictionary(["analyst", "analysts", "anaylst", "zebra", "organizer", "organiser", "bbbb"].map(String::from).to_vec());
        let dfa = LevenshteinAutomatonBuilder::new(1, true).build_dfa("anaylst");
        let mut found = Vec::new();
        accepted_by(&terms, &shared_prefix_lengths(&terms), &dfa, |id, _| found.push(terms[id as usize].as_str()));
        assert_eq!(found, ["analyst", "anaylst"]);
        let dfa = LevenshteinAutomatonBuilder::new(1, true).build_dfa("organizer");
        let mut found = Vec::new();
        accepted_by(&terms, &shared_prefix_lengths(&terms), &dfa, |id, _| found.push(terms[id as usize].as_str()));
        assert_eq!(found, ["organiser", "organizer"]);
        assert!(is_sorted_and_distinct(&terms));
        assert!(!is_sorted_and_distinct(&["b".to_owned(), "a".to_owned()]));
        assert!(!is_sorted_and_distinct(&["a".to_owned(), "a".to_owned()]));
    }
}
