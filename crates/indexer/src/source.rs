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
                Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
                Ok(_) => {}
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
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, warnings))
}

/// A file's text. Invalid UTF-8 is decoded lossily, and the C1 control characters that
/// Windows-1252 text leaves behind (U+0092 for an apostrophe) become the characters
/// meant; both with a warning naming the first line affected.
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
            warnings.push(Warning { path: path.to_owned(), line: Some(line), message: "is not valid UTF-8; invalid bytes replaced with U+FFFD".into() });
            String::from_utf8_lossy(&bytes).into_owned()
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
            match c {
                '\u{80}' => Some('€'),
                '\u{82}' => Some('‚'),
                '\u{84}' => Some('„'),
                '\u{85}' => Some('…'),
                '\u{8b}' => Some('‹'),
                '\u{91}' => Some('‘'),
                '\u{92}' => Some('’'),
                '\u{93}' => Some('“'),
                '\u{94}' => Some('”'),
                '\u{95}' => Some('•'),
                '\u{96}' => Some('–'),
                '\u{97}' => Some('—'),
                '\u{99}' => Some('™'),
                '\u{9b}' => Some('›'),
                _ => None,
            }
        })
        .collect();
    (repaired, first_line)
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
    }
}
