//! Query plus every facet count, on the real corpus and on generated 10k and 100k boards.
//!
//! `cargo bench -p jobsift-core --bench search` first prints p50/p95 over the ~30
//! representative requests per board (each request's median of repeated runs), then lets
//! criterion measure a few of them in detail. `JOBSIFT_BENCH_SIZES=1k,10k` limits the boards.

use criterion::Criterion;
use std::hint::black_box;
use jobsift_core::search::{FacetFilter, RangeFilter, SearchRequest, SortOrder};
use jobsift_core::{Document, Index, IndexBuilder, Schema};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Texts a visitor types: words, prefixes, typos, phrases, exclusions, nothing.
const TEXTS: [&str; 15] = [
    "",
    "data",
    "analyst",
    "anal",
    "anaylst",
    "data director",
    "\"data director\"",
    "sql python",
    "VAN",
    "organizer -intern",
    "software engineer",
    "communications",
    "remote data manager",
    "fellowship",
    "deputy dir",
];

/// Every text alone, and every text with a tag selection, a salary range and expiry hidden.
fn requests() -> Vec<(String, SearchRequest)> {
    let mut requests = Vec::new();
    for text in TEXTS {
        requests.push((format!("{text:?}"), SearchRequest { text: text.to_owned(), ..SearchRequest::default() }));
        requests.push((
            format!("{text:?}+filters"),
            SearchRequest {
                text: text.to_owned(),
                filters: vec![
                    FacetFilter { facet: "tags".into(), values: vec!["analytics".into(), "data".into(), "engineering".into()] },
                    FacetFilter { facet: "remote".into(), values: vec!["true".into()] },
                ],
                ranges: vec![RangeFilter { facet: "salary".into(), min: Some(50_000.0), max: None, include_unknown: true }],
                hide_expired_on: jobsift_core::Date::from_ymd(2019, 1, 1),
                sort: if text.is_empty() { SortOrder::Salary } else { SortOrder::Relevance },
                ..SearchRequest::default()
            },
        ));
    }
    requests
}

fn index_of(docs: Vec<Document>) -> Index {
    let mut builder = IndexBuilder::new(Schema::default());
    for doc in docs {
        builder.add(doc);
    }
    let bytes = builder.build();
    Index::decode(&bytes).expect("benchmark index decodes")
}

fn boards() -> Vec<(String, Index)> {
    let wanted = std::env::var("JOBSIFT_BENCH_SIZES").unwrap_or_else(|_| "1k,10k,100k".into());
    let mut boards = Vec::new();
    for size in wanted.split(',') {
        let docs = match size {
            "1k" => {
                let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/progressivedatajobs");
                let corpus = if corpus.exists() { corpus } else { PathBuf::from("/work/shared/corpus/progressivedatajobs") };
                match jobsift_indexer::read_posts(&[corpus], &jobsift_indexer::Config::default()) {
                    Ok(outcome) => outcome.documents,
                    Err(error) => {
                        eprintln!("skipping the real corpus: {error}");
                        continue;
                    }
                }
            }
            "10k" => jobsift_synth::documents(10_000, 1),
            "100k" => jobsift_synth::documents(100_000, 1),
            other => {
                eprintln!("unknown board size {other:?} (use 1k, 10k, 100k)");
                continue;
            }
        };
        let started = Instant::now();
        let count = docs.len();
        let index = index_of(docs);
        eprintln!("board {size}: {count} posts indexed and decoded in {:.1} s", started.elapsed().as_secs_f64());
        boards.push((size.to_owned(), index));
    }
    boards
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// p50/p95 over requests of each request's median time.
fn summary(boards: &[(String, Index)]) {
    let requests = requests();
    for (name, index) in boards {
        let mut medians: Vec<Duration> = Vec::new();
        let mut slowest = (Duration::ZERO, String::new());
        for (label, request) in &requests {
            let mut runs: Vec<Duration> = (0..15)
                .map(|_| {
                    let started = Instant::now();
                    black_box(index.search(black_box(request)));
                    started.elapsed()
                })
                .collect();
            runs.sort();
            let median = percentile(&runs, 0.5);
            if median > slowest.0 {
                slowest = (median, label.clone());
            }
            if std::env::var_os("JOBSIFT_BENCH_VERBOSE").is_some() {
                println!("  {name} {label}: {:.3} ms, {} matches", median.as_secs_f64() * 1e3, index.search(request).total);
            }
            medians.push(median);
        }
        medians.sort();
        println!(
            "board {name}: {} requests, query + all facet counts: p50 {:.3} ms, p95 {:.3} ms, slowest {} at {:.3} ms",
            requests.len(),
            percentile(&medians, 0.5).as_secs_f64() * 1e3,
            percentile(&medians, 0.95).as_secs_f64() * 1e3,
            slowest.1,
            slowest.0.as_secs_f64() * 1e3
        );
    }
}

fn main() {
    let boards = boards();
    summary(&boards);
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(20)
        .configure_from_args();
    let requests = requests();
    for (name, index) in &boards {
        let mut group = criterion.benchmark_group(format!("search/{name}"));
        for (label, request) in requests.iter().filter(|(label, _)| {
            ["\"\"", "\"data\"+filters", "\"anaylst\"", "\"deputy dir\"+filters", "\"\\\"data director\\\"\""].contains(&label.as_str())
        }) {
            group.bench_function(label.as_str(), |b| b.iter(|| index.search(black_box(request))));
        }
        group.finish();
    }
    criterion.final_summary();
}
