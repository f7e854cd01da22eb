//! Writing output so that a failed or interrupted build never leaves a half file.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use jobsift_core::chunks::Pack;
use std::path::Path;

/// Writes one pack of a chunked index into `out`, unless a file of its name and length is
/// there already: packs are named by their content, so that file holds these bytes.
pub fn pack(out: &Path, pack: &Pack) -> io::Result<()> {
    let path = out.join(&pack.name);
    if fs::metadata(&path).map(|m| m.len() != pack.len() as u64).unwrap_or(true) {
        atomically_with(&path, |file| pack.write_to(file))?;
    }
    Ok(())
}

/// Writes the index into `out`: the file at `index_path`. A chunked index's packs were
/// written by [`pack`] while it was built, so a reader of the new core never misses a
/// pack; packs of earlier builds that the new index does not name are removed afterwards.
/// `still_sound` is asked once the bytes are written and before they replace the file
/// there (a single file's sections may be written from a source that can fail).
pub fn index_files(out: &Path, index_path: &Path, index: &crate::summary::Built, still_sound: &dyn Fn() -> io::Result<()>) -> io::Result<()> {
    use crate::summary::Built;
    let keep: Vec<&str> = match index {
        Built::Single(index) => {
            atomically_with(index_path, |file| {
                index.write_to(file)?;
                still_sound()
            })?;
            Vec::new()
        }
        Built::Chunked { core, packs } => {
            atomically(index_path, core)?;
            packs.iter().map(|(name, _)| name.as_str()).collect()
        }
    };
    remove_earlier(out, jobsift_core::chunks::is_pack_name, &keep)?;
    remove_earlier(out, is_interrupted_write, &[])
}

/// A temporary file of [`atomically_with`] that another, interrupted build left
/// (`.jobsift.idx.4242.tmp`): this build's own have all been renamed by now, and a left
/// one would otherwise stay in the folder, and be uploaded, for good.
fn is_interrupted_write(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(".jobsift").and_then(|rest| rest.strip_suffix(".tmp")) else { return false };
    rest.rsplit_once('.').is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) && pid != std::process::id().to_string())
}

/// Removes the files in `out` that `ours` recognises as jobsift's (by name) and that
/// `keep` does not name: what an earlier build wrote and this one no longer uses. The
/// site's own files are never touched.
pub fn remove_earlier(out: &Path, ours: fn(&str) -> bool, keep: &[&str]) -> io::Result<()> {
    for entry in fs::read_dir(out)? {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        if ours(&name) && !keep.contains(&name.as_ref()) {
            let path = out.join(name.as_ref());
            fs::remove_file(&path).map_err(|error| io::Error::new(error.kind(), format!("removing {}: {error}", path.display())))?;
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically (see [`atomically_with`]).
pub fn atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomically_with(path, |out| out.write_all(bytes))
}

/// Lets `write` fill a temporary file beside `path`, flushes it to disk, then renames
/// it over `path`: readers see the old file or the new one, never a mix.
pub fn atomically_with(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let temp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        // Large pieces: the BODY section arrives one post at a time.
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&temp)?);
        write(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}
