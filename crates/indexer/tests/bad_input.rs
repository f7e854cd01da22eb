//! Hostile and broken input: each bad file gets a warning naming it, time and memory stay
//! bounded, and every good post is still indexed.

use jobsift_indexer::{read_posts, Config, FileStatus};
use std::path::PathBuf;
use std::time::Instant;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jobsift-bad-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The line named by the warning about `words` in `file`; the test fails without one.
fn warning_line(outcome: &jobsift_indexer::ReadOutcome, file: &str, words: &str) -> Option<usize> {
    let warning = outcome.warnings.iter().find(|w| w.path.ends_with(file) && w.message.contains(words));
    warning.unwrap_or_else(|| panic!("no warning about `{words}` in {file}: {:#?}", outcome.warnings)).line
}

const GOOD: &str = "---\ntitle: \"Good Org: Analyst\"\ntags: [data]\n---\nSalary: $50,000\n";

#[test]
fn bad_files_are_reported_and_good_posts_survive() {
    let dir = scratch("mix");
    std::fs::write(dir.join("2020-01-01-good.md"), GOOD).unwrap();
    // Latin-1 bytes (é as 0xE9) on line 3.
    std::fs::write(dir.join("2020-01-02-latin1.md"), b"---\ntitle: \"Caf\xe9 Org: Barista\"\n---\nBody\n").unwrap();
    std::fs::write(dir.join("2020-01-03-binary.md"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(dir.join("2020-01-04-huge.md"), format!("---\ntitle: x\n---\n{}", "salary $50,000 ".repeat(400_000))).unwrap();
    let mut bomb = String::from("---\ntitle: \"Bomb: Role\"\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for level in 0..9u8 {
        let (this, prev) = ((b'b' + level) as char, (b'a' + level) as char);
        bomb.push_str(&format!("{this}: &{this} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("---\nBody\n");
    std::fs::write(dir.join("2020-01-05-bomb.md"), bomb).unwrap();
    std::fs::write(dir.join("2020-01-06-deep.md"), format!("---\ntitle: \"Deep: Role\"\nx: {}{}\n---\nBody\n", "[".repeat(50_000), "]".repeat(50_000))).unwrap();
    std::fs::write(dir.join("2020-01-07-unclosed.md"), "---\ntitle: \"Open: Role\"\nBody without a closing fence\n").unwrap();
    std::fs::write(dir.join("broken.json"), "{\"posts\": [").unwrap();
    std::fs::write(dir.join("logo.png"), [137u8, 80, 78, 71]).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("gone.md"), dir.join("2020-01-08-dangling.md")).unwrap();

    let started = Instant::now();
    let outcome = read_posts(std::slice::from_ref(&dir), &Config::default()).unwrap();
    let took = started.elapsed();
    assert!(took.as_secs() < 60, "bounded time: {took:?}");

    let status = |name: &str| {
        outcome.files.iter().find(|f| f.path.file_name().unwrap() == name).unwrap_or_else(|| panic!("{name} not accounted for")).status.clone()
    };
    let warned = |name: &str, words: &str| {
        let w = outcome.warnings.iter().find(|w| w.path.file_name().unwrap() == name && w.message.contains(words));
        assert!(w.is_some(), "no warning about `{words}` for {name}: {:#?}", outcome.warnings);
    };
    assert_eq!(status("2020-01-01-good.md"), FileStatus::Indexed { posts: 1 });
    assert_eq!(status("2020-01-02-latin1.md"), FileStatus::Indexed { posts: 1 });
    warned("2020-01-02-latin1.md", "UTF-8");
    // Read as Windows-1252, which Latin-1 is part of.
    assert!(outcome.documents.iter().any(|d| d.title == "Café Org: Barista"), "{:#?}", outcome.documents.iter().map(|d| &d.title).collect::<Vec<_>>());
    assert!(matches!(status("2020-01-03-binary.md"), FileStatus::Skipped { .. }));
    warned("2020-01-03-binary.md", "binary");
    assert!(matches!(status("2020-01-04-huge.md"), FileStatus::Skipped { .. }));
    warned("2020-01-04-huge.md", "over the limit");
    assert_eq!(status("2020-01-05-bomb.md"), FileStatus::Indexed { posts: 1 });
    warned("2020-01-05-bomb.md", "aliases");
    assert!(outcome.documents.iter().any(|d| d.title == "Bomb: Role"));
    assert_eq!(status("2020-01-06-deep.md"), FileStatus::Indexed { posts: 1 });
    assert!(outcome.warnings.iter().any(|w| w.path.ends_with("2020-01-06-deep.md")));
    assert!(matches!(status("2020-01-07-unclosed.md"), FileStatus::Skipped { .. }));
    warned("2020-01-07-unclosed.md", "never closed");
    assert!(matches!(status("broken.json"), FileStatus::Skipped { .. }));
    warned("broken.json", "JSON");
    assert_eq!(status("logo.png"), FileStatus::NotAPost);
    #[cfg(unix)]
    {
        assert!(outcome.warnings.iter().any(|w| w.message.contains("loop")), "{:#?}", outcome.warnings);
        // What the walk could not read is in the file count as skipped, not only warned about.
        assert!(matches!(status("loop"), FileStatus::Skipped { reason } if reason.contains("loop")));
        assert!(matches!(status("2020-01-08-dangling.md"), FileStatus::Skipped { .. }));
        warned("2020-01-08-dangling.md", "cannot be read");
    }
    let mut paths: Vec<_> = outcome.files.iter().map(|f| &f.path).collect();
    paths.dedup();
    assert_eq!(paths.len(), outcome.files.len(), "each entry once");
    assert!(outcome.files.windows(2).all(|pair| pair[0].path < pair[1].path), "sorted by path");
    assert!(outcome.documents.iter().any(|d| d.title == "Good Org: Analyst" && d.salary.is_some()));
    // Every warning names its file; those with a line give a real one.
    assert!(outcome.warnings.iter().all(|w| w.path.starts_with(&dir) && w.line != Some(0)));
}

#[test]
fn a_warning_about_a_value_names_the_line_it_is_written_on() {
    let dir = scratch("value-lines");
    std::fs::write(dir.join("2021-01-01-yaml.md"), "---\ntitle: \"A: Analyst\"\ntags:\n  - data\ndate: last week\npermalink: \"javascript:alert(1)\"\n---\nBody\n").unwrap();
    std::fs::write(dir.join("2021-01-02-toml.md"), "+++\ntitle = \"B: Analyst\"\n\ndate = \"soon\"\n+++\nBody\n").unwrap();
    // Items start on lines 2, 3 and 8; the third has a bad date on line 10, which its
    // warning names.
    std::fs::write(
        dir.join("rows.json"),
        "[\n  {\"title\": \"C: Analyst\"},\n  {\n    \"title\": \"D: Analyst\",\n    \"date\": \"2021-02-02\"\n  },\n\n  {\n    \"title\": \"E: Analyst\",\n    \"date\": \"never\"\n  },\n  7\n]\n",
    )
    .unwrap();
    std::fs::write(dir.join("wrapped.json"), "{\"site\": \"x\",\n \"posts\": [\n\n  {\"title\": \"F: Analyst\", \"date\": \"?\"}]}\n").unwrap();
    let outcome = read_posts(std::slice::from_ref(&dir), &Config::default()).unwrap();
    assert_eq!(outcome.documents.len(), 6);
    let line_of = |file: &str, words: &str| warning_line(&outcome, file, words);
    assert_eq!(line_of("2021-01-01-yaml.md", "last week"), Some(5));
    assert_eq!(line_of("2021-01-01-yaml.md", "javascript"), Some(6));
    assert_eq!(line_of("2021-01-02-toml.md", "soon"), Some(4));
    assert_eq!(line_of("rows.json", "never"), Some(10));
    assert_eq!(line_of("rows.json", "item 4 is not an object"), Some(12));
    assert_eq!(line_of("wrapped.json", "`?`"), Some(4));
}

#[test]
fn posts_that_share_a_url_are_both_indexed_and_named_in_a_warning() {
    let dir = scratch("same-url");
    std::fs::write(dir.join("2021-01-01-a.md"), "---\ntitle: \"A: Analyst\"\npermalink: /same/\n---\nBody\n").unwrap();
    std::fs::write(dir.join("2021-01-02-b.md"), "---\ntitle: \"B: Analyst\"\npermalink: /same/\n---\nBody\n").unwrap();
    std::fs::write(dir.join("2021-01-03-c.md"), "---\ntitle: \"C: Analyst\"\n---\nBody\n").unwrap();
    let outcome = read_posts(std::slice::from_ref(&dir), &Config::default()).unwrap();
    assert_eq!(outcome.documents.len(), 3);
    let same: Vec<_> = outcome.warnings.iter().filter(|w| w.message.contains("same URL")).collect();
    assert_eq!(same.len(), 1, "{:#?}", outcome.warnings);
    assert!(same[0].path.ends_with("2021-01-02-b.md") && same[0].message.contains("2021-01-01-a.md"), "{:#?}", same[0]);
    assert_eq!(same[0].line, Some(3), "the line of `permalink:`");
}

#[test]
fn a_shared_url_is_named_at_the_line_it_comes_from() {
    let dir = scratch("same-url-lines");
    std::fs::write(dir.join("2021-01-01-a.md"), "---\ntitle: \"A: Analyst\"\n---\nBody\n").unwrap();
    // The second post's URL comes from its file name, as the first's does: line 1.
    std::fs::create_dir_all(dir.join("again")).unwrap();
    std::fs::write(dir.join("again/2021-01-01-a.md"), "---\ntitle: \"A: Analyst\"\n---\nBody\n").unwrap();
    // In a JSON file: the line of the later object's `url` key, inside the file.
    std::fs::write(
        dir.join("jobs.json"),
        "[\n  {\"title\": \"J: One\",\n   \"url\": \"/j/\"},\n  {\"title\": \"J: Two\",\n   \"date\": \"2021-01-02\",\n   \"url\": \"/j/\"}\n]\n",
    )
    .unwrap();
    // In a CSV file: the row of the later post.
    std::fs::write(dir.join("rows.csv"), "title,url\nR: One,/r/\nR: Two,/r/\n").unwrap();
    let outcome = read_posts(std::slice::from_ref(&dir), &Config::default()).unwrap();
    let line_of = |file: &str| warning_line(&outcome, file, "same URL");
    assert_eq!(line_of("again/2021-01-01-a.md"), Some(1));
    assert_eq!(line_of("jobs.json"), Some(6));
    assert_eq!(line_of("rows.csv"), Some(3));
}

/// A post reached twice, through a symbolic link or under two of the folders given, is
/// indexed once, by its own path, and the other path is reported and accounted for.
#[cfg(unix)]
#[test]
fn a_post_reached_twice_is_indexed_once() {
    let dir = scratch("twice");
    std::fs::create_dir_all(dir.join("posts/2020")).unwrap();
    std::fs::write(dir.join("posts/2020/2020-01-01-good.md"), GOOD).unwrap();
    std::fs::write(dir.join("posts/2020-02-01-other.md"), GOOD.replace("Good Org", "Other Org")).unwrap();
    // A link to the post under another name, and a link to its folder.
    std::os::unix::fs::symlink(dir.join("posts/2020/2020-01-01-good.md"), dir.join("posts/2020-03-01-alias.md")).unwrap();
    std::os::unix::fs::symlink(dir.join("posts/2020"), dir.join("posts/mirror")).unwrap();

    let titles = |outcome: &jobsift_indexer::ReadOutcome| {
        let mut titles: Vec<String> = outcome.documents.iter().map(|d| d.title.clone()).collect();
        titles.sort();
        titles
    };
    let outcome = read_posts(&[dir.join("posts")], &Config::default()).unwrap();
    assert_eq!(titles(&outcome), ["Good Org: Analyst", "Other Org: Analyst"]);
    let status = |name: &str| outcome.files.iter().find(|f| f.path.ends_with(name)).map(|f| f.status.clone());
    assert_eq!(status("2020/2020-01-01-good.md"), Some(FileStatus::Indexed { posts: 1 }), "kept by its own path");
    for link in ["2020-03-01-alias.md", "mirror/2020-01-01-good.md"] {
        assert!(matches!(status(link), Some(FileStatus::Skipped { reason }) if reason.contains("same file as")), "{link}: {:?}", status(link));
        assert!(outcome.warnings.iter().any(|w| w.path.ends_with(link) && w.message.contains("2020/2020-01-01-good.md")), "{:#?}", outcome.warnings);
    }

    // The same folder given twice, once inside the other.
    let outcome = read_posts(&[dir.join("posts/2020"), dir.join("posts")], &Config::default()).unwrap();
    assert_eq!(titles(&outcome), ["Good Org: Analyst", "Other Org: Analyst"]);

    // Without links or overlapping folders nothing is looked up twice or dropped.
    std::fs::remove_file(dir.join("posts/2020-03-01-alias.md")).unwrap();
    std::fs::remove_file(dir.join("posts/mirror")).unwrap();
    let outcome = read_posts(&[dir.join("posts")], &Config::default()).unwrap();
    assert_eq!(titles(&outcome), ["Good Org: Analyst", "Other Org: Analyst"]);
    assert!(outcome.warnings.is_empty(), "{:#?}", outcome.warnings);
    let _ = std::fs::remove_dir_all(&dir);
}
