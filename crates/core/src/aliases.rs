//! Other spellings of facet values: the build merges them into one value ("vendor" is
//! indexed as "vendors"), and a filter that names one of them (a link shared before the
//! merge, `--filter tags=vendor`) selects the value they were merged into.
//!
//! Stored in the optional `ALIA` section, written only when there are aliases, so an
//! index without them keeps its bytes, and readers that predate the section ignore it.

use crate::format::{codec, FormatError, SectionTag};
use crate::text::fold;

pub const ALIA: SectionTag = *b"ALIA";

/// Facet value aliases: (facet, folded alias, the value as indexed) triples, flat, sorted
/// by facet and alias, without duplicates, so that the same aliases give the same bytes.
/// Flat, because the widget already decodes a list of strings (`BODY`): a list of
/// tuples would add a decoder of its own to the wasm.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValueAliases {
    flat: Vec<String>,
}

impl ValueAliases {
    /// Records that `alias` in `facet` means `value`. A later call for the same alias wins.
    pub fn insert(&mut self, facet: &str, alias: &str, value: &str) {
        let key = [facet.to_owned(), fold(alias.trim())];
        let at = self.flat.chunks_exact(3).position(|entry| entry[..2] >= key[..]).unwrap_or(self.flat.len() / 3) * 3;
        if self.flat.get(at..at + 2) == Some(&key[..]) {
            self.flat[at + 2] = value.to_owned();
        } else {
            let [facet, alias] = key;
            self.flat.splice(at..at, [facet, alias, value.to_owned()]);
        }
    }

    /// The value `value` is an alias of in `facet`, compared folded (case, Latin accents).
    pub fn target(&self, facet: &str, value: &str) -> Option<&str> {
        if self.flat.is_empty() {
            return None;
        }
        let folded = fold(value.trim());
        self.flat.chunks_exact(3).find(|entry| entry[0] == facet && entry[1] == folded).map(|entry| entry[2].as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.flat.is_empty()
    }

    /// `ALIA`: the triples as a bincode `Vec<String>`.
    pub fn encode(&self) -> Vec<u8> {
        codec::encode(&self.flat)
    }

    pub fn decode(bytes: &[u8]) -> Result<ValueAliases, FormatError> {
        let flat: Vec<String> = codec::decode(bytes, "ALIA")?;
        if flat.len() % 3 != 0 {
            return Err(FormatError::Inconsistent { section: "ALIA".into(), reason: "does not hold (facet, alias, value) triples".into() });
        }
        Ok(ValueAliases { flat })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_round_trip_and_match_folded() {
        let mut aliases = ValueAliases::default();
        aliases.insert("tags", "Vendor", "vendors");
        aliases.insert("tags", "dév", "engineering");
        aliases.insert("tags", "vendor", "suppliers");
        aliases.insert("org", "ACME", "Acme Corp");
        assert_eq!(aliases.flat, ["org", "acme", "Acme Corp", "tags", "dev", "engineering", "tags", "vendor", "suppliers"], "sorted, one entry an alias");
        let decoded = ValueAliases::decode(&aliases.encode()).unwrap();
        assert_eq!(decoded, aliases);
        assert_eq!(decoded.target("tags", " VENDOR "), Some("suppliers"), "the later alias wins");
        assert_eq!(decoded.target("tags", "Dev"), Some("engineering"));
        assert_eq!(decoded.target("org", "vendor"), None, "aliases belong to one facet");
        assert_eq!(decoded.target("org", "acme"), Some("Acme Corp"));
        assert_eq!(decoded.target("tags", "vendors"), None);
    }

    #[test]
    fn malformed_alias_lists_are_refused() {
        let two = codec::encode(&vec!["tags", "a"]);
        assert!(ValueAliases::decode(&two).unwrap_err().to_string().contains("triples"));
        assert!(ValueAliases::decode(&[0xff, 0xff]).is_err());
    }
}
