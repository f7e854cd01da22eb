//! Property tests: the engine against a naive reference that scans every post, and the
//! decoder against damaged indexes.

use jobsift_core::format::{write_container, Container};
use jobsift_core::schema::{FacetKind, FacetMode, FacetSpec};
use jobsift_core::search::{FacetFilter, Histogram, RangeFilter, SearchRequest, SearchResponse, SortOrder, ValueCount, UNKNOWN_VALUE};
use jobsift_core::{Date, Document, EmploymentType, Index, IndexBuilder, Salary, SalaryPeriod, Schema};
use proptest::prelude::*;
use std::collections::BTreeSet;

const TAGS: [&str; 5] = ["analytics", "data", "engineering", "organizing", "research"];
const ORGS: [&str; 4] = ["Acme", "Beta Org", "Gamma", "Delta"];
const PLACES: [&str; 3] = ["Remote", "Washington, DC", "Chicago"];
/// Body words far apart in spelling and stem, so that neither typo tolerance nor stemming
/// makes one match another and the reference can match words exactly.
const WORDS: [&str; 5] = ["apple", "river", "mountain", "cobalt", "zebra"];

fn document() -> impl Strategy<Value = Document> {
    (
        proptest::sample::subsequence(TAGS.to_vec(), 0..=3),
        proptest::option::of(proptest::sample::select(ORGS.to_vec())),
        proptest::option::of(proptest::sample::select(PLACES.to_vec())),
        any::<bool>(),
        proptest::option::of(proptest::sample::select(EmploymentType::ALL.to_vec())),
        proptest::option::of((20u32..200, 0u32..50)),
        proptest::option::of(18_000i32..18_040),
        proptest::option::of(18_000i32..18_060),
        proptest::sample::subsequence(WORDS.to_vec(), 0..=3),
        0u32..1_000,
    )
        .prop_map(|(tags, org, place, remote, kind, salary, date, deadline, words, serial)| Document {
            title: format!("Job {serial}"),
            organisation: org.map(str::to_owned),
            url: format!("/jobs/{serial}"),
            date: date.map(Date),
            deadline: deadline.map(Date),
            salary: salary.map(|(low, width)| Salary {
                min: low * 1_000,
                max: (low + width) * 1_000,
                period: SalaryPeriod::Year,
                text: String::new(),
            }),
            location: place.map(str::to_owned),
            remote,
            employment_type: kind,
            tags: tags.into_iter().map(str::to_owned).collect(),
            body: words.join(" "),
            ..Document::default()
        })
}

fn schema(tags_and: bool) -> Schema {
    let mut schema = Schema::default();
    if tags_and {
        schema.facets[0].mode = FacetMode::And;
    }
    schema
}

fn value_choices() -> Vec<String> {
    let mut values: Vec<String> = TAGS.iter().chain(&ORGS).chain(&PLACES).map(|s| s.to_string()).collect();
    values.extend(EmploymentType::ALL.iter().map(|t| t.as_str().to_owned()));
    values.extend(["true", "false", UNKNOWN_VALUE, "no-such-value"].map(str::to_owned));
    values
}

fn request() -> impl Strategy<Value = SearchRequest> {
    let filter = (
        proptest::sample::select(vec!["tags", "org", "location", "remote", "type"]),
        proptest::collection::vec(proptest::sample::select(value_choices()), 0..3),
    )
        .prop_map(|(facet, values)| FacetFilter { facet: facet.to_owned(), values });
    let bound = |low: f64, high: f64| proptest::option::of(low..high);
    let range = (
        proptest::sample::select(vec!["salary", "posted", "deadline"]),
        any::<bool>(),
        bound(0.0, 1.0),
        bound(0.0, 1.0),
    )
        .prop_map(move |(facet, include_unknown, a, b)| {
            let (low, span) = if facet == "salary" { (20_000.0, 230_000.0) } else { (18_000.0, 60.0) };
            RangeFilter {
                facet: facet.to_owned(),
                min: a.map(|x| (low + x * span).round()),
                max: b.map(|x| (low + x * span).round()),
                include_unknown,
            }
        });
    let text = prop_oneof![Just(String::new()), proptest::sample::select(WORDS.to_vec()).prop_map(|w| format!("{w} "))];
    (
        text,
        proptest::collection::vec(filter, 0..3),
        proptest::collection::vec(range, 0..2),
        proptest::option::of(18_000i32..18_060),
        proptest::sample::select(vec![SortOrder::Relevance, SortOrder::Newest, SortOrder::Salary]),
        0usize..12,
        0usize..12,
    )
        .prop_map(|(text, filters, ranges, today, sort, offset, limit)| SearchRequest {
            text,
            filters,
            ranges,
            hide_expired_on: today.map(Date),
            sort,
            offset,
            limit,
        })
}

fn build(docs: &[Document], tags_and: bool) -> Index {
    let mut builder = IndexBuilder::new(schema(tags_and));
    for doc in docs {
        builder.add(doc.clone());
    }
    Index::decode(&builder.build()).expect("a freshly built index decodes")
}

/// Whether `doc` passes the request's filter on facet `spec` (all entries for it).
fn passes_facet(spec: &FacetSpec, doc: &Document, request: &SearchRequest) -> bool {
    let values = spec.keywords(doc);
    let value_filters = request.filters.iter().filter(|f| f.facet == spec.name && !f.values.is_empty());
    let values_ok = value_filters.into_iter().all(|filter| {
        let has = |v: &String| if v == UNKNOWN_VALUE { values.is_empty() } else { values.contains(v) };
        match (spec.kind, spec.mode) {
            (FacetKind::Number | FacetKind::Date, _) => true,
            (_, FacetMode::And) => filter.values.iter().all(has),
            (_, FacetMode::Or) => filter.values.iter().any(has),
        }
    });
    let ranges_ok = request.ranges.iter().filter(|r| r.facet == spec.name).all(|range| {
        if !matches!(spec.kind, FacetKind::Number | FacetKind::Date) {
            return true;
        }
        match spec.range(doc) {
            Some((a, b)) => b >= range.min.unwrap_or(f64::NEG_INFINITY) && a <= range.max.unwrap_or(f64::INFINITY),
            None => range.include_unknown,
        }
    });
    values_ok && ranges_ok
}

fn base_match(doc: &Document, request: &SearchRequest) -> bool {
    let word = request.text.trim();
    let text_ok = word.is_empty() || doc.body.split(' ').any(|w| w == word);
    let live = match (request.hide_expired_on, doc.deadline) {
        (Some(today), Some(deadline)) => deadline >= today,
        _ => true,
    };
    text_ok && live
}

fn reference(index: &Index, request: &SearchRequest) -> (Vec<u32>, SearchResponse) {
    let schema = index.schema();
    let in_base: Vec<u32> = (0..index.docs.len() as u32).filter(|&id| base_match(&index.docs[id as usize], request)).collect();
    let matching: Vec<u32> =
        in_base.iter().copied().filter(|&id| schema.facets.iter().all(|spec| passes_facet(spec, &index.docs[id as usize], request))).collect();
    let mut facets = Vec::new();
    for spec in &schema.facets {
        let mask: Vec<&Document> = in_base
            .iter()
            .map(|&id| &index.docs[id as usize])
            // Counts leave the facet's own filter out, unless its values narrow each other
            // (And): then a count is what adding the value would leave.
            .filter(|doc| {
                let narrows = spec.mode == FacetMode::And && !matches!(spec.kind, FacetKind::Number | FacetKind::Date);
                schema.facets.iter().filter(|other| other.name != spec.name || narrows).all(|other| passes_facet(other, doc, request))
            })
            .collect();
        let mut result = jobsift_core::search::FacetResult {
            facet: spec.name.clone(),
            values: Vec::new(),
            unknown: 0,
            histogram: None,
            min: None,
            max: None,
        };
        match spec.kind {
            FacetKind::Number | FacetKind::Date => {
                let known: Vec<(f64, f64)> = mask.iter().filter_map(|doc| spec.range(doc)).collect();
                result.unknown = (mask.len() - known.len()) as u32;
                result.min = known.iter().map(|r| r.0).reduce(f64::min);
                result.max = known.iter().map(|r| r.1).reduce(f64::max);
                // The reference does not place buckets; it checks the engine's add up to the known values.
                let index_has_values = index.docs.iter().any(|doc| spec.range(doc).is_some());
                if spec.kind == FacetKind::Number && index_has_values {
                    result.histogram = Some(Histogram { bucket_edges: Vec::new(), counts: vec![known.len() as u32] });
                }
            }
            _ => {
                let mut names: BTreeSet<String> = mask.iter().flat_map(|doc| spec.keywords(doc)).collect();
                let selected = request.filters.iter().filter(|f| f.facet == spec.name && !f.values.is_empty());
                names.extend(selected.flat_map(|f| f.values.iter().cloned()).filter(|v| v != UNKNOWN_VALUE));
                result.values = names
                    .into_iter()
                    .map(|value| {
                        let count = mask.iter().filter(|doc| spec.keywords(doc).contains(&value)).count() as u32;
                        ValueCount { value: value.into(), count }
                    })
                    .collect();
                result.values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                result.unknown = mask.iter().filter(|doc| spec.keywords(doc).is_empty()).count() as u32;
            }
        }
        facets.push(result);
    }
    (matching, SearchResponse { total: 0, hits: Vec::new(), facets, ..Default::default() })
}

fn expected_order(index: &Index, matching: &[u32], sort: SortOrder, has_text: bool) -> Option<Vec<u32>> {
    let mut order = matching.to_vec();
    match sort {
        SortOrder::Relevance if has_text => return None,
        SortOrder::Relevance | SortOrder::Newest => {}
        SortOrder::Salary => {
            let key = |id: &u32| index.docs[*id as usize].salary.as_ref().map(|s| (s.max, s.min));
            order.sort_by(|a, b| match (key(a), key(b)) {
                (Some(x), Some(y)) => y.cmp(&x).then(a.cmp(b)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.cmp(b),
            });
        }
    }
    Some(order)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn engine_equals_reference(
        docs in proptest::collection::vec(document(), 0..40),
        tags_and in any::<bool>(),
        request in request(),
    ) {
        let index = build(&docs, tags_and);
        let response = index.search(&request);
        let (matching, expected) = reference(&index, &request);
        prop_assert_eq!(response.total, matching.len());
        for (got, want) in response.facets.iter().zip(&expected.facets) {
            prop_assert_eq!(&got.facet, &want.facet);
            prop_assert_eq!(&got.values, &want.values, "facet {}", got.facet);
            prop_assert_eq!(got.unknown, want.unknown, "unknown of {}", got.facet);
            prop_assert_eq!(got.min, want.min, "min of {}", got.facet);
            prop_assert_eq!(got.max, want.max, "max of {}", got.facet);
            match (&got.histogram, &want.histogram) {
                (Some(histogram), Some(known)) => {
                    prop_assert_eq!(histogram.counts.iter().sum::<u32>(), known.counts[0], "histogram of {}", got.facet);
                    prop_assert_eq!(histogram.bucket_edges.len(), histogram.counts.len() + 1);
                    prop_assert!(histogram.bucket_edges.windows(2).all(|w| w[0] < w[1]));
                }
                (None, None) => {}
                (got_histogram, want_histogram) => prop_assert!(false, "histogram of {}: {:?} vs {:?}", got.facet, got_histogram, want_histogram),
            }
        }
        prop_assert_eq!(response.facets.len(), index.schema().facets.len());
        let hits: Vec<u32> = response.hits.iter().map(|h| h.doc).collect();
        match expected_order(&index, &matching, request.sort, !request.text.trim().is_empty()) {
            Some(order) => {
                let page: Vec<u32> = order.into_iter().skip(request.offset).take(request.limit).collect();
                prop_assert_eq!(hits, page);
            }
            None => {
                // Relevance order is the engine's own; paging must cut it consistently.
                let everything = index.search(&SearchRequest { offset: 0, limit: usize::MAX, ..request.clone() });
                let all: Vec<u32> = everything.hits.iter().map(|h| h.doc).collect();
                let mut sorted_all = all.clone();
                sorted_all.sort_unstable();
                prop_assert_eq!(sorted_all, matching);
                let page: Vec<u32> = all.into_iter().skip(request.offset).take(request.limit).collect();
                prop_assert_eq!(hits, page);
            }
        }
    }

    #[test]
    fn histogram_counts_every_known_value_once(docs in proptest::collection::vec(document(), 1..40)) {
        let index = build(&docs, false);
        let response = index.search(&SearchRequest::default());
        let salary = response.facets.iter().find(|f| f.facet == "salary").unwrap();
        let known = index.docs.iter().filter(|d| d.salary.is_some()).count() as u32;
        let counted = salary.histogram.as_ref().map_or(0, |h| h.counts.iter().sum());
        prop_assert_eq!(counted, known);
        prop_assert_eq!(salary.unknown, index.docs.len() as u32 - known);
    }

    #[test]
    fn truncated_or_flipped_bytes_never_panic(
        docs in proptest::collection::vec(document(), 0..8),
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..4),
    ) {
        let mut builder = IndexBuilder::new(Schema::default());
        docs.into_iter().for_each(|d| builder.add(d));
        let bytes = builder.build();
        let _ = Index::decode(&bytes[..cut.index(bytes.len())]);
        let mut damaged = bytes.clone();
        for (at, bit) in flips {
            let at = at.index(damaged.len());
            damaged[at] ^= 1 << bit;
        }
        // Two flips of the same bit cancel out; intact bytes must still decode.
        if damaged == bytes {
            prop_assert!(Index::decode(&damaged).is_ok(), "flips that cancel leave a valid index");
        } else {
            prop_assert!(Index::decode(&damaged).is_err(), "checksums catch flipped bits");
        }
    }

    /// Damage inside one section with its checksum recomputed, so the section decoders
    /// themselves meet the bad bytes: they must refuse them or yield a usable index.
    #[test]
    fn damaged_sections_with_valid_checksums_never_panic(
        docs in proptest::collection::vec(document(), 1..8),
        section in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in proptest::option::of(any::<prop::sample::Index>()),
        query in proptest::sample::select(vec!["", "apple", "riv", "mountian", "\"apple river\"", "-zebra cobalt"]),
    ) {
        let mut builder = IndexBuilder::new(Schema::default());
        docs.into_iter().for_each(|d| builder.add(d));
        let bytes = builder.build();
        let container = Container::open(&bytes).unwrap();
        let mut sections: Vec<([u8; 4], Vec<u8>)> =
            container.tags().map(|tag| (tag, container.required(tag).unwrap().to_vec())).collect();
        let target = section.index(sections.len());
        let content = &mut sections[target].1;
        for (at, value) in edits {
            if !content.is_empty() {
                let at = at.index(content.len());
                content[at] = value;
            }
        }
        if let Some(cut) = cut {
            let keep = cut.index(content.len() + 1);
            content.truncate(keep);
        }
        let rewritten = write_container(&sections);
        if let Ok(index) = Index::decode(&rewritten) {
            let request = SearchRequest { text: query.to_owned(), sort: SortOrder::Salary, limit: 50, ..SearchRequest::default() };
            let response = index.search(&request);
            prop_assert!(response.total <= index.docs.len());
            for facet in index.schema().facets.clone() {
                let _ = index.facet_value_search(&facet.name, "a", 5);
            }
        }
    }
}

/// Chunked indexes: blocks come from the packs exactly as the widget gets them (a byte
/// range of a pack, decompressed), cut small here so that a few posts make many blocks.
mod chunked {
    use super::*;
    use jobsift_core::chunks::{inflate, BlockRef, BlockSizes, ChunkedOutput};

    fn tiny_blocks() -> BlockSizes {
        BlockSizes { posts_per_display_block: 3, posts_per_text_block: 2, postings_block_bytes: 8 }
    }

    fn build_chunked(docs: &[Document], tags_and: bool) -> (Index, ChunkedOutput) {
        let mut builder = IndexBuilder::new(schema(tags_and));
        docs.iter().for_each(|doc| builder.add(doc.clone()));
        let output = builder.build_chunked(tiny_blocks());
        (Index::decode(&output.core).expect("a freshly built core decodes"), output)
    }

    fn fetch(index: &Index, output: &ChunkedOutput, block: BlockRef) -> Vec<u8> {
        let at = index.block_location(block).expect("every pending block has a location");
        let pack = output.packs.iter().find(|pack| pack.name == at.pack).expect("the pack exists").to_bytes();
        inflate(&pack[at.offset as usize..][..at.length as usize], block).expect("a built block inflates")
    }

    fn queries() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec!["", "apple ", "riv", "mountian ", "\"apple river\" ", "-zebra cobalt ", "job 1"])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// The widget's loop (search; fetch what it reports pending; attach; search
        /// again) ends with exactly the single-file answer, and says "partial" until the
        /// blocks the matching needs are there.
        #[test]
        fn fetching_what_is_pending_converges_to_the_single_file_answer(
            docs in proptest::collection::vec(document(), 0..24),
            tags_and in any::<bool>(),
            request in request(),
            text in queries(),
        ) {
            let request = SearchRequest { text: text.to_owned(), ..request };
            let single = build(&docs, tags_and).search(&request);
            let (index, output) = build_chunked(&docs, tags_and);
            let mut rounds = 0;
            let response = loop {
                let response = index.search(&request);
                if response.pending.is_empty() {
                    break response;
                }
                rounds += 1;
                prop_assert!(rounds <= 4, "still pending after {rounds} rounds: {:?}", response.pending);
                for block in &response.pending {
                    prop_assert!(!index.has_block(*block), "{block:?} is reported pending but was attached");
                    prop_assert!(index.attach(*block, &fetch(&index, &output, *block)).unwrap());
                }
            };
            prop_assert!(!response.partial);
            prop_assert_eq!(response, single);
        }

        /// With every block attached, the chunked index answers as the single file does,
        /// and its bytes are the same whatever order the posts came in.
        #[test]
        fn a_complete_chunked_index_equals_the_single_file(
            docs in proptest::collection::vec(document(), 0..24),
            request in request(),
            text in queries(),
        ) {
            let request = SearchRequest { text: text.to_owned(), ..request };
            let (mut index, output) = build_chunked(&docs, false);
            for block in index.blocks() {
                index.attach(block, &fetch(&index, &output, block)).unwrap();
            }
            prop_assert!(index.is_complete());
            // Let go of (as `verify` does pack by pack), the blocks are absent until they
            // arrive again.
            index.release_blocks();
            prop_assert!(index.blocks().into_iter().all(|block| !index.has_block(block)));
            prop_assert!(docs.is_empty() || index.doc(0).is_none());
            for block in index.blocks() {
                index.attach(block, &fetch(&index, &output, block)).unwrap();
            }
            prop_assert!(index.is_complete());
            for id in 0..docs.len() as u32 {
                let single = build(&docs, false);
                let whole = &single.docs[id as usize];
                prop_assert_eq!(index.body(id), Some(whole.body.as_str()));
                prop_assert_eq!(&index.doc(id).unwrap().title, &whole.title);
            }
            prop_assert_eq!(index.search(&request), build(&docs, false).search(&request));
            let (_, reversed) = build_chunked(&docs.iter().rev().cloned().collect::<Vec<_>>(), false);
            prop_assert_eq!(&reversed.core, &output.core);
            prop_assert_eq!(&reversed.packs, &output.packs);
        }

        /// Damaged block bytes are refused with an error and leave the block absent.
        #[test]
        fn damaged_blocks_are_refused(
            docs in proptest::collection::vec(document(), 1..12),
            which in any::<prop::sample::Index>(),
            at in any::<prop::sample::Index>(),
            value in any::<u8>(),
        ) {
            let (index, output) = build_chunked(&docs, false);
            let blocks = index.blocks();
            let block = blocks[which.index(blocks.len())];
            let mut bytes = fetch(&index, &output, block);
            let at = at.index(bytes.len());
            prop_assume!(bytes[at] != value);
            bytes[at] = value;
            prop_assert!(index.attach(block, &bytes).is_err());
            prop_assert!(!index.has_block(block));
        }
    }

    #[test]
    fn a_text_query_on_a_fresh_core_is_partial_until_its_postings_arrive() {
        let docs: Vec<Document> = (0..10)
            .map(|i| Document { title: format!("Job {i}"), url: format!("/j/{i}"), body: format!("apple river {i}"), ..Document::default() })
            .collect();
        let (index, output) = build_chunked(&docs, false);
        let request = SearchRequest { text: "apple".into(), limit: 5, ..SearchRequest::default() };
        let first = index.search(&request);
        assert!(first.partial);
        assert!(first.pending.iter().any(|b| b.kind == jobsift_core::chunks::BlockKind::Postings), "{:?}", first.pending);
        // Without text, counts are final at once: only the page's cards are pending.
        let browse = index.search(&SearchRequest { limit: 5, ..SearchRequest::default() });
        assert!(!browse.partial);
        assert_eq!(browse.total, 10);
        assert!(browse.pending.iter().all(|b| b.kind == jobsift_core::chunks::BlockKind::Display), "{:?}", browse.pending);
        for block in &first.pending {
            index.attach(*block, &fetch(&index, &output, *block)).unwrap();
        }
        let second = index.search(&request);
        assert!(!second.partial);
        assert_eq!(second.total, 10);
    }
}
