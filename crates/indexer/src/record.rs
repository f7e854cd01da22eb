//! One post's raw fields (front matter, a CSV row or a JSON object) → a [`Document`].
//!
//! Fields stated explicitly win over what extraction reads from the text: a site that
//! has a `salary` key knows better than a pattern over the body.

use crate::config::Config;
use crate::error::Warning;
use crate::extract;
use crate::markdown::to_plain_text;
use jobsift_core::schema::FacetKind;
use jobsift_core::{is_safe_link, Date, Document, EmploymentType, ExtraValue, Salary, SalaryPeriod};
use serde_json::{Map, Value};
use std::path::Path;

/// Characters of body text kept for a result card's summary.
pub const SUMMARY_CHARS: usize = 240;

/// A post before extraction.
pub struct Record<'a> {
    pub path: &'a Path,
    /// 1-based line of the record in its file (front matter, CSV row or the start of a
    /// JSON object), for warnings.
    pub line: Option<usize>,
    pub fields: Map<String, Value>,
    /// The body as Markdown (or HTML).
    pub body: String,
    /// The date in the file name, for Jekyll posts.
    pub name_date: Option<Date>,
    /// The post's slug (file name without date and extension, or from the title).
    pub slug: String,
    /// Where the record's keys are written, to find the line of one for a warning
    /// about its value.
    pub keys: KeySource<'a>,
}

/// The text a record's fields were read from, for the line a key is written on.
#[derive(Clone, Copy, Debug)]
pub enum KeySource<'a> {
    /// Front matter (YAML or TOML): each key starts a line.
    FrontMatter(&'a str),
    /// A JSON object's text, which starts on the record's line.
    Json(&'a str),
    /// A CSV row: every field is on the row's line.
    Row,
}

impl Record<'_> {
    fn warn(&self, warnings: &mut Vec<Warning>, message: String) {
        warnings.push(Warning { path: self.path.to_owned(), line: self.line, message });
    }

    /// A warning about the value of `key`, at the line that value is written on.
    fn warn_about(&self, key: &str, warnings: &mut Vec<Warning>, message: String) {
        warnings.push(Warning { path: self.path.to_owned(), line: self.line_of(key), message });
    }

    /// The line `key` is written on, else the record's first line.
    fn line_of(&self, key: &str) -> Option<usize> {
        let line = match self.keys {
            KeySource::FrontMatter(matter) => crate::frontmatter::key_line(matter, key),
            KeySource::Json(object) => crate::tabular::json_key_line(object, key).zip(self.line).map(|(after, start)| start + after),
            KeySource::Row => None,
        };
        line.or(self.line)
    }

    /// The value of a field under its configured key, or else under any of the usual
    /// names, matching keys case-insensitively (spreadsheet headers vary).
    fn field(&self, configured: &Option<String>, usual: &[&str]) -> Option<&Value> {
        self.field_entry(configured, usual).map(|(_, value)| value)
    }

    /// [`Record::field`] with the key as written.
    fn field_entry(&self, configured: &Option<String>, usual: &[&str]) -> Option<(&str, &Value)> {
        let mut keys: Vec<&str> = configured.iter().map(String::as_str).collect();
        if configured.is_none() {
            keys.extend_from_slice(usual);
        }
        keys.iter().find_map(|key| {
            self.fields
                .get_key_value(*key)
                .or_else(|| self.fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
                .map(|(k, v)| (k.as_str(), v))
                // Blank as text means absent: null, "", "  " and also an empty list
                // (`company: []`), which would otherwise become an empty organisation
                // (a nameless facet value) or an empty title (found by fuzzing).
                .filter(|(_, v)| !text_of(v).trim().is_empty())
        })
    }
}

/// Whether the front matter says `published: false` (Jekyll leaves such a post out of
/// the site, so it must not be found in the index either).
pub fn is_unpublished(fields: &Map<String, Value>) -> bool {
    match fields.get("published") {
        Some(Value::Bool(published)) => !published,
        Some(Value::String(published)) => published.trim().eq_ignore_ascii_case("false"),
        _ => false,
    }
}

/// A record read: its document, and the line its URL comes from (the `url` or
/// `permalink` key that gave it, else the record's first line), which the warning about
/// posts that share a URL names.
pub struct ReadRecord {
    pub document: Document,
    pub url_line: Option<usize>,
}

pub fn read_record(record: &Record, config: &Config, warnings: &mut Vec<Warning>) -> ReadRecord {
    let keys = &config.fields;
    let body_source = record.field(&keys.body, &["body", "content", "description_html"]).map(text_of);
    let plain = to_plain_text(body_source.as_deref().unwrap_or(&record.body));

    let title = match record.field(&keys.title, &["title", "position", "job_title"]).map(text_of) {
        Some(title) => title.trim().to_owned(),
        None => {
            let named = record.slug.replace(['-', '_'], " ");
            record.warn(warnings, format!("has no title; named \"{named}\" after its file"));
            named
        }
    };
    let parts = extract::split_title(&title);
    let organisation = record
        .field(&keys.organisation, &["organisation", "organization", "org", "company", "employer"])
        .map(|v| text_of(v).trim().to_owned())
        .or(parts.organisation);
    let role = parts.role;

    let date = match record.field_entry(&keys.date, &["date", "posted", "date_posted"]) {
        Some((key, value)) => match Date::parse_iso(&text_of(value)) {
            Some(date) => Some(date),
            None => {
                record.warn_about(key, warnings, format!("date `{}` is not YYYY-MM-DD; the file name's date is used", text_of(value)));
                record.name_date
            }
        },
        None => record.name_date,
    };

    let from_front_matter = crate::source::kind_of(record.path) == Some(crate::source::FileKind::Post);
    let tags = tags_of(record.field(&keys.tags, &["tags", "tag"]), from_front_matter, config);

    let label_lines = extract::LabelledLines::new(&plain.text);
    let salary = match record.field_entry(&keys.salary, &["salary", "pay", "compensation"]) {
        // A bare number is dollars a year, when it can be: `salary: 25` is an hourly rate
        // or a typo, and as $25 a year it would sort and filter as the lowest pay.
        Some((key, Value::Number(n))) => match n.as_f64().filter(|&n| extract::is_plausible_yearly(n)) {
            Some(n) => Some(Salary { min: n as u32, max: n as u32, period: SalaryPeriod::Year, text: n.to_string() }),
            None => {
                record.warn_about(key, warnings, format!("`{key}: {n}` is not a yearly salary in dollars; ignored (write the period, as in \"$25 an hour\")"));
                extract::salary(&plain.text, label_lines.get("Salary"))
            }
        },
        Some((_, value)) => extract::salary(&plain.text, Some(&text_of(value))),
        None => extract::salary(&plain.text, label_lines.get("Salary")),
    };

    let location_field = record.field(&keys.location, &["location", "city"]).map(text_of);
    let place = extract::location(
        &plain.text,
        location_field.as_deref().or_else(|| label_lines.get("Location")),
        &title,
    );
    let remote = match record.field(&keys.remote, &["remote"]) {
        Some(value) => truthy(value).unwrap_or(place.remote),
        None => place.remote,
    };

    let employment_type = record
        .field(&keys.employment_type, &["employment_type", "type", "job_type"])
        .and_then(|v| employment_type_of(&text_of(v)))
        .or_else(|| extract::employment_type(&title, &plain.text));

    let deadline = match record.field(&keys.deadline, &["deadline", "closes", "apply_by"]) {
        Some(value) => Date::parse_iso(&text_of(value)).or_else(|| extract::deadline(&text_of(value), date)),
        None => extract::deadline(&plain.text, date),
    };

    let apply_url = match record.field(&keys.apply_url, &["apply_url", "apply", "application_url"]) {
        Some(value) => safe_link(&text_of(value)),
        None => extract::apply_link(&plain.links, &plain.text),
    };

    // A URL written in front matter is a link like any other: a script link there would
    // reach every reader of the index, so it gives way to the permalink pattern.
    let written_url = record.field_entry(&keys.url, &["url", "permalink"]).map(|(key, value)| (key, text_of(value).trim().to_owned()));
    let (url, url_line) = match written_url {
        Some((key, url)) if is_safe_link(&url, true) => (join_url(&config.base_url, &url), record.line_of(key)),
        Some((key, url)) => {
            record.warn_about(key, warnings, format!("post URL `{}` is neither a web link nor a path; the permalink pattern is used", url.escape_debug()));
            (permalink(config, record, date), record.line)
        }
        None => (permalink(config, record, date), record.line),
    };

    let summary = match record.field(&keys.summary, &["summary", "description", "excerpt"]) {
        Some(value) => extract::summary(&to_plain_text(&text_of(value)).text, SUMMARY_CHARS),
        None => extract::summary(&plain.text, SUMMARY_CHARS),
    };

    let mut extra = std::collections::BTreeMap::new();
    for (key, kind) in config.extra_facets() {
        let Some(value) = record.fields.get(&key).filter(|v| !v.is_null()) else { continue };
        match extra_value(value, kind) {
            Some(parsed) => {
                extra.insert(key, parsed);
            }
            None => record.warn_about(&key, warnings, format!("`{key}` value `{}` does not fit its facet type; ignored", text_of(value))),
        }
    }

    let document = Document {
        title,
        organisation,
        role,
        url,
        apply_url,
        date,
        deadline,
        salary,
        location: place.location.as_deref().map(tidy_location).filter(|l| !l.is_empty()),
        remote,
        employment_type,
        tags,
        summary,
        body: plain.text,
        extra,
    };
    ReadRecord { document, url_line }
}

/// One spelling per place, so that a facet does not list "Washington, D.C." and
/// "Washington, DC" as two places: "D.C." and "District of Columbia" become "DC",
/// white space is collapsed and trailing punctuation dropped.
fn tidy_location(location: &str) -> String {
    let collapsed = location.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut tidy = collapsed
        .replace("District of Columbia", "DC")
        .replace("D.C.", "DC")
        .replace("D.C", "DC")
        .replace("Washington DC", "Washington, DC");
    while tidy.ends_with(['.', ',', ';', ':']) {
        tidy.pop();
    }
    tidy
}

/// A value as text: strings as they are, lists joined with commas, the rest printed.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Tags from a YAML list, a bare string, a comma-separated string or null. In front
/// matter a string without commas is split on spaces, as Jekyll splits it
/// (`tags: data analyst remote` is three tags); a CSV or JSON cell is split on commas only.
fn tags_of(value: Option<&Value>, from_front_matter: bool, config: &Config) -> Vec<String> {
    let raw: Vec<String> = match value {
        Some(Value::Array(items)) => items.iter().flat_map(|item| split_tags(&text_of(item))).collect(),
        Some(Value::String(text)) if from_front_matter && !text.contains(',') => text.split_whitespace().map(str::to_owned).collect(),
        Some(other) => split_tags(&text_of(other)),
        None => Vec::new(),
    };
    let mut tags: Vec<String> = raw.iter().map(|t| config.canonical_tag(t)).filter(|t| !t.is_empty()).collect();
    tags.sort();
    tags.dedup();
    tags
}

fn split_tags(text: &str) -> Vec<String> {
    text.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect()
}

fn truthy(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => Some(n.as_f64() != Some(0.0)),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "remote" => Some(true),
            "false" | "no" | "n" | "0" | "onsite" | "on-site" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn employment_type_of(text: &str) -> Option<EmploymentType> {
    let key: String = text.trim().to_ascii_lowercase().chars().map(|c| if c == ' ' || c == '_' { '-' } else { c }).collect();
    EmploymentType::parse(&key).or(match key.as_str() {
        "fulltime" | "permanent" => Some(EmploymentType::FullTime),
        "parttime" => Some(EmploymentType::PartTime),
        "temp" => Some(EmploymentType::Temporary),
        "contractor" | "freelance" => Some(EmploymentType::Contract),
        "intern" => Some(EmploymentType::Internship),
        "fellow" => Some(EmploymentType::Fellowship),
        _ => None,
    })
}

fn extra_value(value: &Value, kind: FacetKind) -> Option<ExtraValue> {
    match kind {
        FacetKind::Keyword => Some(ExtraValue::Text(text_of(value).trim().to_owned())).filter(|v| v != &ExtraValue::Text(String::new())),
        FacetKind::List => Some(ExtraValue::List(match value {
            Value::Array(items) => items.iter().map(|i| text_of(i).trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            other => split_tags(&text_of(other)),
        })),
        FacetKind::Number => match value {
            Value::Number(n) => n.as_f64().map(ExtraValue::Number),
            Value::String(s) => s.trim().replace(',', "").parse::<f64>().ok().filter(|n| n.is_finite()).map(ExtraValue::Number),
            _ => None,
        },
        FacetKind::Date => Date::parse_iso(&text_of(value)).map(ExtraValue::Date),
        FacetKind::Bool => truthy(value).map(ExtraValue::Bool),
    }
}

/// Only http, https and mailto links are kept: anything else (javascript:, data:,
/// relative paths) could run script or mislead once rendered as a link.
pub fn safe_link(target: &str) -> Option<String> {
    let target = target.trim();
    is_safe_link(target, false).then(|| target.to_owned())
}

fn join_url(base: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") || base.is_empty() {
        return path.to_owned();
    }
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}

/// The post's URL from the permalink pattern, as Jekyll computes it.
fn permalink(config: &Config, record: &Record, date: Option<Date>) -> String {
    let ymd = date.map(Date::ymd);
    let (year, month, day) = match ymd {
        Some((y, m, d)) => (format!("{y:04}"), format!("{m:02}"), format!("{d:02}")),
        None => Default::default(),
    };
    let (short_year, i_month, i_day, y_day) = match (ymd, date) {
        (Some((y, m, d)), Some(date)) => {
            let first_of_year = Date::from_ymd(y, 1, 1).map_or(0, |first| first.0);
            (format!("{:02}", y.rem_euclid(100)), m.to_string(), d.to_string(), format!("{:03}", date.0 - first_of_year + 1))
        }
        _ => Default::default(),
    };
    let categories = match record.fields.get("categories").or_else(|| record.fields.get("category")) {
        Some(Value::Array(items)) => items.iter().map(text_of).collect::<Vec<_>>().join("/"),
        Some(Value::String(s)) => s.split_whitespace().collect::<Vec<_>>().join("/"),
        _ => String::new(),
    };
    // Longer names first, so that ":i_month" is not read as ":i" or ":month" inside it.
    let path = config
        .permalink
        .replace(":slugified_categories", &categories.to_lowercase())
        .replace(":categories", &categories.to_lowercase())
        .replace(":short_year", &short_year)
        .replace(":year", &year)
        .replace(":i_month", &i_month)
        .replace(":month", &month)
        .replace(":i_day", &i_day)
        .replace(":y_day", &y_day)
        .replace(":day", &day)
        .replace(":title", &record.slug)
        .replace(":slug", &record.slug)
        .replace(":output_ext", ".html");
    let mut collapsed = String::with_capacity(path.len());
    for ch in path.chars() {
        if !(ch == '/' && collapsed.ends_with('/')) {
            collapsed.push(ch);
        }
    }
    join_url(&config.base_url, &collapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_per_place() {
        for spelling in ["Washington, D.C.", "Washington, D.C", "Washington DC", "Washington,  District of Columbia", "Washington, DC."] {
            assert_eq!(tidy_location(spelling), "Washington, DC", "{spelling}");
        }
        assert_eq!(tidy_location("Boston, MA"), "Boston, MA");
    }

    #[test]
    fn only_safe_links_survive() {
        assert_eq!(safe_link(" https://example.org/a "), Some("https://example.org/a".into()));
        assert_eq!(safe_link("MAILTO:jobs@example.org"), Some("MAILTO:jobs@example.org".into()));
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_link("data:text/html,<script>"), None);
        assert_eq!(safe_link("/relative"), None);
        assert_eq!(safe_link("https://"), None);
        assert_eq!(safe_link("https://a.org/\u{0}x"), None);
    }

    #[test]
    fn tags_in_every_shape() {
        let config = Config::parse("[tags.aliases]\nvendor = \"vendors\"").unwrap();
        assert_eq!(tags_of(Some(&serde_json::json!(["Data", "vendor", "data"])), true, &config), vec!["data", "vendors"]);
        assert_eq!(tags_of(Some(&serde_json::json!("Data, tech")), true, &config), vec!["data", "tech"]);
        assert_eq!(tags_of(Some(&serde_json::json!("campaigns")), true, &config), vec!["campaigns"]);
        assert!(tags_of(None, true, &config).is_empty());
        // Jekyll splits a front-matter string on spaces; a table's cell keeps its words.
        assert_eq!(tags_of(Some(&serde_json::json!("data analyst  remote")), true, &config), vec!["analyst", "data", "remote"]);
        assert_eq!(tags_of(Some(&serde_json::json!("data science")), false, &config), vec!["data science"]);
        assert_eq!(tags_of(Some(&serde_json::json!(["data science"])), true, &config), vec!["data science"]);
    }

    #[test]
    fn a_bare_salary_number_is_yearly_only_when_it_can_be() {
        let read = |salary: serde_json::Value, body: &str| {
            let fields = Map::from_iter([("title".to_owned(), serde_json::json!("Org: Role")), ("salary".to_owned(), salary)]);
            let front_matter = "title: Org: Role\nsalary: 25\n";
            let record = Record { path: Path::new("x"), line: Some(1), fields, body: body.into(), name_date: None, slug: "a".into(), keys: KeySource::FrontMatter(front_matter) };
            let mut warnings = Vec::new();
            let salary = read_record(&record, &Config::default(), &mut warnings).document.salary.map(|s| (s.min, s.max));
            (salary, warnings.into_iter().map(|w| (w.line, w.message)).collect::<Vec<_>>())
        };
        assert_eq!(read(serde_json::json!(65000), ""), (Some((65_000, 65_000)), vec![]));
        let (salary, warnings) = read(serde_json::json!(25), "");
        assert_eq!(salary, None);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, Some(3));
        assert!(warnings[0].1.contains("`salary: 25` is not a yearly salary"), "{warnings:?}");
        // The body's own figure is read instead.
        assert_eq!(read(serde_json::json!(25), "Salary: $25/hour").0, Some((52_000, 52_000)));
        assert_eq!(read(serde_json::json!(5_000_000), "").0, None);
    }

    #[test]
    fn empty_lists_count_as_absent_fields() {
        // The fuzzer's post_to_document input: `company: []` gave `organisation: Some("")`.
        let mut fields = Map::new();
        fields.insert("company".into(), serde_json::json!([]));
        fields.insert("title".into(), serde_json::json!([]));
        fields.insert("location".into(), serde_json::json!(["  "]));
        let record = Record { path: Path::new("x"), line: Some(1), fields, body: String::new(), name_date: None, slug: "data-analyst".into(), keys: KeySource::Row };
        let mut warnings = Vec::new();
        let doc = read_record(&record, &Config::default(), &mut warnings).document;
        assert_eq!(doc.organisation, None);
        assert_eq!(doc.title, "data analyst");
        assert_eq!(doc.location, None);
        assert!(warnings.iter().any(|w| w.message.contains("no title")));
    }

    #[test]
    fn jekyll_default_permalink() {
        let config = Config::default();
        let config = Config { permalink: "/:categories/:year/:month/:day/:title.html".into(), ..config };
        let record = Record { path: Path::new("x"), line: Some(1), fields: Map::new(), body: String::new(), name_date: None, slug: "aflciolead".into(), keys: KeySource::Row };
        assert_eq!(permalink(&config, &record, Date::from_ymd(2017, 8, 26)), "/2017/08/26/aflciolead.html");
        assert_eq!(permalink(&config, &record, None), "/aflciolead.html");
        let odd = Config { permalink: "/:short_year/:i_month/:i_day/:y_day/:title:output_ext".into(), ..Config::default() };
        assert_eq!(permalink(&odd, &record, Date::from_ymd(2017, 2, 6)), "/17/2/6/037/aflciolead.html");
        let based = Config { base_url: "https://jobs.example.org/".into(), ..config };
        assert_eq!(permalink(&based, &record, Date::from_ymd(2017, 8, 26)), "https://jobs.example.org/2017/08/26/aflciolead.html");
    }
}
