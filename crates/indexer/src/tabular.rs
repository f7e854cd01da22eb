//! Posts from a spreadsheet export: CSV with a header row, or JSON (an array of
//! objects, or an object with a `posts` array). Each row or object is one post whose
//! keys are read like front-matter keys; the body comes from a `body`/`content`
//! column (or the configured key).

use crate::config::Config;
use crate::error::Warning;
use crate::record::{is_unpublished, read_record, KeySource, ReadRecord, Record};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::path::Path;

pub fn read_csv(path: &Path, text: &str, config: &Config, warnings: &mut Vec<Warning>) -> Result<Vec<ReadRecord>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_owned()).collect::<Vec<_>>(),
        Err(error) => {
            let reason = format!("CSV header cannot be read: {error}");
            warnings.push(Warning { path: path.to_owned(), line: Some(1), message: format!("{reason}; skipped") });
            return Err(reason);
        }
    };
    let mut documents = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                let line = error.position().map(|p| p.line() as usize);
                warnings.push(Warning { path: path.to_owned(), line, message: format!("CSV row cannot be read ({error}); row skipped") });
                continue;
            }
        };
        let line = row.position().map(|p| p.line() as usize);
        let fields: Map<String, Value> = headers
            .iter()
            .zip(row.iter())
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(key, value)| (key.clone(), Value::String(value.to_owned())))
            .collect();
        if !is_unpublished(&fields) {
            // A CSV row without a title is named by its line, as it always was (its URL).
            documents.push(row_document(path, line, line.unwrap_or_default(), fields, KeySource::Row, config, warnings));
        }
    }
    Ok(documents)
}

pub fn read_json(path: &Path, text: &str, config: &Config, warnings: &mut Vec<Warning>) -> Result<Vec<ReadRecord>, String> {
    let posts = match json_posts(text) {
        Ok(posts) => posts,
        Err((line, reason)) => {
            warnings.push(Warning { path: path.to_owned(), line: Some(line), message: format!("{reason}; skipped") });
            return Err(reason);
        }
    };
    let mut documents = Vec::new();
    let (mut line, mut counted) = (1, 0);
    for (index, post) in posts.into_iter().enumerate() {
        // The raw text borrows from `text`, so its address is its place in the file.
        let offset = post.get().as_ptr() as usize - text.as_ptr() as usize;
        line += text[counted..offset].matches('\n').count();
        counted = offset;
        match serde_json::from_str(post.get()) {
            Ok(Value::Object(fields)) if is_unpublished(&fields) => {}
            Ok(Value::Object(fields)) => {
                documents.push(row_document(path, Some(line), index + 1, fields, KeySource::Json(post.get()), config, warnings))
            }
            _ => warnings.push(Warning { path: path.to_owned(), line: Some(line), message: format!("item {} is not an object; skipped", index + 1) }),
        }
    }
    Ok(documents)
}

/// The posts of a JSON file (an array of posts, or an object with a `posts` array), each
/// as its raw text, which keeps its place in the file for warnings; or the line and the
/// reason the file is not that.
fn json_posts(text: &str) -> Result<Vec<&RawValue>, (usize, String)> {
    #[derive(serde::Deserialize)]
    struct Wrapped<'a> {
        #[serde(borrow)]
        posts: Vec<&'a RawValue>,
    }
    if let Ok(posts) = serde_json::from_str(text) {
        return Ok(posts);
    }
    let not_wrapped = match serde_json::from_str::<Wrapped>(text) {
        Ok(Wrapped { posts }) => return Ok(posts),
        Err(error) => error,
    };
    // Neither shape: a full reading says why.
    match serde_json::from_str::<Value>(text) {
        Err(error) => Err((error.line(), format!("not valid JSON: {error}"))),
        Ok(Value::Object(object)) if object.contains_key("posts") => {
            Err((not_wrapped.line(), format!("the `posts` of this JSON cannot be read: {not_wrapped}")))
        }
        Ok(Value::Object(_)) => Err((1, "JSON is neither an array of posts nor an object with a `posts` array".to_owned())),
        Ok(_) => Err((1, "JSON is not an array of posts".to_owned())),
    }
}

/// How many lines after the start of a JSON object's text its top-level key `key` is
/// written (0: on its first line), or `None` if it has no such key. Keys are compared as
/// written, so one spelled with escapes is not found (its warning names the object's line).
pub fn json_key_line(object: &str, key: &str) -> Option<usize> {
    let bytes = object.as_bytes();
    let (mut depth, mut at) = (0usize, 0usize);
    while at < bytes.len() {
        match bytes[at] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = at + 1;
                at = start;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                let written = object.get(start..at.min(bytes.len()))?;
                let is_key = object[(at + 1).min(object.len())..].trim_start().starts_with(':');
                if depth == 1 && is_key && written == key {
                    return Some(object[..start].matches('\n').count());
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// `line` is where the row is written, for warnings; `row` is its number in the file,
/// which names a row without a title.
fn row_document(
    path: &Path,
    line: Option<usize>,
    row: usize,
    fields: Map<String, Value>,
    key_source: KeySource,
    config: &Config,
    warnings: &mut Vec<Warning>,
) -> ReadRecord {
    // The slug names the row in its URL: from the title (a number is a title too), else
    // from the file and the row, never empty ("/2021/04/02/.html").
    let keys = config.fields.title.as_deref().into_iter().chain(["title", "position", "job_title"]);
    let title = keys.into_iter().find_map(|key| match fields.get(key) {
        Some(Value::String(text)) => Some(text.clone()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    });
    let slug = match title.as_deref().map(slugify).filter(|slug| !slug.is_empty()) {
        Some(slug) => slug,
        None => slugify(&format!("{} {row}", path.file_stem().map(|stem| stem.to_string_lossy()).unwrap_or_default())),
    };
    let record = Record { path, line, fields: fields.clone(), body: String::new(), name_date: None, slug, keys: key_source };
    read_record(&record, config, warnings)
}

/// A URL-safe slug: lower-case letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_either_shape_and_a_reason_for_any_other() {
        let read = |text: &str| {
            let mut warnings = Vec::new();
            let result = read_json(Path::new("jobs.json"), text, &Config::default(), &mut warnings);
            result.map(|read| read.into_iter().map(|read| read.document.title).collect::<Vec<_>>())
        };
        assert_eq!(read(r#"[{"title": "A: B"}]"#), Ok(vec!["A: B".to_owned()]));
        assert_eq!(read(r#"{"site": "x", "posts": [{"title": "A: B"}]}"#), Ok(vec!["A: B".to_owned()]));
        assert!(read(r#"{"posts": {"title": "A: B"}}"#).unwrap_err().contains("`posts` of this JSON cannot be read"));
        assert!(read(r#"{"jobs": []}"#).unwrap_err().contains("neither an array of posts nor an object"));
        assert!(read(r#""posts""#).unwrap_err().contains("not an array of posts"));
        assert!(read(r#"[{"title": "A: B"},"#).unwrap_err().contains("not valid JSON"));
    }
    #[test]
    fn a_json_key_is_found_on_its_line_at_the_top_level_only() {
        let object = "{\"title\": \"A\",\n  \"extra\": {\"date\": 1},\n  \"note\": \"say \\\"date\\\": x\",\n  \"date\": \"never\"\n}";
        assert_eq!(json_key_line(object, "title"), Some(0));
        assert_eq!(json_key_line(object, "date"), Some(3), "not the nested key, nor the text in a value");
        assert_eq!(json_key_line(object, "note"), Some(2));
        assert_eq!(json_key_line(object, "salary"), None);
        assert_eq!(json_key_line("{\"title", "title"), None, "cut off: no key");
    }


    #[test]
    fn slugs() {
        assert_eq!(slugify("AFL-CIO: Senior Strategist & Analytics Lead"), "afl-cio-senior-strategist-analytics-lead");
        assert_eq!(slugify("  "), "");
    }

    #[test]
    fn rows_without_a_usable_title_get_a_name_and_a_url() {
        let mut warnings = Vec::new();
        let json = r#"[{"date": "2021-04-02", "org": "Acme"}, {"title": 123, "date": "2021-04-02"}]"#;
        let docs: Vec<_> = read_json(Path::new("/site/jobs.json"), json, &Config::default(), &mut warnings).unwrap().into_iter().map(|read| read.document).collect();
        assert_eq!(docs[0].title, "jobs 1");
        assert_eq!(docs[0].url, "/2021/04/02/jobs-1.html");
        assert!(warnings.iter().any(|w| w.message == "has no title; named \"jobs 1\" after its file"), "{warnings:#?}");
        assert_eq!(docs[1].title, "123");
        assert_eq!(docs[1].url, "/2021/04/02/123.html");
    }
}
