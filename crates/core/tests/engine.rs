//! The engine's behaviour on small hand-made boards, through encode and decode as the CLI
//! and widget use it.

use jobsift_core::search::{FacetFilter, RangeFilter, SearchRequest, SortOrder, UNKNOWN_VALUE};
use jobsift_core::chunks::BlockSizes;
use jobsift_core::{Date, Document, Index, IndexBuilder, IndexStream, Salary, SalaryPeriod, Schema};

fn post(title: &str, org: &str, day: u32, body: &str, tags: &[&str], salary: Option<(u32, u32)>) -> Document {
    Document {
        title: format!("{org}: {title}"),
        organisation: Some(org.to_owned()),
        role: Some(title.to_owned()),
        url: format!("/jobs/{org}-{day}"),
        date: Date::from_ymd(2020, 3, day),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        body: body.to_owned(),
        salary: salary.map(|(min, max)| Salary { min, max, period: SalaryPeriod::Year, text: format!("${min}") }),
        ..Document::default()
    }
}

fn board() -> Index {
    let mut builder = IndexBuilder::new(Schema::default());
    builder.add(post("Data Analyst", "Acme", 1, "You will analyse voter files in VAN and SQL.", &["analytics"], Some((60_000, 70_000))));
    builder.add(post("Senior Analysts", "Beta Org", 2, "Lead a team of analysts. Communications experience.", &["analytics", "management"], None));
    builder.add(post("Field Organizer", "Gamma", 3, "Organize volunteers. The data director reports to you.", &["organizing"], Some((40_000, 45_000))));
    builder.add(post("Data Director", "Delta", 4, "Own the data warehouse. C++ and c# welcome.", &["engineering", "management"], Some((120_000, 150_000))));
    Index::decode(&builder.build()).expect("a freshly built index decodes")
}

fn titles(index: &Index, request: &SearchRequest) -> Vec<String> {
    index.search(request).hits.iter().map(|h| index.docs[h.doc as usize].role.clone().unwrap_or_default()).collect()
}

fn text(query: &str) -> SearchRequest {
    SearchRequest { text: query.to_owned(), ..SearchRequest::default() }
}

#[test]
fn transposition_typo_finds_analyst() {
    let index = board();
    let found = titles(&index, &text("anaylst "));
    assert!(found.contains(&"Data Analyst".to_owned()), "{found:?}");
}

#[test]
fn exact_beats_stem_beats_prefix() {
    let index = board();
    let found = titles(&index, &text("analyst "));
    assert_eq!(found.first().map(String::as_str), Some("Data Analyst"));
    assert!(found.contains(&"Senior Analysts".to_owned()));
    let prefix = titles(&index, &text("organiz"));
    assert!(prefix.contains(&"Field Organizer".to_owned()));
}

#[test]
fn short_words_get_no_typos() {
    let index = board();
    assert_eq!(index.search(&text("dara ")).total, 0);
}

#[test]
fn phrases_require_adjacency_and_minus_excludes() {
    let index = board();
    let phrase = titles(&index, &text("\"data director\""));
    assert_eq!(phrase.len(), 2, "{phrase:?}");
    let excluded = titles(&index, &text("data -organizer"));
    assert!(!excluded.contains(&"Field Organizer".to_owned()) && excluded.contains(&"Data Director".to_owned()));
}

#[test]
fn symbols_and_acronyms_are_searchable() {
    let index = board();
    assert_eq!(titles(&index, &text("c++")), ["Data Director"]);
    assert_eq!(titles(&index, &text("VAN")), ["Data Analyst"]);
}

#[test]
fn disjunctive_counts_keep_other_values_of_the_selected_facet() {
    let index = board();
    let request = SearchRequest {
        filters: vec![FacetFilter { facet: "tags".into(), values: vec!["analytics".into()] }],
        ..SearchRequest::default()
    };
    let response = index.search(&request);
    assert_eq!(response.total, 2);
    let tags = response.facets.iter().find(|f| f.facet == "tags").unwrap();
    let organizing = tags.values.iter().find(|v| &*v.value == "organizing").unwrap();
    assert_eq!(organizing.count, 1, "own selection removed when counting tags");
    let orgs = response.facets.iter().find(|f| f.facet == "org").unwrap();
    assert_eq!(orgs.values.iter().map(|v| v.count).sum::<u32>(), 2, "other facets see the tag filter");
}

#[test]
fn salary_range_sort_and_unknowns() {
    let index = board();
    let request = SearchRequest {
        ranges: vec![RangeFilter { facet: "salary".into(), min: Some(65_000.0), max: None, include_unknown: true }],
        sort: SortOrder::Salary,
        ..SearchRequest::default()
    };
    assert_eq!(titles(&index, &request), ["Data Director", "Data Analyst", "Senior Analysts"]);
    let salary = index.search(&request).facets.into_iter().find(|f| f.facet == "salary").unwrap();
    assert_eq!(salary.unknown, 1);
    let histogram = salary.histogram.unwrap();
    assert_eq!(histogram.counts.iter().sum::<u32>(), 3);
    assert_eq!(histogram.bucket_edges.len(), histogram.counts.len() + 1);
}

#[test]
fn unknown_value_selects_posts_without_one() {
    let index = board();
    let request = SearchRequest {
        filters: vec![FacetFilter { facet: "location".into(), values: vec![UNKNOWN_VALUE.into()] }],
        ..SearchRequest::default()
    };
    assert_eq!(index.search(&request).total, 4);
}

#[test]
fn snippets_and_title_highlights_point_at_matches() {
    let index = board();
    let response = index.search(&text("warehouse director"));
    let hit = &response.hits[0];
    let title = &index.docs[hit.doc as usize].title;
    let marked: Vec<&str> = hit.title_matches.iter().map(|&(a, b)| &title[a as usize..b as usize]).collect();
    assert_eq!(marked, ["Director"]);
    let snippet = hit.snippet.as_ref().unwrap();
    assert!(snippet.matches.iter().any(|&(a, b)| &snippet.text[a as usize..b as usize] == "warehouse"));
}

#[test]
fn validate_names_unknown_facets() {
    let index = board();
    let request = SearchRequest {
        filters: vec![FacetFilter { facet: "colour".into(), values: vec!["red".into()] }],
        ..SearchRequest::default()
    };
    assert!(index.validate(&request).unwrap_err().contains("colour"));
    assert_eq!(index.search(&request).total, 4, "unknown facets are ignored");
    assert!(index.validate(&SearchRequest::default()).is_ok());
}

#[test]
fn facet_value_search_matches_word_prefixes() {
    let index = board();
    let found = index.facet_value_search("org", "bet", 10);
    assert_eq!(found.len(), 1);
    assert_eq!(&*found[0].value, "Beta Org");
}

/// Counts for a value common enough to be kept as a bitset (no id list) and for a rare
/// one kept as ids (one post in 64 is below the decoder's density threshold).
#[test]
fn facet_value_search_counts_common_and_rare_values() {
    let mut builder = IndexBuilder::new(Schema::default());
    for day in 0..63 {
        builder.add(post("Organizer", "Big Union", day % 28 + 1, "Organize members.", &[], None));
    }
    builder.add(post("Organizer", "Small Union", 1, "Organize members.", &[], None));
    let index = Index::decode(&builder.build()).unwrap();
    let counts: Vec<(String, u32)> =
        index.facet_value_search("org", "union", 10).iter().map(|v| (v.value.to_string(), v.count)).collect();
    assert_eq!(counts, [("Big Union".to_owned(), 63), ("Small Union".to_owned(), 1)]);
}

#[test]
fn same_documents_give_the_same_bytes() {
    let build = || {
        let mut builder = IndexBuilder::new(Schema::default());
        builder.add(post("A", "X", 1, "alpha beta", &["t"], Some((1, 2))));
        builder.add(post("B", "Y", 2, "gamma", &[], None));
        builder.build()
    };
    assert_eq!(build(), build());
}

/// Found by fuzzing (index_decode): an index whose schema carries a huge boost ranked
/// every post with a NaN score. Such an index is refused when decoded.
#[test]
fn boosts_that_would_overflow_scores_are_refused() {
    for boost in [f32::INFINITY, f32::NAN, 1e30, -1.0] {
        let mut schema = Schema::default();
        schema.boosts.title = boost;
        let mut builder = IndexBuilder::new(schema);
        builder.add(post("Org: Data Analyst", "Org", 1, "data", &["data"], None));
        let error = Index::decode(&builder.build()).expect_err("an index with an unusable boost decodes");
        assert_eq!(error.to_string(), "index is inconsistent: META section has field boosts that are not numbers from 0 to 1000 (title)");
    }
    let index = board();
    for hit in index.search(&text("data analyst")).hits {
        assert!(hit.score.is_finite());
    }
}

/// Posts spell one organisation several ways ("TargetSmart", "Targetsmart"; "BlueLabs",
/// "Blue Labs" on the real board): the facet lists it once, as most posts spell it,
/// counting them all, and a filter on any spelling selects them all. Cards keep each
/// post's own spelling.
#[test]
fn a_facet_lists_each_value_once_however_its_posts_spell_it() {
    let mut builder = IndexBuilder::new(Schema::default());
    builder.add(post("Analyst", "TargetSmart", 1, "SQL.", &["data"], None));
    builder.add(post("Engineer", "TargetSmart", 2, "Rust.", &["data"], None));
    builder.add(post("Intern", "Targetsmart", 3, "Learn.", &["data"], None));
    builder.add(post("Organizer", "Café Lab", 4, "Doors.", &["data"], None));
    builder.add(post("Director", "Cafe Lab", 5, "Lead.", &["data"], None));
    builder.add(post("Fellow", "Gamma", 6, "Study.", &["data"], None));
    builder.add(post("Fellow", "The Gamma", 7, "Study.", &["c++"], None));
    builder.add(post("Fellow", "Win/Win", 8, "Study.", &["c"], None));
    builder.add(post("Fellow", "Win Win!", 9, "Study.", &["c#"], None));
    builder.add(post("Fellow", "WinWin", 10, "Study.", &["C"], None));
    builder.add(post("Fellow", "Win + Win", 11, "Study.", &["C"], None));
    builder.add(post("Fellow", "Gamma, Inc.", 12, "Study.", &["data"], None));
    builder.add(post("Fellow", "Gamma LLC", 13, "Study.", &["data"], None));
    builder.add(post("Fellow", "Inc", 14, "Study.", &["data"], None));
    let index = Index::decode(&builder.build()).unwrap();
    let org = |values: &[&str]| SearchRequest {
        filters: vec![FacetFilter { facet: "org".into(), values: values.iter().map(|v| v.to_string()).collect() }],
        ..SearchRequest::default()
    };
    let all = index.search(&SearchRequest::default());
    let listed: Vec<(&str, u32)> = all.facets.iter().find(|f| f.facet == "org").unwrap().values.iter().map(|v| (&*v.value, v.count)).collect();
    assert_eq!(
        listed,
        [("Gamma", 4), ("Win + Win", 4), ("TargetSmart", 3), ("Cafe Lab", 2), ("Inc", 1)],
        "most posts' spelling; a tie goes to the first in byte order"
    );
    let tags: Vec<(&str, u32)> = all.facets.iter().find(|f| f.facet == "tags").unwrap().values.iter().map(|v| (&*v.value, v.count)).collect();
    assert_eq!(tags, [("data", 9), ("C", 3), ("c#", 1), ("c++", 1)], "C, C# and C++ stay apart");
    for spelling in ["TargetSmart", "Targetsmart", "TARGETSMART"] {
        assert_eq!(index.search(&org(&[spelling])).total, 3, "{spelling}");
    }
    assert_eq!(index.search(&org(&["Café Lab"])).total, 2);
    assert_eq!(index.search(&org(&["the gamma"])).total, 4);
    assert_eq!(index.search(&org(&["Gamma Inc"])).total, 4);
    assert_eq!(index.search(&org(&["winwin"])).total, 4);
    assert_eq!(index.canonical_value("org", "WIN-WIN"), Some("Win + Win"));
    assert_eq!(index.canonical_value("org", "Targetsmart"), Some("TargetSmart"));
    let intern = index.docs.iter().find(|d| d.role.as_deref() == Some("Intern")).unwrap();
    assert_eq!(intern.organisation.as_deref(), Some("Targetsmart"), "the card shows the post's own spelling");
}

/// The indexer merges "analysis" into "analytics" as it reads; a filter on the merged
/// spelling (an old link, `--filter`) must select what it was merged into, in a single
/// file, in a chunked core and in one decoded while it downloads.
#[test]
fn a_filter_on_an_alias_selects_the_value_it_was_merged_into() {
    let builder = || {
        let mut builder = IndexBuilder::new(Schema::default());
        builder.add(post("Data Analyst", "Acme", 1, "SQL.", &["analytics"], None));
        builder.add(post("Field Organizer", "Gamma", 3, "Volunteers.", &["organizing"], None));
        builder.alias("tags", "Analysis", "analytics");
        builder.alias("tags", "stats", "statistics");
        builder
    };
    let single = builder().build();
    let core = builder().build_chunked(BlockSizes::default()).core;
    let mut stream = IndexStream::new();
    for chunk in core.chunks(7) {
        stream.push(chunk);
    }
    let tags = |value: &str| SearchRequest {
        filters: vec![FacetFilter { facet: "tags".into(), values: vec![value.into()] }],
        ..SearchRequest::default()
    };
    for index in [Index::decode(&single).unwrap(), Index::decode(&core).unwrap(), stream.finish().unwrap()] {
        let (alias, value) = (index.search(&tags("ANALYSIS")), index.search(&tags("analytics")));
        assert_eq!(alias.total, 1);
        assert_eq!(alias, value, "the alias is listed as the value it selects");
        assert_eq!(index.canonical_value("tags", "analysis"), Some("analytics"));
        assert_eq!(index.canonical_value("org", "analysis"), None, "aliases belong to their facet");
        assert_eq!(index.canonical_value("tags", "stats"), None, "no post has the value it names");
        assert_eq!(index.search(&tags("stats")).total, 0);
    }
    // Without aliases, the bytes are those of an index built before aliases were stored
    // (tests/compat.rs holds the saved files).
    let mut plain = IndexBuilder::new(Schema::default());
    plain.add(post("Data Analyst", "Acme", 1, "SQL.", &["analytics"], None));
    assert!(!plain.build().windows(4).any(|tag| tag == b"ALIA"));
    assert!(single.windows(4).any(|tag| tag == b"ALIA"));
}

#[test]
fn filter_values_match_ignoring_case_and_accents_and_are_listed_as_the_index_spells_them() {
    let index = board();
    let exact = SearchRequest {
        filters: vec![FacetFilter { facet: "tags".into(), values: vec!["analytics".into()] }],
        ..SearchRequest::default()
    };
    let typed = SearchRequest {
        filters: vec![FacetFilter { facet: "tags".into(), values: vec!["ANALYTICS".into()] }],
        ..SearchRequest::default()
    };
    let (exact, typed_response) = (index.search(&exact), index.search(&typed));
    assert_eq!(typed_response.total, exact.total);
    assert_eq!(typed_response.facets, exact.facets, "the value shows as selected, spelled as indexed");
    assert_eq!(index.canonical_value("tags", "Analytics"), Some("analytics"));
    assert_eq!(index.canonical_value("org", "gamma"), Some("Gamma"));
    assert_eq!(index.canonical_value("org", "Gamm"), None);
    assert_eq!(index.canonical_value("nonesuch", "gamma"), None);
}

#[test]
fn an_and_facet_counts_what_adding_each_value_would_leave() {
    let mut schema = Schema::default();
    let tags = schema.facets.iter_mut().find(|f| f.name == "tags").unwrap();
    tags.mode = jobsift_core::schema::FacetMode::And;
    let mut builder = IndexBuilder::new(schema);
    builder.add(post("One", "Acme", 1, "x", &["research", "data"], None));
    builder.add(post("Two", "Beta", 2, "x", &["research"], None));
    builder.add(post("Three", "Gamma", 3, "x", &["data", "ops"], None));
    let index = Index::decode(&builder.build()).unwrap();
    let request = |values: &[&str]| SearchRequest {
        filters: vec![FacetFilter { facet: "tags".into(), values: values.iter().map(|v| v.to_string()).collect() }],
        ..SearchRequest::default()
    };
    let response = index.search(&request(&["research"]));
    assert_eq!(response.total, 2);
    let tags = response.facets.iter().find(|f| f.facet == "tags").unwrap();
    for value in &tags.values {
        let mut with = vec!["research"];
        if &*value.value != "research" {
            with.push(&*value.value);
        }
        assert_eq!(value.count as usize, index.search(&request(&with)).total, "count of {}", value.value);
    }
    assert!(tags.values.iter().all(|v| &*v.value != "ops" || v.count == 0), "{:?}", tags.values);
}

#[test]
fn an_excluded_phrase_removes_the_posts_that_hold_it() {
    let index = board();
    assert_eq!(titles(&index, &text("data -\"data director\"")), ["Data Analyst"]);
    let all = index.search(&SearchRequest::default()).total;
    let holding = index.search(&text("\"data director\"")).total;
    assert_eq!(index.search(&text("-\"data director\"")).total, all - holding);
    // A quoted single word excluded is an excluded word.
    assert_eq!(index.search(&text("-\"management\"")).total, index.search(&text("-management")).total);
}
