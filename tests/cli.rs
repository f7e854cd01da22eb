//! The `jobsift` command end to end, on the real corpus in `../shared/corpus`.

use jobsift_indexer::{read_posts, Config};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus() -> PathBuf {
    let path = std::env::var_os("JOBSIFT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    assert!(path.join("progressivedatajobs").is_dir(), "corpus not found at {} (set JOBSIFT_CORPUS)", path.display());
    path
}

fn jobsift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobsift")).args(args).output().expect("jobsift runs")
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "jobsift failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A scratch folder, removed when the test ends, passed or failed (a full board's output
/// is megabytes, and CI machines keep /tmp between runs).
struct TempFolder(PathBuf);

impl std::ops::Deref for TempFolder {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for TempFolder {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempFolder {
    let dir = std::env::temp_dir().join(format!("jobsift-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempFolder(dir)
}

fn build_corpus(out: &Path) -> (String, String) {
    build_corpus_as(out, "auto")
}

fn build_corpus_as(out: &Path, layout: &str) -> (String, String) {
    let board = corpus().join("progressivedatajobs");
    let output = jobsift(&["build", board.to_str().unwrap(), "--out", out.to_str().unwrap(), "--layout", layout]);
    let stdout = ok(&output);
    (stdout, String::from_utf8_lossy(&output.stderr).into_owned())
}

fn pack_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".pack"))
        .collect();
    names.sort();
    names
}

/// The real board is large enough for `--layout auto` to chunk it; the chunked index
/// answers every query exactly as the single file does, verify reads every block, and
/// damage to a pack or a missing pack is named.
#[test]
fn a_chunked_build_answers_as_the_single_file_and_is_verified_block_by_block() {
    let (chunked, single) = (temp_dir("chunked"), temp_dir("single"));
    let (stdout, _) = build_corpus(&chunked);
    assert!(stdout.contains("chunked: 1 packs"), "{stdout}");
    build_corpus_as(&single, "single");
    assert!(pack_files(&single).is_empty());
    let packs = pack_files(&chunked);
    assert_eq!(packs.len(), 1, "{packs:?}");
    let report = ok(&jobsift(&["verify", chunked.to_str().unwrap()]));
    assert!(report.contains("format version 2") && report.contains(&packs[0]), "{report}");
    for args in [
        vec!["data director", "--json"],
        vec!["anaylst", "--json", "--sort", "salary", "--limit", "30"],
        vec!["\"data director\"", "--json", "--filter", "tags=campaigns"],
        vec!["", "--json", "--hide-expired-on", "2020-01-01", "--sort", "newest"],
    ] {
        let query = |dir: &Path| ok(&jobsift(&[&["query", dir.to_str().unwrap()][..], &args].concat()));
        assert_eq!(query(&chunked), query(&single), "{args:?}");
    }
    // A flipped byte in the pack: verify names the block.
    let pack_path = chunked.join(&packs[0]);
    let pristine = std::fs::read(&pack_path).unwrap();
    let mut damaged = pristine.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x10;
    std::fs::write(&pack_path, &damaged).unwrap();
    let output = jobsift(&["verify", chunked.to_str().unwrap()]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("INVALID") && message.contains("block"), "{message}");
    // A query refuses a damaged block it reads, naming the pack and the block: here every
    // block is damaged, so whichever the answer needs.
    let mut damaged_everywhere = pristine.clone();
    for byte in damaged_everywhere.iter_mut().step_by(97) {
        *byte ^= 0x10;
    }
    std::fs::write(&pack_path, &damaged_everywhere).unwrap();
    let output = jobsift(&["query", chunked.to_str().unwrap(), "data"]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains(&packs[0]) && message.contains("damaged") && message.contains("block"), "{message}");
    assert!(output.stdout.is_empty(), "no partial answer: {}", String::from_utf8_lossy(&output.stdout));
    // A missing pack is named by a query that needs its blocks.
    std::fs::remove_file(&pack_path).unwrap();
    let output = jobsift(&["query", chunked.to_str().unwrap(), "data"]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains(&packs[0]) && message.contains("postings block"), "{message}");
    // A query reads only the blocks its answer needs, as the widget fetches them: facet
    // counts with no hits shown need none.
    let counts = ok(&jobsift(&["query", chunked.to_str().unwrap(), "", "--limit", "0", "--json"]));
    assert!(counts.contains("\"total\":1048"), "{counts}");
    // Rebuilding restores the pack; switching to one file removes packs no longer named.
    build_corpus(&chunked);
    assert_eq!(std::fs::read(&pack_path).unwrap(), pristine, "the same posts give the same pack");
    // Results piped into a reader that stops early (`| head`) end quietly, not in a panic.
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobsift"))
        .args(["query", chunked.to_str().unwrap(), "", "--limit", "50"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let closed_early = child.wait_with_output().unwrap();
    assert!(closed_early.status.success(), "{}", String::from_utf8_lossy(&closed_early.stderr));
    assert!(closed_early.stderr.is_empty(), "{}", String::from_utf8_lossy(&closed_early.stderr));
    build_corpus_as(&chunked, "single");
    assert!(pack_files(&chunked).is_empty());
    assert_eq!(std::fs::read(chunked.join("jobsift.idx")).unwrap(), std::fs::read(single.join("jobsift.idx")).unwrap());
}

#[test]
fn builds_the_real_board_accounting_for_every_file() {
    let out = temp_dir("board");
    let (stdout, stderr) = build_corpus(&out);
    let files = std::fs::read_dir(corpus().join("progressivedatajobs")).unwrap().count();
    assert_eq!(files, 1_048);
    assert!(stdout.contains("files: 1048 found = 1048 indexed + 0 skipped + 0 not posts"), "{stdout}");
    assert!(stdout.contains("1048 posts indexed"), "{stdout}");
    // Each known broken file is read, with a warning naming it and its line.
    for (file, line) in [
        ("2019-03-13-precisionmanagingprinc.md", None),
        ("2019-12-10-ctdemsdata.md", None),
        ("2019-07-11-missioncontrol", Some(1)),
        ("2019-11-23-hubproject", Some(1)),
        ("2019-05-15ndwalabsproduct.md", Some(1)),
        ("2019-07-12repowerdacatl.md", Some(1)),
    ] {
        let warning = stderr.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("no warning for {file}:\n{stderr}"));
        if let Some(line) = line {
            assert!(warning.contains(&format!("{file}:{line}:")), "{warning}");
        }
    }
    assert!(stderr.contains("Windows-1252"), "{stderr}");
    ok(&jobsift(&["verify", out.to_str().unwrap()]));
}

#[test]
fn the_glued_fence_post_keeps_its_tags_and_body() {
    let board = corpus().join("progressivedatajobs");
    let outcome = read_posts(&[board.join("2019-12-10-ctdemsdata.md")], &Config::default()).unwrap();
    let doc = &outcome.documents[0];
    assert_eq!(doc.title, "CT Dem Party: Data Director");
    assert_eq!(doc.organisation.as_deref(), Some("CT Dem Party"));
    assert_eq!(doc.tags, vec!["campaigns", "data", "datamanagement"]);
    assert!(doc.body.starts_with("Note: deadline 12/11/19"), "{}", doc.body);
    assert_eq!(doc.url, "/2019/12/10/ctdemsdata.html");
}

/// What "data" with tags=union must return, computed without the engine: posts tagged
/// union with a word starting with "data" (the last query word matches as a prefix).
#[test]
fn query_data_tagged_union_counts_are_right() {
    let out = temp_dir("query");
    build_corpus(&out);
    let output = jobsift(&["query", out.to_str().unwrap(), "data", "--filter", "tags=union", "--json", "--limit", "1000"]);
    let result: Value = serde_json::from_str(&ok(&output)).unwrap();

    let docs = read_posts(&[corpus().join("progressivedatajobs")], &Config::default()).unwrap().documents;
    let has_data_word = |d: &jobsift_core::Document| {
        let text = format!("{} {} {} {}", d.title, d.organisation.clone().unwrap_or_default(), d.tags.join(" "), d.body).to_lowercase();
        text.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with("data"))
    };
    let matching: Vec<_> = docs.iter().filter(|d| has_data_word(d)).collect();
    let expected_total = matching.iter().filter(|d| d.tags.iter().any(|t| t == "union")).count();
    assert!(expected_total > 5, "the corpus has union posts about data");
    assert_eq!(result["total"], expected_total);
    let hits = result["hits"].as_array().unwrap();
    assert_eq!(hits.len(), expected_total);
    for hit in hits {
        assert!(hit["tags"].as_array().unwrap().iter().any(|t| t == "union"), "{hit}");
        for key in ["title", "org", "url", "date", "salary_min", "salary_max", "remote", "tags"] {
            assert!(hit.get(key).is_some(), "hit lacks {key}");
        }
    }
    // Disjunctive counts: the tags facet ignores its own selection.
    let mut expected_tags: BTreeMap<String, u64> = BTreeMap::new();
    for doc in &matching {
        for tag in &doc.tags {
            *expected_tags.entry(tag.clone()).or_default() += 1;
        }
    }
    let counted: BTreeMap<String, u64> = result["facets"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap().to_owned(), v["count"].as_u64().unwrap()))
        .filter(|(_, count)| *count > 0)
        .collect();
    assert_eq!(counted, expected_tags);
}

/// The real board tags posts both "vendor" and "vendors". A config that merges them must
/// also let a filter on the old spelling (a link shared before the merge) find them all.
#[test]
fn a_filter_on_a_merged_tag_spelling_finds_the_merged_tag() {
    let out = temp_dir("aliases");
    let config = out.join("aliases.toml");
    // Written with a capital: the config's spellings are folded like the tags.
    std::fs::write(&config, "[tags.aliases]\nVendor = \"vendors\"\n").unwrap();
    let posts = corpus().join("progressivedatajobs");
    ok(&jobsift(&["build", posts.to_str().unwrap(), "--out", out.to_str().unwrap(), "--config", config.to_str().unwrap()]));
    let docs = read_posts(&[posts], &Config::default()).unwrap().documents;
    let either = docs.iter().filter(|d| d.tags.iter().any(|t| t == "vendor" || t == "vendors")).count();
    let only_vendor = docs.iter().filter(|d| d.tags.iter().any(|t| t == "vendor") && !d.tags.iter().any(|t| t == "vendors")).count();
    assert!(only_vendor > 50, "the corpus tags many posts \"vendor\" alone ({only_vendor})");
    let query = |filter: &str| -> Value {
        serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), "--filter", filter, "--json", "--limit", "0"]))).unwrap()
    };
    let (merged, old_spelling, typed) = (query("tags=vendors"), query("tags=vendor"), query("tags=VENDOR"));
    assert_eq!(merged["total"], either);
    assert_eq!(old_spelling, merged, "the old spelling selects the merged tag, listed as such");
    assert_eq!(typed, merged);
    let tags: Vec<&str> = merged["facets"]["tags"].as_array().unwrap().iter().map(|v| v["value"].as_str().unwrap()).collect();
    assert!(tags.contains(&"vendors") && !tags.contains(&"vendor"), "{tags:?}");
}

#[test]
fn the_location_facet_names_each_place_once() {
    let out = temp_dir("places");
    build_corpus(&out);
    let query = |filters: &[&str]| -> Value {
        let mut args = vec!["query", out.to_str().unwrap(), "--json", "--limit", "0"];
        for filter in filters {
            args.extend(["--filter", filter]);
        }
        serde_json::from_str(&ok(&jobsift(&args))).unwrap()
    };
    let everything = query(&[]);
    let values: Vec<(String, u64)> = everything["facets"]["location"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap().to_owned(), v["count"].as_u64().unwrap()))
        .collect();
    // As written, the board's locations are 194 strings: "DC", "Washington, D.C.",
    // "DC or NYC preferred, remote possible"…
    assert!(values.len() < 100, "{} location values: {values:?}", values.len());
    for (value, _) in &values {
        let lower = value.to_lowercase();
        assert!(!["remote", "prefer", " or ", "flexible"].iter().any(|word| lower.contains(word)), "{value:?} is not a place");
    }

    // Every post whose location names the District ("DC", "D.C.", "Wahsington, DC"), and
    // only those, is under one value.
    let docs = read_posts(&[corpus().join("progressivedatajobs")], &Config::default()).unwrap().documents;
    let names_dc = |location: &str| location.split(|c: char| !(c.is_alphanumeric() || c == '.')).any(|word| word.replace('.', "") == "DC");
    let expected = docs.iter().filter(|d| d.location.as_deref().is_some_and(names_dc)).count();
    assert!(expected > 150, "{expected} posts in DC");
    assert_eq!(query(&["location=Washington, DC"])["total"], expected);
    assert!(values.iter().all(|(value, _)| value == "Washington, DC" || !value.contains("DC")), "{values:?}");
}

/// The board's posts write some organisations several ways ("Color of Change", "Color
/// Of Change"; "TargetSmart", "Targetsmart", "targetsmart"; "BlueLabs", "Blue Labs";
/// "The Tuesday Company", "Tuesday Company"): the facet lists each once, counting every
/// post of every spelling.
#[test]
fn the_organisation_facet_lists_each_organisation_once() {
    let out = temp_dir("orgs");
    build_corpus(&out);
    let everything: Value = serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), "--json", "--limit", "0"]))).unwrap();
    let listed: BTreeMap<String, u64> = everything["facets"]["org"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap().to_owned(), v["count"].as_u64().unwrap()))
        .collect();
    let docs = read_posts(&[corpus().join("progressivedatajobs")], &Config::default()).unwrap().documents;
    // Written out here rather than taken from the engine: lower case, no leading "the"
    // or trailing "LLC"/"Inc", letters and digits only (the board has no accented names,
    // and no "C++").
    let same_organisation = |org: &str| -> String {
        let lower = org.trim().trim_end_matches('.').to_lowercase();
        let name = lower.strip_prefix("the ").unwrap_or(&lower);
        let name = [" llc", ", llc", " inc", ", inc", " corp", " ltd"].iter().find_map(|form| name.strip_suffix(form)).unwrap_or(name);
        name.chars().filter(|c| c.is_alphanumeric()).collect()
    };
    let mut expected: BTreeMap<String, (BTreeSet<String>, u64)> = BTreeMap::new();
    for org in docs.iter().filter_map(|d| d.organisation.as_deref()) {
        let entry = expected.entry(same_organisation(org)).or_default();
        entry.0.insert(org.to_owned());
        entry.1 += 1;
    }
    assert!(expected.values().filter(|(spellings, _)| spellings.len() > 1).count() >= 5, "the board has organisations spelled several ways");
    assert_eq!(listed.len(), expected.len(), "one value per organisation");
    for (key, (spellings, count)) in &expected {
        let value = listed.keys().find(|value| same_organisation(value) == *key).unwrap_or_else(|| panic!("{key} is not listed"));
        assert!(spellings.contains(value), "{value} is one of {spellings:?}");
        assert_eq!(listed[value], *count, "{value}");
    }
    assert_eq!((listed["TargetSmart"], listed["BlueLabs"], listed["The Tuesday Company"], listed["Catalist"]), (15, 13, 4, 27));
    let filtered: Value = serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), "--filter", "org=targetsmart", "--json", "--limit", "0"]))).unwrap();
    assert_eq!(filtered["total"], 15);
}

/// An excluded phrase is the complement of the phrase, and a text that starts with "-"
/// is read as the query, not as an option.
#[test]
fn query_excludes_a_phrase() {
    let out = temp_dir("exclude");
    build_corpus(&out);
    let total = |text: &str| -> u64 {
        let result: Value = serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), text, "--json"]))).unwrap();
        result["total"].as_u64().unwrap()
    };
    let (all, phrase) = (total(""), total("\"data analyst\""));
    assert!(phrase > 10 && phrase < all);
    assert_eq!(total("-\"data analyst\""), all - phrase);
    assert_eq!(total("-\"union\""), total("-union"));
    assert!(total("-union") < all);
}

#[test]
fn same_posts_give_the_same_bytes() {
    let (a, b) = (temp_dir("det-a"), temp_dir("det-b"));
    build_corpus(&a);
    build_corpus(&b);
    assert_eq!(std::fs::read(a.join("jobsift.idx")).unwrap(), std::fs::read(b.join("jobsift.idx")).unwrap());
}

/// An output folder holding the index of one good post, and that index's bytes: what a
/// refused build must leave as it was.
fn earlier_build(name: &str) -> (TempFolder, Vec<u8>) {
    let out = temp_dir(name);
    let good = temp_dir(&format!("{name}-posts"));
    std::fs::write(good.join("2020-01-02-ok.md"), "---\ntitle: \"Org: Role\"\ntags: [data]\n---\nBody\n").unwrap();
    ok(&jobsift(&["build", good.to_str().unwrap(), "--out", out.to_str().unwrap()]));
    let bytes = std::fs::read(out.join("jobsift.idx")).unwrap();
    (out, bytes)
}

/// The earlier index is still there, byte for byte, and no temporary file is left.
fn assert_untouched(out: &Path, before: &[u8]) {
    assert_eq!(std::fs::read(out.join("jobsift.idx")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")), "{leftovers:?}");
}

#[test]
fn strict_fails_and_leaves_the_earlier_index_untouched() {
    let (out, before) = earlier_build("strict");
    let board = corpus().join("progressivedatajobs");
    let output = jobsift(&["build", board.to_str().unwrap(), "--out", out.to_str().unwrap(), "--strict"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--strict"));
    assert_untouched(&out, &before);
}

/// The query's text output says each fact once, with salaries and employment types as a
/// visitor reads them.
#[test]
fn query_text_says_remote_once_and_salaries_in_dollars() {
    let posts = temp_dir("text-posts");
    std::fs::write(posts.join("2020-01-02-a.md"), "---\ntitle: \"Org A: Analyst\"\n---\nLocation: Remote\n\nSalary: $40,000\n").unwrap();
    std::fs::write(posts.join("2020-01-03-b.md"), "---\ntitle: \"Org B: Analyst\"\ntype: part-time\n---\nLocation: Denver, CO\n\nSalary: $48,000 - $54,000 per year\n").unwrap();
    let out = temp_dir("text");
    ok(&jobsift(&["build", posts.to_str().unwrap(), "--out", out.to_str().unwrap()]));
    let text = ok(&jobsift(&["query", out.to_str().unwrap(), "analyst", "--sort", "newest"]));
    assert!(text.contains("\n     Denver, CO · Part-time · $48,000 – $54,000 a year\n"), "{text}");
    assert!(text.contains("\n     Remote · $40,000 a year\n"), "{text}");
}

/// A folder without posts (a wrong path, a checkout that failed) does not replace the
/// board's index with an empty one; `--allow-empty` writes one on purpose.
#[test]
fn finding_no_posts_fails_unless_allowed() {
    let (out, before) = earlier_build("no-posts");
    let empty = temp_dir("no-posts-empty");
    std::fs::write(empty.join("logo.png"), b"\x89PNG").unwrap();
    std::fs::write(empty.join("2020-01-03-draft.md"), "---\ntitle: \"Org: Draft\"\npublished: false\n---\n").unwrap();
    let output = jobsift(&["build", empty.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no posts found") && stderr.contains("1 not posts + 1 unpublished") && stderr.contains("--allow-empty"), "{stderr}");
    assert_untouched(&out, &before);

    ok(&jobsift(&["build", empty.to_str().unwrap(), "--out", out.to_str().unwrap(), "--allow-empty"]));
    let answer: Value = serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), "", "--json"]))).unwrap();
    assert_eq!(answer["total"], 0);
}

/// A build killed while writing leaves its temporary file; the next build removes it,
/// and nothing of the site's own or another tool's.
#[test]
fn a_later_build_removes_what_an_interrupted_one_left() {
    let out = temp_dir("interrupted");
    let posts = temp_dir("interrupted-posts");
    std::fs::write(posts.join("2020-01-02-ok.md"), "---\ntitle: \"Org: Role\"\n---\nBody\n").unwrap();
    let left = [".jobsift.idx.4242.tmp", ".jobsift-0123456789ab.pack.4242.tmp", ".jobsift.js.77.tmp"];
    let kept = [".site.tmp", ".jobsift.idx.tmp", "notes.4242.tmp", ".jobsift-notes.md"];
    for name in left.iter().chain(&kept) {
        std::fs::write(out.join(name), b"half").unwrap();
    }
    ok(&jobsift(&["build", posts.to_str().unwrap(), "--out", out.to_str().unwrap()]));
    for name in left {
        assert!(!out.join(name).exists(), "{name} is still there");
    }
    for name in kept {
        assert!(out.join(name).exists(), "{name} was removed");
    }
}

/// The build makes its output folder before reading (its text spill file lives there);
/// a build that fails before writing anything takes a folder it made away again.
#[test]
fn a_failed_build_leaves_no_new_output_folder() {
    let dir = temp_dir("no-new-folder");
    let board = corpus().join("progressivedatajobs");
    let refused = dir.join("refused");
    let output = jobsift(&["build", board.to_str().unwrap(), "--out", refused.to_str().unwrap(), "--strict"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--strict"));
    let unreadable = dir.join("unreadable");
    let output = jobsift(&["build", dir.join("no-such-posts").to_str().unwrap(), "--out", unreadable.to_str().unwrap()]);
    assert!(!output.status.success());
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(names.is_empty(), "{names:?}");
    let built = dir.join("built");
    ok(&jobsift(&["build", board.to_str().unwrap(), "--out", built.to_str().unwrap()]));
    assert!(built.join("jobsift.idx").is_file());
}

/// Packs are written while a chunked index is built: a folder that cannot take them
/// fails the build with the folder named, and nothing is left half written.
#[test]
fn a_chunked_build_that_cannot_write_its_packs_says_where() {
    let dir = temp_dir("unwritable");
    let not_a_folder = dir.join("taken");
    std::fs::write(&not_a_folder, "a file where the output folder should be").unwrap();
    let board = corpus().join("progressivedatajobs");
    let output = jobsift(&["build", board.to_str().unwrap(), "--out", not_a_folder.to_str().unwrap(), "--layout", "chunked"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("writing packs into {}", not_a_folder.display())), "{stderr}");
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("taken")]);
    assert_eq!(std::fs::read_to_string(&not_a_folder).unwrap(), "a file where the output folder should be");
}

#[test]
fn verify_refuses_damaged_indexes() {
    let out = temp_dir("verify");
    build_corpus(&out);
    let bytes = std::fs::read(out.join("jobsift.idx")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", bytes[..bytes.len() / 2].to_vec(), "truncated"),
        ("flipped", { let mut b = bytes.clone(); let at = b.len() / 3; b[at] ^= 0x10; b }, "damaged"),
        ("html", b"<!DOCTYPE html><title>404</title>".to_vec(), "not a jobsift index"),
        ("newer", { let mut b = bytes.clone(); b[8..12].copy_from_slice(&9u32.to_le_bytes()); b }, "newer"),
    ];
    assert_verify_refuses(&out, cases);
}

/// Writes each damaged index into `out` and checks that `jobsift verify` refuses it with
/// a message containing the expected words; returns each case's message.
fn assert_verify_refuses(out: &Path, cases: Vec<(&str, Vec<u8>, &str)>) -> Vec<String> {
    cases
        .into_iter()
        .map(|(name, damaged, expected)| {
            let path = out.join(format!("{name}.idx"));
            std::fs::write(&path, damaged).unwrap();
            let output = jobsift(&["verify", path.to_str().unwrap()]);
            assert!(!output.status.success(), "{name} passed verify");
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            assert!(stderr.contains(expected), "{name}: {stderr}");
            stderr
        })
        .collect()
}

/// CRC-32 (IEEE), bit by bit: enough for rewriting a small frame in a test.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// The damage `verify_refuses_damaged_indexes` does not cover: each frame check of
/// docs/index-format.md in turn, at its edges (the same cases the browser test
/// tests/browser/broken-index.test.mjs shows in the widget).
#[test]
fn verify_names_each_frame_check() {
    let out = temp_dir("verify-frame");
    build_corpus_as(&out, "single");
    let bytes = std::fs::read(out.join("jobsift.idx")).unwrap();
    let with = |edit: &dyn Fn(&mut Vec<u8>)| {
        let mut b = bytes.clone();
        edit(&mut b);
        b
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "index is truncated: 0 bytes"),
        ("cut-7", bytes[..7].to_vec(), "index is truncated: 7 bytes"),
        ("cut-20", bytes[..20].to_vec(), "index is truncated: 20 bytes"),
        ("cut-1k", bytes[..1024].to_vec(), "truncated or has extra bytes"),
        ("last-byte", bytes[..bytes.len() - 1].to_vec(), "truncated or has extra bytes"),
        ("appended", with(&|b| b.push(b'\n')), "truncated or has extra bytes"),
        ("magic", with(&|b| b[6] = b'X'), "not a jobsift index"),
        ("older", with(&|b| b[8..12].copy_from_slice(&0u32.to_le_bytes())), "version 0 is older"),
        ("newer-layout", [&bytes[..8], &3u32.to_le_bytes()[..], &[0xee; 40][..]].concat(), "version 3 is newer"),
        ("table", with(&|b| b[16 + 24 + 5] ^= 0x08), "checksum of header"),
        ("length", with(&|b| { let at = b.len() - 16; b[at] ^= 0x01; }), "damaged: written as"),
    ];
    for message in assert_verify_refuses(&out, cases) {
        assert!(message.contains("INVALID"), "{message}");
    }
}

/// A later writer of the same format version may add a section: readers ignore it and
/// verify checks its checksum (docs/index-format.md, "Frame").
#[test]
fn verify_accepts_an_unknown_section_and_checks_its_checksum() {
    let out = temp_dir("verify-unknown");
    build_corpus_as(&out, "single");
    let bytes = std::fs::read(out.join("jobsift.idx")).unwrap();
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    let mut sections: Vec<([u8; 4], Vec<u8>)> = (0..u32_at(12) as usize)
        .map(|i| {
            let at = 16 + 24 * i;
            let (offset, len) = (u64_at(at + 4), u64_at(at + 12));
            (bytes[at..at + 4].try_into().unwrap(), bytes[offset..offset + len].to_vec())
        })
        .collect();
    sections.push((*b"FUTR", b"written by a later jobsift".to_vec()));
    let frame = |sections: &[([u8; 4], Vec<u8>)], damage_last: bool| {
        let table_end = 16 + 24 * sections.len();
        let mut out = b"JOBSIFT\0".to_vec();
        out.extend(1u32.to_le_bytes());
        out.extend((sections.len() as u32).to_le_bytes());
        let mut offset = table_end;
        for (tag, body) in sections {
            out.extend(tag);
            out.extend((offset as u64).to_le_bytes());
            out.extend((body.len() as u64).to_le_bytes());
            out.extend(crc32(body).to_le_bytes());
            offset += body.len();
        }
        for (_, body) in sections {
            out.extend(body);
        }
        if damage_last {
            let at = out.len() - 1;
            out[at] ^= 0x20;
        }
        let header_crc = crc32(&out[..table_end]);
        out.extend(((out.len() + 16) as u64).to_le_bytes());
        out.extend(header_crc.to_le_bytes());
        out.extend(b"JSFT");
        out
    };
    let path = out.join("future.idx");
    std::fs::write(&path, frame(&sections, false)).unwrap();
    let stdout = ok(&jobsift(&["verify", path.to_str().unwrap()]));
    assert!(stdout.contains("section FUTR"), "{stdout}");
    // The unknown section's own checksum is still checked.
    std::fs::write(&path, frame(&sections, true)).unwrap();
    let output = jobsift(&["verify", path.to_str().unwrap()]);
    assert!(!output.status.success(), "a damaged unknown section passed verify");
    assert!(String::from_utf8_lossy(&output.stderr).contains("checksum of section FUTR"));
}

/// Found by tests/browser/xss.test.mjs: a post URL given in front matter (`url:` /
/// `permalink:`) used to be stored as written, so `javascript:`, `data:` and `vbscript:`
/// URLs reached the index and `query --json`. The indexer now replaces them with the
/// permalink (with a warning) and `verify` refuses an index holding one; relative URLs
/// stay allowed.
#[test]
fn post_urls_are_never_script_links() {
    let posts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixtures/xss/_posts");
    let out = temp_dir("xss-urls");
    ok(&jobsift(&["build", posts.to_str().unwrap(), "--out", out.to_str().unwrap()]));
    let json: Value = serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), "", "--json", "--limit", "1000"]))).unwrap();
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 101);
    let unsafe_urls: Vec<&str> = hits
        .iter()
        .map(|hit| hit["url"].as_str().unwrap())
        .filter(|url| {
            let squashed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
            squashed.find(':').is_some_and(|colon| {
                let scheme = &squashed[..colon];
                !scheme.contains(['/', '?', '#']) && !matches!(scheme, "http" | "https" | "mailto")
            })
        })
        .collect();
    assert!(unsafe_urls.is_empty(), "post URLs with a script-capable scheme in the index: {unsafe_urls:?}");
    ok(&jobsift(&["verify", out.to_str().unwrap()]));
}

#[test]
fn reads_csv_json_toml_and_config() {
    let posts = temp_dir("mixed");
    std::fs::write(
        posts.join("jobs.csv"),
        "title,date,tags,salary,location,department,body\n\
         \"Acme: Data Analyst\",2020-03-01,\"data, analytics\",\"$60,000 to $70,000\",\"Boston, MA\",Research,\"Analyse **data**.\"\n\
         \"Beta Org: Organizer\",2020-03-02,organizing,Not listed,Remote,Field,Knock doors.\n",
    )
    .unwrap();
    std::fs::write(
        posts.join("more.json"),
        r#"{"posts": [{"title": "Gamma: Engineer", "date": "2020-04-01", "tags": ["tech"], "remote": true, "department": "Tech", "body": "Build it. Apply at https://gamma.example/jobs"}]}"#,
    )
    .unwrap();
    std::fs::write(posts.join("2020-05-01-toml.md"), "+++\ntitle = \"Delta: Fellow\"\ntags = [\"Vendor\"]\ndepartment = \"Research\"\n+++\nA paid fellowship.\n").unwrap();
    let config = posts.join("site.toml");
    std::fs::write(&config, "base_url = \"https://jobs.example.org\"\n[tags.aliases]\nvendor = \"vendors\"\n[[facets]]\nname = \"department\"\nlabel = \"Department\"\n").unwrap();
    let out = temp_dir("mixed-out");
    let stdout = ok(&jobsift(&["build", posts.to_str().unwrap(), "--out", out.to_str().unwrap(), "--config", config.to_str().unwrap()]));
    assert!(stdout.contains("4 posts indexed"), "{stdout}");
    assert!(stdout.contains("1 not posts"), "the config file is not a post: {stdout}");

    let result: Value = serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), "--filter", "department=Research", "--json"]))).unwrap();
    assert_eq!(result["total"], 2);
    let titles: Vec<&str> = result["hits"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap()).collect();
    assert_eq!(titles, vec!["Delta: Fellow", "Acme: Data Analyst"]);
    let acme = &result["hits"][1];
    assert_eq!((acme["salary_min"].as_u64(), acme["salary_max"].as_u64()), (Some(60_000), Some(70_000)));
    assert!(acme["url"].as_str().unwrap().starts_with("https://jobs.example.org/"));
    let vendors: Value = serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), "--filter", "tags=vendors", "--json"]))).unwrap();
    assert_eq!(vendors["total"], 1);
    let remote: Value = serde_json::from_str(&ok(&jobsift(&["query", out.to_str().unwrap(), "--filter", "remote=true", "--json"]))).unwrap();
    assert_eq!(remote["total"], 2, "Gamma says remote: true; Beta's location is Remote");

    std::fs::write(&config, "[tags]\nalias = {}\n").unwrap();
    let output = jobsift(&["build", posts.to_str().unwrap(), "--out", out.to_str().unwrap(), "--config", config.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("alias"), "the unknown key is named");
}

#[test]
fn query_names_unknown_facets() {
    let out = temp_dir("unknown-facet");
    let posts = temp_dir("unknown-facet-posts");
    std::fs::write(posts.join("2020-01-02-ok.md"), "---\ntitle: \"Org: Role\"\n---\nBody\n").unwrap();
    ok(&jobsift(&["build", posts.to_str().unwrap(), "--out", out.to_str().unwrap()]));
    let output = jobsift(&["query", out.to_str().unwrap(), "--filter", "colour=red"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("colour") && stderr.contains("tags"), "{stderr}");
}
