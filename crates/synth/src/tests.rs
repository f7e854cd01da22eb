//! Determinism, shape and distribution checks. Tolerances are wide enough for sampling noise
//! at the sizes drawn (a few standard deviations) and narrow enough to catch a wrong table.

use super::*;
use std::collections::{BTreeMap, HashSet};

fn share(count: usize, total: usize) -> f64 {
    count as f64 / total as f64
}

fn assert_near(name: &str, actual: f64, target: f64, tolerance: f64) {
    assert!((actual - target).abs() <= tolerance, "{name}: {actual:.3}, expected {target:.3} ± {tolerance}");
}

#[test]
fn same_seed_same_bytes_and_different_seed_different_bytes() {
    let first: Vec<SyntheticPost> = posts(300, 42).collect();
    let again: Vec<SyntheticPost> = posts(300, 42).collect();
    let other: Vec<SyntheticPost> = posts(300, 43).collect();
    assert_eq!(first, again);
    assert_ne!(first, other);
    assert_eq!(documents(300, 42), documents(300, 42));
}

#[test]
fn documents_are_the_posts_documents() {
    let documents = documents(200, 5);
    let paired: Vec<(SyntheticPost, Document)> = posts_with_documents(200, 5).collect();
    let posts: Vec<SyntheticPost> = posts(200, 5).collect();
    for ((post, document), (expected_post, expected_document)) in paired.iter().zip(posts.iter().zip(&documents)) {
        assert_eq!(post, expected_post);
        assert_eq!(document, expected_document);
        assert!(post.text.contains(&document.title.replace('"', "\\\"")));
    }
}

#[test]
fn file_names_are_unique_dated_markdown() {
    let mut seen = HashSet::new();
    for post in posts(5_000, 1) {
        let date_part = &post.file_name[..10];
        let date = Date::parse_iso(date_part).unwrap_or_else(|| panic!("undated name {}", post.file_name));
        assert!(date >= date_of(FIRST_DAY) && date <= date_of(LAST_DAY));
        assert_eq!(&post.file_name[10..11], "-");
        assert!(post.file_name.ends_with(".md"));
        assert!(seen.insert(post.file_name.clone()), "duplicate {}", post.file_name);
    }
}

fn date_of(ymd: (i32, u32, u32)) -> Date {
    date(ymd)
}

#[test]
fn posts_are_jekyll_files_with_front_matter() {
    for post in posts(500, 9) {
        let rest = post.text.strip_prefix("---\nlayout: single\ntitle:  \"").expect("front matter opens the file");
        let end = rest.find("\n---\n").expect("front matter closes");
        let front = &rest[..end];
        assert!(!front.contains("\n\n"), "blank line inside front matter of {}", post.file_name);
        assert!(rest[end + 5..].trim().len() > 20, "body of {} is empty", post.file_name);
    }
}

#[test]
fn iterator_is_lazy_for_a_million_posts() {
    // Taking from the far end of a million-post set must not build the posts before it.
    let mut million = posts(1_000_000, 3);
    let first = million.next().expect("a first post");
    let last = million.nth(999_998).expect("a millionth post");
    assert!(million.next().is_none());
    assert_ne!(first.file_name, last.file_name);
    assert!(last.file_name.ends_with("-999999.md"));
}

#[test]
fn write_posts_writes_every_file() {
    let dir = std::env::temp_dir().join(format!("jobsift-synth-test-{}", std::process::id()));
    write_posts(&dir, 50, 11).unwrap();
    let mut names: Vec<String> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let mut expected: Vec<String> = posts(50, 11).map(|p| p.file_name).collect();
    expected.sort();
    assert_eq!(names, expected);
    let one = posts(50, 11).next().unwrap();
    assert_eq!(fs::read_to_string(dir.join(&one.file_name)).unwrap(), one.text);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn field_shares_match_the_real_board() {
    let n = 6_000;
    let docs = documents(n, 2024);
    let texts: Vec<String> = posts(n, 2024).map(|p| p.text).collect();
    let with_salary = docs.iter().filter(|d| d.salary.is_some()).count();
    assert_near("salary stated", share(with_salary, n), SHARE_SALARY_LINE + SHARE_SALARY_IN_PROSE, 0.02);
    let not_listed = texts.iter().filter(|t| t.contains("Salary: Not listed")).count();
    assert_near("salary not listed", share(not_listed, n), 0.117, 0.015);
    let location_lines = texts.iter().filter(|t| t.contains("\nLocation: ")).count();
    assert_near("location line", share(location_lines, n), 350.0 / 1_047.0, 0.02);
    let remote = docs.iter().filter(|d| d.remote).count();
    assert_near("remote", share(remote, n), 203.0 / 1_047.0, 0.04);
    let see_more = texts.iter().filter(|t| t.contains("[See more and apply here](https://")).count();
    assert_near("see-more link", share(see_more, n), 742.0 / 1_047.0, 0.02);
    let org_role = docs.iter().filter(|d| d.organisation.is_some() && d.title.contains(": ")).count();
    assert_near("Org: Role titles", share(org_role, n), 0.995, 0.01);
}

#[test]
fn organisations_are_about_half_the_posts() {
    for n in [1_048usize, 10_000] {
        let orgs: HashSet<String> = documents(n, 8).into_iter().filter_map(|d| d.organisation).collect();
        let ratio = share(orgs.len(), n);
        // 540 of 1,048 on the real board; the skewed draw repeats some names, as it should.
        assert!((0.25..=0.6).contains(&ratio), "{} organisations for {n} posts", orgs.len());
    }
}

#[test]
fn tag_frequencies_follow_the_board() {
    let n = 6_000;
    let docs = documents(n, 77);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in &docs {
        for tag in &doc.tags {
            *counts.entry(tables::TAGS.iter().find(|(t, _)| t == tag).map(|(t, _)| *t).unwrap_or("?")).or_default() += 1;
        }
    }
    assert!(!counts.contains_key("?"), "a tag outside the board's tags");
    let real_posts = 1_047.0;
    // The frequent tags: share of posts within 8 points of the board's.
    for (tag, real) in &tables::TAGS[..8] {
        let real_share = f64::from(*real) / real_posts;
        assert_near(tag, share(counts[tag], n), real_share, 0.08);
    }
    let mean_tags = docs.iter().map(|d| d.tags.len()).sum::<usize>() as f64 / n as f64;
    let board_posts: u32 = tables::TAG_COUNTS.iter().map(|(_, posts)| posts).sum();
    let board_tags: u32 = tables::TAG_COUNTS.iter().map(|(tags, posts)| tags * posts).sum();
    assert_near("tags per post", mean_tags, f64::from(board_tags) / f64::from(board_posts), 0.3);
    // Near-duplicate spellings stay in, as on the real board: indexers must cope with them.
    assert!(counts.contains_key("vendor") && counts.contains_key("vendors"));
}

#[test]
fn body_lengths_follow_the_board() {
    let n = 5_000;
    let mut lengths: Vec<usize> = documents(n, 13).iter().map(|d| d.body.split_whitespace().count()).collect();
    lengths.sort_unstable();
    let median = lengths[n / 2] as f64;
    let p90 = lengths[n * 9 / 10] as f64;
    // Bodies overshoot the drawn length by up to one block plus the fact and link lines.
    assert!((300.0..=400.0).contains(&median), "median body {median} words, board 323");
    assert!((640.0..=760.0).contains(&p90), "p90 body {p90} words, board 667");
}

#[test]
fn salaries_are_yearly_usd_and_match_their_text() {
    for doc in documents(3_000, 21) {
        let Some(salary) = doc.salary else { continue };
        assert!(salary.min <= salary.max);
        assert!((25_000..=250_000).contains(&salary.min), "{salary:?}");
        let body_mentions = doc.body.contains(&salary.text);
        assert!(body_mentions, "salary text {:?} missing from the body", salary.text);
        let expected_period = if salary.text.contains("hour") {
            SalaryPeriod::Hour
        } else if salary.text.contains("month") {
            SalaryPeriod::Month
        } else {
            SalaryPeriod::Year
        };
        assert_eq!(salary.period, expected_period, "{}", salary.text);
    }
}

#[test]
fn salary_shapes_are_written_as_on_the_board() {
    let mut rng = Rng::new(4);
    let texts: Vec<String> = (0..2_000).map(|_| salary(&mut rng).text).collect();
    let has = |needle: &str| texts.iter().any(|t| t.contains(needle));
    assert!(has(" to $") && has(" - $") && has("k/year") && has("/hour") && has("/month") && has(" per year"));
    assert!(texts.iter().all(|t| t.starts_with('$')));
    assert_eq!(thousands(76_500), "76,500");
    assert_eq!(thousands(1_234_567), "1,234,567");
    assert_eq!(thousands(999), "999");
}

#[test]
fn remote_flag_matches_the_text() {
    for (post, doc) in posts_with_documents(2_000, 31) {
        let says_remote = post.text.to_lowercase().contains("remote");
        assert_eq!(doc.remote, says_remote, "{}", post.file_name);
    }
}
