//! A small seeded PRNG (SplitMix64) and weighted choice.
//!
//! Our own rather than `rand`: the generator promises the same bytes for the same seed
//! forever, which a dependency's algorithm changes could break.

/// SplitMix64 (Steele, Lea, Flood 2014): one 64-bit state, passes BigCrush, trivially seedable.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// An independent stream for item `index` of a generator seeded with `seed`, so any
    /// post can be generated without generating the posts before it.
    pub fn for_item(seed: u64, salt: u64, index: u64) -> Rng {
        let mut mixer = Rng::new(seed ^ salt.rotate_left(17));
        let base = mixer.next_u64();
        Rng::new(base ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (Lemire's multiply-high; the bias is below 2^-32 for our bounds).
    pub fn below(&mut self, bound: u64) -> u64 {
        assert!(bound > 0, "below(0) has no value to return");
        ((self.next_u64() as u128 * bound as u128) >> 64) as u64
    }

    /// Uniform in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Cumulative weights for choosing an index in proportion to its weight in O(log n).
#[derive(Clone, Debug)]
pub struct WeightedTable {
    cumulative: Vec<u64>,
}

impl WeightedTable {
    pub fn new(weights: impl IntoIterator<Item = u64>) -> WeightedTable {
        let mut total = 0u64;
        let cumulative: Vec<u64> = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        assert!(total > 0, "a weighted table needs a positive total weight");
        WeightedTable { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("non-empty table");
        let target = rng.below(total);
        self.cumulative.partition_point(|&c| c <= target)
    }
}

/// Picks from `(item, weight)` pairs in proportion to weight (for short literal tables).
pub fn pick_weighted<'a, T>(rng: &mut Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
    let mut target = rng.below(total);
    for (item, weight) in items {
        let weight = u64::from(*weight);
        if target < weight {
            return item;
        }
        target -= weight;
    }
    unreachable!("target is below the total weight")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_reference_sequence() {
        // First outputs of the reference C implementation seeded with 1234567.
        let mut rng = Rng::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn weighted_table_follows_weights() {
        let table = WeightedTable::new([1, 0, 3]);
        let mut rng = Rng::new(7);
        let mut counts = [0u32; 3];
        for _ in 0..40_000 {
            counts[table.sample(&mut rng)] += 1;
        }
        assert_eq!(counts[1], 0, "a zero weight is never chosen");
        let share = counts[2] as f64 / 40_000.0;
        assert!((share - 0.75).abs() < 0.01, "share of weight 3 of 4 was {share}");
    }

    #[test]
    fn below_stays_in_bounds_and_reaches_both_ends() {
        let mut rng = Rng::new(99);
        let seen: Vec<u64> = (0..1_000).map(|_| rng.below(5)).collect();
        assert!(seen.iter().all(|&v| v < 5));
        assert!(seen.contains(&0) && seen.contains(&4));
    }
}
