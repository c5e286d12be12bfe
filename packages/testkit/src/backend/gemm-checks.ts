/** Backend-agnostic checks of gemm against a naive triple loop, asserted with vitest's expect. */
import { expect } from 'vitest';
import type { Backend } from '@recur/core';
import { mulberry32 } from '../random/mulberry32.ts';
import { type Dtype, alloc } from './sequence-fixtures.ts';

/** Sizes with 0, 1, odd values and multiples of 7. */
export const GEMM_SIZES: readonly number[] = [0, 1, 2, 5, 7, 14];
export const GEMM_SCALARS: readonly (readonly [alpha: number, beta: number])[] = [[1, 0], [0.75, -1.25], [-1, 1], [0, 2]];

/** A stored matrix: `rows` rows of `cols` values, row stride ld >= cols, random padding. */
function randomMatrix(rng: () => number, dtype: Dtype, rows: number, cols: number, ld: number) {
  const data = alloc(dtype, rows * ld);
  for (let i = 0; i < data.length; i++) data[i] = 2 * rng() - 1;
  return data;
}

/**
 * Computes the expected C in float64 and, per element, the sum of the absolute values of
 * its terms (the scale a summation-order difference is relative to).
 */
function naiveGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: ArrayLike<number>, lda: number, b: ArrayLike<number>, ldb: number, beta: number, c: ArrayLike<number>, ldc: number,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let abs = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * lda + i] : a[i * lda + p];
        const bv = transB ? b[j * ldb + p] : b[p * ldb + j];
        sum += av * bv;
        abs += Math.abs(av * bv);
      }
      const old = beta === 0 ? 0 : beta * c[i * ldc + j];
      value[i * n + j] = alpha * sum + old;
      scale[i * n + j] = Math.abs(alpha) * abs + Math.abs(old);
    }
  }
  return { value, scale };
}

/**
 * Every combination of sizes, transposes, alpha/beta and dense or padded leading
 * dimensions. C starts as NaN when beta = 0 (it must not leak), and C's padding must be
 * left alone.
 */
export function checkGemmGrid(backend: Backend, dtype: Dtype): void {
  const rng = mulberry32(dtype === 'float64' ? 1 : 2);
  const tol = dtype === 'float64' ? 1e-13 : 1e-5;
  const PAD_MARK = 12345;
  let cases = 0;
  for (const m of GEMM_SIZES) for (const n of GEMM_SIZES) for (const k of GEMM_SIZES) {
    for (const transA of [false, true]) for (const transB of [false, true]) {
      for (const [alpha, beta] of GEMM_SCALARS) for (const pad of [0, 3]) {
        const [aRows, aCols] = transA ? [k, m] : [m, k];
        const [bRows, bCols] = transB ? [n, k] : [k, n];
        const lda = aCols + pad;
        const ldb = bCols + pad + (pad ? 1 : 0);
        const ldc = n + pad;
        const a = randomMatrix(rng, dtype, aRows, aCols, lda);
        const b = randomMatrix(rng, dtype, bRows, bCols, ldb);
        const c = randomMatrix(rng, dtype, m, n, ldc);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < ldc; j++) {
            if (j >= n) c[i * ldc + j] = PAD_MARK;
            else if (beta === 0) c[i * ldc + j] = NaN;
          }
        }
        const expected = naiveGemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        backend.gemm({ transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc });
        const what = `gemm ${dtype} m=${m} n=${n} k=${k} transA=${transA} transB=${transB} alpha=${alpha} beta=${beta} pad=${pad}`;
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < ldc; j++) {
            const got = c[i * ldc + j];
            if (j >= n) {
              if (got !== PAD_MARK) expect(got, `${what}: padding C[${i},${j}] touched`).toBe(PAD_MARK);
              continue;
            }
            const want = expected.value[i * n + j];
            const err = Math.abs(got - want) / (expected.scale[i * n + j] + 1e-300);
            // Only assert on failure: the grid has about 10^5 elements.
            if (!(err <= tol)) expect(err, `${what}: C[${i},${j}] = ${got}, want ${want}`).toBeLessThanOrEqual(tol);
          }
        }
        cases++;
      }
    }
  }
  expect(cases).toBe(GEMM_SIZES.length ** 3 * 4 * GEMM_SCALARS.length * 2);
}
