//! Front matter: finding it (YAML `---` or TOML `+++` fences, including the broken
//! fences real boards have) and reading it into a map of JSON-like values.

use serde_json::{Map, Value};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::{Yaml, YamlLoader};

/// Nesting deeper than this is refused: job front matter is flat, and a deep document
/// is either an accident or an attack on the parser's stack.
const MAX_YAML_DEPTH: usize = 32;

/// A problem found while reading the front matter, at a 1-based line of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Split<'a> {
    pub fields: Map<String, Value>,
    pub body: &'a str,
    pub has_front_matter: bool,
    /// Problems that still allowed a sensible reading.
    pub warnings: Vec<Problem>,
    /// The front matter's text (it starts on the file's second line), for [`key_line`]:
    /// a warning about a field's value names the line the value is on.
    pub matter: &'a str,
}

#[derive(Clone, Copy, PartialEq)]
enum Syntax {
    Yaml,
    Toml,
}

/// Separates front matter from the body and parses it. `Err` only when no sensible
/// reading exists (a fence that is never closed).
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let syntax = match text[..first_line_end].trim_end() {
        "---" => Syntax::Yaml,
        "+++" => Syntax::Toml,
        _ => return Ok(Split { body: text, ..Split::default() }),
    };
    let fence = if syntax == Syntax::Yaml { "---" } else { "+++" };
    let mut warnings = Vec::new();
    let (matter, body_start) = find_closing_fence(text, first_line_end, fence, syntax, &mut warnings)?;
    let fields = match syntax {
        Syntax::Yaml => parse_yaml(matter, &mut warnings),
        Syntax::Toml => parse_toml(matter, &mut warnings),
    };
    Ok(Split { fields, body: &text[body_start..], has_front_matter: true, warnings, matter })
}

/// Returns the front matter text and where the body begins.
fn find_closing_fence<'a>(
    text: &'a str,
    start: usize,
    fence: &str,
    syntax: Syntax,
    warnings: &mut Vec<Problem>,
) -> Result<(&'a str, usize), Problem> {
    let mut offset = start;
    let mut glued: Option<(usize, usize, usize)> = None;
    for (index, line) in text[start..].split_inclusive('\n').enumerate() {
        let line_number = index + 2;
        let content = line.trim_end();
        let next = offset + line.len();
        if content == fence || (syntax == Syntax::Yaml && content == "...") {
            return Ok((&text[start..offset], next));
        }
        if content.trim_start() == fence {
            warnings.push(Problem { line: line_number, message: format!("closing `{fence}` is indented; read as the end of the front matter") });
            return Ok((&text[start..offset], next));
        }
        if glued.is_none() && content.len() > fence.len() && content.ends_with(fence) {
            glued = Some((line_number, offset + content.len() - fence.len(), next));
        }
        offset = next;
    }
    // No fence on a line of its own: the last resort is a fence glued to the end of a
    // line ("- datamanagement---"), which is what the author evidently meant.
    if let Some((line, matter_end, body_start)) = glued {
        warnings.push(Problem { line, message: format!("closing `{fence}` is glued to the end of the line; read as the end of the front matter") });
        return Ok((&text[start..matter_end], body_start));
    }
    Err(Problem { line: 1, message: format!("front matter opened with `{fence}` is never closed") })
}

fn parse_yaml(matter: &str, warnings: &mut Vec<Problem>) -> Map<String, Value> {
    if may_break_shape_limits(matter) {
        if let Err(problem) = check_yaml_shape(matter) {
            warnings.push(problem);
            return read_lines_leniently(matter);
        }
    }
    match YamlLoader::load_from_str(matter) {
        Ok(documents) => match documents.into_iter().next() {
            Some(Yaml::Hash(hash)) => hash
                .into_iter()
                .filter_map(|(key, value)| Some((yaml_key(&key)?, yaml_to_json(value))))
                .collect(),
            Some(Yaml::Null) | None => Map::new(),
            Some(_) => {
                warnings.push(Problem { line: 2, message: "front matter is not a key: value mapping; ignored".into() });
                Map::new()
            }
        },
        Err(error) => {
            warnings.push(Problem {
                line: file_line(matter, error.marker().line()),
                message: format!("front matter is not valid YAML ({}); read line by line", error.info()),
            });
            read_lines_leniently(matter)
        }
    }
}

/// The file line of the YAML parser's 1-based `line` in `matter`, which starts on the
/// file's second line. At the end of a front matter that does not end with a line break
/// (a closing fence glued to its last line) the parser reports one line past the last;
/// that report names the last line instead.
fn file_line(matter: &str, line: usize) -> usize {
    let bytes = matter.as_bytes();
    // Line breaks as YAML counts them: "\n", "\r\n" or a lone "\r".
    let breaks = bytes.iter().enumerate().filter(|&(at, &byte)| byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'))).count();
    (line + 1).min(breaks + 2)
}

/// Whether `matter` could hold an alias or nest deeper than [`MAX_YAML_DEPTH`]: an alias
/// needs a `*`, and every mapping or sequence the parser opens needs an indicator of its
/// own (`:`, `?`, `-`, `[` or `{`). Nearly all front matter has neither, and is spared
/// [`check_yaml_shape`], a second full parse that cost a third of reading a post's YAML.
fn may_break_shape_limits(matter: &str) -> bool {
    let indicators = matter.bytes().filter(|byte| matches!(byte, b':' | b'?' | b'-' | b'[' | b'{')).count();
    matter.contains('*') || indicators >= MAX_YAML_DEPTH
}

/// Refuses aliases and deep nesting before the loader runs: the loader copies an
/// aliased node at each use, so a few lines of anchors can expand to gigabytes.
fn check_yaml_shape(matter: &str) -> Result<(), Problem> {
    let mut parser = Parser::new_from_str(matter);
    let mut depth = 0usize;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(token) => token,
            // Syntax errors are reported by the loader with its own message.
            Err(_) => return Ok(()),
        };
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Alias(_) => {
                return Err(Problem { line: file_line(matter, mark.line()), message: "YAML aliases are not supported in front matter; read line by line".into() })
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > MAX_YAML_DEPTH {
                    return Err(Problem { line: file_line(matter, mark.line()), message: format!("front matter nests deeper than {MAX_YAML_DEPTH} levels; read line by line") });
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
}

/// The file line of top-level `key` in front matter `matter`: a line that starts at the
/// margin with `key:` (YAML) or `key =` (TOML), the key maybe quoted. Looked for only
/// when a warning needs it, so a build of a million posts keeps no line table. The front
/// matter starts on the file's second line; in TOML, keys after a `[table]` header are
/// that table's.
pub fn key_line(matter: &str, key: &str) -> Option<usize> {
    matter
        .lines()
        .enumerate()
        .take_while(|(_, line)| !line.starts_with('['))
        .filter(|(_, line)| !line.starts_with(|c: char| c.is_whitespace() || matches!(c, '#' | '-')))
        .find(|(_, line)| {
            let written = line.split([':', '=']).next().unwrap_or_default();
            unquote(written.trim()) == key
        })
        .map(|(index, _)| index + 2)
}

/// A forgiving reader for front matter that is not valid YAML, in the shape job posts
/// use: `key: value` lines, `- item` lists under a key and `[a, b]` lists. A title with
/// an unquoted colon ("title: Org: Role") is the common case it rescues.
fn read_lines_leniently(matter: &str) -> Map<String, Value> {
    let mut fields = Map::new();
    let mut list_key: Option<String> = None;
    for line in matter.lines() {
        let trimmed = line.trim();
        if let (Some(item), Some(key)) = (trimmed.strip_prefix("- "), &list_key) {
            if let Some(Value::Array(items)) = fields.get_mut(key) {
                items.push(Value::String(unquote(item).to_owned()));
            }
            continue;
        }
        if line.starts_with(char::is_whitespace) || trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let key = key.trim().to_owned();
        let value = unquote(value.trim());
        if value.is_empty() {
            fields.insert(key.clone(), Value::Array(Vec::new()));
            list_key = Some(key);
        } else if let Some(flow) = value.strip_prefix('[') {
            // A flow list, maybe the very thing that broke the YAML (`tags: [a, b`).
            let items = flow.strip_suffix(']').unwrap_or(flow).split(',').map(unquote).filter(|item| !item.is_empty());
            fields.insert(key, Value::Array(items.map(|item| Value::String(item.to_owned())).collect()));
            list_key = None;
        } else {
            fields.insert(key, Value::String(value.to_owned()));
            list_key = None;
        }
    }
    fields
}

fn unquote(text: &str) -> &str {
    let text = text.trim();
    for quote in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(quote) && text.ends_with(quote) {
            return &text[1..text.len() - 1];
        }
    }
    text
}

fn yaml_key(key: &Yaml) -> Option<String> {
    match key {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yaml_to_json(value: Yaml) -> Value {
    match value {
        Yaml::String(s) => Value::String(s),
        // Kept as text: "1.10" is a version or a label more often than a number.
        Yaml::Real(s) => s.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::String(s), Value::Number),
        Yaml::Integer(i) => Value::Number(i.into()),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.into_iter().filter_map(|(k, v)| Some((yaml_key(&k)?, yaml_to_json(v)))).collect(),
        ),
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Value::Null,
    }
}

fn parse_toml(matter: &str, warnings: &mut Vec<Problem>) -> Map<String, Value> {
    match matter.parse::<toml::Table>() {
        Ok(table) => table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
        Err(error) => {
            let line = error.span().map_or(0, |span| matter[..span.start.min(matter.len())].matches('\n').count());
            warnings.push(Problem { line: line + 2, message: format!("front matter is not valid TOML ({}); ignored", error.message()) });
            Map::new()
        }
    }
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flow_list_survives_yaml_that_does_not_parse() {
        let split = split("---\ntitle: Org: Role\ntags: [data, \"tech\", ]\ncategories: [jobs\n---\nBody\n").unwrap();
        assert!(split.warnings.iter().any(|w| w.message.contains("not valid YAML")), "{:?}", split.warnings);
        assert_eq!(split.fields["title"], "Org: Role");
        assert_eq!(split.fields["tags"], serde_json::json!(["data", "tech"]));
        assert_eq!(split.fields["categories"], serde_json::json!(["jobs"]));
    }

    #[test]
    fn names_the_line_of_each_top_level_key() {
        let yaml = split("---\ntitle: \"A: B\"\ntags:\n  - x\n# note: no key\n'date': 2020-01-02\n---\nBody\n").unwrap();
        let lines: Vec<_> = ["title", "tags", "date", "note", "x"].iter().map(|key| key_line(yaml.matter, key)).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(6), None, None]);
        let toml = split("+++\ntitle = \"x: y\"\ndate = 2020-01-02\n[extra]\nsalary = 1\n+++\n").unwrap();
        let lines: Vec<_> = ["title", "date", "salary"].iter().map(|key| key_line(toml.matter, key)).collect();
        assert_eq!(lines, [Some(2), Some(3), None]);
    }

    #[test]
    fn reads_yaml_front_matter() {
        let post = "---\nlayout: single\ntitle:  \"AFL-CIO: Senior Strategist\"\ndate: 2017-08-26\ntags: \n    - nonprofit\n    - tech\n---\n\nBody here.\n";
        let split = split(post).unwrap();
        assert_eq!(split.fields["title"], "AFL-CIO: Senior Strategist");
        assert_eq!(split.fields["date"], "2017-08-26");
        assert_eq!(split.fields["tags"], serde_json::json!(["nonprofit", "tech"]));
        assert_eq!(split.body, "\nBody here.\n");
        assert!(split.warnings.is_empty());
    }

    #[test]
    fn accepts_an_indented_closing_fence_with_a_warning() {
        // The shape of 2019-03-13-precisionmanagingprinc.md.
        let split = split("---\ntitle: \"A: B\"\n ---\nBody").unwrap();
        assert_eq!(split.fields["title"], "A: B");
        assert_eq!(split.body, "Body");
        assert_eq!(split.warnings[0].line, 3);
    }

    #[test]
    fn accepts_a_fence_glued_to_the_last_tag() {
        // The shape of 2019-12-10-ctdemsdata.md.
        let split = split("---\ntitle: \"CT Dem Party: Data Director\"\ntags:\n    - data\n    - datamanagement---\n\nNote: deadline 12/11/19\n").unwrap();
        assert_eq!(split.fields["tags"], serde_json::json!(["data", "datamanagement"]));
        assert_eq!(split.body.trim(), "Note: deadline 12/11/19");
        assert_eq!(split.warnings[0].line, 5);
    }

    #[test]
    fn a_yaml_error_at_the_end_of_a_glued_fence_names_a_line_of_the_file() {
        // Found by the front_matter fuzz target: the parser puts the error one line past
        // the last line of the front matter, which here is the file's last line.
        let split = split("---\nlayout: single\ntitle\u{fffd}  \"The Cente---").unwrap();
        assert!(split.warnings.iter().any(|w| w.message.contains("not valid YAML")));
        assert!(split.warnings.iter().all(|w| (1..=3).contains(&w.line)), "{:?}", split.warnings);
        assert_eq!(split.fields["layout"], "single");
    }

    #[test]
    fn refuses_a_fence_never_closed() {
        let problem = split("---\ntitle: x\nbody without end\n").unwrap_err();
        assert!(problem.message.contains("never closed"));
    }

    #[test]
    fn rescues_an_unquoted_colon_in_a_title() {
        let split = split("---\ntitle: Org: Role: x\ntags:\n - a\n - b\n---\nBody").unwrap();
        assert_eq!(split.fields["title"], "Org: Role: x");
        assert_eq!(split.fields["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(split.warnings.len(), 1);
        assert_eq!(split.warnings[0].line, 2);
    }

    #[test]
    fn refuses_alias_bombs_quickly() {
        let mut matter = String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for level in 0..9u8 {
            let (this, prev) = ((b'b' + level) as char, (b'a' + level) as char);
            matter.push_str(&format!("{this}: &{this} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        matter.push_str("title: x\n---\nbody");
        let split = split(&matter).unwrap();
        assert!(split.warnings[0].message.contains("aliases"));
        assert_eq!(split.fields["title"], "x");
    }

    /// Front matter shaped to sit near the limits: nested flow collections, nested block
    /// sequences ("- - - a"), anchors with aliases, between random YAML punctuation.
    fn near_the_shape_limits() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let noise = || proptest::string::string_regex(r"([a-c: ?\-,!#'\x22\n]|a: |- ){0,12}").unwrap();
        let depth = 0..MAX_YAML_DEPTH + 8;
        let structure = prop_oneof![
            depth.clone().prop_map(|d| format!("x: {}{}\n", "[".repeat(d), "]".repeat(d))),
            depth.clone().prop_map(|d| format!("x: {}1{}\n", "{a: ".repeat(d), "}".repeat(d))),
            depth.prop_map(|d| format!("{}a\n", "- ".repeat(d))),
            Just("a: &x 1\nb: *x\n".to_owned()),
        ];
        (noise(), structure, noise()).prop_map(|(before, structure, after)| format!("{before}\n{structure}{after}"))
    }

    proptest::proptest! {
        /// Front matter the quick test lets through never fails the full shape check.
        #[test]
        fn the_quick_shape_test_lets_through_only_what_the_check_accepts(matter in near_the_shape_limits()) {
            if !may_break_shape_limits(&matter) {
                proptest::prop_assert!(check_yaml_shape(&matter).is_ok(), "{:?}", matter);
            }
        }
    }

    #[test]
    fn the_quick_shape_test_sends_aliases_and_nesting_to_the_check() {
        assert!(may_break_shape_limits("a: &x 1\nb: *x\n"));
        assert!(may_break_shape_limits(&"- ".repeat(MAX_YAML_DEPTH)));
        assert!(!may_break_shape_limits("title: \"Org: Role\"\ndate: 2020-01-02\ntags:\n  - a\n  - b\n"));
    }

    #[test]
    fn refuses_deep_nesting() {
        // 40 levels: past our limit, within the parser's own recursion limit.
        let matter = format!("---\nx: {}{}\ntitle: t\n---\n", "[".repeat(40), "]".repeat(40));
        let split = split(&matter).unwrap();
        assert!(split.warnings[0].message.contains("deeper"), "{:?}", split.warnings);
        assert_eq!(split.fields["title"], "t");
        // 10,000 levels: the parser's own limit stops it first; still a warning, no crash.
        let matter = format!("---\nx: {}{}\n---\n", "[".repeat(10_000), "]".repeat(10_000));
        assert!(!super::split(&matter).unwrap().warnings.is_empty());
    }

    #[test]
    fn reads_toml_front_matter() {
        let split = split("+++\ntitle = \"Org: Role\"\ntags = [\"a\", \"b\"]\ndate = 2020-01-02\n+++\nBody").unwrap();
        assert_eq!(split.fields["title"], "Org: Role");
        assert_eq!(split.fields["date"], "2020-01-02");
        assert_eq!(split.body, "Body");
    }

    #[test]
    fn a_post_without_front_matter_is_all_body() {
        let split = split("# Title\n\nText").unwrap();
        assert!(!split.has_front_matter);
        assert_eq!(split.body, "# Title\n\nText");
    }
}
