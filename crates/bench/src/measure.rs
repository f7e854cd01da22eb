//! Runs `jobsift build`, measures the child's wall time and peak memory, and weighs the index.

use crate::sizes::Size;
use anyhow::{bail, Context, Result};
use jobsift_core::format::{write_container, Container};
use jobsift_core::index::BODY;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The index file name `jobsift build` writes into its output folder.
const INDEX_FILE: &str = "jobsift.idx";

/// Above this many raw bytes, brotli runs at quality 9 instead of 11: quality 11 takes
/// minutes on a 100 MB file, and a build pipeline compressing that much would lower it too.
const BROTLI_MAX_QUALITY_LIMIT: usize = 16 << 20;

pub struct Row {
    pub size: Size,
    pub posts: usize,
    pub runs: usize,
    pub median_wall: Duration,
    pub median_cpu: Duration,
    pub peak_rss_kib: u64,
    pub whole: Weights,
    pub without_body: Weights,
    pub body_only: Weights,
    pub brotli_quality: u32,
}

#[derive(Clone, Copy, Default)]
pub struct Weights {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

struct RunResult {
    wall: Duration,
    /// User plus system CPU time of the child: steadier than wall time on a shared machine.
    cpu: Duration,
    peak_rss_kib: u64,
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64)
}

/// Spawns the child and reaps it with `wait4`, whose rusage holds the child's own peak
/// resident set (the parent's memory is not counted, unlike RUSAGE_CHILDREN totals).
fn run_measured(command: &mut Command) -> Result<RunResult> {
    let start = Instant::now();
    let child = command.spawn().context("starting jobsift")?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data that wait4 fills; zeroed is a valid initial value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unreaped child; `status` and `usage` outlive the call.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if reaped != pid {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    // The child is reaped; dropping the handle without waiting is then correct.
    drop(child);
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        bail!("jobsift build failed (wait status {status})");
    }
    // ru_maxrss is in kibibytes on Linux.
    let cpu = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    Ok(RunResult { wall, cpu, peak_rss_kib: usage.ru_maxrss as u64 })
}

pub fn build(jobsift: &Path, size: Size, posts: &Path, runs: usize) -> Result<Row> {
    let out = std::env::temp_dir().join(format!("jobsift-bench-{}-{size}", std::process::id()));
    let log_path = std::env::temp_dir().join(format!("jobsift-bench-{}-{size}.log", std::process::id()));
    let mut results = Vec::with_capacity(runs);
    for _ in 0..runs {
        if out.exists() {
            fs::remove_dir_all(&out)?;
        }
        let log = fs::File::create(&log_path)?;
        let mut command = Command::new(jobsift);
        command.arg("build").arg(posts).arg("--out").arg(&out);
        command.stdin(Stdio::null()).stdout(log.try_clone()?).stderr(log);
        let result = run_measured(&mut command).with_context(|| format!("building {size}; output in {}", log_path.display()))?;
        results.push(result);
    }
    let index = fs::read(out.join(INDEX_FILE)).with_context(|| format!("reading {}/{INDEX_FILE}", out.display()))?;
    let container = Container::open(&index).context("opening the written index")?;
    let meta: jobsift_core::index::Meta = jobsift_core::format::codec::decode(container.required(jobsift_core::index::META)?, "META")
        .context("decoding META")?;

    let brotli_quality = if index.len() > BROTLI_MAX_QUALITY_LIMIT { 9 } else { 11 };
    // The file a site would serve without snippet text: every section but BODY, re-framed.
    let mut kept = Vec::new();
    let mut body = Vec::new();
    for tag in container.tags().collect::<Vec<_>>() {
        let bytes = container.required(tag)?.to_vec();
        if tag == BODY {
            body = bytes.clone();
        } else {
            kept.push((tag, bytes));
        }
    }
    let without_body_file = write_container(&kept);
    let weigh = |bytes: &[u8]| -> Result<Weights> {
        Ok(Weights { raw: bytes.len(), gzip: gzip_len(bytes)?, brotli: brotli_len(bytes, brotli_quality)? })
    };
    let row = Row {
        size,
        posts: meta.doc_count as usize,
        runs,
        median_wall: median(results.iter().map(|r| r.wall).collect()),
        median_cpu: median(results.iter().map(|r| r.cpu).collect()),
        peak_rss_kib: results.iter().map(|r| r.peak_rss_kib).max().unwrap_or(0),
        whole: weigh(&index)?,
        without_body: weigh(&without_body_file)?,
        body_only: weigh(&body)?,
        brotli_quality,
    };
    fs::remove_dir_all(&out)?;
    fs::remove_file(&log_path)?;
    Ok(row)
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn brotli_len(bytes: &[u8], quality: u32) -> Result<usize> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 1 << 16, quality, 22);
        writer.write_all(bytes)?;
    }
    Ok(out.len())
}

fn kb(bytes: usize) -> String {
    if bytes >= 10 << 20 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{:.1} KB", bytes as f64 / 1e3)
    }
}

fn weights_cell(w: &Weights) -> String {
    format!("{} / {} / {}", kb(w.raw), kb(w.gzip), kb(w.brotli))
}

pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str("| posts | build wall (median) | CPU user+sys (median) | peak RSS | index raw / gzip -9 / brotli | without BODY raw / gzip / brotli | BODY alone raw / gzip / brotli | brotli bytes per post without / with BODY |\n");
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for row in rows {
        let label = match row.size {
            Size::Real => format!("{} real", row.posts),
            Size::Posts(_) => format!("{} generated", row.posts),
        };
        let quality = if row.brotli_quality == 11 { String::new() } else { format!(" (brotli q{})", row.brotli_quality) };
        out.push_str(&format!(
            "| {label} | {:.3} s ({} runs) | {:.3} s | {:.0} MiB | {}{quality} | {} | {} | {:.0} / {:.0} |\n",
            row.median_wall.as_secs_f64(),
            row.runs,
            row.median_cpu.as_secs_f64(),
            row.peak_rss_kib as f64 / 1024.0,
            weights_cell(&row.whole),
            weights_cell(&row.without_body),
            weights_cell(&row.body_only),
            row.without_body.brotli as f64 / row.posts.max(1) as f64,
            row.whole.brotli as f64 / row.posts.max(1) as f64,
        ));
    }
    out
}
