//! What the fuzz targets share: the site configuration posts are read with, and the
//! invariants every document and every search response must satisfy whatever the input.
//!
//! A broken invariant panics (libFuzzer reports it as a crash and saves the input); the
//! messages say which promise of ARCHITECTURE.md or the request contract was broken.

use jobsift_core::search::{SearchRequest, SearchResponse};
use jobsift_core::{Document, Index};
use jobsift_indexer::Config;
use std::sync::OnceLock;

/// `extract::summary` keeps this many characters at most (`record::SUMMARY_CHARS`).
pub const SUMMARY_CHARS: usize = 240;

/// A configuration that exercises every optional path of record → document: a base URL,
/// tag aliases (including one whose target needs folding) and one extra facet of each
/// kind, so that `extra_value` sees strings, lists, numbers, dates and booleans.
pub const CONFIG_TOML: &str = r#"
base_url = "https://jobs.example.org/"
permalink = "/:categories/:year/:month/:day/:title.html"

[tags.aliases]
vendor = "vendors"
ds = " Data Science "
"ml" = "machine-learning"

[[facets]]
name = "team"
type = "string"

[[facets]]
name = "level"
type = "list"
mode = "and"

[[facets]]
name = "hours"
type = "number"

[[facets]]
name = "starts"
type = "date"

[[facets]]
name = "paid"
type = "boolean"
"#;

/// Parsed once per process: parsing per input would only fuzz the config parser, which
/// is not what these targets are for.
pub fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config::parse(CONFIG_TOML).expect("the fuzz configuration is valid"))
}

/// The schemes the widget may render as a link (ARCHITECTURE.md: "only http, https and
/// mailto links are kept"), with no characters that could break out of an attribute.
pub fn assert_safe_link(link: &str, what: &str) {
    let lower = link.to_ascii_lowercase();
    assert!(
        lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"),
        "{what} has an unsafe scheme: {link:?}"
    );
    assert!(!link.chars().any(|c| c.is_control() || c.is_whitespace()), "{what} holds a control or space character: {link:?}");
}

/// Invariants of a document produced by the indexer, whatever the post held.
pub fn check_document(doc: &Document) {
    if let Some(link) = &doc.apply_url {
        assert_safe_link(link, "apply link");
    }
    for tag in &doc.tags {
        assert!(!tag.is_empty(), "empty tag in {:?}", doc.tags);
        assert_eq!(tag.trim(), tag, "tag not trimmed");
        assert_eq!(&tag.to_lowercase(), tag, "tag not case-folded");
    }
    assert!(doc.tags.windows(2).all(|w| w[0] < w[1]), "tags not sorted and distinct: {:?}", doc.tags);
    assert!(doc.summary.chars().count() <= SUMMARY_CHARS, "summary of {} chars", doc.summary.chars().count());
    if let Some(salary) = &doc.salary {
        assert!(salary.min <= salary.max, "salary range inverted: {salary:?}");
    }
    if let Some(location) = &doc.location {
        assert!(!location.is_empty(), "empty location kept");
        assert!(!location.ends_with(['.', ',', ';', ':']), "location keeps trailing punctuation: {location:?}");
    }
    if let Some(organisation) = &doc.organisation {
        assert!(!organisation.trim().is_empty(), "blank organisation kept");
    }
}

/// Invariants of any response to any request on any index that decoded.
pub fn check_response(index: &Index, request: &SearchRequest, response: &SearchResponse) {
    let doc_count = index.docs.len();
    assert!(response.total <= doc_count, "total {} of {doc_count} posts", response.total);
    assert!(response.hits.len() <= request.limit, "{} hits for a limit of {}", response.hits.len(), request.limit);
    assert!(response.hits.len() <= response.total.saturating_sub(request.offset.min(response.total)), "more hits than the page holds");
    assert_eq!(response.facets.len(), index.meta.schema.facets.len(), "one facet result per schema facet");
    for hit in &response.hits {
        let doc = index.docs.get(hit.doc as usize).unwrap_or_else(|| panic!("hit {} of {doc_count} posts", hit.doc));
        assert!(hit.score.is_finite(), "score {} for post {}", hit.score, hit.doc);
        check_ranges(&doc.title, &hit.title_matches, "title match");
        if let Some(snippet) = &hit.snippet {
            check_ranges(&snippet.text, &snippet.matches, "snippet match");
            assert!(snippet.matches.windows(2).all(|w| w[0].1 <= w[1].0), "snippet matches overlap or are unsorted");
        }
    }
    let mut seen = std::collections::HashSet::new();
    assert!(response.hits.iter().all(|h| seen.insert(h.doc)), "a post appears twice in one page");
    for facet in &response.facets {
        assert!(facet.unknown as usize <= doc_count, "{} unknown of {doc_count}", facet.unknown);
        for value in &facet.values {
            assert!(value.count as usize <= doc_count, "value {:?} counted {} of {doc_count}", value.value, value.count);
        }
        if let Some(histogram) = &facet.histogram {
            assert_eq!(histogram.bucket_edges.len(), histogram.counts.len() + 1, "histogram edges and counts");
            assert!(histogram.counts.iter().map(|&c| c as usize).sum::<usize>() <= doc_count, "histogram counts more than the posts");
        }
    }
}

/// Byte ranges must lie in the text, on char boundaries, non-empty: the widget slices
/// with them, and a bad range is a panic in wasm or a split character on screen.
fn check_ranges(text: &str, ranges: &[(u32, u32)], what: &str) {
    for &(start, end) in ranges {
        let (start, end) = (start as usize, end as usize);
        assert!(start < end && end <= text.len(), "{what} {start}..{end} in {} bytes", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what} {start}..{end} splits a character of {text:?}");
    }
}

/// Runs one request through `validate`, `search` and the response checks.
pub fn search_and_check(index: &Index, request: &SearchRequest) {
    // Validation must never panic; an invalid request is still searched (the engine
    // ignores what it cannot apply), which is what the widget does with a stale URL.
    let _ = index.validate(request);
    let response = index.search(request);
    check_response(index, request, &response);
}
