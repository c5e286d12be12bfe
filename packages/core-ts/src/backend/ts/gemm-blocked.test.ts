// The fast ts GEMM against the plainly naive one (naive-gemm.ts): every transpose pair, odd
// shapes on both sides of the no-packing threshold and of the cache blocks, alpha/beta
// (beta 0 overwrites NaN), row strides above the minimum, float64 and float32.
import { describe, expect, it } from 'vitest';
import type { GemmArgs } from '../types.ts';
import { gemm } from './gemm.ts';
import { SMALL_M } from './gemm-blocked.ts';
import { naiveGemm } from './naive-gemm.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296 - 0.5;
  };
}

type Ctor = Float64ArrayConstructor | Float32ArrayConstructor;

function problem(F: Ctor, transA: boolean, transB: boolean, m: number, n: number, k: number, pad: number, alpha: number, beta: number, seed: number): GemmArgs {
  const r = rng(seed);
  const [ar, ac] = transA ? [k, m] : [m, k];
  const [br, bc] = transB ? [n, k] : [k, n];
  const lda = ac + pad, ldb = bc + 2 * pad, ldc = n + pad;
  const fill = (len: number) => F.from({ length: len }, r);
  const c = fill(Math.max(0, m * ldc));
  if (beta === 0) c.fill(NaN);
  return { transA, transB, m, n, k, alpha, a: fill(ar * lda), lda, b: fill(br * ldb), ldb, beta, c, ldc };
}

const SHAPES: readonly [number, number, number][] = [
  [1, 1, 1], [1, 2048, 64], [3, 17, 5], [SMALL_M - 1, 9, 33], [SMALL_M, 9, 33], [5, 7, 300],
  [13, 21, 7], [70, 37, 300], [64, 520, 19], [33, 4, 1], [9, 1, 260],
];

describe('ts gemm (packed, register-blocked) matches the naive GEMM', () => {
  for (const F of [Float64Array, Float32Array]) {
    const tol = F === Float64Array ? 1e-13 : 2e-6;
    it(`${F.name}: all transposes, odd shapes, strides, alpha/beta`, () => {
      let seed = 1;
      for (const [m, n, k] of SHAPES) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            for (const [alpha, beta, pad] of [[1, 0, 0], [-0.5, 1, 3], [2, 0.25, 1], [0, 2, 0]] as const) {
              const want = problem(F, transA, transB, m, n, k, pad, alpha, beta, seed);
              const got = { ...want, c: want.c.slice() };
              naiveGemm(want);
              gemm(got);
              let worst = 0;
              for (let i = 0; i < want.c.length; i++) {
                const w = want.c[i];
                worst = Math.max(worst, Math.abs(got.c[i] - w) / (1 + Math.abs(w)) / Math.max(1, Math.sqrt(k)));
                if (Number.isNaN(w) !== Number.isNaN(got.c[i])) worst = Infinity;
              }
              expect(worst, `${F.name} m=${m} n=${n} k=${k} transA=${transA} transB=${transB} alpha=${alpha} beta=${beta} pad=${pad}`).toBeLessThan(tol);
              seed++;
            }
          }
        }
      }
    });
  }

  it('leaves C outside the m x n block (the padding of ldc) untouched', () => {
    const p = problem(Float64Array, false, false, 9, 6, 5, 2, 1, 0.5, 3);
    const before = p.c.slice();
    gemm(p);
    for (let i = 0; i < 9; i++) for (let j = 6; j < 8; j++) expect(p.c[i * 8 + j]).toBe(before[i * 8 + j]);
  });

  it('the naive oracle itself matches a dot product written out by hand', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]); // 2x3
    const b = Float64Array.from([7, 8, 9, 10, 11, 12]); // 3x2
    const c = new Float64Array(4);
    naiveGemm({ transA: false, transB: false, m: 2, n: 2, k: 3, alpha: 1, a, lda: 3, b, ldb: 2, beta: 0, c, ldc: 2 });
    expect(Array.from(c)).toEqual([1 * 7 + 2 * 9 + 3 * 11, 1 * 8 + 2 * 10 + 3 * 12, 4 * 7 + 5 * 9 + 6 * 11, 4 * 8 + 5 * 10 + 6 * 12]);
  });
});

describe('ts gemm rows do not depend on the batch', () => {
  it('each row of C is bit-identical whether computed alone, in a few rows or in a blocked call', () => {
    for (const F of [Float64Array, Float32Array]) {
      for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
        const [m, n, k] = [21, 13, 300];
        const all = problem(F, transA, transB, m, n, k, 1, 0.75, 0.5, 77);
        const rows = Array.from({ length: m }, (_, i) => i);
        const alone = rows.map((i) => {
          // Row i of op(A) as a 1-row problem with the same B and the same starting C row.
          const a = new F(k);
          for (let p = 0; p < k; p++) a[p] = transA ? all.a[p * all.lda + i] : all.a[i * all.lda + p];
          const c = all.c.slice(i * all.ldc, i * all.ldc + n);
          gemm({ ...all, transA: false, m: 1, a, lda: k, c, ldc: n });
          return Array.from(c);
        });
        gemm(all);
        for (const i of rows) expect(Array.from(all.c.subarray(i * all.ldc, i * all.ldc + n)), `${F.name} ${transA} ${transB} row ${i}`).toEqual(alone[i]);
      }
    }
  });
});
