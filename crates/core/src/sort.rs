//! Sorting through one routine.
//!
//! Each `sort_by` or `sort_unstable` with its own item type or comparison links its own
//! copy of the standard library's sort, and in the wasm widget those copies added up: nine
//! of them, 74 KB of a 585 KB wasm file (twiggy, 2026-11-24). Whatever the engine and the
//! widget sort goes through [`by_key`], which sorts `(key, position)` pairs and so links
//! one copy; the top of a ranking is kept by [`best_first`], which needs no library sort.

use std::cmp::Ordering;

/// Sorts `items` by `key`, ascending; items with equal keys keep their order (a stable
/// sort). Short slices compute a key at each comparison, so keys should be cheap.
pub fn by_key<T>(items: &mut [T], key: impl Fn(&T) -> u64) {
    if items.len() <= FEW {
        // Insertion, in place: the snippet scorer sorts a handful of words per window.
        for next in 1..items.len() {
            let mut at = next;
            while at > 0 && key(&items[at - 1]) > key(&items[at]) {
                items.swap(at - 1, at);
                at -= 1;
            }
        }
        return;
    }
    // Positions fit: a slice of more than 2^32 items is far beyond any index.
    let mut keyed: Vec<(u64, u32)> = items.iter().enumerate().map(|(position, item)| (key(item), position as u32)).collect();
    keyed.sort_unstable();
    // Position `p` takes the item at `keyed[p].1`: follow each cycle of that permutation,
    // swapping, and mark the positions done.
    const DONE: u32 = u32::MAX;
    for start in 0..items.len() {
        let mut current = start;
        while keyed[current].1 != DONE {
            let next = keyed[current].1 as usize;
            keyed[current].1 = DONE;
            if next == start {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

/// Longest slice [`by_key`] sorts by insertion.
const FEW: usize = 16;

/// The `keep` smallest of `items` by `order` (a total order), sorted.
pub fn best_first<T>(items: impl Iterator<Item = T>, keep: usize, order: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    if keep == 0 {
        return Vec::new();
    }
    if keep > SMALL_PAGE {
        return heap_best_first(items, keep, order);
    }
    // A page of results: one pass keeping the best so far in order. Nearly every item
    // loses to the worst kept in one comparison, where selecting over all matches moved
    // and compared each several times.
    let mut best: Vec<T> = Vec::with_capacity(keep + 1);
    for item in items {
        if best.len() == keep && order(&item, &best[keep - 1]) != Ordering::Less {
            continue;
        }
        let at = best.partition_point(|kept| order(kept, &item) == Ordering::Less);
        best.insert(at, item);
        best.truncate(keep);
    }
    best
}

/// Largest `keep` that [`best_first`] serves by insertion; deeper pages use a heap.
const SMALL_PAGE: usize = 64;

/// [`best_first`] for deep pages: a heap of the `keep` best so far, its root the worst of
/// them, then heapsort. O(n log keep), and a few hundred bytes of wasm.
fn heap_best_first<T>(items: impl Iterator<Item = T>, keep: usize, order: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut heap: Vec<T> = Vec::new();
    for item in items {
        if heap.len() < keep {
            heap.push(item);
            let mut at = heap.len() - 1;
            while at > 0 {
                let parent = (at - 1) / 2;
                if order(&heap[parent], &heap[at]) != Ordering::Less {
                    break;
                }
                heap.swap(parent, at);
                at = parent;
            }
        } else if order(&item, &heap[0]) == Ordering::Less {
            heap[0] = item;
            sift_down(&mut heap, &order);
        }
    }
    // The worst kept is at the root: swap it behind the heap, which shrinks by one.
    for end in (1..heap.len()).rev() {
        heap.swap(0, end);
        sift_down(&mut heap[..end], &order);
    }
    heap
}

/// Restores the heap below a new root.
fn sift_down<T>(heap: &mut [T], order: &impl Fn(&T, &T) -> Ordering) {
    let mut at = 0;
    loop {
        let left = 2 * at + 1;
        if left >= heap.len() {
            return;
        }
        let right = left + 1;
        let larger = if right < heap.len() && order(&heap[left], &heap[right]) == Ordering::Less { right } else { left };
        if order(&heap[at], &heap[larger]) != Ordering::Less {
            return;
        }
        heap.swap(at, larger);
        at = larger;
    }
}

/// `value`'s bits as a key that sorts as [`f64::total_cmp`] orders the values.
pub fn f64_key(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The same order as the standard library's stable sort by the same key.
        #[test]
        fn by_key_is_a_stable_sort(items in proptest::collection::vec((0u64..8, 0u32..1000), 0..300)) {
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut sorted = items;
            by_key(&mut sorted, |item| item.0);
            proptest::prop_assert_eq!(sorted, expected);
        }

        /// Keeping the best page gives what sorting everything gives, for pages served
        /// by insertion and by the heap.
        #[test]
        fn best_first_is_the_head_of_the_sorted_items(
            keys in proptest::collection::vec(0u8..6, 0..400),
            keep in 0usize..200,
        ) {
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(id, key)| (key, id)).collect();
            let mut sorted = items.clone();
            sorted.sort();
            sorted.truncate(keep);
            proptest::prop_assert_eq!(best_first(items.into_iter(), keep, |a, b| a.cmp(b)), sorted);
        }

        /// The keys order as `total_cmp` does, negative zero and NaNs included.
        #[test]
        fn float_keys_order_as_total_cmp(a in proptest::num::f64::ANY, b in proptest::num::f64::ANY) {
            proptest::prop_assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b));
        }
    }
}
