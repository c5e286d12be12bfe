//! Splitting a GEMM over threads. Only independent blocks of C are split (never K), and
//! each C element is computed by the same instruction sequence whatever the split, so the
//! result is bit-identical for any thread count.

use crate::int::IntRound;

/// Multiply-adds a thread must get before it is worth spawning (about 50 µs of work for
/// one AVX2 core; a spawn plus cold caches cost tens of µs).
const MIN_WORK_PER_THREAD: usize = 1 << 21;

/// Threads worth using for `work` multiply-adds over `units` splittable units.
pub(crate) fn threads_for(work: usize, units: usize, max_threads: usize) -> usize {
    (work / MIN_WORK_PER_THREAD).clamp(1, max_threads.max(1)).min(units.max(1))
}

/// Splits 0..total into `parts` contiguous ranges whose inner boundaries are multiples of
/// `unit` (the last range takes the remainder).
pub(crate) fn ranges(total: usize, unit: usize, parts: usize) -> Vec<(usize, usize)> {
    let units = total.ceil_div(unit);
    let parts = parts.clamp(1, units.max(1));
    (0..parts)
        .map(|t| {
            let lo = (units * t / parts * unit).min(total);
            let hi = (units * (t + 1) / parts * unit).min(total);
            (lo, hi)
        })
        .filter(|(lo, hi)| lo < hi)
        .collect()
}

/// Runs `f` on every range, the first on the calling thread, the rest on the pool's workers.
pub(crate) fn for_each_range<F: Fn(usize, usize) + Sync>(ranges: &[(usize, usize)], f: F) {
    match ranges {
        [] => {}
        [(lo, hi)] => f(*lo, *hi),
        _ => crate::pool::run(ranges.len(), &|i| f(ranges[i].0, ranges[i].1)),
    }
}
