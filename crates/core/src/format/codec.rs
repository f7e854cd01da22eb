//! The one place that names bincode. Structured sections are serde types encoded here,
//! so swapping the serialisation crate touches this file only.

use super::FormatError;
use serde::{de::DeserializeOwned, Serialize};

/// Upper bound on what one section may make the decoder allocate. A hostile length
/// prefix ("a vector of 2^60 strings") fails against it instead of exhausting memory.
const DECODE_LIMIT_BYTES: usize = 1 << 30;

fn config() -> impl bincode::config::Config {
    // Fixed little-endian varints: deterministic bytes on every platform.
    bincode::config::standard().with_little_endian().with_variable_int_encoding().with_limit::<DECODE_LIMIT_BYTES>()
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Encoding plain data into a Vec cannot fail: no I/O and no unsupported serde types
    // are used by the index structures.
    bincode::serde::encode_to_vec(value, config()).expect("index structures are always encodable")
}

/// Writes the bytes of [`encode`] of a `Vec` of `items` to `out` without building the
/// `Vec`: a large sequence (every post's body) is written from where it already lies.
pub fn encode_sequence_into<T: Serialize>(mut out: &mut dyn std::io::Write, items: impl ExactSizeIterator<Item = T>) -> std::io::Result<()> {
    let failed = |error: bincode::error::EncodeError| std::io::Error::other(error.to_string());
    // A sequence is its length as a u64, then its items, each as it would be alone.
    bincode::serde::encode_into_std_write(items.len() as u64, &mut out, config()).map_err(failed)?;
    for item in items {
        bincode::serde::encode_into_std_write(&item, &mut out, config()).map_err(failed)?;
    }
    Ok(())
}

/// Decodes one section; trailing bytes are an error, as they mean the layout is not the
/// one this version wrote.
pub fn decode<T: DeserializeOwned>(bytes: &[u8], section: &str) -> Result<T, FormatError> {
    let (value, read) = bincode::serde::decode_from_slice(bytes, config())
        .map_err(|e| FormatError::Decode { section: section.to_owned(), reason: e.to_string() })?;
    if read != bytes.len() {
        return Err(FormatError::Decode {
            section: section.to_owned(),
            reason: format!("{} trailing bytes", bytes.len() - read),
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_encodes_as_the_vec_would() {
        let bodies = vec!["".to_owned(), "a body".to_owned(), "é".repeat(300)];
        let sequence = |items: &[String]| {
            let mut out = Vec::new();
            encode_sequence_into(&mut out, items.iter()).unwrap();
            out
        };
        assert_eq!(sequence(&bodies), encode(&bodies));
        assert_eq!(sequence(&[]), encode(&Vec::<String>::new()));
    }
}
