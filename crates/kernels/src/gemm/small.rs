//! The no-packing path for shapes where op(A) has few rows (an RNN step with a small batch,
//! or simply a small product): packing B would cost as much as the product itself.
//!
//! - op(B) rows contiguous (no trans_b): op(A) is packed (cheap: few rows, alpha folded
//!   in) and the microkernel reads B in place, row stride ldb; only a last partial NR strip
//!   of B is packed.
//! - trans_b: rows of A and of B are both contiguous along k, so each C element is a dot
//!   product (SIMD along k); op(A) is first copied into contiguous rows if trans_a.
//!
//! Threads split the columns of C in NR (or dot tile) units.

use super::blocked::{macro_kernel, PanelsB};
use super::buffer::Scratch;
use super::kernels::{KernelSet, PfRows};
use super::parallel::{for_each_range, ranges, threads_for};
use super::problem::Problem;
use crate::float::Float;
use crate::int::IntRound;

/// Whether `small` should handle the problem (depends on the shape and kernel set only,
/// never on the thread count).
pub(crate) fn fits<T: Float>(ks: &KernelSet<T>, pr: &Problem<T>) -> bool {
    let rows_limit = if pr.trans_b { 4 * ks.dot_rows } else { 4 * ks.mr };
    pr.m <= rows_limit
}

pub(crate) fn run<T: Float>(ks: &KernelSet<T>, pr: &Problem<T>, max_threads: usize) {
    // SAFETY: the problem was checked against its slices; threads write disjoint columns.
    unsafe {
        if pr.trans_b {
            dots(ks, pr, max_threads)
        } else {
            b_in_place(ks, pr, max_threads)
        }
    }
}

unsafe fn b_in_place<T: Float>(ks: &KernelSet<T>, pr: &Problem<T>, max_threads: usize) {
    let (m, n, k, nr) = (pr.m, pr.n, pr.k, ks.nr);
    let mut abuf = Scratch::new::<T>(m.round_up(ks.mr) * k);
    let ap = abuf.as_mut_ptr::<T>();
    (ks.pack_a)(pr.trans_a, pr.a_at(0, 0), pr.lda, m, k, pr.alpha, ap);
    let ap = ap as *const T;
    let ap_shared = SendPtr(ap);
    let threads = threads_for(m * n * k, n.ceil_div(nr), max_threads);
    let parts = ranges(n, nr, threads);
    for_each_range(&parts, |j0, j1| {
        let ap = ap_shared.get();
        let full_end = j0 + (j1 - j0) / nr * nr;
        if full_end > j0 {
            let b = PanelsB { ptr: pr.b_at(0, j0), row_stride: pr.ldb, panel_stride: nr, in_place: true };
            macro_kernel(ks, m, full_end - j0, k, ap, b, pr.c_at(0, j0), pr.ldc, pr.beta, PfRows::NONE);
        }
        if full_end < j1 {
            // The microkernel reads NR columns: give it a zero-padded copy of the last strip.
            let mut bbuf = Scratch::new::<T>(nr * k);
            let bp = bbuf.as_mut_ptr::<T>();
            (ks.pack_b)(false, pr.b_at(0, full_end), pr.ldb, k, j1 - full_end, bp);
            let b = PanelsB { ptr: bp as *const T, row_stride: nr, panel_stride: nr * k, in_place: false };
            macro_kernel(ks, m, j1 - full_end, k, ap, b, pr.c_at(0, full_end), pr.ldc, pr.beta, PfRows::NONE);
        }
    });
}

unsafe fn dots<T: Float>(ks: &KernelSet<T>, pr: &Problem<T>, max_threads: usize) {
    let (m, n, k) = (pr.m, pr.n, pr.k);
    // Rows of op(A), contiguous along k.
    let mut abuf = None;
    let (a, lda) = if pr.trans_a {
        let mut buf = Scratch::new::<T>(m * k);
        let dst = buf.as_mut_ptr::<T>();
        for p in 0..k {
            let src = pr.a.add(p * pr.lda);
            for i in 0..m {
                *dst.add(i * k + p) = *src.add(i);
            }
        }
        abuf = Some(buf);
        (dst as *const T, k)
    } else {
        (pr.a, pr.lda)
    };
    let a_shared = SendPtr(a);
    let (dr, dc) = (ks.dot_rows, ks.dot_cols);
    let threads = threads_for(m * n * k, n.ceil_div(dc), max_threads);
    let parts = ranges(n, dc, threads);
    for_each_range(&parts, |j0, j1| {
        let a = a_shared.get();
        let mut out = [T::ZERO; 16];
        for j in (j0..j1).step_by(dc) {
            let cols = dc.min(j1 - j);
            for i in (0..m).step_by(dr) {
                let rows = dr.min(m - i);
                (ks.dot)(k, a.add(i * lda), lda, pr.b_at(0, j), pr.ldb, rows, cols, out.as_mut_ptr());
                for r in 0..rows {
                    let c = pr.c_at(i + r, j);
                    for s in 0..cols {
                        let v = pr.alpha * out[r * cols + s];
                        let cij = c.add(s);
                        *cij = if pr.beta == T::ZERO { v } else { v + pr.beta * *cij };
                    }
                }
            }
        }
    });
    drop(abuf);
}

/// A read-only pointer shared with scoped threads.
#[derive(Clone, Copy)]
struct SendPtr<T>(*const T);
unsafe impl<T> Send for SendPtr<T> {}
unsafe impl<T> Sync for SendPtr<T> {}
impl<T> SendPtr<T> {
    fn get(self) -> *const T {
        self.0
    }
}
