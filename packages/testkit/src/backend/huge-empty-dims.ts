/** A check of every backend's early return on empty shapes, asserted with vitest's expect. */
import { expect } from 'vitest';
import type { FloatArray } from '@recur/core';

/** The kernels called with argument objects: a Backend, or a raw export spelled as one. */
export interface ObjectKernels {
  softmaxRows(data: FloatArray, rows: number, cols: number): unknown;
  gemm(args: object): unknown;
  recurrentForward(args: object): unknown;
  recurrentBackward(args: object): unknown;
}

/**
 * Empty shapes with huge other dims (2^40) return at once, with no loop over nothing, and
 * the recurrent backward still zeroes the weight gradients it owns.
 */
export function checkHugeEmptyDims(k: ObjectKernels): void {
  const empty = new Float64Array(0);
  k.softmaxRows(empty, 2 ** 40, 0);
  k.gemm({ transA: false, transB: false, m: 2 ** 40, n: 0, k: 0, alpha: 1, a: empty, lda: 0, b: empty, ldb: 0, beta: 0, c: empty, ldc: 0 });
  const f = { cell: 'rnn', T: 2 ** 40, B: 0, X: 3, H: 4, x: empty, h0: empty, wx: new Float64Array(12), wh: new Float64Array(16), bx: new Float64Array(4), hs: empty, gates: empty };
  k.recurrentForward(f);
  const dwx = new Float64Array(12).fill(NaN);
  k.recurrentBackward({ ...f, dhs: null, dx: empty, dh0: empty, dwx, dwh: new Float64Array(16), dbx: new Float64Array(4) });
  expect(Array.from(dwx)).toEqual(new Array(12).fill(0));
}
