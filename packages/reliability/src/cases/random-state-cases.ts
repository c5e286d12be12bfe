/**
 * Fuzz cases for RandomState: the constructor's seed, and every sampling method with valid,
 * empty, huge and invalid dimensions. Results are checked against properties that hold for
 * any seed: shapes, ranges, and that a second generator with the same seed repeats them.
 */
import { RandomState, Tensor } from '@recur/core';
import fc from 'fast-check';
import { hugeDim, invalidDim, smallDim } from '../arbitraries/shapes.js';
import { sometimes, type SpecOf } from '../arbitraries/values.js';
import type { FuzzCase } from '../fuzz-case.js';

const METHODS = ['randn', 'rand', 'uniform', 'randint', 'nextDouble', 'nextUint32', 'standardNormal'] as const;
type Method = (typeof METHODS)[number];

const BAD_SEEDS: readonly unknown[] = [-1, 2 ** 32, 1.5, NaN, Infinity, '7', null, undefined, 7n, {}];

export const randomStateSpec = fc.record({
  seed: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 0xffffffff }), weight: 6 }, fc.constantFrom(0, 0xffffffff)),
  badSeed: sometimes(fc.record({ value: fc.constantFrom(...BAD_SEEDS) }), 8),
  method: fc.constantFrom(...METHODS),
  dims: fc.array(fc.oneof({ arbitrary: smallDim, weight: 10 }, { arbitrary: hugeDim, weight: 1 }), { maxLength: 4 }),
  badDim: sometimes(fc.record({ at: fc.nat(), dim: invalidDim }), 6),
  low: fc.oneof({ arbitrary: fc.integer({ min: -1000, max: 1000 }), weight: 6 }, fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 1.5, -(2 ** 53), 2 ** 53, 'a', undefined, -1e308)),
  high: fc.oneof({ arbitrary: fc.integer({ min: -1000, max: 1000 }), weight: 6 }, fc.constantFrom<unknown>(NaN, Infinity, 1.5, 2 ** 32, 2 ** 33, 2 ** 53, 'b', undefined, 1e308)),
  calls: fc.integer({ min: 1, max: 3 }),
});

function size(dims: readonly number[]): number {
  return dims.reduce((a, d) => a * d, 1);
}

/** Calls `method` `calls` times on a fresh generator; returns every result. */
function draw(s: SpecOf<typeof randomStateSpec>, dims: unknown[]): unknown[] {
  const rs = new RandomState((s.badSeed ? s.badSeed.value : s.seed) as number);
  const out: unknown[] = [];
  for (let k = 0; k < s.calls; k++) {
    const m: Method = s.method;
    switch (m) {
      case 'randn': out.push(rs.randn(...(dims as number[]))); break;
      case 'rand': out.push(rs.rand(...(dims as number[]))); break;
      case 'uniform': out.push(rs.uniform(s.low as number, s.high as number, ...(dims as number[]))); break;
      case 'randint': out.push(s.high === undefined ? rs.randint(s.low as number) : rs.randint(s.low as number, s.high as number)); break;
      default: out.push(rs[m]());
    }
  }
  return out;
}

function inRange(values: ArrayLike<number>, lo: number, hi: number, integer: boolean): string | null {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v < hi) || (integer && !Number.isInteger(v))) return `value ${v} is outside [${lo}, ${hi})${integer ? ' or not an integer' : ''}`;
  }
  return null;
}

export function randomStateCase(s: SpecOf<typeof randomStateSpec>): FuzzCase {
  const huge = s.dims.filter((d) => d > 1e6).length;
  const dims: unknown[] = huge === 1 ? [...s.dims, 0] : [...s.dims];
  if (s.badDim) dims.splice(s.badDim.at % (dims.length + 1), 0, s.badDim.dim);
  const shaped = s.method === 'randn' || s.method === 'rand' || s.method === 'uniform';
  const dimsOk = !s.badDim && size(dims as number[]) < 2 ** 20;
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const uniformOk = num(s.low) && num(s.high) && Number.isFinite((s.high as number) - (s.low as number));
  const [lo, hi] = s.high === undefined ? [0, s.low as number] : [s.low as number, s.high as number];
  const randintOk = Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && lo < hi && hi - lo <= 2 ** 32;
  const valid = !s.badSeed && (!shaped || dimsOk) && (s.method !== 'uniform' || uniformOk) && (s.method !== 'randint' || randintOk);
  return {
    valid,
    dtype: 'float64',
    run: () => draw(s, dims),
    expect: (v) => {
      const results = v as unknown[];
      const again = draw(s, dims);
      for (let k = 0; k < results.length; k++) {
        const r = results[k];
        const a = again[k];
        if (r instanceof Tensor) {
          if (!(a instanceof Tensor) || a.data.some((x, i) => !Object.is(x, r.data[i]))) return `call ${k}: the same seed gave other values`;
          if (r.dtype !== 'float64' || r.shape.length !== dims.length || r.shape.some((d, i) => d !== dims[i])) return `call ${k}: shape (${r.shape.join(', ')}), expected (${dims.join(', ')})`;
          if (s.method === 'rand') { const w = inRange(r.data, 0, 1, false); if (w) return w; }
          if (s.method === 'uniform') {
            const [l, h] = [s.low as number, s.high as number];
            const w = l <= h ? inRange(r.data, l, h === l ? h + 1 : h, false) : inRange(r.data.map((x) => -x), -l, -h, false);
            if (w) return `uniform(${l}, ${h}): ${w}`;
          }
          if (s.method === 'randn' && r.data.some((x) => !Number.isFinite(x))) return 'randn gave a non-finite value';
        } else {
          if (!Object.is(r, a)) return `call ${k}: the same seed gave ${String(r)} then ${String(a)}`;
          const x = r as number;
          if (s.method === 'randint') { const w = inRange([x], lo, hi, true); if (w) return `randint: ${w}`; }
          if (s.method === 'nextDouble') { const w = inRange([x], 0, 1, false); if (w) return w; }
          if (s.method === 'nextUint32') { const w = inRange([x], 0, 2 ** 32, true); if (w) return w; }
          if (s.method === 'standardNormal' && !Number.isFinite(x)) return 'standardNormal gave a non-finite value';
        }
      }
      return null;
    },
  };
}
