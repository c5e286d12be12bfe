/**
 * gemm on a backend against the ts gemm on identical inputs: every transpose pair, random
 * sizes (0, 1, odd, multiples of 7) and larger shapes that take native's packed (blocked)
 * and multi-threaded paths, random alpha/beta, dense and padded leading dimensions. C's
 * padding must be left alone; with beta = 0, C's old (NaN) values must not leak.
 */
import { expect } from 'vitest';
import { type Dtype, alloc } from '@recur/testkit/backend/sequence-fixtures';
import type { Backend, GemmArgs } from '@recur/core';
import { expectAgreement } from './agreement.js';
import { type Rng, SMALL_SIZES, between, mulberry32, pick } from './random-shapes.js';

export interface GemmShape {
  m: number;
  n: number;
  k: number;
}

/** Above native's small-matrix limit, across a K block, and above its per-thread work floor. */
export const LARGE_GEMM_SHAPES: readonly GemmShape[] = [
  { m: 97, n: 61, k: 130 },
  { m: 70, n: 33, k: 400 },
  { m: 131, n: 150, k: 120 },
];

const PAD_MARK = 4242;

function randomData(rng: Rng, dtype: Dtype, n: number): ReturnType<typeof alloc> {
  const a = alloc(dtype, n);
  for (let i = 0; i < n; i++) a[i] = 2 * rng() - 1;
  return a;
}

/** One comparison; `what` names it in failures. */
export function compareGemm(other: Backend, ts: Backend, dtype: Dtype, transA: boolean, transB: boolean, s: GemmShape, rng: Rng): void {
  const { m, n, k } = s;
  const pad = (): number => (rng() < 0.5 ? 0 : between(rng, 1, 3));
  const [aRows, aCols] = transA ? [k, m] : [m, k];
  const [bRows, bCols] = transB ? [n, k] : [k, n];
  const lda = aCols + pad();
  const ldb = bCols + pad();
  const ldc = n + pad();
  const alpha = pick(rng, [1, -1, 0.5, 1.75, 0]);
  const beta = pick(rng, [0, 1, -0.25]);
  const a = randomData(rng, dtype, aRows * lda);
  const b = randomData(rng, dtype, bRows * ldb);
  const c = randomData(rng, dtype, m * ldc);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < ldc; j++) {
      if (j >= n) c[i * ldc + j] = PAD_MARK;
      else if (beta === 0) c[i * ldc + j] = NaN;
    }
  }
  const args = (out: typeof c): GemmArgs => ({ transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c: out, ldc });
  const want = c.slice();
  const got = c.slice();
  ts.gemm(args(want));
  other.gemm(args(got));
  const what = `gemm ${dtype} transA=${transA} transB=${transB} m=${m} n=${n} k=${k} lda=${lda} ldb=${ldb} ldc=${ldc} alpha=${alpha} beta=${beta}`;
  expectAgreement(got, want, dtype, what, (i) => i % ldc < n);
  for (let i = 0; i < got.length; i++) {
    if (i % ldc >= n && got[i] !== PAD_MARK) expect.fail(`${what}: C padding [${i}] overwritten with ${got[i]}`);
  }
}

/** `trials` random small shapes (each of 0 and 1 forced into some axis) for one transpose pair. */
export function compareGemmRandom(other: Backend, ts: Backend, dtype: Dtype, transA: boolean, transB: boolean, trials: number, seed: number): void {
  const rng = mulberry32(seed);
  for (let t = 0; t < trials; t++) {
    const s = { m: pick(rng, SMALL_SIZES), n: pick(rng, SMALL_SIZES), k: pick(rng, SMALL_SIZES) };
    if (t < 6) s[(['m', 'n', 'k'] as const)[t % 3]] = t < 3 ? 0 : 1;
    compareGemm(other, ts, dtype, transA, transB, s, rng);
  }
}
