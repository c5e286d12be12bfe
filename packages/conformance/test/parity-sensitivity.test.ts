// The ts-vs-other comparisons must be able to fail: a backend that is ts with one output
// value off by a little more than the tolerance is caught, in each kernel and dtype; ts
// against itself passes. (Backend-independent: runs whether or not native is available.)
import { describe, expect, it } from 'vitest';
import { REFERENCE as tsBackend } from '../src/backends.js';
import type { Backend } from '@recur/core';
import type { FloatArray } from '@recur/core';
import { DTYPES } from '../src/describe-backends.js';
import { PARITY_TOLERANCE } from '../src/parity/agreement.js';
import { compareGemm } from '../src/parity/gemm-parity.js';
import { compareRecurrent, randomParitySpec } from '../src/parity/recurrent-parity.js';
import { mulberry32 } from '../src/parity/random-shapes.js';
import { compareSoftmaxRandom } from '../src/parity/softmax-parity.js';

/** Multiplies the last element of `a` by (1 + 3*tol); float32 rounds, so push past it. */
function nudge(a: FloatArray | null | undefined, tol: number): void {
  if (!a || a.length === 0) return;
  const i = a.length - 1;
  const v = a[i];
  a[i] = v + 3 * tol * (1 + Math.abs(v));
}

function nudged(kernel: 'gemm' | 'softmaxRows' | 'recurrentForward' | 'recurrentBackward', tol: number): Backend {
  return {
    name: `ts with ${kernel} nudged`,
    gemm: (a) => { tsBackend.gemm(a); if (kernel === 'gemm') nudge(a.c.subarray(0, (a.m - 1) * a.ldc + a.n), tol); },
    transpose: (a) => tsBackend.transpose(a),
    softmaxRows: (d, r, c) => { tsBackend.softmaxRows(d, r, c); if (kernel === 'softmaxRows') nudge(d, tol); },
    recurrentForward: (a) => { tsBackend.recurrentForward(a); if (kernel === 'recurrentForward') nudge(a.hs, tol); },
    recurrentBackward: (a) => { tsBackend.recurrentBackward(a); if (kernel === 'recurrentBackward') nudge(a.dwx, tol); },
  };
}

describe('the ts-vs-other comparisons', () => {
  for (const dtype of DTYPES) {
    const tol = PARITY_TOLERANCE[dtype];
    const spec = randomParitySpec(mulberry32(1), 'lstm', undefined, { T: 4, B: 3, X: 5, H: 6 });
    const gemm = (b: Backend) => compareGemm(b, tsBackend, dtype, true, false, { m: 5, n: 7, k: 9 }, mulberry32(2));
    const softmax = (b: Backend) => compareSoftmaxRandom(b, tsBackend, dtype, 5, 3);
    const recurrent = (b: Backend) => compareRecurrent(b, tsBackend, spec, dtype, 4);

    it(`pass for ts against itself (${dtype})`, () => {
      gemm(tsBackend);
      softmax(tsBackend);
      recurrent(tsBackend);
    });
    it(`catch one value off by 3x the tolerance (${dtype})`, () => {
      expect(() => gemm(nudged('gemm', tol))).toThrow(/gemm .*ts/);
      expect(() => softmax(nudged('softmaxRows', tol))).toThrow(/softmaxRows/);
      expect(() => recurrent(nudged('recurrentForward', tol))).toThrow(/forward hs/);
      expect(() => recurrent(nudged('recurrentBackward', tol))).toThrow(/dwx/);
    });
  }
});
