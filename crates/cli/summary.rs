//! What the CLI prints: the build summary, the progress bar and query results.

use indicatif::{ProgressBar, ProgressStyle};
use jobsift_core::format::{tag_name, ContainerWriter};
use jobsift_core::search::{SearchRequest, SearchResponse};
use jobsift_core::{CompactPost, Document, Index};
use jobsift_indexer::{FileReport, FileStatus, Warning};
use serde_json::{json, Map, Value};
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Builds with fewer files than this finish before a bar would be worth drawing.
const PROGRESS_MIN_FILES: usize = 2_000;
/// Warnings listed one by one; the rest are counted.
const WARNINGS_LISTED: usize = 40;

/// The bar over the files being read, drawn once the walk has found enough of them.
pub struct ReadBar(ProgressBar);

impl ReadBar {
    pub fn new() -> ReadBar {
        ReadBar(ProgressBar::hidden())
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl jobsift_indexer::ReadProgress for ReadBar {
    fn files_found(&self, count: usize) {
        if count < PROGRESS_MIN_FILES {
            return;
        }
        self.0.set_length(count as u64);
        self.0.set_style(
            ProgressStyle::with_template("{spinner} reading posts {bar:40} {pos}/{len} ({per_sec}, {eta} left)")
                .expect("static template is valid"),
        );
        self.0.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    }

    fn file_read(&self) {
        self.0.inc(1);
    }
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

/// Above this, the summary reports raw sizes only: compressing tens of megabytes for a
/// report took as long as the build itself (38 MB, 10k posts: 2.5 s of a 5 s build);
/// `jobsift-bench build` measures them.
const REPORT_COMPRESSION_MAX_BYTES: usize = 16 << 20;

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

/// The compressed length of the `len` bytes that `write` writes.
fn compressed_len(write: impl Fn(&mut dyn Write) -> std::io::Result<()>, len: usize, compression: Compression) -> usize {
    match compression {
        Compression::Gzip => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            // Fed in large pieces, as a one-shot compression of the file is: deflate's
            // block choices depend on how much input it sees at once.
            let mut buffered = std::io::BufWriter::with_capacity(1 << 20, &mut gz);
            write(&mut buffered).and_then(|()| buffered.flush()).expect("writing to memory");
            drop(buffered);
            gz.finish().expect("writing to memory").len()
        }
        Compression::Brotli => {
            let mut out = Vec::new();
            {
                // The size up front, as a one-shot compression of the file would know it:
                // brotli picks its match finder by it, and written in pieces it would
                // guess from the first piece alone.
                let params = brotli::enc::BrotliEncoderParams {
                    quality: REPORT_BROTLI_QUALITY as i32,
                    lgwin: 22,
                    size_hint: len,
                    ..Default::default()
                };
                let mut writer = brotli::CompressorWriter::with_params(&mut out, 1 << 16, &params);
                write(&mut writer).expect("writing to memory");
            }
            out.len()
        }
    }
}

/// What `jobsift build` wrote: one file, or a chunked index's core and packs.
pub enum Built {
    Single(ContainerWriter),
    /// The core file, and the packs already written: their names and lengths.
    Chunked { core: Vec<u8>, packs: Vec<(String, usize)> },
}

impl Built {
    /// The bytes of the file every visitor loads first (the whole index, or the core).
    fn first_file_len(&self) -> usize {
        match self {
            Built::Single(index) => index.len(),
            Built::Chunked { core, .. } => core.len(),
        }
    }

    fn write_first_file(&self, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Built::Single(index) => index.write_to(out),
            Built::Chunked { core, .. } => out.write_all(core),
        }
    }
}

/// The sizes of the file every visitor loads first as served, gzip and brotli on two
/// cores at once; `None` above [`REPORT_COMPRESSION_MAX_BYTES`]. (A chunked index's
/// packs hold blocks compressed at build time.)
pub fn served_sizes(index: &Built) -> Option<Sizes> {
    let len = index.first_file_len();
    (len <= REPORT_COMPRESSION_MAX_BYTES).then(|| {
        let whole = |out: &mut dyn Write| index.write_first_file(out);
        let (gzip, brotli) =
            rayon::join(|| compressed_len(whole, len, Compression::Gzip), || compressed_len(whole, len, Compression::Brotli));
        Sizes { raw: len, gzip, brotli }
    })
}

pub fn coverage(posts: &[CompactPost]) -> Vec<(&'static str, usize)> {
    let count = |f: &dyn Fn(&Document) -> bool| posts.iter().filter(|post| f(post.fields())).count();
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

/// Everything `jobsift build` reports once it has written the index.
pub struct BuildReport<'a> {
    pub files: &'a FileTally,
    pub warnings: &'a [Warning],
    pub posts: usize,
    pub coverage: &'a [(&'static str, usize)],
    pub index: &'a Built,
    pub sizes: Option<Sizes>,
    pub index_path: &'a Path,
    pub config: Option<&'a Path>,
    pub bundle: &'a Result<Vec<String>, String>,
    pub timings: Timings,
}

/// What the report says of the files read: how many of each kind, and the skipped ones.
/// Tallied before the index is built, so that a large board's list of paths (1M of
/// them) is not held through the build.
pub struct FileTally {
    found: usize,
    indexed: usize,
    not_posts: usize,
    unpublished: usize,
    skipped: Vec<FileReport>,
}

impl FileTally {
    pub fn of(files: Vec<FileReport>) -> FileTally {
        let found = files.len();
        let indexed = files.iter().filter(|f| matches!(f.status, FileStatus::Indexed { .. })).count();
        let not_posts = files.iter().filter(|f| f.status == FileStatus::NotAPost).count();
        let unpublished = files.iter().filter(|f| f.status == FileStatus::Unpublished).count();
        let skipped = files.into_iter().filter(|f| matches!(f.status, FileStatus::Skipped { .. })).collect();
        FileTally { found, indexed, not_posts, unpublished, skipped }
    }

    /// "3 found = 0 indexed + 1 skipped + 2 not posts" (+ "N unpublished" when any).
    pub fn line(&self) -> String {
        let unpublished = match self.unpublished {
            0 => String::new(),
            count => format!(" + {count} unpublished"),
        };
        format!(
            "{} found = {} indexed + {} skipped + {} not posts{unpublished}",
            self.found,
            self.indexed,
            self.skipped.len(),
            self.not_posts
        )
    }
}

pub fn print_build(report: BuildReport) {
    let BuildReport { files, warnings, posts, coverage, index, sizes, index_path, config, bundle, timings } = report;
    if !warnings.is_empty() {
        eprintln!("{} warnings:", warnings.len());
        for warning in warnings.iter().take(WARNINGS_LISTED) {
            eprintln!("  warning: {warning}");
        }
        if warnings.len() > WARNINGS_LISTED {
            eprintln!("  … and {} more (use --strict to fail on any)", warnings.len() - WARNINGS_LISTED);
        }
    }
    println!("jobsift build: {posts} posts indexed into {}", index_path.display());
    if let Some(config) = config {
        println!("  config: {}", config.display());
    }
    println!("  files: {}", files.line());
    for file in &files.skipped {
        if let FileStatus::Skipped { reason } = &file.status {
            println!("    skipped {}: {reason}", file.path.display());
        }
    }
    println!("  coverage:");
    for (field, count) in coverage {
        let percent = if posts == 0 { 0.0 } else { 100.0 * *count as f64 / posts as f64 };
        println!("    {field:<16} {count:>7} of {posts} ({percent:.0}%)");
    }
    print_sizes(index, sizes, posts);
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

fn print_sizes(index: &Built, served: Option<Sizes>, posts: usize) {
    let per_post = |n: usize| n.checked_div(posts).unwrap_or(0);
    let quality = REPORT_BROTLI_QUALITY;
    let what = match index {
        Built::Single(_) => "index bytes (one file)",
        Built::Chunked { .. } => "core file bytes (always loaded)",
    };
    if let Some(sizes) = served {
        println!(
            "  {what}: {} raw, {} gzip -6, {} brotli -{quality} ({} brotli bytes per post)",
            sizes.raw,
            sizes.gzip,
            sizes.brotli,
            per_post(sizes.brotli)
        );
    } else {
        println!("  {what}: {} raw (compressed sizes not computed above {} MiB)", index.first_file_len(), REPORT_COMPRESSION_MAX_BYTES >> 20);
    }
    match index {
        Built::Single(index) => {
            // What a reader that fetches the body text lazily would load first; its compressed
            // sizes are in `jobsift-bench build` (compressing twice would double the report's cost).
            let sizes = index.section_sizes();
            let without_body: usize = sizes.iter().filter(|(tag, _)| tag != b"BODY").map(|(_, len)| len).sum();
            println!("  without body text: {without_body} raw ({} bytes per post)", per_post(without_body));
            for (tag, len) in &sizes {
                println!("    section {:<4} {:>10} bytes", tag_name(tag), len);
            }
        }
        Built::Chunked { packs, .. } => {
            let packed: usize = packs.iter().map(|(_, len)| len).sum();
            println!("  chunked: {} packs, {packed} bytes of compressed blocks, fetched by range as queries need them", packs.len());
        }
    }
}

fn hit_json(index: &Index, response: &SearchResponse) -> Vec<Value> {
    response
        .hits
        .iter()
        .filter_map(|hit| {
            let doc = index.doc(hit.doc)?;
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

/// Query results as text for a terminal: the count, the page of hits, the top facet values.
pub fn response_text(index: &Index, request: &SearchRequest, response: &SearchResponse) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} posts match{}", response.total, if request.text.is_empty() { String::new() } else { format!(" \"{}\"", request.text) });
    for (rank, hit) in response.hits.iter().enumerate() {
        let Some(doc) = index.doc(hit.doc) else { continue };
        let date = doc.date.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(out, "{:>3}. {}  [{date}]", rank + 1 + request.offset, doc.title);
        let mut facts = Vec::new();
        if let Some(location) = doc.location_besides_remote() {
            facts.push(location.to_owned());
        }
        if doc.remote {
            facts.push("Remote".into());
        }
        if let Some(kind) = doc.employment_type {
            facts.push(kind.label().into());
        }
        if let Some(salary) = &doc.salary {
            facts.push(format!("{} a year", salary.range_text()));
        }
        if !doc.tags.is_empty() {
            facts.push(doc.tags.join(", "));
        }
        if !facts.is_empty() {
            let _ = writeln!(out, "     {}", facts.join(" · "));
        }
        let _ = writeln!(out, "     {}", doc.url);
    }
    for facet in response.facets.iter().filter(|f| !f.values.is_empty()) {
        let top: Vec<String> = facet.values.iter().take(8).map(|v| format!("{} ({})", v.value, v.count)).collect();
        let _ = writeln!(out, "{}: {}", facet.facet, top.join(", "));
    }
    out
}
