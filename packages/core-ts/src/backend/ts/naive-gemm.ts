/**
 * The plainly naive GEMM: the oracle the fast ts GEMM (gemm.ts) is tested against. Same
 * arguments (unchecked, as gemm's) and BLAS beta semantics; plain loops whose innermost loop
 * is contiguous where the layout allows.
 */
import type { GemmArgs } from '../types.ts';
import { scaleC } from './gemm.ts';

export function naiveGemm(args: GemmArgs): void {
  const { transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc } = args;
  if (m === 0 || n === 0) return;
  scaleC(m, n, beta, c, ldc);
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
