//! C = alpha·op(A)·op(B) + beta·C, row-major. `gemm` is the entry point every other kernel
//! calls; it picks the fastest implementation for the CPU and shape. `scalar::gemm` is the
//! reference every fast path is tested against.

pub mod scalar;

use crate::float::Float;

/// Arguments exactly as `GemmArgs` in core's backend/types.ts. op(A) is m×k, op(B) is k×n.
/// Panics (caught by the binding) if a slice is too short for the shape and strides.
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
    scalar::gemm(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
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
