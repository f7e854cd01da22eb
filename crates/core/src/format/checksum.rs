//! CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib and PNG use) of the
//! container's header, table and sections.
//!
//! Native builds use `crc32fast`, whose SIMD and slice-by-16 paths keep checksumming a
//! 100k-post index fast. Its 16 KiB of tables cost the wasm widget about 17 KB brotli,
//! though; so on wasm32 the checksum is [`crc32_portable`], whose tables are built at
//! run time instead of shipped. Both must give the same value for every input (tested
//! below), since files move between the two.

/// A running CRC-32 over bytes given in pieces.
#[derive(Clone, Debug, Default)]
pub struct Crc32 {
    #[cfg(not(target_arch = "wasm32"))]
    inner: crc32fast::Hasher,
    #[cfg(target_arch = "wasm32")]
    state: u32,
}

impl Crc32 {
    pub fn new() -> Crc32 {
        Crc32::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        #[cfg(not(target_arch = "wasm32"))]
        self.inner.update(bytes);
        #[cfg(target_arch = "wasm32")]
        {
            self.state = crc32_portable_update(self.state, bytes);
        }
    }

    pub fn finalize(self) -> u32 {
        #[cfg(not(target_arch = "wasm32"))]
        return self.inner.finalize();
        #[cfg(target_arch = "wasm32")]
        return self.state;
    }
}

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = Crc32::new();
    crc.update(bytes);
    crc.finalize()
}

/// The CRC-32 of `bytes`, without crc32fast (see the module comment).
pub fn crc32_portable(bytes: &[u8]) -> u32 {
    crc32_portable_update(0, bytes)
}

/// Continues a CRC-32 whose value so far is `crc` (0 before any byte) over `bytes`.
///
/// Eight bytes per step through eight 256-entry tables ("slice-by-8"). The tables are
/// built here on each call rather than stored: 8 KiB of table data would be 8 KB more
/// brotli in the widget, while building them is about 16k shifts, a few microseconds
/// against a checksum of megabytes (a 10k-post index is 38 MB). One lookup per byte
/// was 631 bytes brotli smaller but reads a byte at a time, about 8 times the steps.
pub fn crc32_portable_update(crc: u32, bytes: &[u8]) -> u32 {
    let tables = slice_by_8_tables();
    // The register is kept inverted while running; pre- and post-inversion cancel out
    // between pieces, so a finished value can be continued.
    let mut register = !crc;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let low = register ^ u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let high = u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
        register = tables[7][low as u8 as usize]
            ^ tables[6][(low >> 8) as u8 as usize]
            ^ tables[5][(low >> 16) as u8 as usize]
            ^ tables[4][(low >> 24) as usize]
            ^ tables[3][high as u8 as usize]
            ^ tables[2][(high >> 8) as u8 as usize]
            ^ tables[1][(high >> 16) as u8 as usize]
            ^ tables[0][(high >> 24) as usize];
    }
    for &byte in chunks.remainder() {
        register = tables[0][(register as u8 ^ byte) as usize] ^ (register >> 8);
    }
    !register
}

const REFLECTED_POLYNOMIAL: u32 = 0xEDB8_8320;

/// `tables[0][b]`: the register's change for low byte `b` (eight shift-and-xor steps);
/// `tables[k][b]`: the same byte followed by k zero bytes.
fn slice_by_8_tables() -> [[u32; 256]; 8] {
    let mut tables = [[0u32; 256]; 8];
    for (index, entry) in tables[0].iter_mut().enumerate() {
        let mut value = index as u32;
        for _ in 0..8 {
            value = if value & 1 == 1 { (value >> 1) ^ REFLECTED_POLYNOMIAL } else { value >> 1 };
        }
        *entry = value;
    }
    for k in 1..8 {
        let (built, rest) = tables.split_at_mut(k);
        for (entry, &previous) in rest[0].iter_mut().zip(&built[k - 1]) {
            *entry = (previous >> 8) ^ built[0][previous as u8 as usize];
        }
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        // The standard check value of CRC-32/ISO-HDLC, and the empty input.
        assert_eq!(crc32_portable(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32_portable(b""), 0);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn portable_matches_crc32fast_on_every_length_up_to_4_kib() {
        // Lengths around crc32fast's 16- and 64-byte blocks and SIMD paths, with
        // non-trivial content, compared one length at a time.
        let mut seed = 0x1234_5678_u32;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed as u8
            })
            .collect();
        for len in 0..=bytes.len() {
            assert_eq!(crc32_portable(&bytes[..len]), crc32fast::hash(&bytes[..len]), "length {len}");
        }
    }

    proptest! {
        #[test]
        fn portable_matches_crc32fast(bytes in proptest::collection::vec(any::<u8>(), 0..5000), split in any::<prop::sample::Index>()) {
            prop_assert_eq!(crc32_portable(&bytes), crc32fast::hash(&bytes));
            // Continuing over two pieces gives the same as one pass.
            let at = split.index(bytes.len() + 1);
            let (head, tail) = bytes.split_at(at);
            prop_assert_eq!(crc32_portable_update(crc32_portable(head), tail), crc32fast::hash(&bytes));
            let mut running = Crc32::new();
            running.update(head);
            running.update(tail);
            prop_assert_eq!(running.finalize(), crc32fast::hash(&bytes));
        }
    }
}
