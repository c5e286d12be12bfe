//! The time loop, once for every cell. A cell says what one step is, as a list of phases
//! (`StepCell`): a step GEMM (the product of the previous state with a weight that is the
//! same at every step) or an elementwise pass over rows. The driver runs the steps in
//! order (forward) or reverse (backward) in one of three ways:
//!
//! - **batch split** (`batch::ranges` gives several ranges: many rows per thread): each
//!   thread runs the whole loop on its own rows, GEMM phases included, with no
//!   synchronisation (example b at step t depends only on example b at step t-1);
//! - **team** (one range, but enough work per step, `team::size`): the threads share every
//!   step, GEMM phases split by column panels, row phases by rows, a barrier after each;
//! - **alone**: one thread (its GEMM phases may still use the GEMM's own threads).
//!
//! Each element gets the same operations in all three, so results are bit-identical for any
//! thread count.

use super::batch;
use super::common::Exec;
use super::step_gemm::Cols;
use super::team::{self, Shared};
use crate::float::Float;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Phase {
    Gemm,
    Rows,
}

/// One time step of a cell, in phases.
///
/// The driver guarantees: phases run in order within a step and steps in time order; in
/// a GEMM phase a caller computes `cols` of the rows `rows` (all rows in a team), in a row
/// phase the rows `rows`; no two callers get the same rows of a row phase or the same
/// columns of a GEMM phase, and everything written in a phase is visible to every caller in
/// the next one. Implementations touch only those parts of the step's buffers.
pub(crate) trait StepCell<F: Float>: Sync {
    fn phases(&self) -> &'static [Phase];
    /// # Safety
    /// As the trait's contract; `rows` within the batch, `t` < T.
    unsafe fn gemm(&self, phase: usize, t: usize, rows: (usize, usize), cols: Cols);
    /// # Safety
    /// As `gemm`.
    unsafe fn rows(&self, phase: usize, t: usize, rows: (usize, usize));
}

/// Runs all `t_n` steps of `cell` over `b` batch rows, `step_work` multiply-adds of step
/// GEMM per step, in reverse time order when `reverse`.
pub(crate) fn run<F: Float, C: StepCell<F>>(ex: Exec, t_n: usize, b: usize, step_work: usize, reverse: bool, cell: &C) {
    let time = |s: usize| if reverse { t_n - 1 - s } else { s };
    let phases = cell.phases();
    let ranges = batch::ranges(b, t_n * step_work, ex.threads);
    if ranges.len() > 1 {
        crate::pool::run(ranges.len(), &|i| {
            for s in 0..t_n {
                for (p, &phase) in phases.iter().enumerate() {
                    // SAFETY: each caller owns its rows of every phase (see `batch`).
                    unsafe { run_phase(cell, phase, p, time(s), ranges[i], Cols::All { threads: 1 }) };
                }
            }
        });
        return;
    }
    let members = team::size(step_work, ex.threads);
    if members > 1 {
        team::run(members, |i, barrier| {
            let rows = team::part(b, 1, members, i);
            for s in 0..t_n {
                for (p, &phase) in phases.iter().enumerate() {
                    let cols = Cols::Part { i, n: members };
                    let rows = if phase == Phase::Gemm { (0, b) } else { rows };
                    // SAFETY: members take disjoint rows / column parts, a barrier after each phase.
                    unsafe { run_phase(cell, phase, p, time(s), rows, cols) };
                    barrier.wait();
                }
            }
        });
        return;
    }
    for s in 0..t_n {
        for (p, &phase) in phases.iter().enumerate() {
            // SAFETY: one caller.
            unsafe { run_phase(cell, phase, p, time(s), (0, b), Cols::All { threads: ex.threads }) };
        }
    }
}

unsafe fn run_phase<F: Float, C: StepCell<F>>(
    cell: &C,
    phase: Phase,
    p: usize,
    t: usize,
    rows: (usize, usize),
    cols: Cols,
) {
    match phase {
        Phase::Gemm => cell.gemm(p, t, rows, cols),
        Phase::Rows => cell.rows(p, t, rows),
    }
}

/// The backward loop's gradients of h_t and h_{t-1}, in two [B, H] buffers that trade
/// places every step: the gradient of h_t is in the first at the s-th step counted from
/// the end (t = T-1-s) when s is even.
pub(crate) struct StateGrads<F> {
    bufs: [Shared<F>; 2],
    t_n: usize,
}

impl<F> StateGrads<F> {
    pub fn new(dh: &mut [F], dh_prev: &mut [F], t_n: usize) -> Self {
        StateGrads { bufs: [Shared::new(dh), Shared::new(dh_prev)], t_n }
    }

    /// (gradient of h_t, gradient of h_{t-1}) at step t.
    pub fn at(&self, t: usize) -> (&Shared<F>, &Shared<F>) {
        let s = self.t_n - 1 - t;
        (&self.bufs[s % 2], &self.bufs[(s + 1) % 2])
    }
}

/// Which of the two buffers given to `StateGrads::new` holds dh0 after all `t_n` steps.
pub(crate) fn final_grad<'a, F>(t_n: usize, dh: &'a [F], dh_prev: &'a [F]) -> &'a [F] {
    if t_n % 2 == 0 {
        dh
    } else {
        dh_prev
    }
}
