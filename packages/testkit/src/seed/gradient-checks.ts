/**
 * Finite-difference checks of the four backward functions, on whatever backend is current.
 * Each draws float64 inputs for the given sizes, takes the loss
 *   L = sum(da ⊙ a) (+ sum(dc ⊙ c_next) for the LSTM cell),
 * whose gradients are exactly what the backward function computes from da (and dc), and
 * compares every returned gradient with central differences of L through the forward
 * function. Returns results instead of asserting (usable from vitest, the conformance
 * package and scripts). Not part of @recur/core's public API.
 */
import { RandomState } from '@recur/core';
import type { Tensor } from '@recur/core';
import { lstmCellBackward, lstmCellForward } from '@recur/core';
import { lstmBackward, lstmForward } from '@recur/core';
import { rnnCellBackward, rnnCellForward } from '@recur/core';
import { rnnBackward, rnnForward } from '@recur/core';
import { dotAll, gradientError, numericGradient } from './finite-difference.ts';
import type { GradientError } from './finite-difference.ts';
import { checkShapes, describeDims, randn, randomLstmParams, randomRnnParams } from './random-inputs.ts';
import type { SeedDims } from './random-inputs.ts';
import { firstSteps, padSteps } from './steps.ts';

/** The bar of every float64 gradient check (both error measures). */
export const GRADIENT_TOLERANCE = 1e-6;

export interface GradientCheckResult {
  name: string;
  ok: boolean;
  /** One row per gradient: its name and both error measures. */
  gradients: (GradientError & { name: string })[];
  /** Readable report of the failing gradients ('' when ok). */
  message: string;
}

/** [gradient name, analytic gradient, the tensor it is the gradient with respect to]. */
type Entry = readonly [string, Tensor, Tensor];

function compareGradients(name: string, entries: readonly Entry[], loss: () => number): GradientCheckResult {
  const gradients = entries.map(([gName, analytic, wrt]) => {
    const sameShape = analytic.shape.join() === wrt.shape.join();
    const error = sameShape ? gradientError(analytic.data, numericGradient(wrt, loss)) : { relative: Infinity, elementwise: Infinity };
    return { name: gName, ...error };
  });
  const bad = gradients.filter((g) => !(g.relative < GRADIENT_TOLERANCE && g.elementwise < GRADIENT_TOLERANCE));
  const message = bad
    .map((g) => `${name}: ${g.name} relative error ${g.relative.toExponential(2)}, elementwise ${g.elementwise.toExponential(2)} (bar ${GRADIENT_TOLERANCE})`)
    .join('\n');
  return { name, ok: bad.length === 0, gradients, message };
}

export function checkRnnCellGradients(d: SeedDims, seed: number): GradientCheckResult {
  const rs = new RandomState(seed);
  const xt = randn(rs, 1, d.n_x, d.m);
  const aPrev = randn(rs, 1, d.n_a, d.m);
  const p = randomRnnParams(rs, d);
  const daNext = randn(rs, 1, d.n_a, d.m);
  const g = rnnCellBackward(daNext, rnnCellForward(xt, aPrev, p).cache);
  const loss = (): number => dotAll(daNext, rnnCellForward(xt, aPrev, p).aNext);
  return compareGradients(`rnnCellBackward ${describeDims(d)}`, [
    ['dxt', g.dxt, xt], ['daPrev', g.daPrev, aPrev], ['dWax', g.dWax, p.Wax], ['dWaa', g.dWaa, p.Waa], ['dba', g.dba, p.ba],
  ], loss);
}

/** da has d.T <= d.T_x steps: dx is compared padded with zeros (later steps cannot matter). */
export function checkRnnGradients(d: SeedDims, seed: number): GradientCheckResult {
  const rs = new RandomState(seed);
  const x = randn(rs, 1, d.n_x, d.m, d.T_x);
  const a0 = randn(rs, 1, d.n_a, d.m);
  const p = randomRnnParams(rs, d);
  const da = randn(rs, 1, d.n_a, d.m, d.T);
  const g = rnnBackward(da, rnnForward(x, a0, p).caches);
  const loss = (): number => dotAll(da, firstSteps(rnnForward(x, a0, p).a, d.T));
  return compareGradients(`rnnBackward ${describeDims(d)}`, [
    ['dx', padSteps(g.dx, d.T_x), x], ['da0', g.da0, a0], ['dWax', g.dWax, p.Wax], ['dWaa', g.dWaa, p.Waa], ['dba', g.dba, p.ba],
  ], loss);
}

export function checkLstmCellGradients(d: SeedDims, seed: number): GradientCheckResult {
  const rs = new RandomState(seed);
  const xt = randn(rs, 1, d.n_x, d.m);
  const aPrev = randn(rs, 1, d.n_a, d.m);
  const cPrev = randn(rs, 1, d.n_a, d.m);
  const p = randomLstmParams(rs, d);
  const daNext = randn(rs, 1, d.n_a, d.m);
  const dcNext = randn(rs, 1, d.n_a, d.m);
  const g = lstmCellBackward(daNext, dcNext, lstmCellForward(xt, aPrev, cPrev, p).cache);
  const loss = (): number => {
    const f = lstmCellForward(xt, aPrev, cPrev, p);
    return dotAll(daNext, f.aNext) + dotAll(dcNext, f.cNext);
  };
  return compareGradients(`lstmCellBackward ${describeDims(d)}`, [
    ['dxt', g.dxt, xt], ['daPrev', g.daPrev, aPrev], ['dcPrev', g.dcPrev, cPrev],
    ['dWf', g.dWf, p.Wf], ['dWi', g.dWi, p.Wi], ['dWc', g.dWc, p.Wc], ['dWo', g.dWo, p.Wo],
    ['dbf', g.dbf, p.bf], ['dbi', g.dbi, p.bi], ['dbc', g.dbc, p.bc], ['dbo', g.dbo, p.bo],
  ], loss);
}

/** Full BPTT: through a and c between steps; da has d.T <= d.T_x steps. */
export function checkLstmGradients(d: SeedDims, seed: number): GradientCheckResult {
  const rs = new RandomState(seed);
  const x = randn(rs, 1, d.n_x, d.m, d.T_x);
  const a0 = randn(rs, 1, d.n_a, d.m);
  const p = randomLstmParams(rs, d);
  const da = randn(rs, 1, d.n_a, d.m, d.T);
  const g = lstmBackward(da, lstmForward(x, a0, p).caches);
  const loss = (): number => dotAll(da, firstSteps(lstmForward(x, a0, p).a, d.T));
  return compareGradients(`lstmBackward ${describeDims(d)}`, [
    ['dx', padSteps(g.dx, d.T_x), x], ['da0', g.da0, a0],
    ['dWf', g.dWf, p.Wf], ['dWi', g.dWi, p.Wi], ['dWc', g.dWc, p.Wc], ['dWo', g.dWo, p.Wo],
    ['dbf', g.dbf, p.bf], ['dbi', g.dbi, p.bi], ['dbc', g.dbc, p.bc], ['dbo', g.dbo, p.bo],
  ], loss);
}

/** The four seed backward functions, each with the check of its gradients. */
export const SEED_GRADIENT_CHECKS = [
  ['rnnCellBackward', checkRnnCellGradients],
  ['rnnBackward', checkRnnGradients],
  ['lstmCellBackward (with dcNext)', checkLstmCellGradients],
  ['lstmBackward (full BPTT)', checkLstmGradients],
] as const;

/** checkShapes() and zero-size axes too (n_x = 0, n_y = 0): the gradients that exist must still be right. */
export function gradientCheckShapes(): SeedDims[] {
  return [
    ...checkShapes(),
    { n_x: 0, n_a: 3, n_y: 2, m: 3, T_x: 3, T: 3 },
    { n_x: 3, n_a: 3, n_y: 0, m: 3, T_x: 3, T: 2 },
  ];
}
