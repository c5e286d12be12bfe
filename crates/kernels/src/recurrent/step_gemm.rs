//! The GEMM inside the time loops: a block of batch rows times a weight that is the same at
//! every step (wh forward, wh^T backward, or a column block of them for the GRU).
//!
//! For a long sequence the weight is packed once per call into the GEMM's panel layout
//! (`PackedB`), so each step streams it contiguously instead of reading rows ldb apart,
//! skips the per-step packing, and a thread multiplies all its batch rows in one pass over
//! the weight. For one or two steps of a few rows (streaming one step per call) packing
//! would read and write the whole weight to use it once or twice: the weight is then read
//! in place, streamed row by row (`row_stream`; the transposed one by the GEMM's dot
//! products, which read it along its rows too). Either way every element of C gets the same
//! operations whatever rows or columns a thread takes, so results do not depend on the
//! thread count.

use super::common::Exec;
use super::row_stream::RowStream;
use crate::float::Float;
use crate::gemm::{gemm_packed_b_columns, gemm_raw, Isa, PackedB};

/// Batch rows per block: threads take whole blocks (see `batch`).
pub(crate) const STEP_ROWS: usize = 16;

/// Steps and rows below which the weight is read in place rather than packed.
const IN_PLACE_MAX_STEPS: usize = 2;
const IN_PLACE_MAX_ROWS: usize = 16;

/// Column parts of an in-place weight start at multiples of this (a multiple of every
/// path's register-tile width, so a part's columns get a full tile's arithmetic).
const IN_PLACE_COLUMN_UNIT: usize = 64;

/// A [k, n] operand of the step GEMM.
pub(crate) enum StepWeight<'w, F: Float> {
    Packed(PackedB<F>),
    /// op(W)[p, j] = w[p*ld + j] (or w[j*ld + p] when `trans`), w starting at the block.
    InPlace { isa: Isa, w: &'w [F], ld: usize, trans: bool, k: usize, n: usize },
}

/// Which columns of a step's product a caller computes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Cols {
    /// All of them, with up to `threads` threads of the GEMM's own.
    All { threads: usize },
    /// Part i of n (team member i), on the calling thread.
    Part { i: usize, n: usize },
}

impl<'w, F: Float> StepWeight<'w, F> {
    /// Columns c0..c0+n of `w` [k, ld] (row-major, row stride `ld`), for `steps` steps of
    /// `rows` batch rows.
    pub fn columns(ex: Exec, steps: usize, rows: usize, w: &'w [F], ld: usize, k: usize, c0: usize, n: usize) -> Self {
        let w = &w[c0.min(w.len())..];
        if in_place(steps, rows) {
            StepWeight::InPlace { isa: ex.isa, w, ld, trans: false, k, n }
        } else {
            StepWeight::Packed(PackedB::new_for(ex.isa, false, k, n, w, ld))
        }
    }

    /// The transpose of columns c0..c0+k of `w` [n, ld]: op(B)[p, j] = w[j, c0 + p].
    #[allow(clippy::too_many_arguments)]
    pub fn transposed_columns(
        ex: Exec,
        steps: usize,
        rows: usize,
        w: &'w [F],
        ld: usize,
        n: usize,
        c0: usize,
        k: usize,
    ) -> Self {
        let w = &w[c0.min(w.len())..];
        if in_place(steps, rows) {
            StepWeight::InPlace { isa: ex.isa, w, ld, trans: true, k, n }
        } else {
            StepWeight::Packed(PackedB::new_for(ex.isa, true, k, n, w, ld))
        }
    }

    fn n(&self) -> usize {
        match self {
            StepWeight::Packed(p) => p.n(),
            StepWeight::InPlace { n, .. } => *n,
        }
    }

    /// The columns of part `cols` (whole panels; the same for any two weights with the
    /// same n on one path, so a member may run two products into one C in one phase).
    fn column_range(&self, cols: Cols) -> (usize, usize) {
        let n = self.n();
        match (self, cols) {
            (_, Cols::All { .. }) => (0, n),
            (StepWeight::Packed(p), Cols::Part { i, n: parts }) => super::team::part(n, p.panel_width(), parts, i),
            (StepWeight::InPlace { .. }, Cols::Part { i, n: parts }) => {
                super::team::part(n, IN_PLACE_COLUMN_UNIT, parts, i)
            }
        }
    }
}

fn in_place(steps: usize, rows: usize) -> bool {
    steps <= IN_PLACE_MAX_STEPS && rows <= IN_PLACE_MAX_ROWS
}

/// Columns `cols` of C[m, n] = beta·C + A[m, k]·W[k, n] (beta == 0 overwrites C).
///
/// # Safety
/// `a` holds m rows of k values `lda` apart and `c` m rows of n values `ldc` apart; no other
/// thread writes A or touches those columns of C's m rows during the call.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn step_mm<F: Float>(
    w: &StepWeight<'_, F>,
    m: usize,
    a: *const F,
    lda: usize,
    beta: F,
    c: *mut F,
    ldc: usize,
    cols: Cols,
) {
    let (j0, j1) = w.column_range(cols);
    match w {
        StepWeight::Packed(p) => match cols {
            Cols::All { threads } => {
                let a = core::slice::from_raw_parts(a, crate::gemm::required_len(m, p.k(), lda));
                let c = core::slice::from_raw_parts_mut(c, crate::gemm::required_len(m, p.n(), ldc));
                crate::gemm::gemm_packed_b_with(threads, false, m, F::ONE, a, lda, p, beta, c, ldc);
            }
            Cols::Part { .. } => gemm_packed_b_columns(m, a, lda, p, beta, c, ldc, (j0, j1)),
        },
        &StepWeight::InPlace { isa, w, ld, trans: false, k, .. } if m <= IN_PLACE_MAX_ROWS => {
            RowStream { m, k, a, lda, w: w.as_ptr(), ldw: ld, beta, c, ldc, j0, j1 }.stream(isa);
        }
        &StepWeight::InPlace { isa, w, ld, trans, k, .. } => {
            let threads = match cols {
                Cols::All { threads } => threads,
                Cols::Part { .. } => 1,
            };
            let b = if trans { w.as_ptr().wrapping_add(j0 * ld) } else { w.as_ptr().wrapping_add(j0) };
            gemm_raw(isa, threads, trans, m, j1 - j0, k, a, lda, b, ld, beta, c.wrapping_add(j0), ldc);
        }
    }
}
