/**
 * The seed functions reuse work buffers between calls, and backward re-derives a forward
 * pass's outputs when a later call has overwritten them. This check runs the eight functions
 * twice: each backward right after its forward, and then all forwards first, other calls of
 * another shape and dtype in between, and the backwards last. Both runs must agree bit for
 * bit, and results handed out early must not change later. Not part of the public API.
 */
import {
  RandomState,
  lstmBackward,
  lstmCellBackward,
  lstmCellForward,
  lstmForward,
  rnnBackward,
  rnnCellBackward,
  rnnCellForward,
  rnnForward,
} from '@recur/core';
import type { Tensor } from '@recur/core';
import { castAll, randn, randomLstmParams, randomRnnParams } from './random-inputs.ts';
import type { SeedDims } from './random-inputs.ts';

type Step = { forward: () => object; backward: (f: never) => object };

/** The eight functions on inputs drawn from `seed`, as four forward / backward pairs. */
function pairs(d: SeedDims, seed: number, dtype: 'float32' | 'float64'): Step[] {
  const rs = new RandomState(seed);
  const v = castAll({
    x: randn(rs, 1, d.n_x, d.m, d.T_x), xt: randn(rs, 1, d.n_x, d.m), a0: randn(rs, 1, d.n_a, d.m),
    c0: randn(rs, 1, d.n_a, d.m), da: randn(rs, 1, d.n_a, d.m, d.T), dn: randn(rs, 1, d.n_a, d.m), dc: randn(rs, 1, d.n_a, d.m),
  }, dtype);
  const x = v.x.reshape([d.n_x, d.m, d.T_x]);
  const da = v.da.reshape([d.n_a, d.m, d.T]);
  const rnnP = castAll(randomRnnParams(rs, d), dtype);
  const lstmP = castAll(randomLstmParams(rs, d), dtype);
  return [
    { forward: () => rnnForward(x, v.a0, rnnP), backward: (f: ReturnType<typeof rnnForward>) => rnnBackward(da, f.caches) },
    { forward: () => lstmForward(x, v.a0, lstmP), backward: (f: ReturnType<typeof lstmForward>) => lstmBackward(da, f.caches) },
    { forward: () => rnnCellForward(v.xt, v.a0, rnnP), backward: (f: ReturnType<typeof rnnCellForward>) => rnnCellBackward(v.dn, f.cache) },
    {
      forward: () => lstmCellForward(v.xt, v.a0, v.c0, lstmP),
      backward: (f: ReturnType<typeof lstmCellForward>) => lstmCellBackward(v.dn, v.dc, f.cache),
    },
  ] as Step[];
}

/** Every tensor of a result object as a plain copy of its values. */
function values(result: object): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [k, t] of Object.entries(result)) if (typeof t === 'object' && t !== null && 'data' in t) out[k] = Array.from((t as Tensor).data);
  return out;
}

/** `label.key` for each tensor of `got` whose values are not bit for bit those of `want`. */
function differing(label: string, got: object, want: Record<string, number[]>): string[] {
  const g = values(got);
  return Object.keys(want).filter((k) => g[k].length !== want[k].length || want[k].some((w, i) => !Object.is(w, g[k][i]))).map((k) => `${label}.${k}`);
}

/** [] when the interleaved run equals the back-to-back one, else the differing results. */
export function checkInterleavedCalls(d: SeedDims, other: SeedDims, seed: number, dtype: 'float32' | 'float64'): string[] {
  const names = ['rnn', 'lstm', 'rnnCell', 'lstmCell'];
  const want = pairs(d, seed, dtype).map((p) => {
    const f = p.forward();
    return { forward: values(f), backward: values(p.backward(f as never)) };
  });
  const steps = pairs(d, seed, dtype);
  const forwards = steps.map((p) => p.forward());
  // Calls in between, on other values of the same shape and on another shape in both
  // dtypes, overwrite every reused buffer.
  [pairs(other, seed + 2, 'float32'), pairs(other, seed + 3, 'float64')].flat().forEach((p) => p.backward(p.forward() as never));
  const sameShape = pairs(d, seed + 1, dtype);
  const wrong = steps.flatMap((p, i) => {
    sameShape[i].forward(); // the very call before this backward: same function and sizes, other values
    return differing(`${names[i]}Backward`, p.backward(forwards[i] as never), want[i].backward);
  });
  return [...wrong, ...forwards.flatMap((f, i) => differing(`${names[i]}Forward`, f, want[i].forward))];
}
