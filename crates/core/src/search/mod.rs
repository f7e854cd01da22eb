//! The query engine. (Being written: see issue 4.)

mod request;

pub use request::*;

use crate::document::Document;
use crate::format::{Container, FormatError, SectionTag};
use crate::schema::Schema;

#[derive(Debug, Default)]
pub struct SearchIndex {}

impl SearchIndex {
    pub fn build(_schema: &Schema, _docs: &[Document]) -> SearchIndex {
        SearchIndex {}
    }

    pub fn encode(&self) -> Vec<(SectionTag, Vec<u8>)> {
        Vec::new()
    }

    pub fn decode(_container: &Container, _schema: &Schema, _doc_count: u32) -> Result<SearchIndex, FormatError> {
        Ok(SearchIndex {})
    }
}
