//! Posts from a spreadsheet export: CSV with a header row, or JSON (an array of
//! objects, or an object with a `posts` array). Each row or object is one post whose
//! keys are read like front-matter keys; the body comes from a `body`/`content`
//! column (or the configured key).

use crate::config::Config;
use crate::error::Warning;
use crate::record::{is_unpublished, to_document, Record};
use jobsift_core::Document;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::path::Path;

pub fn read_csv(path: &Path, text: &str, config: &Config, warnings: &mut Vec<Warning>) -> Result<Vec<Document>, String> {
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
            documents.push(row_document(path, line, line.unwrap_or_default(), fields, config, warnings));
        }
    }
    Ok(documents)
}

pub fn read_json(path: &Path, text: &str, config: &Config, warnings: &mut Vec<Warning>) -> Result<Vec<Document>, String> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let reason = format!("not valid JSON: {error}");
            warnings.push(Warning { path: path.to_owned(), line: Some(error.line()), message: format!("{reason}; skipped") });
            return Err(reason);
        }
    };
    let wrapped = value.is_object();
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut object) => match object.remove("posts") {
            Some(Value::Array(items)) => items,
            _ => {
                let reason = "JSON is neither an array of posts nor an object with a `posts` array".to_owned();
                warnings.push(Warning { path: path.to_owned(), line: Some(1), message: format!("{reason}; skipped") });
                return Err(reason);
            }
        },
        _ => {
            let reason = "JSON is not an array of posts".to_owned();
            warnings.push(Warning { path: path.to_owned(), line: Some(1), message: format!("{reason}; skipped") });
            return Err(reason);
        }
    };
    let lines = item_lines(text, wrapped).filter(|lines| lines.len() == items.len());
    let mut documents = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let line = lines.as_ref().map(|lines| lines[index]);
        match item {
            Value::Object(fields) if is_unpublished(&fields) => {}
            Value::Object(fields) => documents.push(row_document(path, line, index + 1, fields, config, warnings)),
            _ => warnings.push(Warning { path: path.to_owned(), line, message: format!("item {} is not an object; skipped", index + 1) }),
        }
    }
    Ok(documents)
}

/// The file line each post of a JSON file starts on: the parsed value keeps no
/// positions, so the file is read again with each post left as its raw text, whose
/// place in the file gives the line. `None` if that reading fails.
fn item_lines(text: &str, wrapped: bool) -> Option<Vec<usize>> {
    #[derive(serde::Deserialize)]
    struct Wrapped<'a> {
        #[serde(borrow)]
        posts: Vec<&'a RawValue>,
    }
    let items: Vec<&RawValue> = if wrapped { serde_json::from_str::<Wrapped>(text).ok()?.posts } else { serde_json::from_str(text).ok()? };
    let mut line = 1;
    let mut counted = 0;
    let mut lines = Vec::with_capacity(items.len());
    for item in items {
        // The raw text borrows from `text`, so its address is its place in the file.
        let offset = (item.get().as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        line += text.get(counted..offset)?.matches('\n').count();
        counted = offset;
        lines.push(line);
    }
    Some(lines)
}

/// `line` is where the row is written, for warnings; `row` is its number in the file,
/// which names a row without a title.
fn row_document(path: &Path, line: Option<usize>, row: usize, fields: Map<String, Value>, config: &Config, warnings: &mut Vec<Warning>) -> Document {
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
    let record = Record { path, line, fields: fields.clone(), body: String::new(), name_date: None, slug, front_matter: "" };
    to_document(&record, config, warnings)
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
    fn slugs() {
        assert_eq!(slugify("AFL-CIO: Senior Strategist & Analytics Lead"), "afl-cio-senior-strategist-analytics-lead");
        assert_eq!(slugify("  "), "");
    }

    #[test]
    fn rows_without_a_usable_title_get_a_name_and_a_url() {
        let mut warnings = Vec::new();
        let json = r#"[{"date": "2021-04-02", "org": "Acme"}, {"title": 123, "date": "2021-04-02"}]"#;
        let docs = read_json(Path::new("/site/jobs.json"), json, &Config::default(), &mut warnings).unwrap();
        assert_eq!(docs[0].title, "jobs 1");
        assert_eq!(docs[0].url, "/2021/04/02/jobs-1.html");
        assert!(warnings.iter().any(|w| w.message == "has no title; named \"jobs 1\" after its file"), "{warnings:#?}");
        assert_eq!(docs[1].title, "123");
        assert_eq!(docs[1].url, "/2021/04/02/123.html");
    }
}
