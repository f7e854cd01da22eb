//! Writes the widget bundle that build.rs embedded (`jobsift.js`, its glue, the wasm and
//! the CSS) next to the index, so that `jobsift build --out <dir>` gives one folder to
//! upload. Hashed names can be cached forever; `jobsift.js` keeps its name for the
//! script tag and should be served with a short cache lifetime.

use std::io;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/widget_bundle.rs"));

/// Writes every bundle file into `out_dir` (created if missing), each through a
/// temporary file and a rename so a server never sees half a file, then removes the
/// hashed files of an earlier bundle there (as the build removes packs the new index
/// does not name): each upgrade of jobsift would otherwise leave another wasm behind.
/// Returns the names written, entry script first.
pub fn write_bundle(out_dir: &Path) -> io::Result<Vec<String>> {
    let written = write_files(out_dir, bundle()?)?;
    remove_earlier_bundles(out_dir, &written)?;
    Ok(written)
}

/// Removes the hashed bundle files in `out_dir` that are not among `current`.
fn remove_earlier_bundles(out_dir: &Path, current: &[String]) -> io::Result<()> {
    let keep: Vec<&str> = current.iter().map(String::as_str).collect();
    crate::write::remove_earlier(out_dir, is_hashed_bundle_name, &keep)
}

/// `jobsift-<hash>.wasm`, `jobsift-<hash>.css` or `jobsift-glue-<hash>.js`, the hash being
/// 12 lower-case hex digits.
fn is_hashed_bundle_name(name: &str) -> bool {
    let hash_and = |rest: &str, extension: &str| {
        rest.strip_suffix(extension)
            .is_some_and(|hash| hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    };
    match name.strip_prefix("jobsift-glue-") {
        Some(rest) => hash_and(rest, ".js"),
        None => name.strip_prefix("jobsift-").is_some_and(|rest| hash_and(rest, ".wasm") || hash_and(rest, ".css")),
    }
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
    fn an_earlier_bundle_goes_and_everything_else_stays() {
        let dir = tempfile::tempdir().unwrap();
        let keep = ["jobsift-custom.css", "jobsift-0123456789abcdef.pack", "jobsift-0123456789AB.wasm", "index.html"];
        let earlier = ["jobsift-0123456789ab.wasm", "jobsift-0123456789ab.css", "jobsift-glue-0123456789ab.js"];
        for name in keep.iter().chain(&earlier) {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        let current = write_files(dir.path(), &[("jobsift.js", b"export {};"), ("jobsift-fedcba987654.wasm", b"\0asm")]).unwrap();
        remove_earlier_bundles(dir.path(), &current).unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        let mut expected: Vec<&str> = keep.to_vec();
        expected.extend(["jobsift-fedcba987654.wasm", "jobsift.js"]);
        expected.sort();
        assert_eq!(names, expected);
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
                    // So that the next upgrade's build removes it.
                    assert!(is_hashed_bundle_name(name), "{name} is not named as build-widget.sh names bundle files");
                }
            }
            Err(error) => assert!(error.to_string().contains("scripts/build-widget.sh"), "{error}"),
        }
    }
}
