//! The GEMM inside the time loops: a block of at most STEP_ROWS rows times a weight matrix
//! that is the same at every step (wh forward, wh^T backward).
//!
//! The weight is copied once per call into a `StepMatrix` whose row stride is an odd
//! number of cache lines: the GEMM reads B in place for few rows, walking down a strip of
//! columns, and with a stride of a power-of-two size (2048 f32 = 8 KB) every row of that
//! strip would land in the same L1 set. Each call keeps k <= STEP_DEPTH so a strip stays
//! in L1/L2 while it is reused by all the rows. The splits depend on the shape only, never
//! on the thread count.

use crate::float::Float;
use crate::gemm::{gemm_with, Isa};

/// Rows of A per GEMM call, and the batch block a thread takes whole (see `batch`).
pub(crate) const STEP_ROWS: usize = 16;
/// Depth (k) per GEMM call; deeper products accumulate over several calls.
pub(crate) const STEP_DEPTH: usize = 512;

/// A copy of a [rows, cols] weight with a padded row stride `ld`, starting on a cache line.
pub(crate) struct StepMatrix<F> {
    buf: Vec<F>,
    off: usize,
    pub ld: usize,
}

impl<F: Float> StepMatrix<F> {
    /// `src` [rows, cols], row stride `cols`.
    pub fn new(src: &[F], rows: usize, cols: usize) -> Self {
        let mut m = Self::alloc(rows, cols);
        let ld = m.ld;
        if cols == 0 {
            return m;
        }
        for (dst, row) in m.buf[m.off..].chunks_mut(ld).zip(src.chunks_exact(cols).take(rows)) {
            dst[..cols].copy_from_slice(row);
        }
        m
    }

    /// The transpose of `src` [cols, rows] (row stride `rows`): a [rows, cols] matrix.
    pub fn transposed(src: &[F], rows: usize, cols: usize) -> Self {
        const TILE: usize = 32;
        let mut m = Self::alloc(rows, cols);
        let (ld, dst) = (m.ld, &mut m.buf[m.off..]);
        // Tiles so that both the reads and the writes stay within a few cache lines.
        for r0 in (0..rows).step_by(TILE) {
            for c0 in (0..cols).step_by(TILE) {
                for c in c0..(c0 + TILE).min(cols) {
                    let src_row = &src[c * rows..c * rows + rows];
                    for r in r0..(r0 + TILE).min(rows) {
                        dst[r * ld + c] = src_row[r];
                    }
                }
            }
        }
        m
    }

    fn alloc(rows: usize, cols: usize) -> Self {
        let line = (64 / core::mem::size_of::<F>()).max(1);
        let mut ld = cols.next_multiple_of(line);
        if (ld / line).is_multiple_of(2) {
            ld += line;
        }
        let buf = vec![F::ZERO; rows * ld + line];
        let off = buf.as_ptr().align_offset(64).min(line);
        StepMatrix { buf, off, ld }
    }

    /// The matrix from element (r, c) on (row stride `ld`).
    pub fn at(&self, r: usize, c: usize) -> &[F] {
        &self.buf[self.off + r * self.ld + c..]
    }
}

/// C[m, n] = beta·C + A[m, k]·W[k, n] on one block of rows (m <= STEP_ROWS is typical; any
/// m works), W given as a `StepMatrix::at` view with stride `ldw`. `threads` is passed to
/// the GEMM (1 when the caller already runs on its own thread).
#[allow(clippy::too_many_arguments)]
pub(crate) fn step_mm<F: Float>(
    isa: Isa,
    threads: usize,
    m: usize,
    n: usize,
    k: usize,
    a: &[F],
    lda: usize,
    w: &[F],
    ldw: usize,
    beta: F,
    c: &mut [F],
    ldc: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    for r0 in (0..m).step_by(STEP_ROWS) {
        let rows = STEP_ROWS.min(m - r0);
        let c_rows = &mut c[r0 * ldc..];
        if k == 0 {
            // A·W is the zero matrix: C = beta·C (beta = 0 overwrites).
            for row in c_rows.chunks_mut(ldc).take(rows) {
                for v in &mut row[..n] {
                    *v = if beta == F::ZERO { F::ZERO } else { beta * *v };
                }
            }
            continue;
        }
        for k0 in (0..k).step_by(STEP_DEPTH) {
            let depth = STEP_DEPTH.min(k - k0);
            let b = if k0 == 0 { beta } else { F::ONE };
            let (a_blk, w_blk) = (&a[r0 * lda + k0..], &w[k0 * ldw..]);
            gemm_with(isa, threads, false, false, rows, n, depth, F::ONE, a_blk, lda, w_blk, ldw, b, c_rows, ldc);
        }
    }
}
