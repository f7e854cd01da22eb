//! Extraction measured against hand-labelled real posts (`tests/golden/extraction.json`).
//!
//! Each labelled post is read from the corpus and run through the extract functions with
//! a deliberately simple front-matter split and Markdown-to-text step written here, so
//! that this test measures the extractors alone. Salary and remote must reach precision
//! ≥ 0.95 and recall ≥ 0.90; location, employment type and deadline accuracy are printed.
//!
//! The corpus is found through `JOBSIFT_CORPUS`, else `../shared/corpus` next to the
//! repository.

use jobsift_core::Date;
use jobsift_indexer::extract;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const SUMMARY_CHARS: usize = 200;

fn corpus_dir() -> PathBuf {
    let dir = match std::env::var_os("JOBSIFT_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
    };
    assert!(
        dir.is_dir(),
        "corpus not found at {}: set JOBSIFT_CORPUS to the folder that holds progressivedatajobs/ and seeds/",
        dir.display()
    );
    dir
}

fn golden_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/extraction.json")
}

/// A post as this test reads it: title, post date, plain text and links.
struct Post {
    title: String,
    date: Option<Date>,
    text: String,
    links: Vec<(String, String)>,
}

fn read_post(path: &Path) -> Post {
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let source = String::from_utf8_lossy(&bytes);
    let (front_matter, markdown) = split_front_matter(&source);
    let title = front_matter_value(front_matter, "title").unwrap_or_default();
    let file_name = path.file_name().and_then(|name| name.to_str()).unwrap_or("");
    let date = front_matter_value(front_matter, "date")
        .and_then(|date| Date::parse_iso(&date))
        .or_else(|| file_name.get(..10).and_then(Date::parse_iso));
    let (text, links) = crude_plain_text(markdown);
    Post { title, date, text, links }
}

/// Front matter between `---` fences; a closing fence with stray spaces or glued to the
/// last value (the corpus has both) still closes it.
fn split_front_matter(source: &str) -> (&str, &str) {
    let Some(rest) = source.strip_prefix("---") else { return ("", source) };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let end = offset + line.len();
        if offset > 0 && line.trim_end().ends_with("---") {
            let fence_start = offset + line.trim_end().len() - 3;
            return (&rest[..fence_start], &rest[end..]);
        }
        offset = end;
    }
    ("", source)
}

fn front_matter_value(front_matter: &str, key: &str) -> Option<String> {
    front_matter.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.trim_start().strip_prefix(':')?.trim();
        let value = value.trim_matches('"').trim_matches('\'').trim();
        (!value.is_empty()).then(|| value.to_owned())
    })
}

/// Markdown to text, crudely: emphasis and heading marks and HTML tags removed,
/// `[text](url)` becomes its text with the pair collected.
fn crude_plain_text(markdown: &str) -> (String, Vec<(String, String)>) {
    let mut links = Vec::new();
    let mut text = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let line = line.replace("**", "").replace("__", "");
        let line = line.trim_start_matches('#').trim();
        let mut rest = line;
        let mut out = String::new();
        while let Some(open) = rest.find('[') {
            let after_open = &rest[open + 1..];
            let Some(close) = after_open.find("](") else { break };
            let target_part = &after_open[close + 2..];
            let Some(target_end) = target_part.find(')') else { break };
            out.push_str(&rest[..open]);
            let label = &after_open[..close];
            out.push_str(label);
            links.push((label.trim().to_owned(), target_part[..target_end].trim().to_owned()));
            rest = &target_part[target_end + 1..];
        }
        out.push_str(rest);
        text.push_str(&strip_tags(&out));
        text.push('\n');
    }
    (text, links)
}

fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// What the extractors found in one post.
struct Found {
    organisation: Option<String>,
    role: Option<String>,
    salary: Option<(u32, u32)>,
    location: Option<String>,
    remote: bool,
    employment_type: Option<String>,
    deadline: Option<String>,
}

fn extract_post(post: &Post) -> Found {
    let title = extract::split_title(&post.title);
    let salary = extract::salary(&post.text, extract::labelled_line(&post.text, "salary"));
    let place = extract::location(&post.text, extract::labelled_line(&post.text, "location"), &post.title);
    // Exercised for panics and sanity on every labelled post; not scored.
    let summary = extract::summary(&post.text, SUMMARY_CHARS);
    assert!(summary.chars().count() <= SUMMARY_CHARS);
    if let Some(link) = extract::apply_link(&post.links, &post.text) {
        let scheme = link.split(':').next().unwrap_or("").to_ascii_lowercase();
        assert!(matches!(scheme.as_str(), "http" | "https" | "mailto"), "unsafe apply link {link}");
    }
    Found {
        organisation: title.organisation,
        role: title.role,
        salary: salary.map(|salary| (salary.min, salary.max)),
        location: place.location,
        remote: place.remote,
        employment_type: extract::employment_type(&post.title, &post.text).map(|kind| kind.as_str().to_owned()),
        deadline: extract::deadline(&post.text, post.date).map(|date| date.to_string()),
    }
}

/// Counts for a precision/recall pair.
#[derive(Default)]
struct Confusion {
    true_positive: u32,
    false_positive: u32,
    false_negative: u32,
}

impl Confusion {
    fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }

    fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }
}

/// A ratio that is 1.0 when there is nothing to measure (no predictions: no false ones).
fn ratio(numerator: u32, denominator: u32) -> f64 {
    if denominator == 0 {
        1.0
    } else {
        f64::from(numerator) / f64::from(denominator)
    }
}

#[derive(Default)]
struct Accuracy {
    correct: u32,
    total: u32,
}

impl Accuracy {
    fn record(&mut self, correct: bool) {
        self.total += 1;
        self.correct += u32::from(correct);
    }

    fn value(&self) -> f64 {
        ratio(self.correct, self.total)
    }
}

fn label_str<'a>(label: &'a Value, key: &str) -> Option<&'a str> {
    label.get(key).and_then(Value::as_str).map(str::trim).filter(|value| !value.is_empty())
}

fn label_dollars(label: &Value, key: &str) -> Option<f64> {
    label.get(key).and_then(Value::as_f64)
}

fn within_one_percent(found: u32, expected: f64) -> bool {
    (f64::from(found) - expected).abs() <= expected.abs() * 0.01
}

/// Locations compare without case, punctuation or spacing ("Washington, D.C." is
/// "washington dc"), and a label contained in the finding or the other way round counts
/// ("Washington, DC" and "Washington, DC or remote").
fn normalised_place(text: &str) -> String {
    let kept: String = text.chars().filter(|c| c.is_alphanumeric() || c.is_whitespace()).collect();
    kept.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_place(found: Option<&str>, expected: Option<&str>) -> bool {
    match (found.map(normalised_place), expected.map(normalised_place)) {
        (None, None) => true,
        (Some(found), Some(expected)) => found.contains(&expected) || expected.contains(&found),
        _ => false,
    }
}

fn same_text(found: Option<&str>, expected: Option<&str>) -> bool {
    found.map(|text| text.trim().to_lowercase()) == expected.map(|text| text.trim().to_lowercase())
}

#[test]
fn extraction_matches_the_hand_labelled_posts() {
    let corpus = corpus_dir();
    let golden_path = golden_file();
    let golden_text = std::fs::read_to_string(&golden_path)
        .unwrap_or_else(|error| panic!("cannot read the golden file {}: {error}", golden_path.display()));
    let golden: Value = serde_json::from_str(&golden_text).expect("the golden file is valid JSON");
    let labels = golden.get("posts").and_then(Value::as_array).expect("the golden file has a \"posts\" array");
    assert!(!labels.is_empty(), "the golden file labels no posts");

    let mut salary = Confusion::default();
    let mut remote = Confusion::default();
    let (mut organisation, mut role) = (Accuracy::default(), Accuracy::default());
    let (mut location, mut employment_type, mut deadline) = (Accuracy::default(), Accuracy::default(), Accuracy::default());
    let mut misses = String::new();

    for label in labels {
        let file = label_str(label, "file").expect("every labelled post names its file");
        let post = read_post(&corpus.join(file));
        let found = extract_post(&post);

        let expected_salary = label_dollars(label, "salary_min").zip(label_dollars(label, "salary_max"));
        let salary_right = match (found.salary, expected_salary) {
            (Some((min, max)), Some((expected_min, expected_max))) => {
                within_one_percent(min, expected_min) && within_one_percent(max, expected_max)
            }
            (None, None) => true,
            _ => false,
        };
        match (found.salary.is_some(), expected_salary.is_some(), salary_right) {
            (true, true, true) => salary.true_positive += 1,
            (true, true, false) => {
                salary.false_positive += 1;
                salary.false_negative += 1;
            }
            (true, false, _) => salary.false_positive += 1,
            (false, true, _) => salary.false_negative += 1,
            (false, false, _) => {}
        }
        if !salary_right {
            let _ = writeln!(misses, "salary    {file}: found {:?}, labelled {:?}", found.salary, expected_salary);
        }

        let expected_remote = label.get("remote").and_then(Value::as_bool).unwrap_or(false);
        match (found.remote, expected_remote) {
            (true, true) => remote.true_positive += 1,
            (true, false) => remote.false_positive += 1,
            (false, true) => remote.false_negative += 1,
            (false, false) => {}
        }
        if found.remote != expected_remote {
            let _ = writeln!(misses, "remote    {file}: found {}, labelled {expected_remote}", found.remote);
        }

        let organisation_right = same_text(found.organisation.as_deref(), label_str(label, "organisation"));
        let role_right = same_text(found.role.as_deref(), label_str(label, "role"));
        organisation.record(organisation_right);
        role.record(role_right);
        if !(organisation_right && role_right) {
            let _ = writeln!(
                misses,
                "title     {file}: found {:?} / {:?}, labelled {:?} / {:?}",
                found.organisation,
                found.role,
                label_str(label, "organisation"),
                label_str(label, "role")
            );
        }

        let location_right = same_place(found.location.as_deref(), label_str(label, "location"));
        location.record(location_right);
        if !location_right {
            let _ = writeln!(misses, "location  {file}: found {:?}, labelled {:?}", found.location, label_str(label, "location"));
        }
        let type_right = found.employment_type.as_deref() == label_str(label, "employment_type");
        employment_type.record(type_right);
        if !type_right {
            let _ = writeln!(misses, "type      {file}: found {:?}, labelled {:?}", found.employment_type, label_str(label, "employment_type"));
        }
        let deadline_right = found.deadline.as_deref() == label_str(label, "deadline");
        deadline.record(deadline_right);
        if !deadline_right {
            let _ = writeln!(misses, "deadline  {file}: found {:?}, labelled {:?}", found.deadline, label_str(label, "deadline"));
        }
    }

    println!("extraction against {} hand-labelled posts ({})", labels.len(), golden_path.display());
    println!("{:<16} {:>9} {:>9}", "field", "precision", "recall");
    println!("{:<16} {:>9.3} {:>9.3}", "salary", salary.precision(), salary.recall());
    println!("{:<16} {:>9.3} {:>9.3}", "remote", remote.precision(), remote.recall());
    println!("{:<16} {:>9}", "field", "accuracy");
    for (name, accuracy) in [
        ("organisation", &organisation),
        ("role", &role),
        ("location", &location),
        ("employment type", &employment_type),
        ("deadline", &deadline),
    ] {
        println!("{name:<16} {:>9.3} ({}/{})", accuracy.value(), accuracy.correct, accuracy.total);
    }
    println!("\ndisagreements:\n{misses}");

    for (name, confusion) in [("salary", &salary), ("remote", &remote)] {
        assert!(confusion.precision() >= 0.95, "{name} precision {:.3} is below 0.95", confusion.precision());
        assert!(confusion.recall() >= 0.90, "{name} recall {:.3} is below 0.90", confusion.recall());
    }
}
