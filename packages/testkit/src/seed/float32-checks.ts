/**
 * float32 against float64 on the same inputs, for all eight seed functions, on whatever
 * backend is current: float32 in must give float32 out, within FLOAT32_AGREEMENT of the
 * float64 result in |v32 - v64| / (1 + |v64|). The inputs are rounded to float32 first, so
 * the difference measures the float32 computation alone. Not part of the public API.
 */
import { RandomState } from '@recur/core';
import type { DType, Tensor } from '@recur/core';
import { lstmCellBackward, lstmCellForward } from '@recur/core';
import { lstmBackward, lstmForward } from '@recur/core';
import { rnnCellBackward, rnnCellForward } from '@recur/core';
import { rnnBackward, rnnForward } from '@recur/core';
import { castAll, describeDims, randn, randomLstmParams, randomRnnParams, roundToFloat32 } from './random-inputs.ts';
import type { SeedDims } from './random-inputs.ts';

/** SPEC: float32 agrees with float64 to about 1e-5, scaled by 1 + |v|. */
export const FLOAT32_AGREEMENT = 1e-5;

export interface DTypeAgreementResult {
  name: string;
  ok: boolean;
  /** Worst |v32 - v64| / (1 + |v64|) over every output. */
  worst: number;
  /** Failures ('' when ok). */
  message: string;
}

/** Every output of the eight functions on one set of inputs, keyed 'function result'. */
function runAll(inputs: Record<string, Tensor>, rnn: Record<string, Tensor>, lstm: Record<string, Tensor>): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  const put = (fn: string, result: object): void => {
    for (const [k, v] of Object.entries(result)) if (k !== 'cache' && k !== 'caches') out.set(`${fn} ${k}`, v as Tensor);
  };
  const { xt, aPrev, cPrev, daNext, dcNext, x, a0, da } = inputs;
  const rp = rnn as never;
  const lp = lstm as never;
  const rc = rnnCellForward(xt, aPrev, rp);
  put('rnnCellForward', rc);
  put('rnnCellBackward', rnnCellBackward(daNext, rc.cache));
  const rs = rnnForward(x, a0, rp);
  put('rnnForward', rs);
  put('rnnBackward', rnnBackward(da, rs.caches));
  const lc = lstmCellForward(xt, aPrev, cPrev, lp);
  put('lstmCellForward', lc);
  put('lstmCellBackward', lstmCellBackward(daNext, dcNext, lc.cache));
  const ls = lstmForward(x, a0, lp);
  put('lstmForward', ls);
  put('lstmBackward', lstmBackward(da, ls.caches));
  return out;
}

export function checkFloat32Agreement(d: SeedDims, seed: number): DTypeAgreementResult {
  const rs = new RandomState(seed);
  const inputs = roundToFloat32({
    xt: randn(rs, 1, d.n_x, d.m), aPrev: randn(rs, 1, d.n_a, d.m), cPrev: randn(rs, 1, d.n_a, d.m),
    daNext: randn(rs, 1, d.n_a, d.m), dcNext: randn(rs, 1, d.n_a, d.m),
    x: randn(rs, 1, d.n_x, d.m, d.T_x), a0: randn(rs, 1, d.n_a, d.m), da: randn(rs, 1, d.n_a, d.m, d.T),
  });
  const rnn = roundToFloat32(randomRnnParams(rs, d) as unknown as Record<string, Tensor>);
  const lstm = roundToFloat32(randomLstmParams(rs, d) as unknown as Record<string, Tensor>);
  const f64 = runAll(inputs, rnn, lstm);
  const f32 = runAll(castAll(inputs, 'float32'), castAll(rnn, 'float32'), castAll(lstm, 'float32'));
  let worst = 0;
  const problems: string[] = [];
  for (const [key, want] of f64) {
    const got = f32.get(key)!;
    const dtype: DType = got.dtype;
    if (dtype !== 'float32') problems.push(`${key}: dtype ${dtype}, expected float32`);
    if (got.shape.join() !== want.shape.join()) {
      problems.push(`${key}: shape (${got.shape.join(', ')}) in float32 but (${want.shape.join(', ')}) in float64`);
      continue;
    }
    let w = 0;
    for (let i = 0; i < want.size; i++) {
      const e = Math.abs(got.data[i] - want.data[i]) / (1 + Math.abs(want.data[i]));
      w = Number.isNaN(e) ? Infinity : Math.max(w, e);
    }
    worst = Math.max(worst, w);
    if (!(w <= FLOAT32_AGREEMENT)) problems.push(`${key}: worst |v32 - v64| / (1 + |v64|) = ${w.toExponential(2)} > ${FLOAT32_AGREEMENT}`);
  }
  const name = `float32 vs float64 ${describeDims(d)}`;
  return { name, ok: problems.length === 0, worst, message: problems.map((p) => `${name}: ${p}`).join('\n') };
}
