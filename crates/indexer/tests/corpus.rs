//! The indexer on the whole real corpus: every file read, the broken ones with warnings.

use jobsift_indexer::{read_posts, Config, FileStatus};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    let path = std::env::var_os("JOBSIFT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    assert!(path.join("progressivedatajobs").is_dir(), "corpus not found at {} (set JOBSIFT_CORPUS)", path.display());
    path
}

#[test]
fn reads_every_post_of_the_board() {
    let outcome = read_posts(&[corpus().join("progressivedatajobs")], &Config::default()).unwrap();
    assert_eq!(outcome.files.len(), 1_048);
    assert!(outcome.files.iter().all(|f| f.status == FileStatus::Indexed { posts: 1 }), "{:?}",
        outcome.files.iter().filter(|f| f.status != FileStatus::Indexed { posts: 1 }).collect::<Vec<_>>());
    assert_eq!(outcome.documents.len(), 1_048);
    let docs = &outcome.documents;
    // Shape measured in the corpus README: titles "Org: Role" in 98.8%, a date on every post.
    assert!(docs.iter().all(|d| d.date.is_some() && !d.title.is_empty()));
    let with_org = docs.iter().filter(|d| d.organisation.is_some()).count();
    assert!(with_org > 1_000, "{with_org}");
    let mut tags: Vec<&str> = docs.iter().flat_map(|d| d.tags.iter().map(String::as_str)).collect();
    tags.sort();
    tags.dedup();
    assert!((20..=30).contains(&tags.len()), "{tags:?}");
    assert!(tags.iter().all(|t| *t == t.to_lowercase()));
    for doc in docs {
        // A well-formed link must not survive as Markdown; a malformed one (spaces in
        // the target, as in 2019-12-05-fusetechmanager.md) is literal text in Markdown too.
        for (at, _) in doc.body.match_indices("](http") {
            let target = doc.body[at + 2..].split(')').next().unwrap_or("");
            assert!(target.contains(' '), "Markdown link left in {}: {target}", doc.url);
        }
        if let Some(link) = &doc.apply_url {
            assert!(link.starts_with("http://") || link.starts_with("https://") || link.to_lowercase().starts_with("mailto:"), "{link}");
        }
    }
    // URLs are Jekyll's default permalinks and unique per file.
    let mut urls: Vec<&str> = docs.iter().map(|d| d.url.as_str()).collect();
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), 1_048);
    assert!(docs.iter().any(|d| d.url == "/2017/08/26/aflciolead.html"));
}

#[test]
fn each_known_broken_file_has_a_sensible_reading_and_a_warning() {
    let board = corpus().join("progressivedatajobs");
    let cases = [
        ("2019-03-13-precisionmanagingprinc.md", "indented"),
        ("2019-12-10-ctdemsdata.md", "glued"),
        ("2019-07-11-missioncontrol", "no file extension"),
        ("2019-11-23-hubproject", "no file extension"),
        ("2019-05-15ndwalabsproduct.md", "no hyphen"),
        ("2019-07-12repowerdacatl.md", "no hyphen"),
    ];
    for (file, expected) in cases {
        let outcome = read_posts(&[board.join(file)], &Config::default()).unwrap();
        assert_eq!(outcome.documents.len(), 1, "{file}");
        let doc = &outcome.documents[0];
        assert!(doc.organisation.is_some() && !doc.tags.is_empty() && doc.date.is_some(), "{file}: {doc:?}");
        assert!(!doc.body.starts_with("---") && !doc.body.contains("layout:"), "{file}: front matter leaked into the body");
        let warning = outcome.warnings.iter().find(|w| w.message.contains(expected)).unwrap_or_else(|| panic!("{file}: {:?}", outcome.warnings));
        assert!(warning.path.ends_with(file) && warning.line.is_some(), "{warning}");
    }
}

#[test]
fn stray_windows_1252_apostrophes_are_repaired() {
    let outcome = read_posts(&[corpus().join("progressivedatajobs")], &Config::default()).unwrap();
    let repaired: Vec<_> = outcome.warnings.iter().filter(|w| w.message.contains("Windows-1252")).collect();
    assert_eq!(repaired.len(), 3, "{repaired:?}");
    assert!(outcome.documents.iter().all(|d| !d.body.contains('\u{92}') && !d.title.contains('\u{92}')));
}

#[test]
fn reads_the_seed_posts() {
    let outcome = read_posts(&[corpus().join("seeds")], &Config::default()).unwrap();
    assert_eq!(outcome.documents.len(), 5);
    let rewired = outcome.documents.iter().find(|d| d.title == "Director of Operations").unwrap();
    // layout: post with a folded `description: >` block, which becomes the summary.
    assert!(rewired.summary.starts_with("Rewired is hiring a director of operations"), "{}", rewired.summary);
    assert_eq!(rewired.salary.as_ref().map(|s| s.min), Some(70_000));
    assert!(rewired.remote);
    assert_eq!(rewired.date, None);
}
