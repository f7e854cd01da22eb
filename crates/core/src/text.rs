//! Text analysis shared by indexing and querying: tokens, folding, stemming, stop words.
//!
//! Both sides must analyse text identically, or a query word could never meet the term
//! it was meant to: so this is the only place that decides what a term is.
//!
//! * Tokens are runs of Unicode letters and digits, plus the shapes job ads rely on:
//!   "c++" and "c#" keep their symbols, dotted acronyms ("I.T.", "D.C.") stay one token
//!   with their dots, digit groups ("76,500") stay one number.
//! * Folding lowercases and strips Latin diacritics ("Café" → "cafe") with a compact table
//!   instead of full Unicode normalisation, which would cost the WebAssembly build its tables.
//! * Stemming is Snowball English, applied only to purely alphabetic terms, so acronyms
//!   and symbols ("sql", "c++") are left alone.

use rust_stemmers::{Algorithm, Stemmer};
use std::ops::ControlFlow;

/// One token of a text: its folded term and where it was in the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lowercased, diacritic-free form: the key in the term dictionary.
    pub term: String,
    /// Byte offset of the token's first character in the analysed text.
    pub start: usize,
    /// Byte offset just past the token's last character.
    pub end: usize,
}

/// Appends the folded form of `c` (lowercase, Latin diacritics removed) to `out`.
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        match fold_latin(lower) {
            Some(folded) => out.push_str(folded),
            None => out.push(lower),
        }
    }
}

/// Folds a whole string (used for facet values and phrase checks).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// What makes two values of a facet one value: equal once folded, without a leading
/// "the" or a trailing legal form ("LLC", "Inc."), and with only letters and digits
/// kept, and the "+" and "#" that end a word.
/// Posts write one organisation many ways ("Blue Labs" and "BlueLabs", "AFL-CIO" and
/// "AFL CIO", "The Tuesday Company" and "Tuesday Company", "NGPVan + Every Action" and
/// "NGP VAN / Every Action"), while "C++" and "C#" stay apart from "C".
pub fn value_key(value: &str) -> String {
    let folded = fold(value.trim());
    let words = folded.strip_prefix("the ").filter(|rest| !rest.trim().is_empty()).unwrap_or(&folded);
    // A legal form at the end names the same organisation ("Catalist LLC", "Stripe, Inc.").
    let words = match words.trim_end_matches('.').rsplit_once([' ', ',']) {
        Some((name, form)) if ["llc", "inc", "corp", "ltd"].contains(&form) && name.chars().any(char::is_alphanumeric) => name,
        _ => words,
    };
    let mut key = String::with_capacity(words.len());
    let mut after_word = false;
    for c in words.chars() {
        let kept = c.is_alphanumeric() || (after_word && (c == '+' || c == '#'));
        if kept {
            key.push(c);
        }
        after_word = kept;
    }
    // A value of punctuation alone keeps its own key rather than sharing the empty one.
    if key.is_empty() { folded } else { key }
}

/// Base letters of lowercase Latin-1 Supplement and Latin Extended-A letters, the
/// accented letters of the languages job ads in Latin script use.
fn fold_latin(c: char) -> Option<&'static str> {
    // Index = code point - 0xDF; covers U+00DF..=U+017F.
    const TABLE: [&str; 161] = [
        "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // DF-EF
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", // F0-FF
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", // 100-10F
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", // 110-11F
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", // 120-12F
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", // 130-13F
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", // 140-14F
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", // 150-15F
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", // 160-16F
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", // 170-17F
    ];
    let code = c as u32;
    if !(0xDF..=0x17F).contains(&code) || c == '\u{F7}' {
        return None;
    }
    Some(TABLE[(code - 0xDF) as usize])
}

/// Apostrophes as they appear in posts, including U+0092 (a Windows-1252 apostrophe
/// that survived a bad conversion in real posts).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{92}')
}

/// Splits `text` into tokens, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |term, start, end| tokens.push(Token { term: term.to_owned(), start, end }));
    tokens
}

/// Calls `visit(term, start, end)` for every token of `text`, in order, reusing one buffer
/// for the terms: for scans that look tokens up rather than keep them (snippets).
pub fn for_each_token(text: &str, visit: impl FnMut(&str, usize, usize)) {
    for_each_token_with(text, &mut String::new(), visit);
}

/// The character starting at byte `at`, if any. `at` is always a character boundary here;
/// ASCII, nearly all of a post, is read without UTF-8 decoding.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        byte if byte.is_ascii() => Some(byte as char),
        _ => text[at..].chars().next(),
    }
}

fn is_alphanumeric_at(text: &str, at: usize) -> bool {
    char_at(text, at).is_some_and(char::is_alphanumeric)
}

/// [`for_each_token`] with a term buffer the caller keeps across texts: the index build
/// tokenises every post and would otherwise allocate it once per text.
///
/// The scan walks byte offsets and decodes a character only where it needs one, and copies
/// runs of ASCII letters and digits in one step: the index build spends much of its time
/// here.
pub fn for_each_token_with(text: &str, term: &mut String, mut visit: impl FnMut(&str, usize, usize)) {
    let _ = try_for_each_token_with(text, term, |term, start, end| {
        visit(term, start, end);
        ControlFlow::Continue(())
    });
}

/// [`for_each_token`] that stops when `visit` breaks: a snippet needs only the tokens up
/// to its window, not a whole long body.
pub fn try_for_each_token(text: &str, visit: impl FnMut(&str, usize, usize) -> ControlFlow<()>) -> ControlFlow<()> {
    try_for_each_token_with(text, &mut String::new(), visit)
}

fn try_for_each_token_with(
    text: &str,
    term: &mut String,
    mut visit: impl FnMut(&str, usize, usize) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let c = match bytes[at] {
            byte if byte.is_ascii_alphanumeric() => byte as char,
            byte if byte.is_ascii() => {
                at += 1;
                continue;
            }
            _ => {
                let c = char_at(text, at).unwrap_or_default();
                if !c.is_alphanumeric() {
                    at += c.len_utf8();
                    continue;
                }
                c
            }
        };
        let start = at;
        if c.is_alphabetic() && bytes.get(at + c.len_utf8()) == Some(&b'.') {
            if let Some(end) = dotted_acronym(text, at, term) {
                visit(term, start, end)?;
                at = end;
                continue;
            }
        }
        term.clear();
        let mut j = at;
        // The character before `j`: "76,500" joins only after a digit.
        let mut previous = '\0';
        // The usual token: a run of ASCII letters and digits, then a space or a punctuation
        // mark that no rule below joins across. Snippets tokenise hundreds of body bytes
        // per hit, and the general loop's checks were most of the time per token. Any
        // other token goes on in the loop from the run's end.
        if c.is_ascii_alphanumeric() {
            let run = bytes[j..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            term.push_str(&text[j..j + run]);
            term.make_ascii_lowercase();
            let plain_end = match bytes.get(j + run) {
                None => true,
                Some(&next) => next.is_ascii() && !matches!(next, b',' | b'.' | b'\'' | b'+' | b'#'),
            };
            if plain_end {
                visit(term, start, j + run)?;
                at = j + run;
                continue;
            }
            previous = bytes[j + run - 1] as char;
            j += run;
        }
        let mut dropped_possessive = false;
        while let Some(c) = char_at(text, j) {
            if c.is_ascii_alphanumeric() {
                let run = bytes[j..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                term.extend(bytes[j..j + run].iter().map(|b| b.to_ascii_lowercase() as char));
                previous = bytes[j + run - 1] as char;
                j += run;
                continue;
            }
            if c.is_alphanumeric() {
                fold_char_into(c, term);
                previous = c;
                j += c.len_utf8();
                continue;
            }
            // "76,500" and "3.5" stay one number.
            if (c == ',' || c == '.') && previous.is_ascii_digit() && char_at(text, j + 1).is_some_and(|n| n.is_ascii_digit()) {
                if c == '.' {
                    term.push('.');
                }
                previous = c;
                j += 1;
                continue;
            }
            // "don't" joins; the possessive "'s" is dropped ("AFL-CIO's" → "afl", "cio").
            if is_apostrophe(c) {
                let after = j + c.len_utf8();
                if let Some(next) = char_at(text, after).filter(|n| n.is_alphabetic()) {
                    if matches!(next, 's' | 'S') && !is_alphanumeric_at(text, after + 1) {
                        dropped_possessive = true;
                        break;
                    }
                    previous = c;
                    j = after;
                    continue;
                }
            }
            break;
        }
        let mut end = j;
        // "c++", "c#", "f#": symbols glued to a short word that are part of the name.
        if !dropped_possessive && j < bytes.len() {
            let rest = &text[j..];
            let suffix = if rest.starts_with("++") && !rest[2..].starts_with(char::is_alphanumeric) {
                Some("++")
            } else if rest.starts_with('#') && !rest[1..].starts_with(char::is_alphanumeric) {
                Some("#")
            } else {
                None
            };
            if let Some(suffix) = suffix.filter(|_| term.chars().count() <= 2) {
                term.push_str(suffix);
                end = j + suffix.len();
            }
        }
        visit(term, start, end)?;
        // Skip a dropped possessive: the apostrophe and its "s".
        at = if dropped_possessive { j + char_at(text, j).map_or(0, char::len_utf8) + 1 } else { end };
    }
    ControlFlow::Continue(())
}

/// Reads "i.t." / "D.C." / "U.S.A." at byte `at` into `term`: single letters each followed
/// by a dot, at least two of them, not glued to a longer word. Returns where it ends.
fn dotted_acronym(text: &str, at: usize, term: &mut String) -> Option<usize> {
    term.clear();
    let mut j = at;
    let mut letters = 0;
    while let Some(c) = char_at(text, j).filter(|c| c.is_alphabetic()) {
        let dot = j + c.len_utf8();
        if text.as_bytes().get(dot) != Some(&b'.') {
            break;
        }
        let after = dot + 1;
        // "e.g.Something" or "a.bc": a letter after the dot that starts a word (it has no dot
        // of its own) makes this no acronym at all.
        if let Some(next) = char_at(text, after).filter(|n| n.is_alphanumeric()) {
            if text.as_bytes().get(after + next.len_utf8()) != Some(&b'.') {
                return None;
            }
        }
        fold_char_into(c, term);
        term.push('.');
        letters += 1;
        j = after;
    }
    (letters >= 2 && !is_alphanumeric_at(text, j)).then_some(j)
}

/// Snowball English stem of a folded term; terms with digits or symbols are their own stem.
pub fn stem(term: &str) -> String {
    if term.len() < 3 || !term.chars().all(|c| c.is_alphabetic()) {
        return term.to_owned();
    }
    Stemmer::create(Algorithm::English).stem(term).into_owned()
}

/// Common English words that carry no meaning for ranking. They are still indexed (so
/// phrases containing them work) but a query does not require or score them.
pub fn is_stop_word(term: &str) -> bool {
    const STOP_WORDS: [&str; 41] = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "if", "in", "into",
        "is", "it", "its", "no", "not", "of", "on", "or", "our", "such", "that", "the", "their", "then", "there",
        "these", "they", "this", "to", "was", "we", "will", "with", "you", "your",
    ];
    STOP_WORDS.binary_search(&term).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as it was before it walked bytes (it collected the characters first):
    /// kept only as the reference the faster scan must agree with, token for token.
    mod reference {
        use super::super::{fold_char_into, is_apostrophe, Token};

        pub(super) fn tokens(
            text: &str,
            chars: &mut Vec<(usize, char)>,
            term: &mut String,
            mut visit: impl FnMut(&str, usize, usize),
        ) {
            chars.clear();
            chars.extend(text.char_indices());
            let chars: &[(usize, char)] = chars;
            let mut i = 0;
            while i < chars.len() {
                let (start, c) = chars[i];
                if !c.is_alphanumeric() {
                    i += 1;
                    continue;
                }
                if let Some((token, next)) = dotted_acronym(text, chars, i) {
                    visit(&token.term, token.start, token.end);
                    i = next;
                    continue;
                }
                term.clear();
                let mut j = i;
                let mut dropped_possessive = false;
                while j < chars.len() {
                    let c = chars[j].1;
                    if c.is_alphanumeric() {
                        fold_char_into(c, term);
                        j += 1;
                        continue;
                    }
                    let next_is = |k: usize, pred: &dyn Fn(char) -> bool| chars.get(k).is_some_and(|&(_, c)| pred(c));
                    // "76,500" and "3.5" stay one number.
                    if (c == ',' || c == '.') && chars[j - 1].1.is_ascii_digit() && next_is(j + 1, &|c| c.is_ascii_digit()) {
                        if c == '.' {
                            term.push('.');
                        }
                        j += 1;
                        continue;
                    }
                    // "don't" joins; the possessive "'s" is dropped ("AFL-CIO's" → "afl", "cio").
                    if is_apostrophe(c) && next_is(j + 1, &|c| c.is_alphabetic()) {
                        let possessive = matches!(chars[j + 1].1, 's' | 'S') && !next_is(j + 2, &|c| c.is_alphanumeric());
                        if possessive {
                            dropped_possessive = true;
                            break;
                        }
                        j += 1;
                        continue;
                    }
                    break;
                }
                let mut end_index = j;
                // "c++", "c#", "f#": symbols glued to a short word that are part of the name.
                if j < chars.len() && !next_alnum(chars, j) {
                    let rest = &text[chars[j].0..];
                    let suffix = if rest.starts_with("++") && !rest[2..].starts_with(|c: char| c.is_alphanumeric()) {
                        Some("++")
                    } else if rest.starts_with('#') && !rest[1..].starts_with(|c: char| c.is_alphanumeric()) {
                        Some("#")
                    } else {
                        None
                    };
                    if let Some(suffix) = suffix.filter(|_| term.chars().count() <= 2) {
                        term.push_str(suffix);
                        end_index = j + suffix.len();
                    }
                }
                let end = chars.get(end_index).map_or(text.len(), |&(at, _)| at);
                visit(term, start, end);
                // Skip a dropped possessive "'s".
                i = if dropped_possessive { j + 2 } else { end_index };
            }
        }

        fn next_alnum(chars: &[(usize, char)], at: usize) -> bool {
            chars.get(at).is_some_and(|&(_, c)| c.is_alphanumeric())
        }

        /// Reads "i.t." / "D.C." / "U.S.A." at `i`: single letters each followed by a dot, at
        /// least two of them, not glued to a longer word.
        fn dotted_acronym(text: &str, chars: &[(usize, char)], i: usize) -> Option<(Token, usize)> {
            let mut term = String::new();
            let mut j = i;
            let mut letters = 0;
            while j + 1 < chars.len() && chars[j].1.is_alphabetic() && chars[j + 1].1 == '.' {
                if j > i && chars[j - 1].1 != '.' {
                    break;
                }
                if next_alnum(chars, j + 2) && chars.get(j + 3).is_none_or(|&(_, c)| c != '.') {
                    // "e.g.Something" or "a.bc": the next letter starts a word, stop before it.
                    if letters >= 1 {
                        fold_char_into(chars[j].1, &mut term);
                        term.push('.');
                        letters += 1;
                        j += 2;
                    }
                    break;
                }
                fold_char_into(chars[j].1, &mut term);
                term.push('.');
                letters += 1;
                j += 2;
            }
            if letters < 2 || next_alnum(chars, j) {
                return None;
            }
            let end = chars.get(j).map_or(text.len(), |&(at, _)| at);
            Some((Token { term, start: chars[i].0, end }, j))
        }
    }

    fn reference_tokens(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        reference::tokens(text, &mut Vec::new(), &mut String::new(), |term, start, end| {
            tokens.push(Token { term: term.to_owned(), start, end })
        });
        tokens
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// The byte scan gives the same tokens, terms and offsets, as the reference, on text
        /// dense in the shapes with special rules: dots and commas between digits and
        /// letters, apostrophes (three kinds) before "s", "++" and "#", and multi-byte letters
        /// and punctuation next to all of them.
        #[test]
        fn byte_scan_agrees_with_the_reference(text in r"([aAsSeI0-9 .,#+'’\x{92}éÉßİ–\x{1F600}\n-]|c\+\+|i\.t\.|76,500){0,40}") {
            proptest::prop_assert_eq!(tokenize(&text), reference_tokens(&text), "{:?}", text);
        }

        #[test]
        fn byte_scan_agrees_with_the_reference_on_any_text(text in r"\PC{0,80}") {
            proptest::prop_assert_eq!(tokenize(&text), reference_tokens(&text), "{:?}", text);
        }
    }

    #[test]
    fn byte_scan_agrees_with_the_reference_on_the_real_posts() {
        let corpus = std::env::var_os("JOBSIFT_CORPUS")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
            .join("progressivedatajobs");
        let mut posts = 0;
        for entry in std::fs::read_dir(&corpus).unwrap_or_else(|e| panic!("{}: {e}", corpus.display())) {
            let text = String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap()).into_owned();
            assert_eq!(tokenize(&text), reference_tokens(&text));
            posts += 1;
        }
        assert!(posts > 1_000, "{posts} posts read");
    }

    #[test]
    fn dotted_acronyms_need_two_letters_and_no_glued_word() {
        assert_eq!(terms("U.S.A. e.g.Something a.bc x.y z.y.x"), ["u.s.a.", "e", "g", "something", "a", "bc", "x", "y", "z", "y", "x"]);
    }

    fn terms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn keeps_job_ad_shapes() {
        assert_eq!(terms("C++ and C# developer"), ["c++", "and", "c#", "developer"]);
        assert_eq!(terms("I.T. Director, Washington D.C."), ["i.t.", "director", "washington", "d.c."]);
        assert_eq!(terms("VAN/SQL skills"), ["van", "sql", "skills"]);
        assert_eq!(terms("$76,500 to $3.5k"), ["76500", "to", "3.5k"]);
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(terms("Café NAÏVE Straße Łódź"), ["cafe", "naive", "strasse", "lodz"]);
    }

    #[test]
    fn apostrophes_join_or_drop_possessives() {
        assert_eq!(terms("AFL-CIO's team doesn\u{92}t"), ["afl", "cio", "team", "doesnt"]);
        assert_eq!(terms("women’s rights"), ["women", "rights"]);
        assert_eq!(terms("a’6 b' c"), ["a", "6", "b", "c"]);
    }

    #[test]
    fn offsets_point_at_the_original_text() {
        let text = "Senior Analyst (Café) C++";
        for token in tokenize(text) {
            assert_eq!(fold(&text[token.start..token.end]).replace('\'', ""), token.term);
        }
    }

    #[test]
    fn stems_words_but_not_acronyms_or_symbols() {
        assert_eq!(stem("analysts"), "analyst");
        assert_eq!(stem("organizing"), "organ");
        assert_eq!(stem("c++"), "c++");
        assert_eq!(stem("i.t."), "i.t.");
        assert_eq!(stem("2020"), "2020");
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(is_stop_word("the") && is_stop_word("your") && is_stop_word("a"));
        assert!(!is_stop_word("data") && !is_stop_word("van"));
    }
}
