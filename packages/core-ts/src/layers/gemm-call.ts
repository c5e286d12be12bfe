/** A thin wrapper of Backend.gemm for dense row-major operands that skips empty products. */
import type { Backend } from '../backend/types.ts';
import type { FloatArray } from '../tensor.ts';

/** C[m×n] = op(A)·op(B) + beta·C, with A stored [m,k] (or [k,m] if transA), B [k,n] (or [n,k]). */
export function gemmDense(
  backend: Backend, transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: FloatArray, b: FloatArray, beta: number, c: FloatArray,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    // Nothing to multiply: C = beta·C, without asking the backend about empty operands.
    if (beta === 0) c.fill(0, 0, m * n);
    else if (beta !== 1) for (let i = 0; i < m * n; i++) c[i] *= beta;
    return;
  }
  backend.gemm({
    transA, transB, m, n, k, alpha: 1,
    a, lda: transA ? m : k,
    b, ldb: transB ? k : n,
    beta, c, ldc: n,
  });
}
