//! Structured posts: arbitrary values for the fields a job post has (title, organisation,
//! tags, salary, dates, links, extra facets ...) written as well-formed YAML or TOML
//! front matter over a Markdown/HTML body built from job-ad pieces. The fuzzer so spends
//! its time in field extraction and record → document rather than in syntax errors.
//!
//! The document must keep `check_document`'s promises, be read the same way twice, and
//! survive an index round trip: build → `verify` → decode gives it back unchanged, and
//! arbitrary searches on that index answer within the response contract.

#![no_main]

use arbitrary::Arbitrary;
use jobsift_core::search::{FacetFilter, RangeFilter, SearchRequest, SortOrder};
use jobsift_core::{index, Index, IndexBuilder};
use jobsift_fuzz::{check_document, config, search_and_check};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use std::path::PathBuf;

#[derive(Arbitrary, Debug)]
struct Input {
    syntax: Syntax,
    name: FileName,
    fields: Vec<(Key, FieldValue)>,
    body: Vec<Piece>,
    searches: Vec<Search>,
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Syntax {
    Yaml,
    Toml,
    /// No front matter: the whole file is body.
    Bare,
}

#[derive(Arbitrary, Debug)]
struct FileName {
    date: Option<(u16, u8, u8)>,
    slug: String,
    extension: Extension,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Extension {
    Md,
    Html,
    Txt,
    Markdown,
    None,
}

/// The keys `record::to_document` looks for (and the configured extra facets), plus any.
#[derive(Arbitrary, Debug)]
enum Key {
    Title,
    Position,
    Organisation,
    Company,
    Date,
    Tags,
    Location,
    Remote,
    Salary,
    Type,
    Deadline,
    Apply,
    ApplyUrl,
    Url,
    Summary,
    Body,
    Categories,
    Team,
    Level,
    Hours,
    Starts,
    Paid,
    UpperTitle,
    Other(String),
}

impl Key {
    fn name(&self) -> String {
        match self {
            Key::Title => "title",
            Key::Position => "position",
            Key::Organisation => "organisation",
            Key::Company => "company",
            Key::Date => "date",
            Key::Tags => "tags",
            Key::Location => "location",
            Key::Remote => "remote",
            Key::Salary => "salary",
            Key::Type => "type",
            Key::Deadline => "deadline",
            Key::Apply => "apply",
            Key::ApplyUrl => "apply_url",
            Key::Url => "url",
            Key::Summary => "summary",
            Key::Body => "body",
            Key::Categories => "categories",
            Key::Team => "team",
            Key::Level => "level",
            Key::Hours => "hours",
            Key::Starts => "starts",
            Key::Paid => "paid",
            // Spreadsheet-style capitalisation: keys match case-insensitively.
            Key::UpperTitle => "Title",
            Key::Other(name) => return name.clone(),
        }
        .to_owned()
    }
}

#[derive(Arbitrary, Debug)]
enum FieldValue {
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    List(Vec<String>),
    Null,
    Date(i16, u8, u8),
    Link(Scheme, String),
    Money(u32, Option<u32>, Period),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Scheme {
    Http,
    Https,
    Mailto,
    Javascript,
    Data,
    Relative,
    MixedCaseJavascript,
}

impl Scheme {
    fn link(self, rest: &str) -> String {
        match self {
            Scheme::Http => format!("http://{rest}"),
            Scheme::Https => format!("https://{rest}"),
            Scheme::Mailto => format!("mailto:{rest}@example.org"),
            Scheme::Javascript => format!("javascript:{rest}"),
            Scheme::Data => format!("data:text/html,{rest}"),
            Scheme::Relative => format!("/{rest}"),
            Scheme::MixedCaseJavascript => format!(" JaVaScRiPt:{rest}"),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Period {
    Year,
    Hour,
    Month,
    None,
}

fn money(low: u32, high: Option<u32>, period: Period) -> String {
    let period = match period {
        Period::Year => " per year",
        Period::Hour => "/hour",
        Period::Month => " a month",
        Period::None => "",
    };
    match high {
        Some(high) => format!("${low} - ${high}{period}"),
        None => format!("${low}{period}"),
    }
}

/// Pieces of a job ad body: the shapes extraction looks for, and markup it must strip.
#[derive(Arbitrary, Debug)]
enum Piece {
    Text(String),
    Heading(u8, String),
    Labelled(Label, String),
    Link(Scheme, String, String),
    Html(String, String),
    Script(String),
    ListItem(String),
    Code(String),
    Salary(u32, Option<u32>, Period),
    Deadline(String),
    Email(String),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Label {
    Salary,
    Location,
    Deadline,
    Type,
    Apply,
}

impl Piece {
    fn write(&self, out: &mut String) {
        match self {
            Piece::Text(text) => out.push_str(text),
            Piece::Heading(level, text) => out.push_str(&format!("{} {text}", "#".repeat(1 + *level as usize % 6))),
            Piece::Labelled(label, text) => {
                let label = match label {
                    Label::Salary => "Salary",
                    Label::Location => "Location",
                    Label::Deadline => "Deadline",
                    Label::Type => "Job type",
                    Label::Apply => "Apply",
                };
                out.push_str(&format!("**{label}:** {text}"));
            }
            Piece::Link(scheme, target, text) => out.push_str(&format!("[{text}]({})", scheme.link(target))),
            Piece::Html(tag, text) => {
                let tag: String = tag.chars().filter(|c| c.is_ascii_alphanumeric()).take(10).collect();
                out.push_str(&format!("<{tag} onclick=\"alert(1)\">{text}</{tag}>"));
            }
            Piece::Script(code) => out.push_str(&format!("<script>{code}</script>")),
            Piece::ListItem(text) => out.push_str(&format!("- {text}")),
            Piece::Code(text) => out.push_str(&format!("```\n{text}\n```")),
            Piece::Salary(low, high, period) => out.push_str(&money(*low, *high, *period)),
            Piece::Deadline(text) => out.push_str(&format!("Apply by {text}")),
            Piece::Email(user) => out.push_str(&format!("Send your resume to {user}@example.org")),
        }
        out.push_str("\n\n");
    }
}

#[derive(Arbitrary, Debug)]
struct Search {
    text: String,
    facet: Option<(u8, Vec<String>)>,
    range: Option<(u8, Option<f64>, Option<f64>, bool)>,
    sort: u8,
    offset: u8,
    limit: u8,
}

impl FieldValue {
    /// The value as JSON, which is also how it is written into YAML (JSON is a subset of
    /// YAML's flow syntax) and, converted, into TOML.
    fn to_json(&self) -> Value {
        match self {
            FieldValue::Text(text) => json!(text),
            FieldValue::Integer(i) => json!(i),
            FieldValue::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            FieldValue::Bool(b) => json!(b),
            FieldValue::List(items) => json!(items),
            FieldValue::Null => Value::Null,
            FieldValue::Date(year, month, day) => json!(format!("{:04}-{:02}-{:02}", 1900 + (*year as i32).rem_euclid(300), month % 14, day % 33)),
            FieldValue::Link(scheme, rest) => json!(scheme.link(rest)),
            FieldValue::Money(low, high, period) => json!(money(*low, *high, *period)),
        }
    }
}

fn toml_value(value: &Value) -> Option<toml::Value> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().filter_map(toml_value).collect()),
        Value::Object(_) => return None,
    })
}

fn render(input: &Input) -> String {
    let mut text = String::new();
    match input.syntax {
        Syntax::Yaml => {
            text.push_str("---\n");
            for (key, value) in &input.fields {
                // Keys quoted as JSON too, so that any key is a valid YAML scalar.
                text.push_str(&format!("{}: {}\n", json!(key.name()), value.to_json()));
            }
            text.push_str("---\n");
        }
        Syntax::Toml => {
            let mut table = toml::Table::new();
            for (key, value) in &input.fields {
                if let Some(value) = toml_value(&value.to_json()) {
                    table.insert(key.name(), value);
                }
            }
            text.push_str("+++\n");
            text.push_str(&toml::to_string(&table).unwrap_or_default());
            text.push_str("+++\n");
        }
        Syntax::Bare => {}
    }
    for piece in &input.body {
        piece.write(&mut text);
    }
    text
}

fn file_name(name: &FileName) -> PathBuf {
    let slug: String = name.slug.chars().filter(|c| !matches!(c, '/' | '\\' | '\0')).take(40).collect();
    let date = name.date.map(|(y, m, d)| format!("{:04}-{:02}-{:02}-", 1990 + y % 60, m % 13, d % 32)).unwrap_or_default();
    let extension = match name.extension {
        Extension::Md => ".md",
        Extension::Html => ".html",
        Extension::Txt => ".txt",
        Extension::Markdown => ".markdown",
        Extension::None => "",
    };
    PathBuf::from(format!("_posts/{date}{slug}{extension}"))
}

fuzz_target!(|input: Input| {
    let text = render(&input);
    let path = file_name(&input.name);
    let (documents, _) = jobsift_indexer::read_post_text(&path, &text, config());
    // Well-formed front matter always closes its fence, so the post is never skipped.
    let mut documents = documents.unwrap_or_else(|reason| panic!("well-formed post skipped: {reason}\n{text}"));
    let doc = documents.pop().expect("one document per post");
    check_document(&doc);
    // The same input must give the same document (the index's bytes are deterministic).
    let (again, _) = jobsift_indexer::read_post_text(&path, &text, config());
    assert_eq!(again.expect("read once, read twice").pop().as_ref(), Some(&doc), "reading is not deterministic");

    // Round trip through an index: what the indexer makes must be an index verify accepts
    // (safe links) and decode gives back exactly.
    let schema = config().schema().expect("valid schema");
    let mut builder = IndexBuilder::new(schema);
    builder.add(doc.clone());
    // A second, empty-ish post so that facets, ranking and paging have something to compare.
    builder.add(jobsift_core::Document { title: "Data analyst".into(), url: "/b".into(), ..Default::default() });
    let bytes = builder.build();
    index::verify(&bytes).unwrap_or_else(|e| panic!("the indexer's document makes an index verify refuses: {e}"));
    let index = Index::decode(&bytes).expect("a built index decodes");
    assert!(index.docs.contains(&doc), "the document did not survive the index round trip");

    let facets = &index.meta.schema.facets;
    for search in input.searches.iter().take(8) {
        let mut request = SearchRequest {
            text: search.text.clone(),
            sort: [SortOrder::Relevance, SortOrder::Newest, SortOrder::Salary][search.sort as usize % 3],
            offset: search.offset as usize % 4,
            limit: search.limit as usize % 25,
            ..SearchRequest::default()
        };
        if let Some((facet, values)) = &search.facet {
            let facet = &facets[*facet as usize % facets.len()];
            // Values the document really has, plus the fuzzer's own.
            let mut values = values.clone();
            values.extend(facet.keywords(&doc));
            request.filters.push(FacetFilter { facet: facet.name.clone(), values });
        }
        if let Some((facet, min, max, include_unknown)) = search.range {
            let facet = &facets[facet as usize % facets.len()];
            request.ranges.push(RangeFilter { facet: facet.name.clone(), min, max, include_unknown });
        }
        search_and_check(&index, &request);
    }
    // The post must be found by its own title's words (the text side of the engine
    // agreeing with the indexing side).
    let words: Vec<&str> = doc.title.split_whitespace().take(4).collect();
    if !words.is_empty() {
        search_and_check(&index, &SearchRequest { text: words.join(" "), ..SearchRequest::default() });
    }
});
