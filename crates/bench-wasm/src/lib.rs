//! The work one benchmark query does, and the loop that times it: shared by
//! `jobsift-bench queries` (native) and the WebAssembly module that `bench/peers/wasm.mjs`
//! runs in headless Chromium, so both measure the same code in the same way as the
//! JavaScript peers in `bench/peers/bench.mjs` (one warm-up pass, then timed rounds;
//! p50/p95 by the same nearest-rank rule).

use jobsift_core::search::{FacetFilter, SearchRequest, SearchResponse, ValueCount};
use jobsift_core::Index;
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
mod browser;

/// The facet that `queries.json`'s `tag` selects (the schema's tag list).
pub const TAG_FACET: &str = "tags";

/// The peers return ten hits per query; so does jobsift.
pub const HIT_LIMIT: usize = 10;

/// One entry of `bench/peers/queries.json`: text, and at most one tag to filter by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenchQuery {
    pub text: String,
    pub tag: Option<String>,
}

impl BenchQuery {
    /// What the widget asks the engine for this query: the text, the tag selection, the
    /// first ten hits. The engine counts every facet on every search.
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            text: self.text.clone(),
            filters: self
                .tag
                .iter()
                .map(|tag| FacetFilter { facet: TAG_FACET.to_owned(), values: vec![tag.clone()] })
                .collect(),
            limit: HIT_LIMIT,
            ..SearchRequest::default()
        }
    }
}

/// Reads `{"queries": [{"text": …, "tag": …}, …]}`.
pub fn parse_queries(json_text: &str) -> Result<Vec<BenchQuery>, String> {
    let root: Value = serde_json::from_str(json_text).map_err(|e| format!("queries file is not JSON: {e}"))?;
    let list = root.get("queries").and_then(Value::as_array).ok_or("queries file has no `queries` array")?;
    list.iter()
        .enumerate()
        .map(|(i, entry)| {
            let text = entry.get("text").and_then(Value::as_str).ok_or(format!("query {i} has no `text` string"))?;
            let tag = match entry.get("tag") {
                None | Some(Value::Null) => None,
                Some(Value::String(tag)) => Some(tag.clone()),
                Some(_) => return Err(format!("query {i}: `tag` must be a string")),
            };
            Ok(BenchQuery { text: text.to_owned(), tag })
        })
        .collect()
}

/// What the warm-up pass saw of one query, for the cross-check between native, wasm and
/// the peers: the total and the (disjunctive) tag counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryOutcome {
    pub total: usize,
    pub tag_counts: Vec<ValueCount>,
}

impl QueryOutcome {
    pub fn of(response: &SearchResponse) -> QueryOutcome {
        let tag_counts = response.facets.iter().find(|f| f.facet == TAG_FACET).map(|f| f.values.clone()).unwrap_or_default();
        QueryOutcome { total: response.total, tag_counts }
    }
}

/// The outcome of a run: per query what the warm-up saw, and every timed sample.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    pub outcomes: Vec<QueryOutcome>,
    /// Milliseconds, in the order run (round by round, query by query).
    pub samples_ms: Vec<f64>,
}

/// One untimed warm-up pass over the queries, then `rounds` timed passes. `now_ms` is the
/// clock (`Instant` natively, `performance.now()` in the browser); it is read right
/// before and after `Index::search`, which answers the query and counts every facet.
/// Requests are built beforehand, so only the engine is timed.
pub fn measure(index: &Index, queries: &[BenchQuery], rounds: u32, mut now_ms: impl FnMut() -> f64) -> Measurement {
    let requests: Vec<SearchRequest> = queries.iter().map(BenchQuery::request).collect();
    let outcomes = requests.iter().map(|request| QueryOutcome::of(&index.search(request))).collect();
    let mut samples_ms = Vec::with_capacity(requests.len() * rounds as usize);
    for _ in 0..rounds {
        for request in &requests {
            let start = now_ms();
            // Dropping the response is part of the work (the peers' garbage is too).
            drop(std::hint::black_box(index.search(request)));
            samples_ms.push(now_ms() - start);
        }
    }
    Measurement { outcomes, samples_ms }
}

/// `bench.mjs`'s percentile: the sample at `floor(q·n)` of the sorted samples, capped at
/// the last one; `None` without samples.
pub fn percentile(sorted_ms: &[f64], q: f64) -> Option<f64> {
    let last = sorted_ms.len().checked_sub(1)?;
    Some(sorted_ms[last.min((q * sorted_ms.len() as f64).floor() as usize)])
}

/// Refuses the core of a chunked index: without its blocks the engine would be timed
/// over postings it does not have.
pub fn require_whole_index(index: &Index) -> Result<(), &'static str> {
    if index.is_complete() {
        Ok(())
    } else {
        Err("a chunked index's core: build the benchmark's index with --layout single")
    }
}

/// How many posts an index holds: the total of the empty query.
pub fn post_count(index: &Index) -> usize {
    index.search(&SearchRequest { limit: 0, ..SearchRequest::default() }).total
}

/// The result line in the shape of `bench.mjs`'s (library, posts, queries, timed_samples,
/// complete, p50_ms, p95_ms, totals), plus jobsift's own: the decode time of the index
/// (its "build" in the reader), the index size and each query's tag counts.
pub fn result_json(library: &str, posts: usize, index_bytes: usize, decode_ms: f64, rounds: u32, measurement: &Measurement) -> Value {
    let mut sorted = measurement.samples_ms.clone();
    sorted.sort_by(f64::total_cmp);
    let queries = measurement.outcomes.len();
    json!({
        "library": library,
        "posts": posts,
        "index_bytes": index_bytes,
        "decode_ms": decode_ms,
        "queries": queries,
        "rounds": rounds,
        "timed_samples": sorted.len(),
        "complete": sorted.len() == queries * rounds as usize,
        "p50_ms": percentile(&sorted, 0.5),
        "p95_ms": percentile(&sorted, 0.95),
        "totals": measurement.outcomes.iter().map(|o| o.total).collect::<Vec<_>>(),
        "tag_counts": measurement
            .outcomes
            .iter()
            .map(|o| o.tag_counts.iter().map(|c| json!([c.value, c.count])).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_queries_with_and_without_a_tag() {
        let queries = parse_queries(r#"{"queries": [{"text": "data"}, {"text": "sql", "tag": "union"}]}"#).unwrap();
        assert_eq!(queries[0], BenchQuery { text: "data".into(), tag: None });
        let request = queries[1].request();
        assert_eq!(request.filters, vec![FacetFilter { facet: "tags".into(), values: vec!["union".into()] }]);
        assert_eq!(request.limit, 10);
        assert!(parse_queries(r#"{"queries": [{"tag": "x"}]}"#).is_err());
        assert!(parse_queries("[]").is_err());
    }

    #[test]
    fn percentiles_follow_bench_mjs() {
        let sorted: Vec<f64> = (1..=20).map(f64::from).collect();
        // floor(0.5 * 20) = 10 → the 11th sample; floor(0.95 * 20) = 19 → the 20th.
        assert_eq!(percentile(&sorted, 0.5), Some(11.0));
        assert_eq!(percentile(&sorted, 0.95), Some(20.0));
        assert_eq!(percentile(&[3.0], 0.95), Some(3.0));
        assert_eq!(percentile(&[], 0.5), None);
    }
}
