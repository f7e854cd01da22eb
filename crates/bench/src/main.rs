//! `jobsift-bench`: measures `jobsift build` on the real corpus and on generated posts, and
//! exports posts as JSON for the JavaScript peers in `bench/peers/`.
//!
//! ```text
//! cargo build --release            # the jobsift binary under test
//! cargo run --release -p jobsift-bench -- build --sizes real,10k,100k
//! cargo run --release -p jobsift-bench -- export-json --size 10k --out posts-10k.json
//! cargo run --release -p jobsift-bench -- queries --index site/jobsift.idx --queries bench/peers/queries.json
//! ```
//! Generated posts are cached in `target/synth/<size>-<seed>/` and reused.

mod measure;
mod queries;
mod sizes;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use jobsift_core::Document;
use sizes::{Corpus, Size};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

const DEFAULT_CORPUS: &str = "/work/shared/corpus/progressivedatajobs";

#[derive(Parser)]
#[command(name = "jobsift-bench", about = "Benchmarks of jobsift builds; prints markdown tables")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Seed of the generated posts.
    #[arg(long, global = true, default_value_t = 1)]
    seed: u64,
    /// The real corpus that the size `real` names.
    #[arg(long, global = true, default_value = DEFAULT_CORPUS)]
    corpus: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Runs `jobsift build` on each size and prints time, peak memory and index bytes.
    Build {
        /// Comma-separated: real, or a post count such as 10k, 100k, 1m, 2500.
        #[arg(long, default_value = "real,10k,100k", value_delimiter = ',')]
        sizes: Vec<Size>,
        /// Builds per size; the table shows the median time and the largest peak memory.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// The jobsift binary to measure (default: target/release/jobsift).
        #[arg(long)]
        jobsift: Option<PathBuf>,
    },
    /// Writes the posts of one size as a JSON array of the fields jobsift indexes, read from
    /// the posts by jobsift's own indexer, for the JavaScript peers.
    ExportJson {
        #[arg(long)]
        size: Size,
        #[arg(long)]
        out: PathBuf,
    },
    /// Times the queries of a queries file (bench/peers/queries.json) on an index: one
    /// warm-up pass, then timed rounds; prints one JSON line like bench/peers/bench.mjs.
    Queries {
        /// The index file (jobsift.idx).
        #[arg(long)]
        index: PathBuf,
        #[arg(long)]
        queries: PathBuf,
        #[arg(long, default_value_t = 5)]
        rounds: u32,
    },
    /// Writes generated posts into a folder (the bench cache, or --out).
    Generate {
        #[arg(long)]
        size: Size,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let target = target_dir();
    let corpus = Corpus { real: cli.corpus.clone(), cache: target.join("synth"), seed: cli.seed };
    match cli.command {
        Command::Build { sizes, runs, jobsift } => {
            let jobsift = jobsift.unwrap_or_else(|| target.join("release").join("jobsift"));
            if !jobsift.is_file() {
                bail!("no jobsift binary at {} (run `cargo build --release` first)", jobsift.display());
            }
            if runs == 0 {
                bail!("--runs must be at least 1");
            }
            let mut rows = Vec::new();
            for size in &sizes {
                let posts = corpus.posts_dir(*size)?;
                eprintln!("measuring {size} ({})", posts.display());
                rows.push(measure::build(&jobsift, *size, &posts, runs)?);
            }
            print!("{}", measure::table(&rows));
        }
        Command::ExportJson { size, out } => {
            let posts = corpus.posts_dir(size)?;
            let outcome = jobsift_indexer::read_posts(std::slice::from_ref(&posts), &jobsift_indexer::Config::default())
                .with_context(|| format!("reading posts in {}", posts.display()))?;
            write_json(&outcome.documents, &out)?;
            eprintln!("wrote {} posts to {}", outcome.documents.len(), out.display());
        }
        Command::Queries { index, queries, rounds } => {
            println!("{}", queries::run_files(&index, &queries, rounds)?);
        }
        Command::Generate { size, out } => {
            let dir = match (size, out) {
                (Size::Real, _) => bail!("`real` is the corpus itself; give a post count"),
                (Size::Posts(count), Some(out)) => {
                    jobsift_synth::write_posts(&out, count, cli.seed)?;
                    out
                }
                (size, None) => corpus.posts_dir(size)?,
            };
            println!("{}", dir.display());
        }
    }
    Ok(())
}

/// The workspace's target folder: `CARGO_TARGET_DIR` when set, else `<workspace>/target`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..").join("target"))
}

/// One JSON object per post with the fields every engine in the comparison indexes.
fn post_json(id: usize, doc: &Document) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "title": doc.title,
        "org": doc.organisation,
        "role": doc.role,
        "url": doc.url,
        "tags": doc.tags,
        "location": doc.location,
        "remote": doc.remote,
        "type": doc.employment_type.map(|t| t.as_str()),
        "salary_min": doc.salary.as_ref().map(|s| s.min),
        "salary_max": doc.salary.as_ref().map(|s| s.max),
        "date": doc.date.map(|d| d.to_string()),
        "body": doc.body,
    })
}

fn write_json(documents: &[Document], out: &Path) -> Result<()> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let mut file = BufWriter::new(fs::File::create(out).with_context(|| format!("creating {}", out.display()))?);
    file.write_all(b"[\n")?;
    for (id, doc) in documents.iter().enumerate() {
        if id > 0 {
            file.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut file, &post_json(id, doc))?;
    }
    file.write_all(b"\n]\n")?;
    file.flush()?;
    Ok(())
}
