//! What Jekyll leaves out of a site stays out of the index: posts marked
//! `published: false` (in any input format) and the `_drafts` folder.

use jobsift_indexer::{read_posts, Config, FileStatus};
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jobsift-unpublished-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn unpublished_posts_and_drafts_are_not_indexed() {
    let site = scratch("site");
    let posts = site.join("_posts");
    let drafts = site.join("_drafts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(posts.join("2021-01-01-shown.md"), "---\ntitle: \"Open Co: Analyst\"\n---\nBody\n").unwrap();
    std::fs::write(posts.join("2021-01-02-hidden.md"), "---\ntitle: \"Secret Co: Hidden Role\"\npublished: false\n---\nSalary $100,000\n").unwrap();
    std::fs::write(posts.join("2021-01-03-hidden.md"), "+++\ntitle = \"Secret Co: Toml Role\"\npublished = false\n+++\nBody\n").unwrap();
    std::fs::write(posts.join("2021-01-04-shown.md"), "---\ntitle: \"Open Co: Published\"\npublished: true\n---\nBody\n").unwrap();
    std::fs::write(drafts.join("a-draft.md"), "---\ntitle: \"Secret Co: Draft\"\n---\nBody\n").unwrap();
    std::fs::write(site.join("jobs.json"), r#"[{"title": "Open Co: Row"}, {"title": "Secret Co: Row", "published": false}]"#).unwrap();
    std::fs::write(site.join("jobs.csv"), "title,published\nOpen Co: Csv,\nSecret Co: Csv,false\n").unwrap();

    let outcome = read_posts(std::slice::from_ref(&site), &Config::default()).unwrap();
    let mut titles: Vec<&str> = outcome.documents.iter().map(|d| d.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Open Co: Analyst", "Open Co: Csv", "Open Co: Published", "Open Co: Row"]);
    let status = |name: &str| outcome.files.iter().find(|f| f.path.ends_with(name)).map(|f| f.status.clone());
    assert_eq!(status("2021-01-02-hidden.md"), Some(FileStatus::Unpublished));
    assert_eq!(status("2021-01-03-hidden.md"), Some(FileStatus::Unpublished));
    assert_eq!(status("a-draft.md"), None, "the drafts folder is not walked");
    assert!(outcome.warnings.is_empty(), "leaving a post out is not a problem: {:#?}", outcome.warnings);

    // Pointed at the drafts folder itself, the owner asked for it.
    let drafts_only = read_posts(std::slice::from_ref(&drafts), &Config::default()).unwrap();
    assert_eq!(drafts_only.documents.len(), 1);
}
