//! Threads over the batch. Example b at step t depends only on example b at step t-1 (in
//! both directions of the time loop), so each thread can run the whole time loop on its
//! own rows with no synchronisation at all. That pays when each thread gets many rows: each
//! thread streams all of the step weight at every step, so with few rows per thread the
//! weight traffic doubles and the GEMM tiles run short. With fewer than MIN_ROWS_PER_THREAD
//! rows each, one range is returned and the threads share every step instead (`team`: the
//! step GEMM split by columns, the elementwise pass by rows; `driver` runs both ways).
//! Either way each element gets the same operations, so results do not depend on the
//! thread count.

use super::step_gemm::STEP_ROWS;
use crate::int::IntRound;

/// Below this many multiply-adds of recurrent work per thread a second thread costs more
/// (spawn, cold caches) than it saves.
const MIN_WORK_PER_THREAD: usize = 1 << 22;

/// Rows a thread needs before it is better off with the time loop of its own rows than
/// sharing each step (LSTM forward at T=100, B=64, X=256, H=512, f32, 2 threads, runs
/// interleaved: 163-175 ms sharing the steps against 179-181 ms with 32 rows each, and
/// less CPU time: 293-333 against 344-358 ms).
const MIN_ROWS_PER_THREAD: usize = 64;

/// Contiguous ranges of batch rows, one per thread: whole STEP_ROWS blocks, as evenly as
/// possible, at most `max_threads` of them and only as many as `work` and the rows justify.
pub(crate) fn ranges(b: usize, work: usize, max_threads: usize) -> Vec<(usize, usize)> {
    let blocks = b.ceil_div(STEP_ROWS);
    let by_rows = (b / MIN_ROWS_PER_THREAD).max(1);
    let threads = (work / MIN_WORK_PER_THREAD).clamp(1, max_threads.max(1)).min(blocks.max(1)).min(by_rows);
    (0..threads)
        .map(|i| ((blocks * i / threads * STEP_ROWS).min(b), (blocks * (i + 1) / threads * STEP_ROWS).min(b)))
        .collect()
}

/// Runs `job(range, part)` for every range with its part: the first on the calling thread,
/// the others on the pool's workers.
pub(crate) fn run<P: Send, J: Fn((usize, usize), P) + Sync>(ranges: &[(usize, usize)], parts: Vec<P>, job: J) {
    if ranges.len() <= 1 {
        if let (Some(&range), Some(part)) = (ranges.first(), parts.into_iter().next()) {
            job(range, part);
        }
        return;
    }
    let slots: Vec<std::sync::Mutex<Option<P>>> = parts.into_iter().map(|p| std::sync::Mutex::new(Some(p))).collect();
    crate::pool::run(ranges.len().min(slots.len()), &|i| {
        let part = slots[i].lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(part) = part {
            job(ranges[i], part);
        }
    });
}
