//! Arbitrary text as a post file: front matter (YAML, TOML, broken fences, aliases, deep
//! nesting), Markdown or HTML body, field extraction. Must give a document or a reason to
//! skip, never panic, hang or allocate without bound; a document must keep the promises
//! of `jobsift_fuzz::check_document` (safe links only, folded tags, ...).
//!
//! The text goes through `jobsift_indexer::read_post_text`, the in-memory half of
//! `read_posts`: a temporary file per input would spend the run in the file system.

#![no_main]

use jobsift_fuzz::{check_document, config};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // read_posts decodes files lossily too (source::read_text); NUL-holding files never
    // reach the post reader there, so they are not worth the fuzzer's time here.
    if data.contains(&0) {
        return;
    }
    let text = String::from_utf8_lossy(data);
    // A dated Jekyll name, so that the file-name date and slug paths run as they do for
    // real posts.
    let path = Path::new("_posts/2019-05-15-fuzzed-post.md");
    let (documents, warnings) = jobsift_indexer::read_post_text(path, &text, config());
    match documents {
        Ok(documents) => {
            assert_eq!(documents.len(), 1, "a post file is one post");
            check_document(&documents[0]);
        }
        // A skipped post must say why, with a warning naming the file (issue 6: "a clear
        // error naming the file").
        Err(reason) => {
            assert!(!reason.is_empty());
            assert!(warnings.iter().any(|w| w.path == path), "skipped without a warning");
        }
    }
    // Line numbers must point into the file. YAML also breaks lines at a lone CR, so
    // both characters count as line ends for the bound.
    let lines = 1 + text.bytes().filter(|&b| b == b'\n' || b == b'\r').count();
    for warning in &warnings {
        assert_eq!(warning.path, path);
        assert!(warning.line.is_none_or(|line| line >= 1 && line <= lines), "warning at line {:?} of {lines}: {}", warning.line, warning.message);
    }
});
