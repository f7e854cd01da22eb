//! Finding input files and reading them as text, safely.

use crate::error::{IndexerError, Warning};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Posts larger than this are refused: no job ad is megabytes long, and a huge file
/// would dominate the build's memory.
pub const MAX_POST_BYTES: u64 = 4 << 20;
/// CSV and JSON exports hold many posts, so they may be larger.
pub const MAX_TABLE_BYTES: u64 = 1 << 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Markdown or HTML with front matter (also `.txt` and files without extension).
    Post,
    Csv,
    Json,
}

/// Classifies a file by its extension; `None` for files that are not posts.
pub fn kind_of(path: &Path) -> Option<FileKind> {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        None => Some(FileKind::Post),
        Some("md" | "markdown" | "mdown" | "mkd" | "html" | "htm" | "txt") => Some(FileKind::Post),
        Some("csv") => Some(FileKind::Csv),
        Some("json") => Some(FileKind::Json),
        // A Jekyll slug may contain dots ("2019-01-01-v1.2"): a long "extension" with
        // letters and digits is part of the name, not a type.
        Some(other) if other.len() > 8 => Some(FileKind::Post),
        Some(_) => None,
    }
}

/// Every file under the roots, sorted, with walk problems (unreadable folders, symlink
/// loops) as warnings. Hidden files and folders (".git", ".DS_Store") are not visited.
pub fn list_files(roots: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Warning>), IndexerError> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    // Whether a file may have been reached twice: through a symbolic link, or under two
    // of the roots given.
    let mut reached_twice = roots.len() > 1;
    for root in roots {
        let metadata = std::fs::metadata(root)
            .map_err(|e| IndexerError::Input { path: root.clone(), reason: e.to_string() })?;
        if metadata.is_file() {
            files.push(root.clone());
            continue;
        }
        // Each folder's entries by name, depth first: the walk yields the files in path
        // order, so the sort below only confirms one run. Sorting unordered paths parses
        // their components at every comparison (2.1 s of a 1M-post build).
        let walk = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            // Hidden entries, and Jekyll's drafts folder, which a site does not publish.
            .filter_entry(|entry| {
                let name = entry.file_name().to_string_lossy();
                entry.depth() == 0 || !(name.starts_with('.') || (name == "_drafts" && entry.file_type().is_dir()))
            });
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    reached_twice |= entry.path_is_symlink();
                    files.push(entry.into_path());
                }
                Ok(entry) => reached_twice |= entry.path_is_symlink(),
                Err(error) => {
                    let path = error.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let message = if error.loop_ancestor().is_some() {
                        "symbolic link loop; not followed".to_owned()
                    } else {
                        format!("cannot be read: {error}")
                    };
                    warnings.push(Warning { path, line: None, message });
                }
            }
        }
    }
    files.sort();
    files.dedup();
    if reached_twice {
        files = once_each(files, &mut warnings);
    }
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, warnings))
}

/// The files with each file on disk once: a post reached through a symbolic link (or
/// under two roots) as well as by its own path would be indexed twice. The path with the
/// fewest symbolic links in it is kept; each other is reported, and accounted for as
/// skipped. Only called when a link was seen, as it looks up every file.
#[cfg(unix)]
fn once_each(files: Vec<PathBuf>, warnings: &mut Vec<Warning>) -> Vec<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let links_in = |path: &Path| path.ancestors().filter(|p| p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())).count();
    let mut by_identity: Vec<((u64, u64), usize)> = Vec::with_capacity(files.len());
    for (position, path) in files.iter().enumerate() {
        // A file that cannot be looked up now is left to the read, which reports it.
        if let Ok(metadata) = std::fs::metadata(path) {
            by_identity.push(((metadata.dev(), metadata.ino()), position));
        }
    }
    by_identity.sort_unstable();
    let mut dropped = vec![false; files.len()];
    for group in by_identity.chunk_by(|a, b| a.0 == b.0).filter(|group| group.len() > 1) {
        let kept = group.iter().map(|&(_, position)| position).min_by_key(|&position| (links_in(&files[position]), position)).unwrap_or(group[0].1);
        for &(_, position) in group.iter().filter(|&&(_, position)| position != kept) {
            dropped[position] = true;
            warnings.push(Warning {
                path: files[position].clone(),
                line: None,
                message: format!("is the same file as {}; indexed once", files[kept].display()),
            });
        }
    }
    files.into_iter().zip(dropped).filter(|(_, dropped)| !dropped).map(|(path, _)| path).collect()
}

#[cfg(not(unix))]
fn once_each(files: Vec<PathBuf>, _warnings: &mut Vec<Warning>) -> Vec<PathBuf> {
    files
}

/// A file's text. Bytes that are not UTF-8 are read as Windows-1252 (the encoding of
/// old posts saved on Windows, and a superset of Latin-1), and the C1 control characters
/// that Windows-1252 text leaves behind in UTF-8 (U+0092 for an apostrophe) become the
/// characters meant; both with a warning naming the first line affected.
pub fn read_text(path: &Path, limit: u64) -> Result<(String, Vec<Warning>), Warning> {
    let refuse = |message: String| Warning { path: path.to_owned(), line: None, message };
    let cannot_read = |e: std::io::Error| refuse(format!("cannot be read: {e}"));
    // One open, and the size of what was opened: no second lookup of the path.
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > limit {
        return Err(refuse(format!("is {size} bytes, over the limit of {limit}; skipped")));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` keeps a file that grows while it is read within the limit too.
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, limit), &mut bytes).map_err(cannot_read)?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(refuse("is a binary file (contains NUL bytes); skipped".into()));
    }
    let mut warnings = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let line = 1 + bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count();
            warnings.push(Warning { path: path.to_owned(), line: Some(line), message: "is not valid UTF-8; bytes that are not were read as Windows-1252".into() });
            decode_mixed(&bytes)
        }
    };
    let (text, replaced) = repair_windows_1252_controls(text);
    if let Some(first_line) = replaced {
        warnings.push(Warning {
            path: path.to_owned(),
            line: Some(first_line),
            message: "contains Windows-1252 control characters (like U+0092); read as the punctuation meant".into(),
        });
    }
    Ok((text, warnings))
}

/// UTF-8 where the bytes are UTF-8, and Windows-1252 for each byte that is not: a whole
/// file in Latin-1 reads right, and so does a UTF-8 file with one pasted Latin-1 word
/// (decoding all of it as Windows-1252 would garble its UTF-8 characters).
fn decode_mixed(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(chunk.invalid().iter().map(|&byte| windows_1252(byte).unwrap_or(char::REPLACEMENT_CHARACTER)));
    }
    text
}

/// Maps U+0080–U+009F to what Windows-1252 puts at those bytes; returns the text and
/// the first line where a replacement happened.
fn repair_windows_1252_controls(text: String) -> (String, Option<usize>) {
    if !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return (text, None);
    }
    let mut first_line = None;
    let mut line = 1;
    let repaired = text
        .chars()
        .filter_map(|c| {
            if c == '\n' {
                line += 1;
            }
            if !('\u{80}'..='\u{9f}').contains(&c) {
                return Some(c);
            }
            first_line.get_or_insert(line);
            // The C1 range is one byte each, so the cast is exact. Undefined ones are dropped.
            windows_1252(c as u8)
        })
        .collect();
    (repaired, first_line)
}

/// Windows-1252's characters for the bytes 0x80–0x9F, where it differs from Latin-1;
/// `None` for the five bytes it leaves undefined.
const WINDOWS_1252_C1: [Option<char>; 32] = {
    const NONE: Option<char> = None;
    [
        Some('€'), NONE, Some('‚'), Some('ƒ'), Some('„'), Some('…'), Some('†'), Some('‡'),
        Some('ˆ'), Some('‰'), Some('Š'), Some('‹'), Some('Œ'), NONE, Some('Ž'), NONE,
        NONE, Some('‘'), Some('’'), Some('“'), Some('”'), Some('•'), Some('–'), Some('—'),
        Some('˜'), Some('™'), Some('š'), Some('›'), Some('œ'), NONE, Some('ž'), Some('Ÿ'),
    ]
};

/// The character Windows-1252 has at `byte`; `None` for a byte it leaves undefined.
fn windows_1252(byte: u8) -> Option<char> {
    match byte {
        0x80..=0x9f => WINDOWS_1252_C1[usize::from(byte - 0x80)],
        _ => Some(char::from(byte)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_post_files() {
        assert_eq!(kind_of(Path::new("2019-07-11-missioncontrol")), Some(FileKind::Post));
        assert_eq!(kind_of(Path::new("a.MD")), Some(FileKind::Post));
        assert_eq!(kind_of(Path::new("000_7013ee15293685c0.txt")), Some(FileKind::Post));
        assert_eq!(kind_of(Path::new("jobs.csv")), Some(FileKind::Csv));
        assert_eq!(kind_of(Path::new("logo.png")), None);
    }

    #[test]
    fn repairs_the_stray_apostrophe() {
        let (text, line) = repair_windows_1252_controls("a\nwe\u{92}re".to_owned());
        assert_eq!(text, "a\nwe’re");
        assert_eq!(line, Some(2));
        let (text, _) = repair_windows_1252_controls("\u{8a}koda \u{9c}uvre\u{81}".to_owned());
        assert_eq!(text, "Škoda œuvre");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_as_windows_1252() {
        assert_eq!(decode_mixed(b"Caf\xe9 \x93Org\x94 \x80 50"), "Café “Org” € 50");
        // UTF-8 around a pasted Latin-1 byte stays UTF-8.
        assert_eq!(decode_mixed("naïve ".as_bytes().iter().chain(b"\xe9t\xe9").copied().collect::<Vec<_>>().as_slice()), "naïve été");
        // A byte Windows-1252 leaves undefined.
        assert_eq!(decode_mixed(b"a\x81b"), "a\u{fffd}b");
    }
}
