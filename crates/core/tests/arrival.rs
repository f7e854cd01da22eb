//! An index that arrives in pieces, as the widget gets it: the core in chunks of any size
//! (`IndexStream`) must decode to the index `Index::decode` gives for the same bytes, and
//! damaged bytes must be refused with the same error; a chunked index's blocks arrive
//! one batch at a time, and a final answer refilled as they come (`Index::refill`) must
//! equal a new search.

use jobsift_core::chunks::{self, BlockKind, BlockSizes};
use jobsift_core::search::{FacetFilter, RangeFilter, SearchRequest, SortOrder};
use jobsift_core::{Date, FormatError, Index, IndexBuilder, IndexStream, Schema};
use proptest::prelude::*;
use std::path::PathBuf;

fn streamed(bytes: &[u8], chunk: usize) -> Result<Index, FormatError> {
    let mut stream = IndexStream::new();
    for piece in bytes.chunks(chunk.max(1)) {
        stream.push(piece);
    }
    stream.finish()
}

/// A generated board as a chunked core (with its packs, attached after decoding) and as
/// one file. Enough posts that every facet and range column has values and the core's
/// sections are kilobytes long.
/// A board's chunked core, its packs (name, bytes), and the same board as one file.
type Generated = (Vec<u8>, Vec<(String, Vec<u8>)>, Vec<u8>);

fn generated() -> Generated {
    let docs = jobsift_synth::documents(400, 7);
    let builder = || {
        let mut builder = IndexBuilder::new(Schema::default());
        for doc in &docs {
            builder.add(doc.clone());
        }
        builder
    };
    let chunked = builder().build_chunked(BlockSizes::default());
    let packs = chunked.packs.iter().map(|pack| (pack.name.clone(), pack.to_bytes())).collect();
    (chunked.core, packs, builder().build())
}

fn requests() -> Vec<SearchRequest> {
    let tags = |values: &[&str]| FacetFilter { facet: "tags".into(), values: values.iter().map(|v| v.to_string()).collect() };
    vec![
        SearchRequest { limit: 50, ..SearchRequest::default() },
        SearchRequest { text: "data".into(), limit: 50, ..SearchRequest::default() },
        SearchRequest { text: "organiser".into(), filters: vec![tags(&["campaigns", "data"])], ..SearchRequest::default() },
        SearchRequest { text: "analyst".into(), sort: SortOrder::Salary, ..SearchRequest::default() },
        SearchRequest {
            ranges: vec![RangeFilter { facet: "salary".into(), min: Some(50_000.0), max: Some(90_000.0), include_unknown: false }],
            hide_expired_on: Date::from_ymd(2024, 1, 1),
            sort: SortOrder::Newest,
            ..SearchRequest::default()
        },
    ]
}

fn assert_same_answers(a: &Index, b: &Index) {
    assert_eq!(a.doc_count(), b.doc_count());
    assert_eq!(a.schema(), b.schema());
    for request in requests() {
        assert_eq!(a.search(&request), b.search(&request), "{:?}", request.text);
    }
}

#[test]
fn a_streamed_core_answers_as_the_decoded_one_whatever_the_chunks() {
    let (core, packs, _) = generated();
    let decoded = Index::decode(&core).unwrap();
    let attach = |index: &Index| {
        for (name, pack) in &packs {
            index.attach_pack(name, pack).unwrap();
        }
    };
    attach(&decoded);
    for chunk in [1, 3, 64, 4093, 65_536, core.len()] {
        let index = streamed(&core, chunk).unwrap_or_else(|e| panic!("chunks of {chunk}: {e}"));
        attach(&index);
        assert_same_answers(&index, &decoded);
    }
}

#[test]
fn a_streamed_single_file_answers_as_the_decoded_one() {
    let (_, _, single) = generated();
    let decoded = Index::decode(&single).unwrap();
    for chunk in [1, 1000, single.len()] {
        let index = streamed(&single, chunk).unwrap();
        assert_eq!(index.docs, decoded.docs);
        assert_same_answers(&index, &decoded);
    }
    let saved = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/compat/v1-small.idx")).unwrap();
    assert_eq!(streamed(&saved, 5).unwrap().docs, Index::decode(&saved).unwrap().docs);
}

#[test]
fn every_truncation_is_refused_as_decode_refuses_it() {
    let (core, _, _) = generated();
    for len in (0..core.len()).step_by(97).chain(core.len() - 20..core.len()) {
        let expected = Index::decode(&core[..len]).unwrap_err();
        assert_eq!(streamed(&core[..len], 512).unwrap_err(), expected, "cut at {len}");
    }
}

/// Damage anywhere, including the header and table that the stream reads before the
/// footer's checksum of them has arrived: the same refusal as `decode`.
#[test]
fn every_damaged_byte_of_a_small_core_is_refused_as_decode_refuses_it() {
    let core = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/compat/v2-small/jobsift.idx")).unwrap();
    for at in 0..core.len() {
        for flip in [0x01, 0x80, 0xff] {
            let mut damaged = core.clone();
            damaged[at] ^= flip;
            let expected = Index::decode(&damaged).map(|_| ()).map_err(|e| e.to_string());
            for chunk in [1, 40, core.len()] {
                let got = streamed(&damaged, chunk).map(|_| ()).map_err(|e| e.to_string());
                assert_eq!(got, expected, "byte {at} ^ {flip:#x}, chunks of {chunk}");
            }
        }
    }
}

/// The widget's loop: search, fetch what the answer says is pending, and again, until
/// nothing is. Once an answer is final, every later one is a refill of it, and each
/// refill must equal a fresh search at that point.
#[test]
fn a_refilled_answer_equals_a_new_search_as_blocks_arrive() {
    let (core, packs, _) = generated();
    let attach = |index: &Index, block| {
        let at = index.block_location(block).unwrap();
        let pack = &packs.iter().find(|(name, _)| name == at.pack).unwrap().1;
        let bytes = &pack[at.offset as usize..at.offset as usize + at.length as usize];
        index.attach(block, &chunks::inflate(bytes, block).unwrap()).unwrap();
    };
    let mut refills = 0;
    for request in requests() {
        let index = Index::decode(&core).unwrap();
        let mut answer = index.search(&request);
        while !answer.pending.is_empty() {
            // One block at a time, the display and text blocks in turn, so that refills
            // see pages with some cards and snippets and not others.
            let was_final = !answer.partial;
            if was_final {
                assert!(answer.pending.iter().all(|b| b.kind != BlockKind::Postings), "a final answer needs no postings");
                attach(&index, answer.pending[0]);
                answer = index.refill(&request, &answer);
                refills += 1;
                assert_eq!(answer, index.search(&request), "{:?}", request.text);
            } else {
                for &block in &answer.pending {
                    attach(&index, block);
                }
                answer = index.search(&request);
            }
        }
        let whole = Index::decode(&core).unwrap();
        for (name, pack) in &packs {
            whole.attach_pack(name, pack).unwrap();
        }
        assert_eq!(answer, whole.search(&request));
    }
    assert!(refills > 20, "the requests' pages came in many blocks ({refills} refills)");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Chunks of varying sizes, as a network delivers them, with or without damage.
    #[test]
    fn uneven_chunks_give_what_decode_gives(cuts in proptest::collection::vec(1usize..9000, 1..40), damage in proptest::option::of((any::<prop::sample::Index>(), 1u8..=255))) {
        let (mut core, _, _) = {
            static GENERATED: std::sync::OnceLock<Generated> = std::sync::OnceLock::new();
            GENERATED.get_or_init(generated).clone()
        };
        if let Some((at, flip)) = damage {
            let at = at.index(core.len());
            core[at] ^= flip;
        }
        let mut stream = IndexStream::new();
        let mut rest = core.as_slice();
        for cut in cuts.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (piece, after) = rest.split_at((*cut).min(rest.len()));
            stream.push(piece);
            rest = after;
        }
        match (stream.finish(), Index::decode(&core)) {
            (Ok(got), Ok(expected)) => assert_same_answers(&got, &expected),
            (got, expected) => prop_assert_eq!(got.map(|_| ()).map_err(|e| e.to_string()), expected.map(|_| ()).map_err(|e| e.to_string())),
        }
    }
}
