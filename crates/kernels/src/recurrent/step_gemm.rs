//! The GEMM inside the time loops: a block of batch rows times a weight that is the same at
//! every step (wh forward, wh^T backward, or a column block of them for the GRU).
//!
//! The weight is packed once per call into the GEMM's panel layout (`PackedB`), so each
//! step streams it contiguously instead of reading rows ldb apart, skips the per-step
//! packing, and a thread multiplies all its batch rows in one pass over the weight (with
//! B = 64 on one thread: one pass over 4 MB per step instead of four). The packed product
//! gives every element of C the same operations whatever the number of rows, so results do
//! not depend on how the batch is split between threads.

use crate::float::Float;
use crate::gemm::{gemm_packed_b_columns, gemm_packed_b_with, Isa, PackedB};

/// Batch rows per block: threads take whole blocks (see `batch`).
pub(crate) const STEP_ROWS: usize = 16;

/// A [k, n] operand of the step GEMM, packed once per call.
pub(crate) struct StepWeight<F: Float>(PackedB<F>);

impl<F: Float> StepWeight<F> {
    /// Columns c0..c0+n of `w` [k, ld] (row-major, row stride `ld`).
    pub fn columns(isa: Isa, w: &[F], ld: usize, k: usize, c0: usize, n: usize) -> Self {
        StepWeight(PackedB::new_for(isa, false, k, n, &w[c0.min(w.len())..], ld))
    }

    /// Column range `i` of `parts` (whole panels) of the product, for `team` members.
    pub fn column_part(&self, parts: usize, i: usize) -> (usize, usize) {
        super::team::part(self.0.n(), self.0.panel_width(), parts, i)
    }

    /// The transpose of columns c0..c0+k of `w` [n, ld]: op(B)[p, j] = w[j, c0 + p].
    pub fn transposed_columns(isa: Isa, w: &[F], ld: usize, n: usize, c0: usize, k: usize) -> Self {
        StepWeight(PackedB::new_for(isa, true, k, n, &w[c0.min(w.len())..], ld))
    }
}

/// C[m, n] = beta·C + A[m, k]·W[k, n] (beta == 0 overwrites C). `threads` is passed to the
/// GEMM (1 when the caller already runs on its own thread).
#[allow(clippy::too_many_arguments)]
pub(crate) fn step_mm<F: Float>(
    threads: usize,
    m: usize,
    a: &[F],
    lda: usize,
    w: &StepWeight<F>,
    beta: F,
    c: &mut [F],
    ldc: usize,
) {
    gemm_packed_b_with(threads, false, m, F::ONE, a, lda, &w.0, beta, c, ldc);
}

/// Columns `cols` (from `StepWeight::column_part`) of C[m, n] = beta·C + A[m, k]·W[k, n].
///
/// # Safety
/// `a` holds m rows of k values `lda` apart and `c` m rows of n values `ldc` apart; no other
/// thread writes A or touches C[:, cols] during the call.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn step_mm_columns<F: Float>(
    m: usize,
    a: *const F,
    lda: usize,
    w: &StepWeight<F>,
    beta: F,
    c: *mut F,
    ldc: usize,
    cols: (usize, usize),
) {
    gemm_packed_b_columns(m, a, lda, &w.0, beta, c, ldc, cols);
}
