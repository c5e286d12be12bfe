/**
 * The simd128 exp / sigmoid / tanh (the gate passes' vectorised math, run inside the module)
 * against a float64 reference on a dense sweep, within the error bounds recur-kernels
 * documents for every path (crates/kernels/src/recurrent/activations.rs): f32 against f64
 * arithmetic, f64 against JavaScript's Math (fdlibm, within an ulp). Saturation is exact
 * and NaN propagates.
 */
import { describe, expect, it } from 'vitest';
import { initWasm, wasmMachine } from '../src/index.ts';

await initWasm();
const raw = wasmMachine()!.exports;

const KINDS = { exp: 0, sigmoid: 1, tanh: 2 } as const;
type Kind = keyof typeof KINDS;
const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const TRUTH: Record<Kind, (x: number) => number> = { exp: Math.exp, sigmoid, tanh: Math.tanh };
/** (abs, rel) per function: f32, f64. */
const BOUNDS: Record<Kind, [[number, number], [number, number]]> = {
  sigmoid: [[1.0e-7, 2.0e-7], [2.5e-16, 5.0e-16]],
  tanh: [[1.0e-7, 1.6e-7], [2.5e-16, 4.0e-16]],
  exp: [[Infinity, 1.0e-7], [Infinity, 2.5e-16]],
};

/** Every 2^-12 of [-40, 40], ±(1 + m/8)·2^e over the type's exponents, ±0. */
function sweep(f64: boolean): Float64Array {
  const xs: number[] = [];
  for (let k = -40 * 4096; k <= 40 * 4096; k++) xs.push(k / 4096);
  const [emin, emax] = f64 ? [-1074, 1023] : [-149, 127];
  for (let e = emin; e <= emax; e++) for (let m = 0; m < 8; m++) xs.push((1 + m / 8) * 2 ** e, -(1 + m / 8) * 2 ** e);
  xs.push(0, -0);
  return Float64Array.from(xs);
}

function run(kind: Kind, input: Float32Array | Float64Array): Float32Array | Float64Array {
  const f64 = input instanceof Float64Array;
  const bytes = input.byteLength;
  const ptr = raw.recur_alloc(bytes);
  const Ctor = f64 ? Float64Array : Float32Array;
  new Ctor(raw.memory.buffer, ptr, input.length).set(input);
  const status = (f64 ? raw.recur_activation_f64 : raw.recur_activation_f32)(KINDS[kind], ptr, input.length);
  expect(status).toBe(0);
  const out = new Ctor(raw.memory.buffer, ptr, input.length).slice();
  raw.recur_free(ptr, bytes);
  return out;
}

const MIN_NORMAL = { f32: 2 ** -126, f64: 2 ** -1022 };

describe('simd128 activations stay within the documented error bounds', () => {
  for (const dtype of ['f32', 'f64'] as const) {
    for (const kind of Object.keys(KINDS) as Kind[]) {
      it(`${kind} ${dtype}`, () => {
        const f64 = dtype === 'f64';
        const xs64 = sweep(f64);
        const xs = f64 ? xs64 : Float32Array.from(xs64);
        const got = run(kind, xs);
        const [absB, relB] = BOUNDS[kind][f64 ? 1 : 0];
        let maxAbs = 0;
        let maxRel = 0;
        for (let i = 0; i < xs.length; i++) {
          const x = xs[i];
          const want = TRUTH[kind](x);
          const wantT = f64 ? want : Math.fround(want);
          if (!Number.isFinite(wantT)) {
            expect(got[i], `${kind}(${x}) overflows`).toBe(wantT);
            continue;
          }
          if (Math.abs(wantT) < MIN_NORMAL[dtype]) {
            // A subnormal result has fewer bits: only the absolute bound applies.
            if (absB !== Infinity) expect(Math.abs(got[i] - want), `${kind}(${x})`).toBeLessThanOrEqual(absB);
            continue;
          }
          const abs = Math.abs(got[i] - want);
          maxAbs = Math.max(maxAbs, abs);
          maxRel = Math.max(maxRel, abs / Math.abs(want));
        }
        if (absB !== Infinity) expect(maxAbs, `max abs error of ${kind} ${dtype}`).toBeLessThanOrEqual(absB);
        expect(maxRel, `max rel error of ${kind} ${dtype}`).toBeLessThanOrEqual(relB);
      });
    }
    it(`limits and NaN (${dtype})`, () => {
      const Ctor = dtype === 'f64' ? Float64Array : Float32Array;
      const xs = Ctor.from([Infinity, -Infinity, 1e30, -1e30, NaN]);
      expect(Array.from(run('sigmoid', xs))).toEqual([1, 0, 1, 0, NaN]);
      expect(Array.from(run('tanh', xs))).toEqual([1, -1, 1, -1, NaN]);
      expect(Array.from(run('exp', xs))).toEqual([Infinity, 0, Infinity, 0, NaN]);
    });
  }
});
