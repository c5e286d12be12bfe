/**
 * The notebook's loops against the whole-sequence functions, on whatever backend is current:
 * rnn_forward / lstm_forward as a loop of cell forwards, and rnn_backward / lstm_backward as
 * a loop of cell backwards over the entries caches[t] (gradient carried in da_prev, and in
 * dc_prev for the LSTM). Both paths must agree to float64 rounding. This is what makes each
 * entry of `caches` a working cell cache. Not part of the public API.
 */
import { RandomState } from '@recur/core';
import { Tensor } from '@recur/core';
import { lstmCellBackward, lstmCellForward } from '@recur/core';
import { lstmBackward, lstmForward } from '@recur/core';
import { rnnCellBackward, rnnCellForward } from '@recur/core';
import { rnnBackward, rnnForward } from '@recur/core';
import { describeDims, randn, randomLstmParams, randomRnnParams } from './random-inputs.ts';
import type { SeedDims } from './random-inputs.ts';
import { add, setStep, step } from './steps.ts';

/** Two float64 computations of the same values, summed in different orders. */
export const LOOP_AGREEMENT = 1e-12;

function compare(where: string, what: string, got: Tensor, want: Tensor, problems: string[]): void {
  if (got.shape.join() !== want.shape.join()) {
    problems.push(`${where}: ${what} shape (${got.shape.join(', ')}) vs (${want.shape.join(', ')})`);
    return;
  }
  let worst = 0;
  for (let i = 0; i < want.size; i++) worst = Math.max(worst, Math.abs(got.data[i] - want.data[i]) / (1 + Math.abs(want.data[i])));
  if (!(worst <= LOOP_AGREEMENT)) problems.push(`${where}: ${what} differs by ${worst.toExponential(2)} > ${LOOP_AGREEMENT}`);
}

/** Problems found ([] when the loops and the sequence functions agree). */
export function checkRnnStepLoops(d: SeedDims, seed: number): string[] {
  const rs = new RandomState(seed);
  const x = randn(rs, 1, d.n_x, d.m, d.T_x);
  const a0 = randn(rs, 1, d.n_a, d.m);
  const p = randomRnnParams(rs, d);
  const da = randn(rs, 1, d.n_a, d.m, d.T);
  const where = `rnn ${describeDims(d)}`;
  const problems: string[] = [];

  const seq = rnnForward(x, a0, p);
  const a = Tensor.zeros([d.n_a, d.m, d.T_x]);
  const y = Tensor.zeros([d.n_y, d.m, d.T_x]);
  let aNext = a0;
  for (let t = 0; t < d.T_x; t++) {
    const f = rnnCellForward(step(x, t), aNext, p);
    aNext = f.aNext;
    setStep(a, t, f.aNext);
    setStep(y, t, f.yPred);
  }
  compare(where, 'cell loop a', a, seq.a, problems);
  compare(where, 'cell loop yPred', y, seq.yPred, problems);

  const want = rnnBackward(da, seq.caches);
  const dx = Tensor.zeros([d.n_x, d.m, d.T]);
  let daPrev = Tensor.zeros([d.n_a, d.m]);
  let dWax = Tensor.zeros(p.Wax.shape);
  let dWaa = Tensor.zeros(p.Waa.shape);
  let dba = Tensor.zeros(p.ba.shape);
  for (let t = d.T - 1; t >= 0; t--) {
    const g = rnnCellBackward(add(step(da, t), daPrev), seq.caches[t]);
    setStep(dx, t, g.dxt);
    daPrev = g.daPrev;
    dWax = add(dWax, g.dWax);
    dWaa = add(dWaa, g.dWaa);
    dba = add(dba, g.dba);
  }
  compare(where, 'cell loop dx', dx, want.dx, problems);
  compare(where, 'cell loop da0', daPrev, want.da0, problems);
  compare(where, 'cell loop dWax', dWax, want.dWax, problems);
  compare(where, 'cell loop dWaa', dWaa, want.dWaa, problems);
  compare(where, 'cell loop dba', dba, want.dba, problems);
  return problems;
}

export function checkLstmStepLoops(d: SeedDims, seed: number): string[] {
  const rs = new RandomState(seed);
  const x = randn(rs, 1, d.n_x, d.m, d.T_x);
  const a0 = randn(rs, 1, d.n_a, d.m);
  const p = randomLstmParams(rs, d);
  const da = randn(rs, 1, d.n_a, d.m, d.T);
  const where = `lstm ${describeDims(d)}`;
  const problems: string[] = [];

  const seq = lstmForward(x, a0, p);
  const a = Tensor.zeros([d.n_a, d.m, d.T_x]);
  const c = Tensor.zeros([d.n_a, d.m, d.T_x]);
  const y = Tensor.zeros([d.n_y, d.m, d.T_x]);
  let aNext = a0;
  let cNext = Tensor.zeros([d.n_a, d.m]); // the notebook starts from c = 0
  for (let t = 0; t < d.T_x; t++) {
    const f = lstmCellForward(step(x, t), aNext, cNext, p);
    aNext = f.aNext;
    cNext = f.cNext;
    setStep(a, t, f.aNext);
    setStep(c, t, f.cNext);
    setStep(y, t, f.yPred);
  }
  compare(where, 'cell loop a', a, seq.a, problems);
  compare(where, 'cell loop c', c, seq.c, problems);
  compare(where, 'cell loop yPred', y, seq.yPred, problems);

  const want = lstmBackward(da, seq.caches);
  const dx = Tensor.zeros([d.n_x, d.m, d.T]);
  let daPrev = Tensor.zeros([d.n_a, d.m]);
  let dcPrev = Tensor.zeros([d.n_a, d.m]); // nothing reaches the last cell state from outside
  const sums: Record<string, Tensor> = {};
  for (let t = d.T - 1; t >= 0; t--) {
    const g = lstmCellBackward(add(step(da, t), daPrev), dcPrev, seq.caches[t]);
    setStep(dx, t, g.dxt);
    daPrev = g.daPrev;
    dcPrev = g.dcPrev;
    for (const k of ['dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbi', 'dbc', 'dbo'] as const) sums[k] = sums[k] ? add(sums[k], g[k]) : g[k];
  }
  compare(where, 'cell loop dx', dx, want.dx, problems);
  compare(where, 'cell loop da0', daPrev, want.da0, problems);
  if (d.T > 0) {
    for (const k of ['dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbi', 'dbc', 'dbo'] as const) compare(where, `cell loop ${k}`, sums[k], want[k], problems);
  }
  return problems;
}
