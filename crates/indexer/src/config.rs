//! `jobsift.toml`: optional. Zero configuration reads a Jekyll job board as it is; the
//! file maps other sites' front-matter keys, adds facets, merges tag spellings and sets
//! URLs and ranking boosts. Unknown keys are errors that name the key, because a typo
//! silently ignored is a facet silently missing.

use crate::error::IndexerError;
use jobsift_core::schema::{FacetKind, FacetMode, FacetSource, FacetSpec, FieldBoosts, Schema};
use jobsift_core::IndexBuilder;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Prepended to every post URL ("https://jobs.example.org"); site-relative URLs without it.
    #[serde(default)]
    pub base_url: String,
    /// Jekyll permalink pattern; placeholders :year :month :day :title :slug :categories.
    #[serde(default = "default_permalink")]
    pub permalink: String,
    /// Which front-matter (or CSV/JSON column) key holds each built-in field, when the
    /// site does not use jobsift's names.
    #[serde(default)]
    pub fields: FieldKeys,
    #[serde(default)]
    pub tags: TagConfig,
    /// Extra facets, or overrides of the label and mode of built-in ones.
    #[serde(default)]
    pub facets: Vec<FacetConfig>,
    #[serde(default)]
    pub boosts: Option<BoostConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: String::new(),
            permalink: default_permalink(),
            fields: FieldKeys::default(),
            tags: TagConfig::default(),
            facets: Vec::new(),
            boosts: None,
        }
    }
}

/// Jekyll's permalink styles by name, as patterns.
const PERMALINK_STYLES: &[(&str, &str)] = &[
    ("date", "/:categories/:year/:month/:day/:title:output_ext"),
    ("pretty", "/:categories/:year/:month/:day/:title/"),
    ("ordinal", "/:categories/:year/:y_day/:title:output_ext"),
    ("none", "/:categories/:title:output_ext"),
];

/// The placeholders `record::permalink` fills in.
pub const PERMALINK_PLACEHOLDERS: &[&str] = &[
    "categories", "slugified_categories", "year", "short_year", "month", "i_month", "day", "i_day", "y_day",
    "title", "slug", "output_ext",
];

/// A permalink setting as a pattern: a style name ("pretty") becomes its pattern, and a
/// placeholder jobsift cannot fill is an error rather than a URL with `:week` in it.
fn permalink_pattern(setting: &str) -> Result<String, String> {
    let pattern = PERMALINK_STYLES.iter().find(|(name, _)| *name == setting.trim()).map_or(setting, |(_, pattern)| pattern);
    if !pattern.starts_with('/') {
        return Err(format!("permalink `{setting}`: a pattern starts with `/`, or names a style (date, pretty, ordinal, none)"));
    }
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        let name: String = rest[at + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        // Longest first: ":i_month" is not ":i" followed by "_month".
        if !PERMALINK_PLACEHOLDERS.contains(&name.as_str()) {
            return Err(format!(
                "permalink `{setting}`: jobsift cannot fill `:{name}`; it knows :{}",
                PERMALINK_PLACEHOLDERS.join(", :")
            ));
        }
        rest = &rest[at + 1 + name.len()..];
    }
    Ok(pattern.to_owned())
}

fn default_permalink() -> String {
    "/:categories/:year/:month/:day/:title.html".to_owned()
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FieldKeys {
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub date: Option<String>,
    pub tags: Option<String>,
    pub location: Option<String>,
    pub remote: Option<String>,
    pub salary: Option<String>,
    pub employment_type: Option<String>,
    pub deadline: Option<String>,
    pub apply_url: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TagConfig {
    /// Spelling → canonical tag, applied after case folding ("vendor" = "vendors").
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FacetConfig {
    /// Facet key in URLs and `--filter`; a built-in name (tags, org, location, remote,
    /// type, salary, posted, deadline) overrides that facet's label and mode.
    pub name: String,
    /// Front-matter key to read; defaults to `name`. Not allowed for built-in facets.
    pub key: Option<String>,
    pub label: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<FacetType>,
    pub mode: Option<Mode>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FacetType {
    String,
    List,
    Number,
    Date,
    Boolean,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Or,
    And,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BoostConfig {
    pub title: Option<f32>,
    pub organisation: Option<f32>,
    pub tags: Option<f32>,
    pub body: Option<f32>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, IndexerError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| IndexerError::Config { path: path.to_owned(), reason: e.to_string() })?;
        Config::parse(&text).map_err(|reason| IndexerError::Config { path: path.to_owned(), reason })
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
        // Looked up by the folded tag, so "Vendor = …" must work as "vendor = …" does.
        config.tags.aliases = std::mem::take(&mut config.tags.aliases).into_iter().map(|(alias, tag)| (alias.trim().to_lowercase(), tag)).collect();
        config.schema()?;
        config.permalink = permalink_pattern(&config.permalink)?;
        Ok(config)
    }

    /// The index schema: the built-in facets, then the configured extra ones.
    pub fn schema(&self) -> Result<Schema, String> {
        let mut schema = Schema::default();
        for (at, facet) in self.facets.iter().enumerate() {
            // Checked before the built-in case: a second block for a name would otherwise
            // pass as a change to the first one's facet.
            if self.facets[..at].iter().any(|earlier| earlier.name == facet.name) {
                return Err(format!("facet `{}` is defined twice", facet.name));
            }
            // The name is a URL key (`f.<name>`) and a `--filter` field.
            if facet.name.is_empty() || !facet.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                return Err(format!("facet name `{}`: use letters, digits, `_` and `-`", facet.name.escape_debug()));
            }
            let mode = facet.mode.map(|m| if m == Mode::And { FacetMode::And } else { FacetMode::Or });
            if let Some(builtin) = schema.facets.iter_mut().find(|f| f.name == facet.name) {
                if mode.is_some() && builtin.kind.is_range() {
                    return Err(format!("facet `{}` is a range: `mode` applies to facets with values", facet.name));
                }
                if facet.key.is_some() || facet.kind.is_some() {
                    return Err(format!("facet `{}` is built in: only `label` and `mode` can be set", facet.name));
                }
                if let Some(label) = &facet.label {
                    builtin.label = label.clone();
                }
                if let Some(mode) = mode {
                    builtin.mode = mode;
                }
                continue;
            }
            let kind = match facet.kind {
                Some(FacetType::String) | None => FacetKind::Keyword,
                Some(FacetType::List) => FacetKind::List,
                Some(FacetType::Number) => FacetKind::Number,
                Some(FacetType::Date) => FacetKind::Date,
                Some(FacetType::Boolean) => FacetKind::Bool,
            };
            if mode.is_some() && matches!(kind, FacetKind::Number | FacetKind::Date) {
                return Err(format!("facet `{}` is a range: `mode` applies to facets with values", facet.name));
            }
            let key = facet.key.clone().unwrap_or_else(|| facet.name.clone());
            let label = facet.label.clone().unwrap_or_else(|| facet.name.clone());
            let mut spec = FacetSpec::new(&facet.name, &label, kind, FacetSource::Extra(key));
            spec.mode = mode.unwrap_or(FacetMode::Or);
            schema.facets.push(spec);
        }
        if let Some(boosts) = self.boosts {
            let d = FieldBoosts::default();
            schema.boosts = FieldBoosts {
                title: boosts.title.unwrap_or(d.title),
                organisation: boosts.organisation.unwrap_or(d.organisation),
                tags: boosts.tags.unwrap_or(d.tags),
                body: boosts.body.unwrap_or(d.body),
            };
            let unusable = schema.boosts.out_of_range();
            if !unusable.is_empty() {
                return Err(format!("boosts must be {}: check {}", FieldBoosts::range_text(), unusable.join(", ")));
            }
        }
        Ok(schema)
    }

    /// The extra facets and the front-matter keys they read.
    pub fn extra_facets(&self) -> Vec<(String, FacetKind)> {
        let schema = self.schema().unwrap_or_default();
        schema
            .facets
            .into_iter()
            .filter_map(|f| match f.source {
                FacetSource::Extra(key) => Some((key, f.kind)),
                _ => None,
            })
            .collect()
    }

    /// An empty index builder for this config: its schema, and its tag aliases. The posts'
    /// tags are merged as they are read; stored too, the aliases let links and filters
    /// that name a merged spelling select the tag it became.
    pub fn index_builder(&self) -> Result<IndexBuilder, String> {
        let mut builder = IndexBuilder::new(self.schema()?);
        for alias in self.tags.aliases.keys() {
            builder.alias("tags", alias, &self.canonical_tag(alias));
        }
        Ok(builder)
    }

    /// A tag as indexed: trimmed, case-folded, with its alias applied.
    pub fn canonical_tag(&self, tag: &str) -> String {
        let folded = tag.trim().to_lowercase();
        self.tags.aliases.get(&folded).map(|t| t.trim().to_lowercase()).unwrap_or(folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_config_is_the_default_schema() {
        let config = Config::parse("").unwrap();
        assert_eq!(config.schema().unwrap(), Schema::default());
        assert_eq!(config.permalink, "/:categories/:year/:month/:day/:title.html");
    }

    #[test]
    fn unknown_keys_are_named() {
        let err = Config::parse("base_ulr = \"x\"").unwrap_err();
        assert!(err.contains("base_ulr"), "{err}");
        let err = Config::parse("[fields]\norganization = \"company\"").unwrap_err();
        assert!(err.contains("organization"), "{err}");
        let err = Config::parse("[[facets]]\nname = \"dept\"\ncolour = \"red\"").unwrap_err();
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn extra_facets_and_overrides() {
        let config = Config::parse(
            "[[facets]]\nname = \"dept\"\nkey = \"department\"\nlabel = \"Department\"\ntype = \"list\"\nmode = \"and\"\n\
             [[facets]]\nname = \"tags\"\nlabel = \"Topics\"\nmode = \"and\"\n\
             [tags.aliases]\nvendor = \"vendors\"\n[boosts]\ntitle = 6.0\n",
        )
        .unwrap();
        let schema = config.schema().unwrap();
        let dept = schema.facet("dept").unwrap();
        assert_eq!((dept.kind, dept.mode, dept.label.as_str()), (FacetKind::List, FacetMode::And, "Department"));
        assert_eq!(dept.source, FacetSource::Extra("department".into()));
        assert_eq!(schema.facet("tags").unwrap().label, "Topics");
        assert_eq!(schema.facet("tags").unwrap().mode, FacetMode::And);
        assert_eq!(schema.boosts.title, 6.0);
        assert_eq!(config.canonical_tag(" Vendor "), "vendors");
        assert_eq!(config.extra_facets(), vec![("department".to_owned(), FacetKind::List)]);
    }

    #[test]
    fn unusable_boosts_are_refused_by_field() {
        let error = Config::parse("[boosts]\ntitle = 6.0\ntags = -1.0\nbody = 1e9\n").unwrap_err();
        assert!(error.ends_with("boosts must be numbers from 0 to 1000: check tags, body"), "{error}");
    }

    #[test]
    fn built_in_facets_keep_their_source() {
        let err = Config::parse("[[facets]]\nname = \"salary\"\ntype = \"string\"").unwrap_err();
        assert!(err.contains("built in"), "{err}");
    }

    #[test]
    fn permalink_styles_and_placeholders() {
        let pretty = Config::parse("permalink = \"pretty\"").unwrap();
        assert_eq!(pretty.permalink, "/:categories/:year/:month/:day/:title/");
        assert_eq!(Config::parse("permalink = \"/:year/:i_month/:title:output_ext\"").unwrap().permalink, "/:year/:i_month/:title:output_ext");
        let unknown = Config::parse("permalink = \"/:year/:week/:title\"").unwrap_err();
        assert!(unknown.contains(":week"), "{unknown}");
        assert!(Config::parse("permalink = \"weekly\"").unwrap_err().contains("style"));
    }

    #[test]
    fn facet_blocks_are_checked() {
        let twice = "[[facets]]\nname = \"department\"\n[[facets]]\nname = \"department\"\nlabel = \"Dept\"\n";
        assert_eq!(Config::parse(twice).unwrap_err(), "facet `department` is defined twice");
        assert!(Config::parse("[[facets]]\nname = \"tags\"\n[[facets]]\nname = \"tags\"\n").unwrap_err().contains("twice"));
        assert!(Config::parse("[[facets]]\nname = \"\"\n").unwrap_err().contains("facet name"));
        assert!(Config::parse("[[facets]]\nname = \"a b/c?\"\n").unwrap_err().contains("facet name"));
        assert!(Config::parse("[[facets]]\nname = \"salary\"\nmode = \"and\"\n").unwrap_err().contains("range"));
        assert!(Config::parse("[[facets]]\nname = \"budget\"\ntype = \"number\"\nmode = \"and\"\n").unwrap_err().contains("range"));
        assert!(Config::parse("[[facets]]\nname = \"tags\"\nmode = \"and\"\n").is_ok());
    }

}
