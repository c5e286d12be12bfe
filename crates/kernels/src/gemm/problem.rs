//! One GEMM call on raw pointers, after `check_gemm_args` has validated the slices, so the
//! drivers can cut it into blocks and hand disjoint blocks of C to threads.

use crate::float::Float;

#[derive(Clone, Copy)]
pub(crate) struct Problem<T> {
    pub trans_a: bool,
    pub trans_b: bool,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub alpha: T,
    pub a: *const T,
    pub lda: usize,
    pub b: *const T,
    pub ldb: usize,
    pub beta: T,
    pub c: *mut T,
    pub ldc: usize,
}

// Threads share a Problem read-only and each writes its own rows/columns of C.
unsafe impl<T: Send> Send for Problem<T> {}
unsafe impl<T: Sync> Sync for Problem<T> {}

impl<T: Float> Problem<T> {
    /// Address of op(A)[i, p].
    pub fn a_at(&self, i: usize, p: usize) -> *const T {
        let off = if self.trans_a { p * self.lda + i } else { i * self.lda + p };
        self.a.wrapping_add(off)
    }

    /// Address of op(B)[p, j].
    pub fn b_at(&self, p: usize, j: usize) -> *const T {
        let off = if self.trans_b { j * self.ldb + p } else { p * self.ldb + j };
        self.b.wrapping_add(off)
    }

    /// Address of C[i, j].
    pub fn c_at(&self, i: usize, j: usize) -> *mut T {
        self.c.wrapping_add(i * self.ldc + j)
    }

    /// The same product restricted to columns j0..j1 of C.
    pub fn cols(&self, j0: usize, j1: usize) -> Problem<T> {
        Problem { n: j1 - j0, b: self.b_at(0, j0), c: self.c_at(0, j0), ..*self }
    }

    /// The same product restricted to rows i0..i1 of C.
    pub fn rows(&self, i0: usize, i1: usize) -> Problem<T> {
        Problem { m: i1 - i0, a: self.a_at(i0, 0), c: self.c_at(i0, 0), ..*self }
    }
}
