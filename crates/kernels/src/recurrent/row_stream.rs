//! C[m, j0..j1] = beta·C + A[m, k]·W[k, j0..j1] for a few rows of A and a weight read in
//! place (one step of a streaming call, `step_gemm`): W is streamed row by row, each row
//! segment once for all m rows, with C's block in L1. The GEMM's no-packing path walks W
//! down its columns instead, one cache line per 8 KB row at H = 512, which the hardware
//! prefetcher cannot follow across pages.
//!
//! Each element of C is beta·C (or 0) plus its products added in k order with one fused
//! multiply-add each, whatever the column range, so any split of the columns between
//! threads gives the same bits.

use super::simd::{dispatch, get, put, Lanes, Pass};
use crate::float::Float;
use crate::gemm::Isa;

/// Columns per block: C's block of m <= 16 rows stays in L1 (16 · 512 · 4 bytes = 32 KB f32).
const BLOCK: usize = 512;

/// One call: C[m, j0..j1] = beta·C + A·W[:, j0..j1], A [m, k] and W [k, ..] and C row-major
/// with leading dimensions lda, ldw, ldc.
pub(crate) struct RowStream<F> {
    pub m: usize,
    pub k: usize,
    pub a: *const F,
    pub lda: usize,
    pub w: *const F,
    pub ldw: usize,
    pub beta: F,
    pub c: *mut F,
    pub ldc: usize,
    pub j0: usize,
    pub j1: usize,
}

impl<F: Float> RowStream<F> {
    /// Runs on the widest lanes `isa` allows.
    ///
    /// # Safety
    /// `a` holds m rows of k values `lda` apart, `w` k rows of at least j1 values `ldw` apart,
    /// `c` m rows of at least j1 values `ldc` apart; nobody else touches C[:, j0..j1].
    pub(crate) unsafe fn stream(mut self, isa: Isa) {
        dispatch(isa, &mut self);
    }
}

impl<F: Float> Pass<F> for RowStream<F> {
    #[inline(always)]
    unsafe fn run<V: Lanes>(&mut self) {
        let s = &*self;
        for b0 in (s.j0..s.j1).step_by(BLOCK) {
            let n = BLOCK.min(s.j1 - b0);
            // Row i of C's block, and row p of W's (never beyond the caller's columns).
            let c_row = |i: usize| core::slice::from_raw_parts_mut(s.c.add(i * s.ldc + b0), n);
            for i in 0..s.m {
                for v in c_row(i) {
                    *v = if s.beta == F::ZERO { F::ZERO } else { s.beta * *v };
                }
            }
            for p in 0..s.k {
                let wp = core::slice::from_raw_parts(s.w.add(p * s.ldw + b0), n);
                for i in 0..s.m {
                    let av = V::splat((*s.a.add(i * s.lda + p)).to_f64());
                    let ci = c_row(i);
                    let mut j = 0;
                    while j + V::N <= n {
                        put(av.mul_add(get(wp, j, V::N), get(ci, j, V::N)), ci, j, V::N);
                        j += V::N;
                    }
                    if j < n {
                        put(av.mul_add(get(wp, j, n - j), get(ci, j, n - j)), ci, j, n - j);
                    }
                }
            }
        }
    }
}
