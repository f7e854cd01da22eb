//! A fixed-size set of post ids, one bit per post: the unit every filter, facet value and
//! text match is combined in, so that combining is word-wise AND/OR and counting is popcount.

/// A set of post ids below a fixed bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitset {
    words: Vec<u64>,
    len: u32,
}

impl Bitset {
    pub fn empty(len: u32) -> Bitset {
        Bitset { words: vec![0; (len as usize).div_ceil(64)], len }
    }

    pub fn full(len: u32) -> Bitset {
        let mut set = Bitset { words: vec![u64::MAX; (len as usize).div_ceil(64)], len };
        set.clear_tail();
        set
    }

    pub fn from_sorted(len: u32, ids: &[u32]) -> Bitset {
        let mut set = Bitset::empty(len);
        for &id in ids {
            set.insert(id);
        }
        set
    }

    /// Keeps the bits past `len` zero so counts and iteration never see them.
    fn clear_tail(&mut self) {
        let used = self.len as usize % 64;
        if used != 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= (1u64 << used) - 1;
            }
        }
    }

    // Tiny and in every hot loop; the widget is built for size ("z"), where LLVM does
    // not inline on its own.
    #[inline(always)]
    pub fn insert(&mut self, id: u32) {
        debug_assert!(id < self.len);
        self.words[id as usize / 64] |= 1 << (id % 64);
    }

    #[inline(always)]
    pub fn remove(&mut self, id: u32) {
        self.words[id as usize / 64] &= !(1 << (id % 64));
    }

    #[inline(always)]
    pub fn contains(&self, id: u32) -> bool {
        id < self.len && self.words[id as usize / 64] & (1 << (id % 64)) != 0
    }

    pub fn count(&self) -> u32 {
        self.words.iter().map(|w| w.count_ones()).sum()
    }

    pub fn intersect_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn union_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn subtract(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    /// |self ∩ other| without building the intersection.
    pub fn intersection_count(&self, other: &Bitset) -> u32 {
        self.words.iter().zip(&other.words).map(|(a, b)| (a & b).count_ones()).sum()
    }

    /// The bits, 64 posts per word: post `id` is bit `id % 64` of word `id / 64`.
    pub(crate) fn words(&self) -> &[u64] {
        &self.words
    }

    /// Ids in ascending order.
    pub fn iter(&self) -> Ones<'_> {
        Ones { words: &self.words, next_word: 0, base: 0, rest: 0 }
    }
}

/// The ids of a [`Bitset`], ascending. A plain struct rather than `flat_map` over
/// `from_fn`: under the size-first build the adapter chain stayed out of line and cost a
/// call per id.
pub struct Ones<'a> {
    words: &'a [u64],
    next_word: usize,
    /// Id of bit 0 of the word in `rest`.
    base: u32,
    /// Bits of the current word not yet returned.
    rest: u64,
}

impl Iterator for Ones<'_> {
    type Item = u32;

    #[inline(always)]
    fn next(&mut self) -> Option<u32> {
        while self.rest == 0 {
            let &word = self.words.get(self.next_word)?;
            self.base = self.next_word as u32 * 64;
            self.next_word += 1;
            self.rest = word;
        }
        let bit = self.rest.trailing_zeros();
        self.rest &= self.rest - 1;
        Some(self.base + bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_and_iteration() {
        let a = Bitset::from_sorted(130, &[0, 5, 64, 129]);
        let b = Bitset::from_sorted(130, &[5, 6, 129]);
        assert_eq!(a.intersection_count(&b), 2);
        let mut u = a.clone();
        u.union_with(&b);
        assert_eq!(u.iter().collect::<Vec<_>>(), [0, 5, 6, 64, 129]);
        let mut d = a.clone();
        d.subtract(&b);
        assert_eq!(d.iter().collect::<Vec<_>>(), [0, 64]);
        assert_eq!(Bitset::full(130).count(), 130);
        assert!(!Bitset::full(130).contains(130));
    }
}
