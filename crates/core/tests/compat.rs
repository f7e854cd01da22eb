//! Format compatibility: an index saved by format version 1 must stay readable with the
//! same answers, and a change that alters the bytes the same posts give must be a
//! deliberate one.
//!
//! The saved files are `tests/compat/v1-small.idx`, `tests/compat/v1-aliases.idx` (with
//! the optional `ALIA` section) and the chunked `tests/compat/v2-small/`. When a change
//! alters the bytes on purpose but old files still decode (an encoder improvement),
//! re-save them with `JOBSIFT_BLESS_COMPAT=1 cargo test -p jobsift-core --test compat`;
//! that re-saves `v2-small/` too, whose packs were written by the older compressor and
//! are worth keeping (`git checkout tests/compat/v2-small` and remove the new pack). When
//! the meaning of bytes changes, bump `FORMAT_VERSION`: the v1 files are then refused as
//! "older", which this test checks, and new saved files join them.

use jobsift_core::chunks::BlockSizes;
use jobsift_core::format::{FormatError, CHUNKED_FORMAT_VERSION, FORMAT_VERSION};
use jobsift_core::search::{FacetFilter, SearchRequest};
use jobsift_core::{Date, Document, EmploymentType, Index, IndexBuilder, Salary, SalaryPeriod, Schema};
use std::path::PathBuf;

fn saved_v1() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/compat/v1-small.idx")
}

/// Fixed documents written for this test (no corpus text).
fn documents() -> Vec<Document> {
    let doc = |title: &str, org: &str, day: u32, tags: &[&str], body: &str| Document {
        title: title.into(),
        organisation: Some(org.into()),
        role: title.split_once(": ").map(|(_, role)| role.to_owned()),
        url: format!("/2020/03/{day:02}/{}.html", org.to_lowercase().replace(' ', "-")),
        date: Date::from_ymd(2020, 3, day),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        summary: body.chars().take(60).collect(),
        body: body.into(),
        ..Document::default()
    };
    let mut analyst = doc("North Fund: Data Analyst", "North Fund", 2, &["analytics", "data"], "Analyse voter data with SQL and VAN. Remote friendly.");
    analyst.salary = Some(Salary { min: 60_000, max: 70_000, period: SalaryPeriod::Year, text: "$60,000 to $70,000".into() });
    analyst.remote = true;
    analyst.employment_type = Some(EmploymentType::FullTime);
    analyst.apply_url = Some("https://north.example/jobs/1".into());
    let mut organizer = doc("South Union: Digital Organizer", "South Union", 5, &["digital", "union"], "Organise members online; café meetings in Zürich.");
    organizer.location = Some("Boston, MA".into());
    organizer.deadline = Date::from_ymd(2020, 4, 1);
    organizer.salary = Some(Salary { min: 41_600, max: 41_600, period: SalaryPeriod::Hour, text: "$20/hour".into() });
    let engineer = doc("East Lab: Data Engineer", "East Lab", 9, &["data", "tech"], "Build pipelines in Python and C++ for analysts.");
    vec![analyst, organizer, engineer]
}

/// A builder holding the documents above.
fn builder() -> IndexBuilder {
    let mut builder = IndexBuilder::new(Schema::default());
    for doc in documents() {
        builder.add(doc);
    }
    builder
}

fn build() -> Vec<u8> {
    builder().build()
}

/// The saved version-1 file at `path`, first re-saved from `fresh` when blessing.
fn saved_version_1(path: &std::path::Path, fresh: fn() -> Vec<u8>) -> Vec<u8> {
    if std::env::var_os("JOBSIFT_BLESS_COMPAT").is_some() && FORMAT_VERSION == 1 {
        // Renamed into place: another test may be reading the file at this moment (a
        // plain write once let `the_same_posts_still_give_the_saved_bytes` see it half).
        let temporary = path.with_extension("idx.tmp");
        std::fs::write(&temporary, fresh()).unwrap();
        std::fs::rename(&temporary, path).unwrap();
    }
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn saved_version_1_index_still_reads_the_same() {
    let saved = saved_version_1(&saved_v1(), build);
    if FORMAT_VERSION != 1 {
        let error = Index::decode(&saved).unwrap_err();
        assert_eq!(error, FormatError::UnsupportedVersion { found: 1, supported: FORMAT_VERSION });
        assert!(error.to_string().contains("older"));
        return;
    }
    let index = Index::decode(&saved).expect("a version 1 index decodes");
    let titles: Vec<&str> = index.docs.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["East Lab: Data Engineer", "South Union: Digital Organizer", "North Fund: Data Analyst"]);
    assert_eq!(index.docs[1].body, "Organise members online; café meetings in Zürich.");
    assert_eq!(index.docs[2].salary.as_ref().map(|s| (s.min, s.max)), Some((60_000, 70_000)));

    let request = |text: &str, tag: Option<&str>| SearchRequest {
        text: text.into(),
        filters: tag.map(|t| vec![FacetFilter { facet: "tags".into(), values: vec![t.into()] }]).unwrap_or_default(),
        ..SearchRequest::default()
    };
    let data = index.search(&request("data", None));
    assert_eq!(data.hits.iter().map(|h| h.doc).collect::<Vec<_>>().len(), 2);
    assert_eq!(index.search(&request("anaylst", None)).total, 2, "typo finds analyst and analysts");
    assert_eq!(index.search(&request("zurich", None)).total, 1, "diacritics fold");
    assert_eq!(index.search(&request("", Some("data"))).total, 2);
}

#[test]
fn the_same_posts_still_give_the_saved_bytes() {
    if FORMAT_VERSION != 1 {
        return;
    }
    let saved = std::fs::read(saved_v1()).unwrap();
    assert!(
        build() == saved,
        "the same posts now give other bytes than tests/compat/v1-small.idx: bump FORMAT_VERSION if the \
         meaning of the bytes changed, or re-save with JOBSIFT_BLESS_COMPAT=1 if old files still read the same"
    );
}

fn saved_v2() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/compat/v2-small")
}

/// The same posts as a chunked index, one post per display and text block and small
/// postings blocks, so that the packs hold many blocks of every kind.
fn build_chunked() -> jobsift_core::chunks::ChunkedOutput {
    builder().build_chunked(BlockSizes { posts_per_display_block: 1, posts_per_text_block: 1, postings_block_bytes: 64 })
}

/// A chunked index (format version 2: a core and its packs) saved by an earlier build
/// must still read, block by block, exactly as the same posts in one file read now.
/// Blocks are raw deflate, and their compressor is not part of the format: the saved
/// packs were written by zlib-rs (before 8aa5a51), the build now uses libdeflate. So no
/// test pins the chunked bytes; re-saving would only replace the older compressor's output.
#[test]
fn saved_chunked_index_still_reads_the_same() {
    let dir = saved_v2();
    if std::env::var_os("JOBSIFT_BLESS_COMPAT").is_some() && CHUNKED_FORMAT_VERSION == 2 {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let output = build_chunked();
        std::fs::write(dir.join("jobsift.idx"), &output.core).unwrap();
        for pack in &output.packs {
            std::fs::write(dir.join(&pack.name), pack.to_bytes()).unwrap();
        }
    }
    let core = std::fs::read(dir.join("jobsift.idx")).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let index = Index::decode(&core).expect("a saved version 2 core decodes");
    assert!(!index.pack_names().is_empty());
    assert!(!index.is_complete(), "blocks arrive from the packs");
    for name in index.pack_names() {
        let pack = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        index.attach_pack(name, &pack).expect("a saved pack attaches");
    }
    assert!(index.is_complete());

    let single = Index::decode(&build()).expect("a fresh single file decodes");
    assert_eq!(index.doc_count(), single.doc_count());
    for id in 0..single.doc_count() {
        let doc = index.doc(id).expect("display block attached");
        assert_eq!(doc.title, single.docs[id as usize].title);
        assert_eq!(doc.salary, single.docs[id as usize].salary);
        assert_eq!(index.body(id), Some(single.docs[id as usize].body.as_str()));
    }
    let tagged = |text: &str, tag: &str| SearchRequest {
        text: text.into(),
        filters: vec![FacetFilter { facet: "tags".into(), values: vec![tag.into()] }],
        ..SearchRequest::default()
    };
    for request in [
        SearchRequest { text: "data".into(), ..SearchRequest::default() },
        SearchRequest { text: "anaylst".into(), ..SearchRequest::default() },
        SearchRequest { text: "\"café meetings\"".into(), ..SearchRequest::default() },
        tagged("", "data"),
        tagged("python", "tech"),
    ] {
        let answer = index.search(&request);
        assert!(answer.total > 0, "{:?} finds posts", request.text);
        assert_eq!(answer, single.search(&request), "{:?}", request.text);
    }
}

fn saved_v1_aliases() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/compat/v1-aliases.idx")
}

/// The posts above with two tag aliases: the optional `ALIA` section (session 24).
fn build_with_aliases() -> Vec<u8> {
    let mut builder = builder();
    builder.alias("tags", "Analysis", "analytics");
    builder.alias("tags", "programming", "tech");
    builder.build()
}

/// An index saved with aliases must keep reading them the same way, and the same posts
/// and aliases must keep giving its bytes (re-save as for v1-small.idx).
#[test]
fn saved_index_with_aliases_still_reads_the_same() {
    let path = saved_v1_aliases();
    let saved = saved_version_1(&path, build_with_aliases);
    if FORMAT_VERSION != 1 {
        assert!(Index::decode(&saved).is_err(), "a newer format refuses version 1");
        return;
    }
    assert!(build_with_aliases() == saved, "the same posts and aliases now give other bytes than {}", path.display());
    let index = Index::decode(&saved).expect("a version 1 index with aliases decodes");
    let tagged = |tag: &str| SearchRequest {
        filters: vec![FacetFilter { facet: "tags".into(), values: vec![tag.into()] }],
        ..SearchRequest::default()
    };
    assert_eq!(index.search(&tagged("analysis")), index.search(&tagged("analytics")));
    assert_eq!(index.search(&tagged("analysis")).total, 1);
    assert_eq!(index.canonical_value("tags", "PROGRAMMING"), Some("tech"));
}
