//! What the CLI prints: the build summary, the progress bar and query results.

use indicatif::{ProgressBar, ProgressStyle};
use jobsift_core::format::Container;
use jobsift_core::search::{SearchRequest, SearchResponse};
use jobsift_core::{Document, Index};
use jobsift_indexer::{FileStatus, ReadOutcome};
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::Path;
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// Builds with fewer files than this finish before a bar would be worth drawing.
const PROGRESS_MIN_FILES: usize = 2_000;
/// Warnings listed one by one; the rest are counted.
const WARNINGS_LISTED: usize = 40;

pub fn progress_bar(files: usize) -> ProgressBar {
    if files < PROGRESS_MIN_FILES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} reading posts {bar:40} {pos}/{len} ({per_sec}, {eta} left)")
            .expect("static template is valid"),
    );
    bar
}

pub struct Timings {
    pub read: Duration,
    pub index: Duration,
    /// When the build began: the summary's own work (compression) counts in the total.
    pub started: Instant,
}

/// Brotli quality for the size report: 4, what CDNs commonly use when they compress on
/// the fly. Quality 11 (what a static host precompresses with) costs seconds per
/// megabyte, several times the build itself; BENCHMARKS.md has quality-11 figures.
const REPORT_BROTLI_QUALITY: u32 = 4;

/// Above this, the summary reports raw sizes only: compressing hundreds of megabytes
/// for a report would take longer than the build (`jobsift-bench` measures them).
const REPORT_COMPRESSION_MAX_BYTES: usize = 64 << 20;

/// Sizes as a CDN would serve them.
#[derive(Clone, Copy)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

#[derive(Clone, Copy)]
enum Compression {
    Gzip,
    Brotli,
}

fn compressed_len(bytes: &[u8], compression: Compression) -> usize {
    match compression {
        Compression::Gzip => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(bytes).expect("writing to memory");
            gz.finish().expect("writing to memory").len()
        }
        Compression::Brotli => {
            let mut out = Vec::new();
            {
                let mut writer = brotli::CompressorWriter::new(&mut out, 4096, REPORT_BROTLI_QUALITY, 22);
                writer.write_all(bytes).expect("writing to memory");
            }
            out.len()
        }
    }
}

/// The sizes of each of `files`, all compressions of all files at once on the
/// available cores.
fn sizes_of(files: &[&[u8]]) -> Vec<Sizes> {
    let jobs: Vec<(usize, Compression)> =
        (0..files.len()).flat_map(|i| [(i, Compression::Gzip), (i, Compression::Brotli)]).collect();
    let lengths: Vec<usize> = jobs.par_iter().map(|&(i, compression)| compressed_len(files[i], compression)).collect();
    files.iter().enumerate().map(|(i, bytes)| Sizes { raw: bytes.len(), gzip: lengths[2 * i], brotli: lengths[2 * i + 1] }).collect()
}

pub fn coverage(docs: &[Document]) -> Vec<(&'static str, usize)> {
    let count = |f: &dyn Fn(&Document) -> bool| docs.iter().filter(|d| f(d)).count();
    vec![
        ("date", count(&|d| d.date.is_some())),
        ("organisation", count(&|d| d.organisation.is_some())),
        ("tags", count(&|d| !d.tags.is_empty())),
        ("salary", count(&|d| d.salary.is_some())),
        ("location", count(&|d| d.location.is_some())),
        ("remote", count(&|d| d.remote)),
        ("employment type", count(&|d| d.employment_type.is_some())),
        ("deadline", count(&|d| d.deadline.is_some())),
        ("apply link", count(&|d| d.apply_url.is_some())),
    ]
}

pub fn print_build(
    outcome: &ReadOutcome,
    posts: usize,
    coverage: &[(&'static str, usize)],
    index: &[u8],
    index_path: &Path,
    config: Option<&Path>,
    bundle: &Result<Vec<String>, String>,
    timings: Timings,
) {
    let files = &outcome.files;
    let indexed_files = files.iter().filter(|f| matches!(f.status, FileStatus::Indexed { .. })).count();
    let skipped: Vec<_> = files.iter().filter(|f| matches!(f.status, FileStatus::Skipped { .. })).collect();
    let not_posts = files.iter().filter(|f| f.status == FileStatus::NotAPost).count();

    if !outcome.warnings.is_empty() {
        eprintln!("{} warnings:", outcome.warnings.len());
        for warning in outcome.warnings.iter().take(WARNINGS_LISTED) {
            eprintln!("  warning: {warning}");
        }
        if outcome.warnings.len() > WARNINGS_LISTED {
            eprintln!("  … and {} more (use --strict to fail on any)", outcome.warnings.len() - WARNINGS_LISTED);
        }
    }
    println!("jobsift build: {posts} posts indexed into {}", index_path.display());
    if let Some(config) = config {
        println!("  config: {}", config.display());
    }
    println!(
        "  files: {} found = {indexed_files} indexed + {} skipped + {not_posts} not posts",
        files.len(),
        skipped.len()
    );
    for file in &skipped {
        if let FileStatus::Skipped { reason } = &file.status {
            println!("    skipped {}: {reason}", file.path.display());
        }
    }
    println!("  coverage:");
    for (field, count) in coverage {
        let percent = if posts == 0 { 0.0 } else { 100.0 * *count as f64 / posts as f64 };
        println!("    {field:<16} {count:>7} of {posts} ({percent:.0}%)");
    }
    print_sizes(index, posts);
    match bundle {
        Ok(names) => println!("  widget: {}", names.join(", ")),
        Err(reason) => println!("  widget: not written ({reason})"),
    }
    println!(
        "  time: {:.2} s to index (reading posts {:.2} s, building the index {:.2} s), {:.2} s in all",
        (timings.read + timings.index).as_secs_f64(),
        timings.read.as_secs_f64(),
        timings.index.as_secs_f64(),
        timings.started.elapsed().as_secs_f64()
    );
}

fn print_sizes(index: &[u8], posts: usize) {
    let Ok(container) = Container::open(index) else { return };
    let per_post = |n: usize| n.checked_div(posts).unwrap_or(0);
    // What a reader that fetches the body text lazily would load first.
    let without_body: Vec<u8> = container
        .tags()
        .filter(|tag| tag != b"BODY")
        .filter_map(|tag| container.section(tag).ok().flatten())
        .flatten()
        .copied()
        .collect();
    let quality = REPORT_BROTLI_QUALITY;
    if index.len() <= REPORT_COMPRESSION_MAX_BYTES {
        let [whole, lean] = sizes_of(&[index, &without_body])[..] else { unreachable!("two files in, two sizes out") };
        println!("  index bytes: {} raw, {} gzip -6, {} brotli -{quality}", whole.raw, whole.gzip, whole.brotli);
        println!(
            "  without body text: {} raw, {} gzip -6, {} brotli -{quality} ({} brotli bytes per post)",
            lean.raw, lean.gzip, lean.brotli, per_post(lean.brotli)
        );
    } else {
        println!("  index bytes: {} raw (compressed sizes not computed above {} MiB)", index.len(), REPORT_COMPRESSION_MAX_BYTES >> 20);
        println!("  without body text: {} raw ({} bytes per post)", without_body.len(), per_post(without_body.len()));
    }
    for (section, size) in container.section_sizes() {
        println!("    section {section:<4} {size:>10} bytes");
    }
}

fn hit_json(index: &Index, response: &SearchResponse) -> Vec<Value> {
    response
        .hits
        .iter()
        .filter_map(|hit| {
            let doc = index.docs.get(hit.doc as usize)?;
            Some(json!({
                "title": doc.title,
                "org": doc.organisation,
                "url": doc.url,
                "date": doc.date.map(|d| d.to_string()),
                "salary_min": doc.salary.as_ref().map(|s| s.min),
                "salary_max": doc.salary.as_ref().map(|s| s.max),
                "salary_text": doc.salary.as_ref().map(|s| s.text.clone()),
                "remote": doc.remote,
                "tags": doc.tags,
                "location": doc.location,
                "type": doc.employment_type.map(|t| t.as_str()),
                "deadline": doc.deadline.map(|d| d.to_string()),
                "apply_url": doc.apply_url,
                "score": hit.score,
                "snippet": hit.snippet.as_ref().map(|s| s.text.clone()),
            }))
        })
        .collect()
}

pub fn response_json(index: &Index, response: &SearchResponse) -> Value {
    let mut facets = Map::new();
    let mut ranges = Map::new();
    for facet in &response.facets {
        let values: Vec<Value> = facet.values.iter().map(|v| json!({"value": v.value, "count": v.count})).collect();
        facets.insert(facet.facet.clone(), Value::Array(values));
        if let Some(histogram) = &facet.histogram {
            ranges.insert(
                facet.facet.clone(),
                json!({"min": facet.min, "max": facet.max, "unknown": facet.unknown,
                       "bucket_edges": histogram.bucket_edges, "counts": histogram.counts}),
            );
        }
    }
    json!({
        "total": response.total,
        "hits": hit_json(index, response),
        "facets": facets,
        "ranges": ranges,
    })
}

pub fn print_response(index: &Index, request: &SearchRequest, response: &SearchResponse) {
    println!("{} posts match{}", response.total, if request.text.is_empty() { String::new() } else { format!(" \"{}\"", request.text) });
    for (rank, hit) in response.hits.iter().enumerate() {
        let Some(doc) = index.docs.get(hit.doc as usize) else { continue };
        let date = doc.date.map(|d| d.to_string()).unwrap_or_default();
        println!("{:>3}. {}  [{date}]", rank + 1 + request.offset, doc.title);
        let mut facts = Vec::new();
        if let Some(location) = &doc.location {
            facts.push(location.clone());
        }
        if doc.remote {
            facts.push("remote".into());
        }
        if let Some(salary) = &doc.salary {
            facts.push(format!("${}–${}/year", salary.min, salary.max));
        }
        if !doc.tags.is_empty() {
            facts.push(doc.tags.join(", "));
        }
        if !facts.is_empty() {
            println!("     {}", facts.join(" · "));
        }
        println!("     {}", doc.url);
    }
    for facet in response.facets.iter().filter(|f| !f.values.is_empty()) {
        let top: Vec<String> = facet.values.iter().take(8).map(|v| format!("{} ({})", v.value, v.count)).collect();
        println!("{}: {}", facet.facet, top.join(", "));
    }
}
