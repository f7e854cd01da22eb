//! LEB128 variable-length unsigned integers, for postings and id lists where most
//! numbers (gaps between sorted ids) are small.

use super::FormatError;

pub fn write_u32(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads one varint at `*pos`, advancing it. Rejects overlong and truncated encodings.
#[inline]
pub fn read_u32(bytes: &[u8], pos: &mut usize, section: &str) -> Result<u32, FormatError> {
    // Most values (gaps between ids, counts) fit one byte: no loop for them.
    if let Some(&byte) = bytes.get(*pos) {
        if byte < 0x80 {
            *pos += 1;
            return Ok(u32::from(byte));
        }
    }
    read_u32_long(bytes, pos, section)
}

fn read_u32_long(bytes: &[u8], pos: &mut usize, section: &str) -> Result<u32, FormatError> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let Some(&byte) = bytes.get(*pos) else {
            return Err(FormatError::Decode { section: section.to_owned(), reason: "varint runs past the end".into() });
        };
        *pos += 1;
        let low = (byte & 0x7f) as u32;
        if shift == 28 && low > 0x0f {
            return Err(FormatError::Decode { section: section.to_owned(), reason: "varint overflows 32 bits".into() });
        }
        value |= low << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(FormatError::Decode { section: section.to_owned(), reason: "varint longer than 5 bytes".into() })
}

/// Encodes a strictly increasing id list as gaps.
pub fn write_sorted_ids(out: &mut Vec<u8>, ids: &[u32]) {
    write_u32(out, ids.len() as u32);
    let mut previous = 0u32;
    for (i, &id) in ids.iter().enumerate() {
        let gap = if i == 0 { id } else { id - previous - 1 };
        write_u32(out, gap);
        previous = id;
    }
}

/// Decodes an id list written by [`write_sorted_ids`], checking every id is below `bound`.
pub fn read_sorted_ids(bytes: &[u8], pos: &mut usize, bound: u32, section: &str) -> Result<Vec<u32>, FormatError> {
    let count = read_id_count(bytes, pos, section)?;
    let mut ids = Vec::with_capacity(count);
    read_ids(bytes, pos, count, bound, section, |id| ids.push(id))?;
    Ok(ids)
}

/// The length of an id list at `*pos`, which the list's bytes must be able to hold (every
/// id takes at least one byte), so that an allocation for it is bounded by the input.
pub fn read_id_count(bytes: &[u8], pos: &mut usize, section: &str) -> Result<usize, FormatError> {
    let count = read_u32(bytes, pos, section)? as usize;
    if count > bytes.len().saturating_sub(*pos) {
        return Err(FormatError::Decode { section: section.to_owned(), reason: format!("id list claims {count} entries") });
    }
    Ok(count)
}

/// The `count` ids of a list after its length (see [`read_id_count`]), each handed to
/// `each` in ascending order; each is checked to be below `bound`.
pub fn read_ids(bytes: &[u8], pos: &mut usize, count: usize, bound: u32, section: &str, mut each: impl FnMut(u32)) -> Result<(), FormatError> {
    let mut next: u64 = 0;
    for _ in 0..count {
        let id = next + read_u32(bytes, pos, section)? as u64;
        if id >= bound as u64 {
            return Err(FormatError::Inconsistent { section: section.to_owned(), reason: format!("names post {id} of {bound}") });
        }
        each(id as u32);
        next = id + 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_u32_round_trips(value: u32) {
            let mut bytes = Vec::new();
            write_u32(&mut bytes, value);
            let mut pos = 0;
            prop_assert_eq!(read_u32(&bytes, &mut pos, "t").unwrap(), value);
            prop_assert_eq!(pos, bytes.len());
        }

        #[test]
        fn sorted_ids_round_trip(mut ids in proptest::collection::vec(0u32..10_000, 0..200)) {
            ids.sort_unstable();
            ids.dedup();
            let mut bytes = Vec::new();
            write_sorted_ids(&mut bytes, &ids);
            let mut pos = 0;
            prop_assert_eq!(read_sorted_ids(&bytes, &mut pos, 10_000, "t").unwrap(), ids);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut pos = 0;
            let _ = read_sorted_ids(&bytes, &mut pos, 1_000, "t");
        }
    }
}
