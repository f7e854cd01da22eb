//! Arbitrary bytes as an index file: `Index::decode` and `index::verify` must answer with
//! a `FormatError` or an index, never panic or allocate without bound; an index that
//! decodes must answer searches.
//!
//! Every input is tried twice: as it is (the frame checks: magic, version, footer, table)
//! and with its frame repaired (offsets, lengths, checksums recomputed). Checksums stop
//! almost every mutation at the frame, so without the repair libFuzzer would never reach
//! the section decoders (bincode, varints, postings, facets) that a damaged-but-checksummed
//! or a maliciously crafted file reaches.

#![no_main]

use jobsift_core::format::{FOOTER_LEN, FOOTER_MAGIC, FORMAT_VERSION, HEADER_LEN, MAGIC, TABLE_ENTRY_LEN};
use jobsift_core::schema::FacetKind;
use jobsift_core::search::{FacetFilter, RangeFilter, SearchRequest, SortOrder, UNKNOWN_VALUE};
use jobsift_core::{index, Date, Index};
use jobsift_fuzz::search_and_check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Some(repaired) = repair_frame(data) {
        check(&repaired);
    }
});

fn check(bytes: &[u8]) {
    let decoded = Index::decode(bytes);
    let verified = index::verify(bytes);
    match (&decoded, &verified) {
        (Ok(index), Ok(report)) => {
            assert_eq!(report.doc_count as usize, index.docs.len());
            // What verify passes, the widget renders as links: only these schemes.
            for doc in &index.docs {
                if let Some(link) = doc.apply_url.as_deref() {
                    assert!(jobsift_core::is_safe_link(link, false), "verify passed apply link {link:?}");
                }
                assert!(doc.url.is_empty() || jobsift_core::is_safe_link(&doc.url, true), "verify passed URL {:?}", doc.url);
            }
        }
        // verify decodes too, so it can only be stricter than decode, never looser.
        (Err(_), Ok(_)) => panic!("verify accepted an index that decode refuses"),
        // Stricter only for the reasons it has: a section decode never reads (its checksum
        // is checked by verify alone), an apply link or a post URL with another scheme.
        (Ok(index), Err(_)) => assert!(
            has_unread_sections(bytes)
                || index.docs.iter().any(|doc| {
                    doc.apply_url.as_deref().is_some_and(|link| !jobsift_core::is_safe_link(link, false))
                        || (!doc.url.is_empty() && !jobsift_core::is_safe_link(&doc.url, true))
                }),
            "verify refused an index decode accepts, for no reason it has"
        ),
        (Err(_), Err(_)) => {}
    }
    // Errors must render as a sentence (the CLI and the widget show them).
    if let Err(error) = &decoded {
        assert!(!error.to_string().is_empty());
    }
    if let Ok(index) = decoded {
        assert_eq!(index.docs.len(), index.meta.doc_count as usize);
        for request in requests(&index) {
            search_and_check(&index, &request);
        }
        for facet in &index.meta.schema.facets {
            let _ = index.facet_value_search(&facet.name, "a", 5);
            let _ = index.facet_value_search(&facet.name, "", usize::MAX);
        }
    }
}

/// Sections decode never reads (unknown tags) make verify refuse a file decode accepts.
fn has_unread_sections(bytes: &[u8]) -> bool {
    let known: [&[u8; 4]; 8] = [b"META", b"DOCS", b"BODY", b"TERM", b"POST", b"PBOD", b"FACT", b"NUMC"];
    let count = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    (0..count).any(|i| {
        let at = HEADER_LEN + i * TABLE_ENTRY_LEN;
        !known.iter().any(|k| bytes[at..at + 4] == k[..])
    })
}

/// Requests built from what the index holds (words of titles, facet values, ranges) plus
/// fixed awkward ones, so that every engine path runs on the decoded data.
fn requests(index: &Index) -> Vec<SearchRequest> {
    let mut requests = Vec::new();
    let base = SearchRequest::default();
    requests.push(base.clone());
    let words: Vec<&str> = index.docs.iter().take(3).flat_map(|d| d.title.split_whitespace().take(3)).collect();
    let mut texts: Vec<String> = vec![
        "a".into(),
        "data anlyst".into(),
        "\"senior data\" -intern".into(),
        "\"".into(),
        "-".into(),
        "İstanbul ß ǅ".into(),
        "x".repeat(300),
    ];
    if let Some(first) = words.first() {
        texts.push(first.to_string());
        texts.push(first.chars().take(2).collect());
        texts.push(format!("\"{}\"", words.join(" ")));
        texts.push(format!("{} -{}", words.join(" "), first));
    }
    for text in texts {
        for sort in [SortOrder::Relevance, SortOrder::Newest, SortOrder::Salary] {
            requests.push(SearchRequest { text: text.clone(), sort, ..base.clone() });
        }
    }
    let mut filters = Vec::new();
    let mut ranges = Vec::new();
    for facet in &index.meta.schema.facets {
        match facet.kind {
            FacetKind::Keyword | FacetKind::List | FacetKind::Bool => {
                let values: Vec<String> = index.docs.iter().flat_map(|d| facet.keywords(d)).take(2).collect();
                filters.push(FacetFilter { facet: facet.name.clone(), values: values.clone() });
                filters.push(FacetFilter { facet: facet.name.clone(), values: vec![UNKNOWN_VALUE.into()] });
            }
            FacetKind::Number | FacetKind::Date => {
                let value = index.docs.iter().find_map(|d| facet.range(d)).map(|(lo, _)| lo);
                ranges.push(RangeFilter { facet: facet.name.clone(), min: value, max: None, include_unknown: false });
                ranges.push(RangeFilter { facet: facet.name.clone(), min: Some(f64::NAN), max: Some(-1e300), include_unknown: true });
            }
        }
    }
    // Filters naming facets of the wrong kind or no facet at all are ignored, not fatal.
    filters.push(FacetFilter { facet: "salary".into(), values: vec!["1".into()] });
    ranges.push(RangeFilter { facet: "nope".into(), min: None, max: Some(f64::INFINITY), include_unknown: false });
    requests.push(SearchRequest { filters: filters.clone(), ..base.clone() });
    requests.push(SearchRequest { ranges: ranges.clone(), ..base.clone() });
    requests.push(SearchRequest {
        text: words.first().map(|w| w.to_string()).unwrap_or_default(),
        filters,
        ranges,
        hide_expired_on: Date::from_ymd(2020, 1, 1),
        sort: SortOrder::Salary,
        offset: 1,
        limit: 3,
    });
    // Paging at the extremes: overflow in offset + limit is a classic.
    requests.push(SearchRequest { offset: usize::MAX, limit: usize::MAX, ..base.clone() });
    requests.push(SearchRequest { text: "a".into(), offset: usize::MAX - 1, limit: 2, ..base.clone() });
    requests.push(SearchRequest { limit: 0, ..base });
    requests
}

/// Rewrites the frame around the input's sections so that it passes the frame checks:
/// version and footer magic set, offsets laid end to end, the last section stretched or
/// shrunk to reach the footer, every checksum and the total length recomputed. `None`
/// when the input is too short or its table cannot fit.
fn repair_frame(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() < HEADER_LEN + FOOTER_LEN {
        return None;
    }
    let mut bytes = data.to_vec();
    bytes[..8].copy_from_slice(&MAGIC);
    bytes[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    let count = u32::from_le_bytes(bytes[12..16].try_into().ok()?) as usize;
    let footer = bytes.len() - FOOTER_LEN;
    let table_end = count.checked_mul(TABLE_ENTRY_LEN)?.checked_add(HEADER_LEN)?;
    if table_end > footer {
        return None;
    }
    let mut offset = table_end;
    for i in 0..count {
        let at = HEADER_LEN + i * TABLE_ENTRY_LEN;
        let claimed = u64::from_le_bytes(bytes[at + 12..at + 20].try_into().ok()?);
        let len = if i + 1 == count { footer - offset } else { usize::try_from(claimed).ok()?.min(footer - offset) };
        bytes[at + 4..at + 12].copy_from_slice(&(offset as u64).to_le_bytes());
        bytes[at + 12..at + 20].copy_from_slice(&(len as u64).to_le_bytes());
        let crc = crc32(&bytes[offset..offset + len]);
        bytes[at + 20..at + 24].copy_from_slice(&crc.to_le_bytes());
        offset += len;
    }
    if offset != footer {
        return None;
    }
    let header_crc = crc32(&bytes[..table_end]);
    let total = bytes.len() as u64;
    bytes[footer..footer + 8].copy_from_slice(&total.to_le_bytes());
    bytes[footer + 8..footer + 12].copy_from_slice(&header_crc.to_le_bytes());
    bytes[footer + 12..].copy_from_slice(&FOOTER_MAGIC);
    (bytes != data).then_some(bytes)
}

fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}
