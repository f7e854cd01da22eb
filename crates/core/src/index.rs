//! Building an index from documents, and decoding one from bytes.
//!
//! Sections written by this module (the search engine adds its own, see [`crate::search`]):
//! * `META` — format facts and the schema;
//! * `DOCS` — display fields of every post (the document without its body);
//! * `BODY` — body texts for snippets, kept apart so that it can be fetched lazily.

use crate::document::Document;
use crate::format::{codec, Container, ContainerWriter, FormatError, SectionBytes, SectionTag};
use crate::parallel;
use crate::schema::Schema;
use crate::search::{self, SearchIndex};
use serde::{Deserialize, Serialize};

pub const META: SectionTag = *b"META";
pub const DOCS: SectionTag = *b"DOCS";
pub const BODY: SectionTag = *b"BODY";

/// Facts about the index as a whole. Holds no build time or path, so that the same
/// posts always give the same bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub doc_count: u32,
    pub schema: Schema,
}

/// A decoded index, ready to answer queries.
#[derive(Debug)]
pub struct Index {
    pub meta: Meta,
    /// Posts in id order (newest first); each with its body when the BODY section was read.
    pub docs: Vec<Document>,
    pub search: SearchIndex,
}

/// Collects documents and writes an index.
#[derive(Debug)]
pub struct IndexBuilder {
    schema: Schema,
    docs: Vec<Document>,
}

impl IndexBuilder {
    pub fn new(schema: Schema) -> IndexBuilder {
        IndexBuilder { schema, docs: Vec::new() }
    }

    pub fn add(&mut self, doc: Document) {
        self.docs.push(doc);
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Assigns post ids newest first (so id order is the "newest" sort and breaks
    /// relevance ties by recency) and writes every section.
    pub fn build(self) -> Vec<u8> {
        self.build_container().to_bytes()
    }

    /// Like [`IndexBuilder::build`], but leaves the sections apart so that a large index
    /// can be streamed to a file without a second copy in memory.
    pub fn build_container(mut self) -> ContainerWriter {
        // A total order over the whole document makes ids independent of input order.
        self.docs.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.url.cmp(&b.url))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.body.cmp(&b.body))
        });
        let meta = Meta { doc_count: self.docs.len() as u32, schema: self.schema };
        let search_sections = search::build_sections(&meta.schema, &self.docs);
        // The bodies leave the documents, which are then exactly the display fields. The
        // BODY section is written from them when the container is written: the text is
        // never held twice.
        let bodies: Vec<String> = self.docs.iter_mut().map(|doc| std::mem::take(&mut doc.body)).collect();
        let (display, bodies) = parallel::join(
            || codec::encode(&self.docs),
            || SectionBytes::written(Box::new(move |out| codec::encode_sequence_into(out, bodies.iter()))),
        );
        drop(self.docs);
        let mut sections = vec![(META, SectionBytes::Held(codec::encode(&meta))), (DOCS, SectionBytes::Held(display))];
        sections.extend(search_sections.into_iter().map(|(tag, bytes)| (tag, SectionBytes::Held(bytes))));
        sections.push((BODY, bodies));
        ContainerWriter::new(sections)
    }
}

impl Index {
    /// Decodes and checks a whole index. Any damage is an error, never a panic.
    pub fn decode(bytes: &[u8]) -> Result<Index, FormatError> {
        let container = Container::open(bytes)?;
        let meta: Meta = codec::decode(container.required(META)?, "META")?;
        if !meta.schema.boosts.are_valid() {
            // Ranking multiplies by them: an infinite or huge boost makes scores NaN.
            return Err(FormatError::Inconsistent {
                section: "META".into(),
                reason: format!("field boosts {:?} are not numbers from 0 to {}", meta.schema.boosts, crate::schema::FieldBoosts::MAX),
            });
        }
        let mut docs: Vec<Document> = codec::decode(container.required(DOCS)?, "DOCS")?;
        if docs.len() != meta.doc_count as usize {
            return Err(FormatError::Inconsistent {
                section: "DOCS".into(),
                reason: format!("holds {} posts, META says {}", docs.len(), meta.doc_count),
            });
        }
        if let Some(body_bytes) = container.section(BODY)? {
            let bodies: Vec<String> = codec::decode(body_bytes, "BODY")?;
            if bodies.len() != docs.len() {
                return Err(FormatError::Inconsistent {
                    section: "BODY".into(),
                    reason: format!("holds {} bodies for {} posts", bodies.len(), docs.len()),
                });
            }
            for (doc, body) in docs.iter_mut().zip(bodies) {
                doc.body = body;
            }
        }
        let search = SearchIndex::decode(&container, &meta.schema, meta.doc_count)?;
        Ok(Index { meta, docs, search })
    }

    pub fn schema(&self) -> &Schema {
        &self.meta.schema
    }
}

/// What `verify` found in a valid index.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyReport {
    pub format_version: u32,
    pub doc_count: u32,
    pub facets: Vec<String>,
    /// Section tags and sizes in file order.
    pub sections: Vec<(String, usize)>,
}

/// A full check of an index: the frame and every checksum, every section decoded and
/// cross-checked (as [`Index::decode`] does), and every post's
/// links limited to the schemes the widget renders (apply links: http, https, mailto;
/// post URLs: those or a relative path).
pub fn verify(bytes: &[u8]) -> Result<VerifyReport, FormatError> {
    let container = Container::open(bytes)?;
    for tag in container.tags().collect::<Vec<_>>() {
        container.required(tag)?;
    }
    let index = Index::decode(bytes)?;
    for (id, doc) in index.docs.iter().enumerate() {
        if doc.apply_url.as_deref().is_some_and(|link| !crate::is_safe_link(link, false)) {
            return Err(FormatError::Inconsistent { section: "DOCS".into(), reason: format!("post {id} has an apply link with an unsafe scheme") });
        }
        if !doc.url.is_empty() && !crate::is_safe_link(&doc.url, true) {
            return Err(FormatError::Inconsistent { section: "DOCS".into(), reason: format!("post {id} has a URL with an unsafe scheme") });
        }
    }
    Ok(VerifyReport {
        format_version: crate::format::FORMAT_VERSION,
        doc_count: index.meta.doc_count,
        facets: index.meta.schema.facets.iter().map(|f| f.name.clone()).collect(),
        sections: container.section_sizes(),
    })
}
