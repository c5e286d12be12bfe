import type { FloatArray } from '../../tensor.ts';
import type { GemmArgs } from '../types.ts';
import { gemmBlocked, gemmSmallM, SMALL_M } from './gemm-blocked.ts';

/**
 * C = alpha·op(A)·op(B) + beta·C. beta == 0 overwrites C (so NaN in the old C does not
 * leak), as BLAS does. The product itself is the packed, register-blocked one of
 * gemm-blocked.ts (or its no-packing path for few rows); naive-gemm.ts is its oracle.
 * Arguments unchecked: the backend checks them (check-args) first.
 */
export function gemm(args: GemmArgs): void {
  const { transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc } = args;
  if (m === 0 || n === 0) return;
  scaleC(m, n, beta, c, ldc);
  if (alpha === 0 || k === 0) return;
  const g = { transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc };
  if (m < SMALL_M) gemmSmallM(g);
  else gemmBlocked(g);
}

/** C = beta·C over the m×n block (zeros when beta == 0, whatever C held). */
export function scaleC(m: number, n: number, beta: number, c: FloatArray, ldc: number): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    if (beta === 0) c.fill(0, row, row + n);
    else for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
}
