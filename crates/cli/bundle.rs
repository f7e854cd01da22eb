//! Writes the widget bundle that build.rs embedded (`jobsift.js`, its glue, the wasm and
//! the CSS) next to the index, so that `jobsift build --out <dir>` gives one folder to
//! upload. Hashed names can be cached forever; `jobsift.js` keeps its name for the
//! script tag and should be served with a short cache lifetime.

use std::io;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/widget_bundle.rs"));

/// Writes every bundle file into `out_dir` (created if missing), each through a
/// temporary file and a rename so a server never sees half a file. Returns the names
/// written, entry script first.
pub fn write_bundle(out_dir: &Path) -> io::Result<Vec<String>> {
    write_files(out_dir, bundle()?)
}

/// The embedded files, or an error that says how to get them.
fn bundle() -> io::Result<&'static [(&'static str, &'static [u8])]> {
    WIDGET_BUNDLE.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "this jobsift binary was built without the widget bundle (nothing in {WIDGET_DIST_DIR}); \
                 run scripts/build-widget.sh, then rebuild jobsift"
            ),
        )
    })
}

fn write_files(out_dir: &Path, files: &[(&str, &[u8])]) -> io::Result<Vec<String>> {
    let mut written = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let target = out_dir.join(name);
        crate::write::atomically(&target, bytes)
            .map_err(|error| io::Error::new(error.kind(), format!("writing {}: {error}", target.display())))?;
        written.push((*name).to_owned());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn files_are_written_whole_and_no_temporaries_remain() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site/jobs");
        let names = write_files(&out, &[("jobsift.js", b"export {};"), ("jobsift-0123.css", b".jobsift{}")]).unwrap();
        assert_eq!(names, ["jobsift.js", "jobsift-0123.css"]);
        assert_eq!(fs::read(out.join("jobsift.js")).unwrap(), b"export {};");
        let leftovers: Vec<_> = fs::read_dir(&out).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn rewriting_replaces_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &[("jobsift.js", b"old")]).unwrap();
        write_files(dir.path(), &[("jobsift.js", b"new")]).unwrap();
        assert_eq!(fs::read(dir.path().join("jobsift.js")).unwrap(), b"new");
    }

    #[test]
    fn the_embedded_bundle_is_complete_or_absent_with_instructions() {
        match bundle() {
            Ok(files) => {
                let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
                assert_eq!(names[0], "jobsift.js");
                assert!(names.iter().any(|n| n.ends_with(".wasm")), "{names:?}");
                assert!(names.iter().any(|n| n.ends_with(".css")), "{names:?}");
                let entry = std::str::from_utf8(files[0].1).unwrap();
                // The entry script must name the hashed files it loads.
                for name in &names[1..] {
                    assert!(entry.contains(name), "jobsift.js does not reference {name}");
                }
            }
            Err(error) => assert!(error.to_string().contains("scripts/build-widget.sh"), "{error}"),
        }
    }
}
