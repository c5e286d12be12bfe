//! The reference GEMM: plain loops, obviously correct. Accumulates each dot product in
//! the element type, in k order.

use super::check_gemm_args;
use crate::float::Float;

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
    check_gemm_args(trans_a, trans_b, m, n, k, a.len(), lda, b.len(), ldb, c.len(), ldc);
    for i in 0..m {
        for j in 0..n {
            let mut acc = F::ZERO;
            for p in 0..k {
                let av = if trans_a { a[p * lda + i] } else { a[i * lda + p] };
                let bv = if trans_b { b[j * ldb + p] } else { b[p * ldb + j] };
                acc += av * bv;
            }
            let cij = &mut c[i * ldc + j];
            // beta == 0 overwrites (so NaN in an uninitialised C does not leak), as BLAS does.
            *cij = if beta == F::ZERO { alpha * acc } else { alpha * acc + beta * *cij };
        }
    }
}
