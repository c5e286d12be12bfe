import type { GemmArgs } from '../types.ts';

/**
 * C = alpha·op(A)·op(B) + beta·C with plain loops. beta == 0 overwrites C (so NaN in the
 * old C does not leak), as BLAS does. Loop orders keep the innermost loop contiguous where
 * the layout allows. Arguments unchecked: the backend checks them (check-args) first.
 */
export function gemm(args: GemmArgs): void {
  const { transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc } = args;
  if (m === 0 || n === 0) return;

  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    if (beta === 0) c.fill(0, row, row + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
  if (alpha === 0 || k === 0) return;

  if (!transB) {
    // i-p-j: C row i += (alpha·A[i,p]) · B row p; both rows contiguous.
    for (let i = 0; i < m; i++) {
      const ci = i * ldc;
      for (let p = 0; p < k; p++) {
        const aip = alpha * (transA ? a[p * lda + i] : a[i * lda + p]);
        const bp = p * ldb;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
    return;
  }
  // op(B) = B^T: row j of B is column j of op(B), so C[i,j] is a dot product over p.
  for (let i = 0; i < m; i++) {
    const ci = i * ldc;
    for (let j = 0; j < n; j++) {
      const bj = j * ldb;
      let sum = 0;
      if (transA) for (let p = 0; p < k; p++) sum += a[p * lda + i] * b[bj + p];
      else {
        const ai = i * lda;
        for (let p = 0; p < k; p++) sum += a[ai + p] * b[bj + p];
      }
      c[ci + j] += alpha * sum;
    }
  }
}
