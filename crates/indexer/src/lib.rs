//! jobsift-indexer: posts on disk → job documents.
//!
//! Reads Jekyll `_posts` (YAML or TOML front matter, Markdown or HTML bodies), CSV and
//! JSON exports, extracts the job fields and returns [`jobsift_core::Document`]s ready
//! for [`jobsift_core::IndexBuilder`]. Every input file is accounted for in the
//! outcome: indexed, skipped with a reason, or not a post.

pub mod config;
mod error;
pub mod extract;
mod frontmatter;
pub mod markdown;
mod record;
mod source;
mod tabular;

pub use config::Config;
pub use error::{IndexerError, Warning};
pub use record::safe_link;

use jobsift_core::{Date, Document};
use rayon::prelude::*;
use record::{KeySource, ReadRecord, Record};
use source::FileKind;
use std::path::{Path, PathBuf};

/// Threads per core that read posts (see `read_posts_as`).
const READ_THREADS_PER_CORE: usize = 4;

/// What happened to one input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileStatus {
    /// Read; `posts` documents came from it (one for a post, one per row of a table).
    Indexed { posts: usize },
    /// A post file that could not be read sensibly; the warnings say why.
    Skipped { reason: String },
    /// Not a post (an image, a stylesheet): by its extension.
    NotAPost,
    /// A post marked `published: false`: left out, as Jekyll leaves it out of the site.
    Unpublished,
}

#[derive(Clone, Debug)]
pub struct FileReport {
    pub path: PathBuf,
    pub status: FileStatus,
}

/// What reading found: documents (or what `read_posts_as` made of them), files, warnings.
#[derive(Debug)]
pub struct ReadOutcome<D = Document> {
    /// Documents in input order (files sorted by path, rows in file order).
    pub documents: Vec<D>,
    /// Every file found under the inputs, sorted by path, and every entry the walk could
    /// not read (as skipped).
    pub files: Vec<FileReport>,
    pub warnings: Vec<Warning>,
}

struct FileResult<D> {
    report: FileReport,
    documents: Vec<D>,
    warnings: Vec<Warning>,
}

/// How a caller follows a long read (the CLI's progress bar).
pub trait ReadProgress: Sync {
    /// The inputs were walked: this many files will be read.
    fn files_found(&self, count: usize);
    /// One more file was read; called from any thread.
    fn file_read(&self);
}

/// Reads every post under `inputs` (folders are walked recursively, once; files read as
/// they are), telling `progress` how far it got. Each document is handed to `prepare` on
/// the thread that read it, as soon as it is read, and the outcome holds what it returns:
/// a large build keeps its posts in a compact form (jobsift's CLI moves their text to a
/// spill file) instead of holding every post's text until the last file is read.
pub fn read_posts_as<D: Send>(
    inputs: &[PathBuf],
    config: &Config,
    progress: &dyn ReadProgress,
    prepare: impl Fn(Document) -> D + Sync,
) -> Result<ReadOutcome<D>, IndexerError> {
    let (files, walk_warnings) = source::list_files(inputs)?;
    progress.files_found(files.len());
    let read_all = || -> Vec<(FileResult<D>, PostUrls)> {
        files
            .par_iter()
            .map(|path| {
                let FileResult { report, documents, warnings } = read_file(path, config);
                progress.file_read();
                let urls = documents.iter().map(|read| (url_key(&read.document.url), read.url_line)).collect();
                (FileResult { report, documents: documents.into_iter().map(|read| prepare(read.document)).collect(), warnings }, urls)
            })
            .collect()
    };
    // Reading waits on the disk as much as it computes when the posts are not in the page
    // cache: more threads than cores keep the cores busy meanwhile (10k posts, cold cache,
    // 2 cores: 5.8 s to read with 2 threads, 3.5 s with 8).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let results = match rayon::ThreadPoolBuilder::new().num_threads(cores * READ_THREADS_PER_CORE).build() {
        Ok(pool) => pool.install(read_all),
        Err(_) => read_all(),
    };
    // What the walk could not read (a dangling link, a folder without permission, a link
    // loop) is accounted for as a skipped entry too, not only warned about.
    let unreadable: Vec<FileReport> = walk_warnings
        .iter()
        .map(|warning| FileReport { path: warning.path.clone(), status: FileStatus::Skipped { reason: warning.message.clone() } })
        .collect();
    let mut outcome = ReadOutcome { documents: Vec::new(), files: Vec::new(), warnings: walk_warnings };
    // Sized once: at 1M posts, growing by doubling would leave room for a million more.
    outcome.documents.reserve_exact(results.iter().map(|(result, _)| result.documents.len()).sum());
    outcome.files.reserve_exact(results.len());
    outcome.warnings.extend(same_urls(&results));
    for (result, _) in results {
        outcome.documents.extend(result.documents);
        outcome.files.push(result.report);
        outcome.warnings.extend(result.warnings);
    }
    if !unreadable.is_empty() {
        // Rare, so only then are the paths sorted again (1M of them take seconds).
        outcome.files.extend(unreadable);
        outcome.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    outcome.warnings.sort();
    Ok(outcome)
}

/// A file's posts' URLs, as [`url_key`]s, each with the line its URL comes from.
type PostUrls = Vec<(u64, Option<usize>)>;

/// A post URL as a number, for finding posts that share one (a million URLs' text
/// would be held through the build for the few that repeat).
fn url_key(url: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    url.hash(&mut hasher);
    hasher.finish()
}

/// A warning for each post whose URL an earlier post has (two posts with `permalink:
/// /same/`): both are indexed, but a visitor who clicks either lands on one page. The
/// warning names the line the later post's URL comes from.
fn same_urls<D>(results: &[(FileResult<D>, PostUrls)]) -> Vec<Warning> {
    // (URL, file, post in the file): sorted, a URL's posts follow one another in read order.
    let mut keys: Vec<(u64, usize, usize)> = results
        .iter()
        .enumerate()
        .flat_map(|(file, (_, urls))| urls.iter().enumerate().map(move |(post, &(url, _))| (url, file, post)))
        .collect();
    keys.sort_unstable();
    keys.windows(2)
        .filter(|pair| pair[0].0 == pair[1].0)
        .map(|pair| {
            let (first, again) = (&results[pair[0].1].0.report.path, &results[pair[1].1].0.report.path);
            let line = results[pair[1].1].1[pair[1].2].1;
            let message = if first == again {
                "has two posts with the same URL; links to both lead to one page".to_owned()
            } else {
                format!("has the same URL as {}; links to both lead to one page", first.display())
            };
            Warning { path: again.clone(), line, message }
        })
        .collect()
}

pub fn read_posts(inputs: &[PathBuf], config: &Config) -> Result<ReadOutcome, IndexerError> {
    struct Silent;
    impl ReadProgress for Silent {
        fn files_found(&self, _: usize) {}
        fn file_read(&self) {}
    }
    read_posts_as(inputs, config, &Silent, |document| document)
}

/// Reads one post whose text is already in memory, exactly as `read_posts` reads a post
/// file once its bytes are decoded: `path` only names the post in warnings and supplies
/// the file-name date and slug. `Err` is the reason the post was skipped. Public so that
/// the fuzz targets (`fuzz/`) drive the post reader without a file per input.
pub fn read_post_text(path: &Path, text: &str, config: &Config) -> (Result<Vec<Document>, String>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let documents = read_post(path, text, config, &mut warnings).map(|read| read.into_iter().map(|read| read.document).collect());
    (documents, warnings)
}

fn read_file(path: &Path, config: &Config) -> FileResult<ReadRecord> {
    let report = |status| FileReport { path: path.to_owned(), status };
    let Some(kind) = source::kind_of(path) else {
        return FileResult { report: report(FileStatus::NotAPost), documents: Vec::new(), warnings: Vec::new() };
    };
    let limit = if kind == FileKind::Post { source::MAX_POST_BYTES } else { source::MAX_TABLE_BYTES };
    let (text, mut warnings) = match source::read_text(path, limit) {
        Ok(read) => read,
        Err(warning) => {
            let reason = warning.message.clone();
            return FileResult { report: report(FileStatus::Skipped { reason }), documents: Vec::new(), warnings: vec![warning] };
        }
    };
    let documents = match kind {
        FileKind::Post => read_post(path, &text, config, &mut warnings),
        FileKind::Csv => tabular::read_csv(path, &text, config, &mut warnings),
        FileKind::Json => tabular::read_json(path, &text, config, &mut warnings),
    };
    let status = match &documents {
        // A post file gives one document, or none when it is unpublished.
        Ok(docs) if docs.is_empty() && kind == FileKind::Post => FileStatus::Unpublished,
        Ok(docs) => FileStatus::Indexed { posts: docs.len() },
        Err(reason) => FileStatus::Skipped { reason: reason.clone() },
    };
    FileResult { report: report(status), documents: documents.unwrap_or_default(), warnings }
}

fn read_post(path: &Path, text: &str, config: &Config, warnings: &mut Vec<Warning>) -> Result<Vec<ReadRecord>, String> {
    let warn = |warnings: &mut Vec<Warning>, line: usize, message: String| {
        warnings.push(Warning { path: path.to_owned(), line: Some(line), message })
    };
    let split = match frontmatter::split(text) {
        Ok(split) => split,
        Err(problem) => {
            let reason = problem.message.clone();
            warn(warnings, problem.line, format!("{}; skipped", problem.message));
            return Err(reason);
        }
    };
    for problem in &split.warnings {
        warn(warnings, problem.line, problem.message.clone());
    }
    if record::is_unpublished(&split.fields) {
        return Ok(Vec::new());
    }
    if !split.has_front_matter {
        warn(warnings, 1, "has no front matter; read as a post without fields".into());
    }
    let (name_date, slug, name_problem) = parse_file_name(path);
    if let Some(problem) = name_problem {
        warn(warnings, 1, problem);
    }
    let record = Record { path, line: Some(1), fields: split.fields, body: split.body.to_owned(), name_date, slug, keys: KeySource::FrontMatter(split.matter) };
    Ok(vec![record::read_record(&record, config, warnings)])
}

/// The date and slug in a Jekyll file name (`2017-08-26-aflciolead.md`), with a note
/// when the name is irregular in a way Jekyll itself would reject.
fn parse_file_name(path: &Path) -> (Option<Date>, String, Option<String>) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = match source::kind_of(Path::new(&name)) {
        Some(_) if path.extension().is_some_and(|e| e.len() <= 8) => {
            name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem).to_owned()
        }
        _ => name.clone(),
    };
    let mut problem = None;
    if path.extension().is_none() {
        problem = Some("has no file extension; read as Markdown".to_owned());
    }
    let Some(date) = stem.get(..10).and_then(Date::parse_iso) else {
        return (None, stem, problem);
    };
    let rest = &stem[10..];
    let slug = match rest.strip_prefix('-') {
        Some(slug) => slug.to_owned(),
        None => {
            let note = "has no hyphen after the date in its name; read as date and slug";
            problem = Some(match problem {
                Some(p) => format!("{p}; {note}"),
                None => note.to_owned(),
            });
            rest.to_owned()
        }
    };
    (Some(date), slug, problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let (date, slug, problem) = parse_file_name(Path::new("x/2017-08-26-aflciolead.md"));
        assert_eq!((date.unwrap().to_string(), slug.as_str(), problem), ("2017-08-26".into(), "aflciolead", None));
        let (date, slug, problem) = parse_file_name(Path::new("2019-05-15ndwalabsproduct.md"));
        assert_eq!((date.unwrap().to_string(), slug.as_str()), ("2019-05-15".into(), "ndwalabsproduct"));
        assert!(problem.unwrap().contains("hyphen"));
        let (date, slug, problem) = parse_file_name(Path::new("2019-07-11-missioncontrol"));
        assert_eq!((date.is_some(), slug.as_str()), (true, "missioncontrol"));
        assert!(problem.unwrap().contains("extension"));
        let (date, slug, problem) = parse_file_name(Path::new("000_7013ee15293685c0.txt"));
        assert_eq!((date, slug.as_str(), problem), (None, "000_7013ee15293685c0", None));
    }
}
