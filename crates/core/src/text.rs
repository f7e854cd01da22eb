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
    for_each_token_with(text, &mut Vec::new(), &mut String::new(), visit);
}

/// [`for_each_token`] with buffers the caller keeps across texts: the index build
/// tokenises every post and would otherwise allocate them once per text.
pub fn for_each_token_with(
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
        if next_alnum(chars, j + 2) && !chars.get(j + 3).is_some_and(|&(_, c)| c == '.') {
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
