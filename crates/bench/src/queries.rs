//! `jobsift-bench queries`: query + facet-count latency of the native engine on the
//! queries of `bench/peers/queries.json`, as one JSON line in the shape of the JavaScript
//! peers' (`bench/peers/bench.mjs`), so `bench/peers/table.mjs` shows jobsift beside them.
//! The loop itself lives in `jobsift-bench-wasm`, which the browser run uses too.

use anyhow::{Context, Result};
use jobsift_bench_wasm::{measure, parse_queries, post_count, require_whole_index, result_json};
use jobsift_core::Index;
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

/// Library name in the result line (and the table).
pub const LIBRARY: &str = "jobsift-native";

/// Decodes the index file and times the queries file's queries over `rounds` rounds.
pub fn run_files(index_path: &Path, queries_path: &Path, rounds: u32) -> Result<Value> {
    let bytes = std::fs::read(index_path).with_context(|| format!("reading {}", index_path.display()))?;
    let queries_json =
        std::fs::read_to_string(queries_path).with_context(|| format!("reading {}", queries_path.display()))?;
    run(&bytes, &queries_json, rounds)
}

/// The work of `jobsift-bench queries` on bytes already read: decode (timed), then the
/// warm-up pass and the timed rounds.
pub fn run(index_bytes: &[u8], queries_json: &str, rounds: u32) -> Result<Value> {
    let queries = parse_queries(queries_json).map_err(anyhow::Error::msg)?;
    let decode_start = Instant::now();
    let index = Index::decode(index_bytes).context("not a valid jobsift index")?;
    let decode_ms = decode_start.elapsed().as_secs_f64() * 1e3;
    require_whole_index(&index).map_err(anyhow::Error::msg)?;
    // One origin for the whole run: each reading is the milliseconds since it.
    let origin = Instant::now();
    let measurement = measure(&index, &queries, rounds, || origin.elapsed().as_secs_f64() * 1e3);
    Ok(result_json(LIBRARY, post_count(&index), index_bytes.len(), decode_ms, rounds, &measurement))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobsift_core::search::{FacetFilter, SearchRequest};
    use jobsift_core::IndexBuilder;
    use std::path::PathBuf;

    fn corpus_posts() -> PathBuf {
        let corpus = std::env::var_os("JOBSIFT_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
        let posts = corpus.join("progressivedatajobs");
        assert!(posts.is_dir(), "corpus not found at {} (set JOBSIFT_CORPUS)", corpus.display());
        posts
    }

    /// An index of every tenth real post (about a hundred): small enough to build in a
    /// moment, large enough that most benchmark queries match something.
    fn small_real_index() -> Vec<u8> {
        small_real_builder().build()
    }

    fn small_real_builder() -> IndexBuilder {
        let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_posts()).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let sample: Vec<PathBuf> = files.into_iter().step_by(10).collect();
        let config = jobsift_indexer::Config::default();
        let outcome = jobsift_indexer::read_posts(&sample, &config).unwrap();
        let mut builder = IndexBuilder::new(config.schema().unwrap());
        for doc in outcome.documents {
            builder.add(doc);
        }
        builder
    }

    #[test]
    fn a_chunked_core_is_refused_rather_than_timed_without_its_postings() {
        let queries_json =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/peers/queries.json")).unwrap();
        let chunked = small_real_builder().build_chunked(jobsift_core::chunks::BlockSizes::default());
        let error = run(&chunked.core, &queries_json, 1).unwrap_err();
        assert!(error.to_string().contains("--layout single"), "{error}");
    }

    fn tag_counts(index: &Index, request: &SearchRequest) -> Vec<Value> {
        let response = index.search(request);
        let tags = response.facets.iter().find(|f| f.facet == "tags").expect("the schema has tags");
        tags.values.iter().map(|c| serde_json::json!([c.value, c.count])).collect()
    }

    #[test]
    fn queries_report_the_engines_totals_and_tag_counts() {
        let bytes = small_real_index();
        let queries_json =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/peers/queries.json")).unwrap();
        let line = run(&bytes, &queries_json, 1).unwrap();
        let index = Index::decode(&bytes).unwrap();
        let queries = parse_queries(&queries_json).unwrap();

        assert_eq!(line["library"], LIBRARY);
        assert_eq!(line["posts"], index.docs.len());
        assert_eq!(line["queries"], queries.len());
        assert_eq!(line["timed_samples"], queries.len());
        assert_eq!(line["complete"], true);
        assert!(line["p50_ms"].as_f64().unwrap() <= line["p95_ms"].as_f64().unwrap());

        let mut filtered_queries_with_hits = 0;
        for (i, query) in queries.iter().enumerate() {
            let text_only = SearchRequest { text: query.text.clone(), ..SearchRequest::default() };
            let request = SearchRequest {
                filters: query.tag.iter().map(|tag| FacetFilter { facet: "tags".into(), values: vec![tag.clone()] }).collect(),
                ..text_only.clone()
            };
            let expected_total = index.search(&request).total;
            let expected_tags = tag_counts(&index, &request);
            assert_eq!(line["totals"][i], expected_total, "total of query {i} {query:?}");
            assert_eq!(line["tag_counts"][i].as_array().unwrap(), &expected_tags, "tag counts of query {i} {query:?}");
            if let Some(tag) = &query.tag {
                // Tag counts are disjunctive: the tag filter leaves them as the text alone
                // gives them (the selected tag is listed even when no post has it)…
                let unfiltered = tag_counts(&index, &text_only);
                let nonzero: Vec<Value> = expected_tags.iter().filter(|c| c[1] != 0).cloned().collect();
                assert_eq!(nonzero, unfiltered, "query {i} {query:?}");
                // …and with one tag selected, the total is that tag's count.
                let tag_count = unfiltered.iter().find(|c| c[0] == tag.as_str()).map_or(0, |c| c[1].as_u64().unwrap());
                assert_eq!(expected_total as u64, tag_count, "query {i} {query:?}");
                filtered_queries_with_hits += usize::from(expected_total > 0);
            }
        }
        assert!(filtered_queries_with_hits >= 3, "too few filtered queries match in the sample to check anything");
    }
}
