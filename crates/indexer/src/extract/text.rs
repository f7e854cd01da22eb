//! Small text helpers shared by the extractors.
//!
//! The scanners work on an ASCII-lowercased copy of the text: `to_ascii_lowercase` keeps
//! every byte offset of the original, so a position found in the copy slices the original
//! at the same char boundary.

use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// True for characters that make up words; used for whole-word matching.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The largest char boundary of `text` at or below `index`.
pub fn floor_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Whether `needle` occurs at `at` in `hay` as a whole word: its word-character ends are
/// not glued to other word characters ("pay" matches in "city-paid"'s neighbour "pay:",
/// never inside "payroll").
pub fn word_at(hay: &str, at: usize, needle: &str) -> bool {
    let Some(found) = hay.get(at..) else { return false };
    if !found.starts_with(needle) {
        return false;
    }
    let starts_with_word = needle.chars().next().is_some_and(is_word_char);
    let ends_with_word = needle.chars().next_back().is_some_and(is_word_char);
    let before_ok = !starts_with_word || !hay[..at].chars().next_back().is_some_and(is_word_char);
    let after_ok = !ends_with_word || !hay[at + needle.len()..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

/// Every position where `needle` occurs in `hay` as a whole word.
pub fn word_positions<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    hay.match_indices(needle).map(|(at, _)| at).filter(move |&at| word_at(hay, at, needle))
}

/// The first position of `needle` in `hay` as a whole word.
pub fn find_word(hay: &str, needle: &str) -> Option<usize> {
    word_positions(hay, needle).next()
}

pub fn contains_word(hay: &str, needle: &str) -> bool {
    find_word(hay, needle).is_some()
}

pub fn contains_any_word(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|needle| contains_word(hay, needle))
}

/// A fixed list of words and phrases looked for in one pass over a text (Aho-Corasick),
/// for scanners that would otherwise search a post once per phrase per sentence.
/// Matches obey the same whole-word rule as [`word_at`].
pub struct WordSet {
    needles: Vec<&'static str>,
    automaton: AhoCorasick,
}

impl WordSet {
    pub fn new(needles: impl IntoIterator<Item = &'static str>) -> WordSet {
        let needles: Vec<&'static str> = needles.into_iter().collect();
        // Standard semantics allow overlapping iteration: "contract" and "contract
        // position" both match where the text says "contract position".
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&needles)
            .expect("a short list of literal phrases always compiles");
        WordSet { needles, automaton }
    }

    /// Every whole-word occurrence in `hay`, as (index of the needle, byte position), in
    /// order of the match's end.
    pub fn occurrences<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.automaton
            .find_overlapping_iter(hay)
            .map(|found| (found.pattern().as_usize(), found.start()))
            .filter(move |&(needle, at)| word_at(hay, at, self.needles[needle]))
    }

    pub fn contains_any(&self, hay: &str) -> bool {
        self.occurrences(hay).next().is_some()
    }

    #[cfg(test)]
    pub fn needle(&self, index: usize) -> &'static str {
        self.needles[index]
    }
}

/// Byte ranges of the sentences of `text`: a sentence ends at a line break or at `.`, `!`
/// or `?` followed by white space. Abbreviations ("D.C. office") split a sentence too
/// early, which only narrows the context a rule sees.
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let end = match c {
            '\n' => Some(at),
            '.' | '!' | '?' => match chars.peek() {
                Some(&(_, next)) if next.is_whitespace() => Some(at + 1),
                _ => None,
            },
            _ => None,
        };
        if let Some(end) = end {
            if end > start {
                ranges.push(start..end);
            }
            start = at + c.len_utf8();
        }
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

/// How much text either side of a position counts as its line. Real lines are far
/// shorter; the bound keeps the scanners linear on hostile input (one line of megabytes
/// with a figure every few bytes).
pub const MAX_LINE_CONTEXT: usize = 2_000;

/// The range of the line containing byte `at`, without its line break, clipped to
/// [`MAX_LINE_CONTEXT`] bytes either side of `at`.
pub fn line_range(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at);
    let window_start = floor_boundary(text, at.saturating_sub(MAX_LINE_CONTEXT));
    let window_end = floor_boundary(text, at.saturating_add(MAX_LINE_CONTEXT));
    let start = text[window_start..at].rfind('\n').map_or(window_start, |i| window_start + i + 1);
    let end = text[at..window_end].find('\n').map_or(window_end, |i| at + i);
    start..end
}

/// The nearest non-blank line before the line that starts at `line_start`, looked for
/// within [`MAX_LINE_CONTEXT`] bytes.
pub fn previous_line(text: &str, line_start: usize) -> Option<&str> {
    let line_start = floor_boundary(text, line_start);
    let window_start = floor_boundary(text, line_start.saturating_sub(MAX_LINE_CONTEXT));
    text[window_start..line_start].lines().rev().map(str::trim).find(|line| !line.is_empty())
}

/// `text` cut to at most `max_chars` characters, on a character boundary.
pub fn truncate_chars(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(contains_word("the pay is", "pay"));
        assert!(!contains_word("payroll", "pay"));
        assert!(contains_word("city-paid life", "paid"));
        assert!(contains_word("$15/hour", "/hour"));
        assert!(!contains_word("", "pay"));
    }

    #[test]
    fn word_sets_find_whole_words_overlapping() {
        static NEEDLES: &[&str] = &["contract", "contract position", "pay", "/hour"];
        let set = WordSet::new(NEEDLES.iter().copied());
        let text = "a contract position; payroll; $15/hour";
        let found: Vec<(&str, usize)> = set.occurrences(text).map(|(n, at)| (set.needle(n), at)).collect();
        assert_eq!(found, [("contract", 2), ("contract position", 2), ("/hour", 33)]);
        assert!(set.contains_any("pay me"));
        assert!(!set.contains_any("payroll contractor"));
    }

    #[test]
    fn sentences_split_on_terminators_and_lines() {
        let text = "Pays $82,966.41. The formal job description.\nNext line";
        let sentences: Vec<&str> = sentence_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(sentences, ["Pays $82,966.41.", " The formal job description.", "Next line"]);
    }

    #[test]
    fn boundaries_never_split_characters() {
        let text = "a€b";
        assert_eq!(floor_boundary(text, 2), 1);
        assert_eq!(truncate_chars(text, 2), "a€");
        assert_eq!(line_range("ab\ncd", 4), 3..5);
        assert_eq!(previous_line("Salary\n\n$1\n", 8), Some("Salary"));
        let long = format!("{}\n{}", "x".repeat(5_000), "y".repeat(5_000));
        let line = line_range(&long, 2_500);
        assert_eq!(line, 500..4_500);
        assert_eq!(line_range(&long, 5_001), 5_001..7_001);
    }
}
