//! C = alpha·op(A)·op(B) + beta·C, row-major. `gemm` is the entry point every other kernel
//! calls; it picks the fastest implementation for the CPU and shape. `scalar::gemm` is the
//! reference every fast path is tested against.
//!
//! Paths: `small` (few rows of op(A): no packing of B) and `blocked` (Goto/BLIS packing and
//! cache blocking), each running the microkernels of one instruction set (`kernels`:
//! AVX-512, AVX2+FMA, or portable Rust), chosen at run time (`config`: RECUR_ISA,
//! RECUR_NUM_THREADS). Results are identical for any thread count. `PackedB` +
//! `gemm_packed_b` multiply many A by one B packed once (RNN recurrent weights).

mod blocked;
mod buffer;
pub mod config;
mod kernels;
mod pack;
mod packed;
mod parallel;
mod problem;
pub mod scalar;
mod small;
#[cfg(test)]
mod tests;

use crate::float::Float;
pub use config::{force_isa, isa, num_threads, set_num_threads, Isa};
pub use packed::{gemm_packed_b, gemm_packed_b_columns, gemm_packed_b_with, PackedB};
use problem::Problem;

/// Arguments exactly as `GemmArgs` in core's backend/types.ts. op(A) is m×k, op(B) is k×n.
/// Panics (caught by the binding) if a slice is too short for the shape and strides.
/// BLAS semantics: beta == 0 overwrites C without reading it (NaN in C does not leak);
/// alpha == 0 or k == 0 only scales C by beta. Uses the global `isa()` and `num_threads()`.
/// For many products with the same B (an RNN's recurrent weights), pack it once with
/// `PackedB` and call `gemm_packed_b`.
#[allow(clippy::too_many_arguments)]
pub fn gemm<F: Float>(
    trans_a: bool,
    trans_b: bool,
    m: usize,
    n: usize,
    k: usize,
    alpha: F,
    a: &[F],
    lda: usize,
    b: &[F],
    ldb: usize,
    beta: F,
    c: &mut [F],
    ldc: usize,
) {
    gemm_with(isa(), num_threads(), trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

/// `gemm` on an explicit path and thread budget instead of the global settings (an
/// unsupported `isa` falls back to the best supported one below it).
#[allow(clippy::too_many_arguments)]
pub fn gemm_with<F: Float>(
    isa: Isa,
    max_threads: usize,
    trans_a: bool,
    trans_b: bool,
    m: usize,
    n: usize,
    k: usize,
    alpha: F,
    a: &[F],
    lda: usize,
    b: &[F],
    ldb: usize,
    beta: F,
    c: &mut [F],
    ldc: usize,
) {
    let args = (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    gemm_on(Driver::Auto, isa, max_threads, args)
}

/// Which driver runs a problem: chosen from the shape, or forced (tests cover both on
/// every shape).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))] // forced drivers are for tests
pub(crate) enum Driver {
    Auto,
    Small,
    Blocked,
}

/// The arguments of `gemm`, in order.
pub type GemmArgs<'a, F> =
    (bool, bool, usize, usize, usize, F, &'a [F], usize, &'a [F], usize, F, &'a mut [F], usize);

pub(crate) fn gemm_on<F: Float>(driver: Driver, isa: Isa, max_threads: usize, args: GemmArgs<'_, F>) {
    let (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) = args;
    check_gemm_args(trans_a, trans_b, m, n, k, a.len(), lda, b.len(), ldb, c.len(), ldc);
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 || alpha == F::ZERO {
        scale_c(m, n, beta, c, ldc);
        return;
    }
    let pr = Problem {
        trans_a,
        trans_b,
        m,
        n,
        k,
        alpha,
        a: a.as_ptr(),
        lda,
        b: b.as_ptr(),
        ldb,
        beta,
        c: c.as_mut_ptr(),
        ldc,
    };
    let max_threads = max_threads.min(crate::pool::MAX_THREADS);
    kernels::with_kernels(isa, |ks| run(driver, ks, &pr, max_threads));
}

/// `gemm_with` (alpha 1) on raw pointers, for callers that share C between threads by
/// columns (a slice over the rows would overlap the other threads' columns).
///
/// # Safety
/// The pointers hold op(A), op(B) and C of the given shape and strides, and no other thread
/// writes A or B or touches C[0..m, 0..n] during the call.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemm_raw<F: Float>(
    isa: Isa,
    max_threads: usize,
    trans_b: bool,
    m: usize,
    n: usize,
    k: usize,
    a: *const F,
    lda: usize,
    b: *const F,
    ldb: usize,
    beta: F,
    c: *mut F,
    ldc: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        for i in 0..m {
            for j in 0..n {
                let v = c.add(i * ldc + j);
                *v = if beta == F::ZERO { F::ZERO } else { beta * *v };
            }
        }
        return;
    }
    let pr = Problem { trans_a: false, trans_b, m, n, k, alpha: F::ONE, a, lda, b, ldb, beta, c, ldc };
    let max_threads = max_threads.min(crate::pool::MAX_THREADS);
    kernels::with_kernels(isa, |ks| run(Driver::Auto, ks, &pr, max_threads));
}

fn run<T: Float>(driver: Driver, ks: &kernels::KernelSet<T>, pr: &Problem<T>, max_threads: usize) {
    let small = match driver {
        Driver::Auto => small::fits(ks, pr),
        Driver::Small => true,
        Driver::Blocked => false,
    };
    if small {
        small::run(ks, pr, max_threads);
    } else {
        blocked::run(ks, pr, max_threads);
    }
}

/// C = beta·C (zeros when beta == 0, whatever C held).
pub(crate) fn scale_c<F: Float>(m: usize, n: usize, beta: F, c: &mut [F], ldc: usize) {
    for i in 0..m {
        for v in &mut c[i * ldc..i * ldc + n] {
            *v = if beta == F::ZERO { F::ZERO } else { beta * *v };
        }
    }
}

/// Minimum slice length for a row-major matrix of `rows`×`cols` with row stride `ld`.
pub fn required_len(rows: usize, cols: usize, ld: usize) -> usize {
    if rows == 0 || cols == 0 {
        0
    } else {
        (rows - 1) * ld + cols
    }
}

/// Panics with a clear message when a slice cannot hold its matrix.
#[allow(clippy::too_many_arguments)]
pub fn check_gemm_args(
    trans_a: bool,
    trans_b: bool,
    m: usize,
    n: usize,
    k: usize,
    a_len: usize,
    lda: usize,
    b_len: usize,
    ldb: usize,
    c_len: usize,
    ldc: usize,
) {
    let (ar, ac) = if trans_a { (k, m) } else { (m, k) };
    let (br, bc) = if trans_b { (n, k) } else { (k, n) };
    assert!(ar == 0 || ac == 0 || lda >= ac, "gemm: lda {lda} < {ac} columns of A");
    assert!(br == 0 || bc == 0 || ldb >= bc, "gemm: ldb {ldb} < {bc} columns of B");
    assert!(m == 0 || n == 0 || ldc >= n, "gemm: ldc {ldc} < {n} columns of C");
    assert!(a_len >= required_len(ar, ac, lda), "gemm: A has {a_len} elements, needs {}", required_len(ar, ac, lda));
    assert!(b_len >= required_len(br, bc, ldb), "gemm: B has {b_len} elements, needs {}", required_len(br, bc, ldb));
    assert!(c_len >= required_len(m, n, ldc), "gemm: C has {c_len} elements, needs {}", required_len(m, n, ldc));
}
