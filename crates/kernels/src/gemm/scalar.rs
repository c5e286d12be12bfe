//! The reference GEMM: plain loops, obviously correct. Accumulates each dot product in
//! the element type, in k order.

use super::{check_gemm_args, GemmArgs};
use crate::float::Float;

/// `gemm` with its arguments, in order, as one tuple.
pub fn gemm<F: Float>(args: GemmArgs<'_, F>) {
    let (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) = args;
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
