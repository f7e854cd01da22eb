//! The `jobsift` command: build an index from posts, verify it, query it.

mod bundle;
mod summary;
mod write;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use jobsift_core::schema::FacetKind;
use jobsift_core::search::{FacetFilter, RangeFilter, SearchRequest, SearchResponse, SortOrder};
use jobsift_core::chunks::BlockSizes;
use jobsift_core::compact::BodySpill;
use jobsift_core::{CompactPost, Date, Index};
use jobsift_indexer::Config;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The index file's name inside an output folder.
pub const INDEX_FILE: &str = "jobsift.idx";

#[derive(Parser)]
#[command(name = "jobsift", version, about = "Instant faceted job search for static job boards")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Index posts (Jekyll _posts, CSV, JSON) into OUT_DIR.
    Build {
        /// Folders or files of posts.
        #[arg(required = true, value_name = "POSTS_DIR")]
        posts: Vec<PathBuf>,
        /// Folder to write the index (and widget bundle) into; created if missing.
        #[arg(long, value_name = "OUT_DIR")]
        out: PathBuf,
        /// jobsift.toml (default: ./jobsift.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Fail, writing nothing, if any post has a warning.
        #[arg(long)]
        strict: bool,
        /// Write the index even when no post is found (a board with no jobs yet).
        /// Without it, finding none is an error, so that a wrong or empty folder does
        /// not replace a board's index with an empty one.
        #[arg(long)]
        allow_empty: bool,
        /// One index file, or a core file plus packs of blocks that the widget fetches
        /// as queries need them; `auto` chunks boards above about 1 MiB of post text.
        #[arg(long, value_enum, default_value_t = Layout::Auto)]
        layout: Layout,
    },
    /// Check an index completely; exit 0 only if it is valid.
    Verify {
        /// An output folder or an index file.
        #[arg(value_name = "OUT_DIR or index file")]
        path: PathBuf,
    },
    /// Search an index from the command line.
    Query {
        /// An output folder or an index file.
        #[arg(value_name = "OUT_DIR or index file")]
        path: PathBuf,
        /// Words to search for; quotes for phrases, -word or -"a phrase" to exclude.
        #[arg(allow_hyphen_values = true)]
        text: Option<String>,
        /// FIELD=VALUE; repeat for OR within a field, AND across fields. Number and date
        /// facets take ranges: salary=60000..90000, posted=2020-01-01..
        #[arg(long = "filter", value_name = "FIELD=VALUE")]
        filters: Vec<String>,
        #[arg(long, value_enum, default_value_t = Sort::Relevance)]
        sort: Sort,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Hide posts whose deadline is before this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        hide_expired_on: Option<String>,
        /// Print one JSON object: total, hits, facets.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Layout {
    Auto,
    Single,
    Chunked,
}

/// `--layout auto` writes a chunked index above this many bytes of post text (bodies,
/// titles, summaries). BENCHMARKS.md ("Bytes to first results") has the measurements:
/// at the real corpus's 1,048 posts (2.7 MB of bodies) the chunked layout sends a
/// fraction of the single file's bytes before the first results, while a board of a
/// few hundred short posts is served faster by one request.
const CHUNKED_ABOVE_TEXT_BYTES: usize = 1 << 20;

#[derive(Clone, Copy, ValueEnum)]
enum Sort {
    Relevance,
    Newest,
    Salary,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("jobsift: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build { posts, out, config, strict, allow_empty, layout } => {
            build(&posts, &out, config.as_deref(), BuildChecks { strict, allow_empty }, layout)
        }
        Command::Verify { path } => verify(&path),
        Command::Query { path, text, filters, sort, limit, hide_expired_on, json } => {
            query(&path, text.unwrap_or_default(), &filters, sort, limit, hide_expired_on.as_deref(), json)
        }
    }
}

/// An output folder this build created: removed when the build ends with it still
/// empty (a `--strict` refusal, posts that cannot be read), so a failed build leaves no
/// trace. `remove_dir` refuses a folder with anything in it, so a finished build's
/// folder stays.
struct RemovedIfLeftEmpty<'a>(Option<&'a Path>);

impl Drop for RemovedIfLeftEmpty<'_> {
    fn drop(&mut self) {
        if let Some(folder) = self.0 {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// What makes a build refuse to write: `--strict` and the lack of `--allow-empty`.
struct BuildChecks {
    strict: bool,
    allow_empty: bool,
}

fn build(posts: &[PathBuf], out: &Path, config_path: Option<&Path>, checks: BuildChecks, layout: Layout) -> Result<ExitCode> {
    let started = Instant::now();
    let default_config = Path::new("jobsift.toml");
    let config_path = config_path.or_else(|| default_config.exists().then_some(default_config));
    let config = match config_path {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    let mut builder = config.index_builder().map_err(anyhow::Error::msg)?;

    // Body text waits for the build in a file beside the output rather than in memory
    // (about 2.8 GB at 1M generated posts). Without that file, it waits in memory.
    // Making that file makes the output folder, so a build that fails before writing
    // into it takes the folder away again.
    let _made_here = RemovedIfLeftEmpty((!out.exists()).then_some(out));
    let spill = BodySpill::create_in(out)
        .map_err(|error| eprintln!("note: post text is held in memory (no spill file in {}: {error})", out.display()))
        .ok();
    let progress = summary::ReadBar::new();
    let mut outcome = jobsift_indexer::read_posts_as(posts, &config, &progress, |doc| match &spill {
        Some(spill) => CompactPost::spilled(doc, spill),
        None => CompactPost::new(doc),
    })?;
    progress.finish();
    if let Some(failure) = spill.as_ref().and_then(|spill| spill.failure()) {
        eprintln!("note: the rest of the post text was held in memory ({failure})");
    }
    // The build reads the text back from the spill (a single file's BODY section again
    // as it is written): a body that did not come back means an index without it, which
    // must not replace the earlier one.
    let text_came_back = || match spill.as_ref().and_then(|spill| spill.unreadable()) {
        Some(reason) => Err(std::io::Error::other(format!("post text could not be read back ({reason}); the index was not written"))),
        None => Ok(()),
    };
    let read_time = started.elapsed();

    if checks.strict && !outcome.warnings.is_empty() {
        for warning in &outcome.warnings {
            eprintln!("warning: {warning}");
        }
        bail!("--strict: {} warnings; nothing written", outcome.warnings.len());
    }
    if outcome.documents.is_empty() && !checks.allow_empty {
        for warning in &outcome.warnings {
            eprintln!("warning: {warning}");
        }
        let inputs: Vec<String> = posts.iter().map(|path| path.display().to_string()).collect();
        let tally = summary::FileTally::of(std::mem::take(&mut outcome.files));
        bail!(
            "no posts found in {} (files: {}); nothing written (--allow-empty writes an index without posts)",
            inputs.join(", "),
            tally.line()
        );
    }

    // The posts move into the builder (no copy of any text); the summary keeps only what
    // it reports of them.
    let coverage = summary::coverage(&outcome.documents);
    let files = summary::FileTally::of(std::mem::take(&mut outcome.files));
    let posts = outcome.documents.len();
    let text_bytes: usize = outcome.documents.iter().map(|post| post.body_len() + post.fields().title.len() + post.fields().summary.len()).sum();
    let chunked = match layout {
        Layout::Auto => text_bytes > CHUNKED_ABOVE_TEXT_BYTES,
        Layout::Single => false,
        Layout::Chunked => true,
    };
    builder.add_all_compact(std::mem::take(&mut outcome.documents));
    let index = if chunked {
        // Each pack is written as soon as it is full (before the core that names it), so
        // that a large board's blocks are never all in memory.
        let mut packs = Vec::new();
        let core = builder
            .build_chunked_into(BlockSizes::default(), &mut |pack| {
                write::pack(out, &pack)?;
                let len = pack.len();
                packs.push((pack.name, len));
                Ok(())
            })
            .with_context(|| format!("writing packs into {}", out.display()))?;
        summary::Built::Chunked { core, packs }
    } else {
        summary::Built::Single(builder.build_container())
    };
    text_came_back()?;
    let index_time = started.elapsed() - read_time;
    let index_path = out.join(INDEX_FILE);
    // The summary's compression runs on the cores while the files are written and
    // flushed to disk, which mostly waits.
    let (written, sizes) = std::thread::scope(|scope| {
        let sizes = scope.spawn(|| summary::served_sizes(&index));
        let written = write::index_files(out, &index_path, &index, &text_came_back)
            .with_context(|| format!("writing {}", index_path.display()))
            .map(|()| write_widget_bundle(out));
        (written, sizes.join().expect("compressing in memory does not panic"))
    });
    let bundle = written?;

    let timings = summary::Timings { read: read_time, index: index_time, started };
    summary::print_build(summary::BuildReport {
        files: &files,
        warnings: &outcome.warnings,
        posts,
        coverage: &coverage,
        index: &index,
        sizes,
        index_path: &index_path,
        config: config_path,
        bundle: &bundle,
        timings,
    });
    Ok(ExitCode::SUCCESS)
}

/// The widget files beside the index, when this binary carries them.
fn write_widget_bundle(out: &Path) -> Result<Vec<String>, String> {
    bundle::write_bundle(out).map_err(|e| e.to_string())
}

fn index_path(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join(INDEX_FILE)
    } else {
        path.to_owned()
    }
}

/// Reads an index file (for a chunked one, its core), and the folder its packs are in.
fn load(path: &Path) -> Result<(Index, PathBuf)> {
    let path = index_path(path);
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let index = Index::decode(&bytes).with_context(|| format!("{} is not a valid index", path.display()))?;
    Ok((index, pack_folder(&path)))
}

/// Where the packs of the index file at `path` are: beside it.
fn pack_folder(path: &Path) -> PathBuf {
    path.parent().unwrap_or(Path::new(".")).to_owned()
}

/// Answers `request`, reading from the packs in `folder` only the blocks of a chunked
/// index that the answer needs, as the widget fetches them: a query of a million-post
/// board reads a few megabytes, not every pack (37 s when it read them all).
fn search_reading_blocks(index: &Index, folder: &Path, request: &SearchRequest) -> Result<SearchResponse> {
    loop {
        let response = index.search(request);
        if response.pending.is_empty() {
            return Ok(response);
        }
        let mut attached_any = false;
        for &block in &response.pending {
            let at = index.block_location(block).with_context(|| format!("the index has no {} block {}", block.kind.name(), block.number))?;
            let pack_path = folder.join(at.pack);
            let read = || -> std::io::Result<Vec<u8>> {
                let mut file = std::fs::File::open(&pack_path)?;
                file.seek(SeekFrom::Start(at.offset))?;
                let mut bytes = vec![0; at.length as usize];
                file.read_exact(&mut bytes)?;
                Ok(bytes)
            };
            let bytes = read().with_context(|| format!("reading {} block {} from {}", block.kind.name(), block.number, pack_path.display()))?;
            attached_any |= index.attach_compressed(block, &bytes).with_context(|| format!("{} is not a valid pack", pack_path.display()))?;
        }
        if !attached_any {
            bail!("the index still lacks blocks after reading them: {:?}", response.pending);
        }
    }
}

fn verify(path: &Path) -> Result<ExitCode> {
    let file = index_path(path);
    let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let folder = pack_folder(&file);
    let mut read_pack = |name: &str| {
        std::fs::read(folder.join(name)).map_err(|error| jobsift_core::FormatError::Inconsistent { section: format!("pack {name}"), reason: format!("cannot be read: {error}") })
    };
    match jobsift_core::index::verify_with_packs(&bytes, &mut read_pack) {
        Ok(report) => {
            println!("{}: valid jobsift index, format version {}", file.display(), report.format_version);
            println!("  posts: {}", report.doc_count);
            println!("  facets: {}", report.facets.join(", "));
            let mut total = bytes.len();
            for (section, size) in &report.sections {
                if jobsift_core::chunks::is_pack_name(section) {
                    println!("  pack {section} {size:>10} bytes");
                    total += size;
                } else {
                    println!("  section {section:<4} {size:>10} bytes");
                }
            }
            println!("  total {total:>15} bytes");
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("{}: INVALID: {error}", file.display());
            Ok(ExitCode::FAILURE)
        }
    }
}

fn query(
    path: &Path,
    text: String,
    filter_args: &[String],
    sort: Sort,
    limit: usize,
    hide_expired_on: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let (index, folder) = load(path)?;
    let mut request = SearchRequest {
        text,
        sort: match sort {
            Sort::Relevance => SortOrder::Relevance,
            Sort::Newest => SortOrder::Newest,
            Sort::Salary => SortOrder::Salary,
        },
        limit,
        ..SearchRequest::default()
    };
    if let Some(day) = hide_expired_on {
        request.hide_expired_on = Some(Date::parse_iso(day).with_context(|| format!("--hide-expired-on {day}: expected YYYY-MM-DD"))?);
    }
    for arg in filter_args {
        let (facet, value) = arg.split_once('=').with_context(|| format!("--filter {arg}: expected FIELD=VALUE"))?;
        let Some(spec) = index.schema().facet(facet) else {
            let names: Vec<&str> = index.schema().facets.iter().map(|f| f.name.as_str()).collect();
            bail!("--filter {arg}: no facet `{facet}`; this index has: {}", names.join(", "));
        };
        match spec.kind {
            FacetKind::Number | FacetKind::Date => request.ranges.push(parse_range(facet, value, spec.kind)?),
            FacetKind::Keyword | FacetKind::List | FacetKind::Bool => {
                match request.filters.iter_mut().find(|f| f.facet == facet) {
                    Some(existing) => existing.values.push(value.to_owned()),
                    None => request.filters.push(FacetFilter { facet: facet.to_owned(), values: vec![value.to_owned()] }),
                }
            }
        }
    }
    let response = search_reading_blocks(&index, &folder, &request)?;
    let text = if json {
        format!("{}\n", summary::response_json(&index, &response))
    } else {
        summary::response_text(&index, &request, &response)
    };
    // Output piped into `head` may be closed early: that is the end of it, not an error.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error).context("writing the results"),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// `min..max`, either end optional; dates as YYYY-MM-DD.
fn parse_range(facet: &str, value: &str, kind: FacetKind) -> Result<RangeFilter> {
    let parse_end = |end: &str| -> Result<Option<f64>> {
        let end = end.trim();
        if end.is_empty() {
            return Ok(None);
        }
        let number = match kind {
            FacetKind::Date => Date::parse_iso(end).map(|d| d.0 as f64),
            _ => end.replace([',', '_'], "").parse::<f64>().ok().filter(|n| n.is_finite()),
        };
        number.map(Some).with_context(|| format!("--filter {facet}={value}: `{end}` is not a {}", if kind == FacetKind::Date { "date (YYYY-MM-DD)" } else { "number" }))
    };
    let (min, max) = match value.split_once("..") {
        Some((lo, hi)) => (parse_end(lo)?, parse_end(hi)?),
        None => {
            let exact = parse_end(value)?;
            (exact, exact)
        }
    };
    Ok(RangeFilter { facet: facet.to_owned(), min, max, include_unknown: false })
}
