import type { GemmArgs } from '../types.ts';

/** Throws a RangeError when a strided matrix of rows×cols with row stride `ld` does not fit. */
function checkMatrix(name: string, data: ArrayLike<number>, rows: number, cols: number, ld: number): void {
  if (ld < cols) throw new RangeError(`gemm: ld${name} must be >= ${cols}, got ${ld}`);
  const needed = rows === 0 || cols === 0 ? 0 : (rows - 1) * ld + cols;
  if (data.length < needed) {
    throw new RangeError(`gemm: ${name} holds ${data.length} values but a ${rows}x${cols} matrix with ld${name}=${ld} needs ${needed}`);
  }
}

/**
 * C = alpha·op(A)·op(B) + beta·C with plain loops. beta == 0 overwrites C (so NaN in the
 * old C does not leak), as BLAS does. Loop orders keep the innermost loop contiguous where
 * the layout allows.
 */
export function gemm(args: GemmArgs): void {
  const { transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc } = args;
  checkMatrix('a', a, transA ? k : m, transA ? m : k, lda);
  checkMatrix('b', b, transB ? n : k, transB ? k : n, ldb);
  checkMatrix('c', c, m, n, ldc);
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
