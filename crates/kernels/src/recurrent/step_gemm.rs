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

/// A copy of a [rows, cols] weight with a padded row stride `ld`, starting on a cache line,
/// in storage the caller provides (so it can come from `scratch` and skip the page faults
/// of a fresh allocation every call).
pub(crate) struct StepMatrix<'a, F> {
    data: &'a [F],
    pub ld: usize,
}

impl<'a, F: Float> StepMatrix<'a, F> {
    /// Elements of storage a [rows, cols] matrix needs.
    pub fn storage_len(rows: usize, cols: usize) -> usize {
        rows * Self::stride(cols) + Self::line()
    }

    /// `src` [rows, cols] (row stride `cols`) copied into `storage`.
    pub fn copy(storage: &'a mut [F], src: &[F], rows: usize, cols: usize) -> Self {
        let (dst, ld) = Self::place(storage, rows, cols);
        if cols > 0 {
            for (d, row) in dst.chunks_mut(ld).zip(src.chunks_exact(cols).take(rows)) {
                d[..cols].copy_from_slice(row);
            }
        }
        StepMatrix { data: dst, ld }
    }

    /// The transpose of `src` [cols, rows] (row stride `rows`) as a [rows, cols] matrix.
    pub fn transpose(storage: &'a mut [F], src: &[F], rows: usize, cols: usize) -> Self {
        const TILE: usize = 32;
        let (dst, ld) = Self::place(storage, rows, cols);
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
        StepMatrix { data: dst, ld }
    }

    /// The matrix from element (r, c) on (row stride `ld`).
    pub fn at(&self, r: usize, c: usize) -> &'a [F] {
        &self.data[r * self.ld + c..]
    }

    /// Elements per cache line.
    fn line() -> usize {
        (64 / core::mem::size_of::<F>()).max(1)
    }

    /// An odd number of cache lines holding `cols`.
    fn stride(cols: usize) -> usize {
        let line = Self::line();
        let ld = cols.next_multiple_of(line);
        if (ld / line).is_multiple_of(2) {
            ld + line
        } else {
            ld
        }
    }

    /// The part of `storage` from its first cache-line boundary (padding columns keep
    /// whatever they held: the GEMM never reads past column `cols`).
    fn place(storage: &'a mut [F], rows: usize, cols: usize) -> (&'a mut [F], usize) {
        let (line, ld) = (Self::line(), Self::stride(cols));
        assert!(storage.len() >= rows * ld + line, "StepMatrix storage too short");
        let off = storage.as_ptr().align_offset(64).min(line);
        (&mut storage[off..off + rows * ld], ld)
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
