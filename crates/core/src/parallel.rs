//! Work split across cores when the `parallel` feature is on (the CLI's builds), and run
//! in turn otherwise (the widget: wasm has no threads). Results never depend on which:
//! callers combine them in a fixed order.

/// Runs both closures, on two cores when there are.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// `f` over consecutive chunks of `items` (the last may be shorter), results in chunk order.
/// `f` gets the index of the chunk's first item.
pub(crate) fn map_chunks<T: Sync, R: Send>(items: &[T], chunk_len: usize, f: impl Fn(usize, &[T]) -> R + Sync) -> Vec<R> {
    let chunk_len = chunk_len.max(1);
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_chunks(chunk_len).enumerate().map(|(i, chunk)| f(i * chunk_len, chunk)).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.chunks(chunk_len).enumerate().map(|(i, chunk)| f(i * chunk_len, chunk)).collect()
    }
}
