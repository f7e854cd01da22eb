//! CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib and PNG use) of the
//! container's header, table and sections.
//!
//! Native builds use `crc32fast`, whose SIMD and slice-by-16 paths keep checksumming a
//! 100k-post index fast. Its 16 KiB of tables cost the wasm widget about 17 KB brotli,
//! though, and the widget checksums one index once; so on wasm32 the checksum is
//! [`crc32_bytewise`], one 1 KiB table built at compile time. Both must give the same
//! value for every input (tested below), since files move between the two.

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
            self.state = crc32_bytewise_update(self.state, bytes);
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

/// The CRC-32 of `bytes`, one table lookup per byte: small code, about 1 byte/cycle.
pub fn crc32_bytewise(bytes: &[u8]) -> u32 {
    crc32_bytewise_update(0, bytes)
}

/// Continues a CRC-32 whose value so far is `crc` (0 before any byte) over `bytes`.
pub fn crc32_bytewise_update(crc: u32, bytes: &[u8]) -> u32 {
    // The register is kept inverted while running; pre- and post-inversion cancel out
    // between pieces, so a finished value can be continued.
    let mut register = !crc;
    for &byte in bytes {
        register = BYTE_TABLE[((register ^ byte as u32) & 0xFF) as usize] ^ (register >> 8);
    }
    !register
}

const REFLECTED_POLYNOMIAL: u32 = 0xEDB8_8320;

/// The register's change for each value of its low byte: eight shift-and-xor steps.
static BYTE_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut value = index as u32;
        let mut bit = 0;
        while bit < 8 {
            value = if value & 1 == 1 { (value >> 1) ^ REFLECTED_POLYNOMIAL } else { value >> 1 };
            bit += 1;
        }
        table[index] = value;
        index += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        // The standard check value of CRC-32/ISO-HDLC, and the empty input.
        assert_eq!(crc32_bytewise(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32_bytewise(b""), 0);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn bytewise_matches_crc32fast_on_every_length_up_to_4_kib() {
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
            assert_eq!(crc32_bytewise(&bytes[..len]), crc32fast::hash(&bytes[..len]), "length {len}");
        }
    }

    proptest! {
        #[test]
        fn bytewise_matches_crc32fast(bytes in proptest::collection::vec(any::<u8>(), 0..5000), split in any::<prop::sample::Index>()) {
            prop_assert_eq!(crc32_bytewise(&bytes), crc32fast::hash(&bytes));
            // Continuing over two pieces gives the same as one pass.
            let at = split.index(bytes.len() + 1);
            let (head, tail) = bytes.split_at(at);
            prop_assert_eq!(crc32_bytewise_update(crc32_bytewise(head), tail), crc32fast::hash(&bytes));
            let mut running = Crc32::new();
            running.update(head);
            running.update(tail);
            prop_assert_eq!(running.finalize(), crc32fast::hash(&bytes));
        }
    }
}
