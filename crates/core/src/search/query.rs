//! Reading the visitor's query text: words, `"quoted phrases"`, `-excluded` words and
//! `-"excluded phrases"`, and
//! whether the last word is still being typed (and so matched as a prefix).

use crate::text::tokenize;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Words every hit must match (stop words among them are optional, see the engine).
    pub words: Vec<QueryWord>,
    /// Phrases, each a sequence of folded terms that must appear consecutively.
    pub phrases: Vec<Vec<String>>,
    /// Folded terms no hit may contain.
    pub excluded: Vec<String>,
    /// Phrases no hit may contain.
    pub excluded_phrases: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    pub term: String,
    /// True for the last word when the text does not end in a space: the visitor may not
    /// have finished typing it.
    pub prefix: bool,
}

impl ParsedQuery {
    pub fn parse(text: &str) -> ParsedQuery {
        let mut query = ParsedQuery::default();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after_quote) = rest.strip_prefix("-\"") {
                // An excluded phrase: nothing is excluded until its quote closes, so that
                // typing it does not first narrow to the posts holding its words.
                let Some(close) = after_quote.find('"') else { break };
                let terms: Vec<String> = tokenize(&after_quote[..close]).into_iter().map(|t| t.term).collect();
                match terms.len() {
                    0 => {}
                    1 => query.excluded.extend(terms),
                    _ => query.excluded_phrases.push(terms),
                }
                rest = after_quote[close + 1..].trim_start_matches(char::is_whitespace);
                continue;
            }
            if let Some(after_quote) = rest.strip_prefix('"') {
                // A quote not closed yet is a phrase still being typed: its words are read
                // as words (the last one a prefix) until the closing quote comes, rather
                // than as a phrase whose half-typed last word matches nothing ("No jobs
                // match" for most keystrokes of `"data director"`), and whose check
                // would fetch a chunked index's text on every keystroke.
                let Some(close) = after_quote.find('"') else {
                    rest = after_quote;
                    continue;
                };
                let (inside, remaining) = (&after_quote[..close], &after_quote[close + 1..]);
                let terms: Vec<String> = tokenize(inside).into_iter().map(|t| t.term).collect();
                match terms.len() {
                    0 => {}
                    1 => query.words.extend(terms.into_iter().map(|term| QueryWord { term, prefix: false })),
                    _ => query.phrases.push(terms),
                }
                rest = remaining;
                continue;
            }
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            let chunk = &rest[..end];
            rest = rest[end..].trim_start_matches(char::is_whitespace);
            if let Some(excluded) = chunk.strip_prefix('-').filter(|e| !e.is_empty()) {
                query.excluded.extend(tokenize(excluded).into_iter().map(|t| t.term));
                continue;
            }
            let is_last = rest.is_empty() && !text.ends_with(char::is_whitespace);
            let tokens = tokenize(chunk);
            let token_count = tokens.len();
            for (i, token) in tokens.into_iter().enumerate() {
                // A prefix only when the token reaches the end of what was typed ("sql," is finished).
                let prefix = is_last && i + 1 == token_count && token.end == chunk.len();
                query.words.push(QueryWord { term: token.term, prefix });
            }
        }
        query
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty() && self.excluded.is_empty() && self.excluded_phrases.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(term: &str, prefix: bool) -> QueryWord {
        QueryWord { term: term.into(), prefix }
    }

    #[test]
    fn last_word_is_a_prefix_until_a_space_follows() {
        assert_eq!(ParsedQuery::parse("data anal").words, [word("data", false), word("anal", true)]);
        assert_eq!(ParsedQuery::parse("data anal ").words, [word("data", false), word("anal", false)]);
    }

    #[test]
    fn phrases_and_exclusions() {
        let query = ParsedQuery::parse("\"Data Director\" -intern sql");
        assert_eq!(query.phrases, [vec!["data".to_owned(), "director".to_owned()]]);
        assert_eq!(query.excluded, ["intern"]);
        assert_eq!(query.words, [word("sql", true)]);
        let unclosed = ParsedQuery::parse("sql \"field organ");
        assert!(unclosed.phrases.is_empty());
        assert_eq!(unclosed.words, [word("sql", false), word("field", false), word("organ", true)]);
        assert_eq!(ParsedQuery::parse("\"field organizer\"").phrases, [vec!["field".to_owned(), "organizer".to_owned()]]);
    }

    #[test]
    fn excluded_phrases_and_quoted_words() {
        let query = ParsedQuery::parse("data -\"data analyst\" -\"Union\" sql");
        assert_eq!(query.excluded_phrases, [vec!["data".to_owned(), "analyst".to_owned()]]);
        assert_eq!(query.excluded, ["union"]);
        assert!(query.phrases.is_empty());
        assert_eq!(query.words, [word("data", false), word("sql", true)]);
        // Still being typed: nothing excluded yet, and the words before still count.
        let typing = ParsedQuery::parse("data -\"data ana");
        assert_eq!(typing.words, [word("data", false)]);
        assert!(typing.excluded.is_empty() && typing.excluded_phrases.is_empty());
    }

    #[test]
    fn hyphenated_words_are_not_exclusions() {
        let query = ParsedQuery::parse("full-time -");
        assert_eq!(query.words, [word("full", false), word("time", false)]);
        assert!(query.excluded.is_empty());
    }
}
