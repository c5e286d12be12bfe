/**
 * Zero sizes (m = 0, T = 0, n_x = 0, n_a = 0, n_y = 0) through all eight seed functions, on
 * whatever backend is current: every result has the notebook's shape and the input's dtype,
 * and the values that are determined anyway are right: with no hidden units y = softmax(by)
 * in every column, and with no examples, steps or hidden units every gradient is zero.
 * Not part of the public API.
 */
import { formatShape } from '@recur/core';
import { RandomState } from '@recur/core';
import type { DType, Tensor } from '@recur/core';
import { lstmCellBackward, lstmCellForward } from '@recur/core';
import { lstmBackward, lstmForward } from '@recur/core';
import { rnnCellBackward, rnnCellForward } from '@recur/core';
import { rnnBackward, rnnForward } from '@recur/core';
import { castAll, describeDims, randn, randomLstmParams, randomRnnParams } from './random-inputs.ts';
import type { SeedDims } from './random-inputs.ts';

export const EMPTY_SIZE_CASES: readonly SeedDims[] = [
  { n_x: 3, n_a: 5, n_y: 2, m: 0, T_x: 4, T: 4 },
  { n_x: 3, n_a: 5, n_y: 2, m: 4, T_x: 0, T: 0 },
  { n_x: 3, n_a: 5, n_y: 2, m: 4, T_x: 3, T: 0 },
  { n_x: 0, n_a: 5, n_y: 2, m: 4, T_x: 3, T: 3 },
  { n_x: 3, n_a: 0, n_y: 2, m: 4, T_x: 3, T: 3 },
  { n_x: 3, n_a: 5, n_y: 0, m: 4, T_x: 3, T: 3 },
  { n_x: 0, n_a: 0, n_y: 0, m: 0, T_x: 0, T: 0 },
];

/** Problems found for one case ([] when all is well). */
export function checkEmptySizes(d: SeedDims, dtype: DType = 'float64'): string[] {
  const rs = new RandomState(11);
  const v = castAll({
    xt: randn(rs, 1, d.n_x, d.m), aPrev: randn(rs, 1, d.n_a, d.m), cPrev: randn(rs, 1, d.n_a, d.m),
    daNext: randn(rs, 1, d.n_a, d.m), dcNext: randn(rs, 1, d.n_a, d.m),
    x: randn(rs, 1, d.n_x, d.m, d.T_x), a0: randn(rs, 1, d.n_a, d.m), da: randn(rs, 1, d.n_a, d.m, d.T),
  }, dtype);
  const rnn = castAll(randomRnnParams(rs, d), dtype);
  const lstm = castAll(randomLstmParams(rs, d), dtype);
  const problems: string[] = [];
  const where = `${describeDims(d)} ${dtype}`;

  const expectShape = (what: string, t: Tensor, shape: readonly number[]): void => {
    if (formatShape(t.shape) !== formatShape(shape)) problems.push(`${where}: ${what} has shape ${formatShape(t.shape)}, expected ${formatShape(shape)}`);
    if (t.dtype !== dtype) problems.push(`${where}: ${what} is ${t.dtype}, expected ${dtype}`);
  };
  const expectZeros = (what: string, t: Tensor): void => {
    if (t.data.some((x) => x !== 0)) problems.push(`${where}: ${what} should be all zeros (nothing flows back)`);
  };
  /** With n_a = 0, every column of y is softmax(by). */
  const expectSoftmaxOfBias = (what: string, y: Tensor, by: Tensor): void => {
    if (d.n_a !== 0) return;
    let max = -Infinity;
    for (const b of by.data) max = Math.max(max, b);
    let sum = 0;
    for (const b of by.data) sum += Math.exp(b - max);
    const columns = y.size / Math.max(d.n_y, 1);
    const tol = dtype === 'float64' ? 1e-15 : 1e-6;
    for (let k = 0; k < d.n_y; k++) {
      const want = Math.exp(by.data[k] - max) / sum;
      for (let c = 0; c < columns; c++) {
        if (Math.abs(y.data[k * columns + c] - want) > tol) {
          problems.push(`${where}: ${what}[${k}] should be softmax(by)[${k}] = ${want}, got ${y.data[k * columns + c]}`);
          return;
        }
      }
    }
  };
  const cellGradientsVanish = d.m * d.n_a === 0;
  const sequenceGradientsVanish = d.m * d.n_a * d.T === 0;
  const gateW = [d.n_a, d.n_a + d.n_x];
  /** Each gradient has its shape (and dtype), and is all zeros when nothing flows back. */
  const expectGradients = (fn: string, grads: object, shapes: Record<string, readonly number[]>, vanish: boolean): void => {
    for (const [k, s] of Object.entries(shapes)) {
      const t = (grads as Record<string, Tensor>)[k];
      expectShape(`${fn} ${k}`, t, s);
      if (vanish) expectZeros(`${fn} ${k}`, t);
    }
  };

  const rc = rnnCellForward(v.xt, v.aPrev, rnn);
  expectShape('rnnCellForward aNext', rc.aNext, [d.n_a, d.m]);
  expectShape('rnnCellForward yPred', rc.yPred, [d.n_y, d.m]);
  expectSoftmaxOfBias('rnnCellForward yPred', rc.yPred, rnn.by);
  const rcg = rnnCellBackward(v.daNext, rc.cache);
  const rnnGradShapes = { dWax: [d.n_a, d.n_x], dWaa: [d.n_a, d.n_a], dba: [d.n_a, 1] } as const;
  expectGradients('rnnCellBackward', rcg, { dxt: [d.n_x, d.m], daPrev: [d.n_a, d.m], ...rnnGradShapes }, cellGradientsVanish);

  const rs_ = rnnForward(v.x, v.a0, rnn);
  expectShape('rnnForward a', rs_.a, [d.n_a, d.m, d.T_x]);
  expectShape('rnnForward yPred', rs_.yPred, [d.n_y, d.m, d.T_x]);
  expectSoftmaxOfBias('rnnForward yPred', rs_.yPred, rnn.by);
  if (rs_.caches.length !== d.T_x) problems.push(`${where}: rnnForward caches has ${rs_.caches.length} entries, expected ${d.T_x}`);
  const rsg = rnnBackward(v.da, rs_.caches);
  expectGradients('rnnBackward', rsg, { dx: [d.n_x, d.m, d.T], da0: [d.n_a, d.m], ...rnnGradShapes }, sequenceGradientsVanish);

  const lstmGradShapes = {
    dWf: gateW, dWi: gateW, dWc: gateW, dWo: gateW, dbf: [d.n_a, 1], dbi: [d.n_a, 1], dbc: [d.n_a, 1], dbo: [d.n_a, 1],
  };
  const lc = lstmCellForward(v.xt, v.aPrev, v.cPrev, lstm);
  expectShape('lstmCellForward aNext', lc.aNext, [d.n_a, d.m]);
  expectShape('lstmCellForward cNext', lc.cNext, [d.n_a, d.m]);
  expectShape('lstmCellForward yPred', lc.yPred, [d.n_y, d.m]);
  expectSoftmaxOfBias('lstmCellForward yPred', lc.yPred, lstm.by);
  const lcg = lstmCellBackward(v.daNext, v.dcNext, lc.cache);
  expectGradients('lstmCellBackward', lcg, { dxt: [d.n_x, d.m], daPrev: [d.n_a, d.m], dcPrev: [d.n_a, d.m], ...lstmGradShapes }, cellGradientsVanish);

  const ls = lstmForward(v.x, v.a0, lstm);
  expectShape('lstmForward a', ls.a, [d.n_a, d.m, d.T_x]);
  expectShape('lstmForward c', ls.c, [d.n_a, d.m, d.T_x]);
  expectShape('lstmForward yPred', ls.yPred, [d.n_y, d.m, d.T_x]);
  expectSoftmaxOfBias('lstmForward yPred', ls.yPred, lstm.by);
  if (ls.caches.length !== d.T_x) problems.push(`${where}: lstmForward caches has ${ls.caches.length} entries, expected ${d.T_x}`);
  const lsg = lstmBackward(v.da, ls.caches);
  expectGradients('lstmBackward', lsg, { dx: [d.n_x, d.m, d.T], da0: [d.n_a, d.m], ...lstmGradShapes }, sequenceGradientsVanish);
  return problems;
}
