/**
 * Backend-agnostic checks of recurrentForward / recurrentBackward, asserted with vitest's
 * expect. Oracles: central finite differences of the forward pass, running an example alone,
 * and the backend's own float64 result for its float32 path.
 */
import { expect } from 'vitest';
import type { FloatArray } from '@recur/core';
import type { Backend } from '@recur/core';
import { GATE_COUNT, gateStoreWidth } from '@recur/core';
import {
  INPUT_NAMES, type InputName, type OutputGrads, type SeqInputs, type SeqSpec, cast, describeSpec,
  finalStates, linearLoss, makeInputs, makeOutputGrads, runBackward, runForward,
} from './sequence-fixtures.ts';
import { naiveRecurrentForward } from './naive-recurrent.ts';

/** |a - b| / max(|a|, |b|, 1): relative for large values, absolute below 1. */
export function mixedError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1);
}

/** Asserts every element of `actual` is within `tol` of `expected` by mixedError (tol 0: equal). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = Number.isNaN(actual[i]) || Number.isNaN(expected[i]) ? Infinity : mixedError(actual[i], expected[i]);
    if (e > worst) {
      worst = e;
      at = i;
    }
  }
  expect(worst, `${what}: worst error at [${at}]: ${actual[at]} vs ${expected[at]}`).toBeLessThanOrEqual(tol);
}

/**
 * Forward against the naive per-unit oracle: hs, cs, and the `gates` store (as types.ts
 * documents it) at every step that ran. Every output value must be written (the outputs
 * start as NaN), including gates at carried steps, whose content is otherwise free.
 */
export function checkForwardMatchesNaive(backend: Backend, spec: SeqSpec, seed: number): void {
  const tag = describeSpec(spec);
  const inputs = makeInputs(spec, seed);
  const fwd = runForward(backend, spec, inputs, 'float64');
  const want = naiveRecurrentForward(spec, inputs);
  expectClose(fwd.hs, want.hs, 1e-12, `${tag}: hs vs naive`);
  if (want.cs) expectClose(fwd.cs!, want.cs, 1e-12, `${tag}: cs vs naive`);
  expect(fwd.gates.some(Number.isNaN), `${tag}: gates left unwritten`).toBe(false);
  const { T, B } = spec;
  const S = want.gates.length / Math.max(1, T * B);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      if (!want.active(t, b)) continue;
      const at = (t * B + b) * S;
      expectClose(fwd.gates.subarray(at, at + S), want.gates.subarray(at, at + S), 1e-12, `${tag}: gates[${t}][${b}] vs naive`);
    }
  }
}

/**
 * Saturated gates: pre-activations of order ±1e3 (sigmoid's and tanh's exp would overflow
 * if computed naively) give finite states in range and finite gradients.
 */
export function checkSaturatedGates(backend: Backend, spec: SeqSpec, seed: number): void {
  const tag = describeSpec(spec);
  const raw = makeInputs(spec, seed);
  const big = (a: Float64Array): Float64Array => a.map((v) => v * 1e3);
  const inputs: SeqInputs = { ...raw, wx: big(raw.wx), wh: big(raw.wh), bx: big(raw.bx) };
  const grads = makeOutputGrads(spec, seed + 1);
  for (const dtype of ['float64', 'float32'] as const) {
    const fwd = runForward(backend, spec, inputs, dtype);
    for (const v of fwd.hs) expect(Math.abs(v), `${tag} ${dtype}: |h| <= 1`).toBeLessThanOrEqual(1);
    if (fwd.cs) expect(fwd.cs.every(Number.isFinite), `${tag} ${dtype}: finite cs`).toBe(true);
    expect(fwd.gates.every(Number.isFinite), `${tag} ${dtype}: finite gates`).toBe(true);
    const d = runBackward(backend, spec, inputs, fwd, grads, dtype);
    for (const name of INPUT_NAMES) if (d[name]) expect(d[name]!.every(Number.isFinite), `${tag} ${dtype}: finite d${name}`).toBe(true);
  }
}

/**
 * The optional arguments: c0 = null and bh = null mean zeros; dhs / dhT / dcT = null mean
 * zero gradients; dc0 = null and dbh = null are simply not written.
 */
export function checkNullOptionals(backend: Backend, spec: SeqSpec, seed: number): void {
  const tag = describeSpec(spec);
  const { cell, T, B, X, H } = spec;
  const GH = GATE_COUNT[cell] * H;
  const inputs = makeInputs(spec, seed);
  const zeroed: SeqInputs = { ...inputs, c0: inputs.c0 ? new Float64Array(B * H) : null, bh: new Float64Array(GH) };
  const want = runForward(backend, spec, zeroed, 'float64');
  const hs = new Float64Array(T * B * H);
  const cs = cell === 'lstm' ? new Float64Array(T * B * H) : null;
  const gates = new Float64Array(T * B * gateStoreWidth(cell, H));
  const common = { ...spec, x: inputs.x, h0: inputs.h0, wx: inputs.wx, wh: inputs.wh, lengths: spec.lengths ?? null };
  backend.recurrentForward({ ...common, bx: inputs.bx, c0: null, bh: null, hs, cs, gates });
  expectClose(hs, want.hs, 0, `${tag}: hs with c0 = bh = null`);
  if (cs) expectClose(cs, want.cs!, 0, `${tag}: cs with c0 = bh = null`);

  const grads = makeOutputGrads(spec, seed + 1);
  const dWant = runBackward(backend, spec, zeroed, want, { dhs: null, dhT: grads.dhT, dcT: null }, 'float64');
  const d = { dx: new Float64Array(T * B * X), dh0: new Float64Array(B * H), dwx: new Float64Array(X * GH), dwh: new Float64Array(H * GH), dbx: new Float64Array(GH) };
  backend.recurrentBackward({
    ...common, c0: null, bh: null, hs, cs, gates, dhs: null, dhT: grads.dhT, dcT: null, ...d, dc0: null, dbh: null,
  });
  expectClose(d.dx, dWant.x!, 0, `${tag}: dx with null optionals`);
  expectClose(d.dh0, dWant.h0!, 0, `${tag}: dh0 with null optionals`);
  expectClose(d.dwx, dWant.wx!, 0, `${tag}: dwx with null optionals`);
  expectClose(d.dwh, dWant.wh!, 0, `${tag}: dwh with null optionals`);
  expectClose(d.dbx, dWant.bx!, 0, `${tag}: dbx with null optionals`);
}

function withPerturbed(inputs: SeqInputs, name: InputName, index: number, delta: number): SeqInputs {
  const copy = { ...inputs };
  const arr = Float64Array.from(inputs[name]!);
  arr[index] += delta;
  copy[name] = arr;
  return copy;
}

/**
 * Checks recurrentBackward against central differences of L = sum(R1*hs) + sum(R2*h_T) +
 * sum(R3*c_T) for every value of every input (x, h0, c0, wx, wh, bx, bh), in float64.
 */
export function checkRecurrentGradients(backend: Backend, spec: SeqSpec, seed: number, withOutputGrads = true): void {
  const inputs = makeInputs(spec, seed);
  const grads: OutputGrads = withOutputGrads ? makeOutputGrads(spec, seed + 1) : { dhs: null, dhT: makeOutputGrads(spec, seed + 1).dhT, dcT: null };
  const fwd = runForward(backend, spec, inputs, 'float64');
  const analytic = runBackward(backend, spec, inputs, fwd, grads, 'float64');
  const eps = 1e-5;
  const loss = (inp: SeqInputs): number => linearLoss(spec, inp, runForward(backend, spec, inp, 'float64'), grads);
  for (const name of INPUT_NAMES) {
    const base = inputs[name];
    if (!base) continue;
    const got = analytic[name]!;
    const numeric = new Float64Array(base.length);
    for (let i = 0; i < base.length; i++) {
      numeric[i] = (loss(withPerturbed(inputs, name, i, eps)) - loss(withPerturbed(inputs, name, i, -eps))) / (2 * eps);
    }
    expectClose(got, numeric, 1e-6, `${describeSpec(spec)}: d${name}`);
  }
}

function row(data: FloatArray, t: number, b: number, B: number, H: number): FloatArray {
  return data.subarray((t * B + b) * H, (t * B + b + 1) * H);
}

/** Copies example b of a [T, B, W] array (first `steps` steps) into a [steps, 1, W] array. */
function takeExample(data: ArrayLike<number>, b: number, steps: number, B: number, W: number): Float64Array {
  const out = new Float64Array(steps * W);
  for (let t = 0; t < steps; t++) {
    for (let j = 0; j < W; j++) out[t * W + j] = data[(t * B + b) * W + j];
  }
  return out;
}

/**
 * Lengths semantics: past its length an example's state is carried unchanged and its input
 * gets no gradient; up to its length it matches running that example alone with T = length
 * (backward: with dhT' = dhT + the dhs of the carried steps).
 */
export function checkLengthsSemantics(backend: Backend, spec: SeqSpec, seed: number): void {
  const { T, B, X, H, cell } = spec;
  const lengths = spec.lengths!;
  const inputs = makeInputs(spec, seed);
  const grads = makeOutputGrads(spec, seed + 1);
  const fwd = runForward(backend, spec, inputs, 'float64');
  const d = runBackward(backend, spec, inputs, fwd, grads, 'float64');
  for (let b = 0; b < B; b++) {
    const len = lengths[b];
    const tag = `${describeSpec(spec)}: example ${b} (length ${len})`;
    // Carried steps repeat the last state exactly, and their inputs get no gradient.
    for (let t = len; t < T; t++) {
      const prevH = t === 0 ? inputs.h0.subarray(b * H, (b + 1) * H) : row(fwd.hs, t - 1, b, B, H);
      expect(Array.from(row(fwd.hs, t, b, B, H)), `${tag}: hs[${t}] carried`).toEqual(Array.from(prevH));
      if (fwd.cs) {
        const prevC = t === 0 ? inputs.c0!.subarray(b * H, (b + 1) * H) : row(fwd.cs, t - 1, b, B, H);
        expect(Array.from(row(fwd.cs, t, b, B, H)), `${tag}: cs[${t}] carried`).toEqual(Array.from(prevC));
      }
      expect(Array.from(row(d.x!, t, b, B, X)), `${tag}: dx[${t}] is zero`).toEqual(new Array(X).fill(0));
    }
    // The example alone, run for its own length.
    const one: SeqSpec = { ...spec, T: len, B: 1, lengths: null };
    const alone: SeqInputs = {
      ...inputs,
      x: takeExample(inputs.x, b, len, B, X),
      h0: inputs.h0.slice(b * H, (b + 1) * H),
      c0: inputs.c0 ? inputs.c0.slice(b * H, (b + 1) * H) : null,
    };
    const dhTAlone = grads.dhT!.slice(b * H, (b + 1) * H);
    for (let t = len; t < T; t++) for (let j = 0; j < H; j++) dhTAlone[j] += grads.dhs![(t * B + b) * H + j];
    const aloneGrads: OutputGrads = {
      dhs: takeExample(grads.dhs!, b, len, B, H),
      dhT: dhTAlone,
      dcT: grads.dcT ? grads.dcT.slice(b * H, (b + 1) * H) : null,
    };
    const fwdAlone = runForward(backend, one, alone, 'float64');
    expectClose(takeExample(fwd.hs, b, len, B, H), fwdAlone.hs, 1e-12, `${tag}: hs vs alone`);
    if (fwd.cs) expectClose(takeExample(fwd.cs, b, len, B, H), fwdAlone.cs!, 1e-12, `${tag}: cs vs alone`);
    const finAlone = finalStates(one, alone, fwdAlone);
    const fin = finalStates(spec, inputs, fwd);
    expectClose(fin.h.subarray(b * H, (b + 1) * H), finAlone.h, 1e-12, `${tag}: final h vs alone`);
    const dAlone = runBackward(backend, one, alone, fwdAlone, aloneGrads, 'float64');
    expectClose(takeExample(d.x!, b, len, B, X), dAlone.x!, 1e-12, `${tag}: dx vs alone`);
    expectClose(d.h0!.subarray(b * H, (b + 1) * H), dAlone.h0!, 1e-12, `${tag}: dh0 vs alone`);
    if (d.c0) expectClose(d.c0.subarray(b * H, (b + 1) * H), dAlone.c0!, 1e-12, `${tag}: dc0 vs alone`);
  }
  // Weight gradients are the sums of the examples' gradients: checked by the gradient checks.
}

/** float32 inputs give float32 outputs that agree with float64 on the same (rounded) inputs. */
export function checkFloat32MatchesFloat64(backend: Backend, spec: SeqSpec, seed: number): void {
  const raw = makeInputs(spec, seed);
  const round = (a: Float64Array | null): Float64Array | null => (a ? Float64Array.from(cast(a, 'float32')) : null);
  const inputs: SeqInputs = {
    x: round(raw.x)!, h0: round(raw.h0)!, c0: round(raw.c0), wx: round(raw.wx)!,
    wh: round(raw.wh)!, bx: round(raw.bx)!, bh: round(raw.bh)!,
  };
  const g = makeOutputGrads(spec, seed + 1);
  const grads: OutputGrads = { dhs: round(g.dhs), dhT: round(g.dhT), dcT: round(g.dcT) };
  const tag = describeSpec(spec);
  const f64 = runForward(backend, spec, inputs, 'float64');
  const f32 = runForward(backend, spec, inputs, 'float32');
  expect(f32.hs, `${tag}: hs dtype`).toBeInstanceOf(Float32Array);
  expectClose(f32.hs, f64.hs, 1e-5, `${tag}: float32 hs`);
  if (f64.cs) expectClose(f32.cs!, f64.cs, 1e-5, `${tag}: float32 cs`);
  const d64 = runBackward(backend, spec, inputs, f64, grads, 'float64');
  // Backward in float32 from the float32 forward, as a float32 model would run it.
  const d32 = runBackward(backend, spec, inputs, f32, grads, 'float32');
  for (const name of INPUT_NAMES) {
    if (!d64[name]) continue;
    expect(d32[name], `${tag}: d${name} dtype`).toBeInstanceOf(Float32Array);
    expectClose(d32[name]!, d64[name]!, 1e-5, `${tag}: float32 d${name}`);
  }
}

/** Throws a RangeError naming `lengths` for lengths out of 0..T or of the wrong count. */
export function checkLengthsValidation(backend: Backend, spec: SeqSpec): void {
  const inputs = makeInputs(spec, 7);
  const { T, B } = spec;
  const bad = [Int32Array.from({ length: B }, (_, i) => (i === 0 ? -1 : 0)), Int32Array.from({ length: B }, (_, i) => (i === B - 1 ? T + 1 : T)), new Int32Array(B + 1)];
  for (const lengths of bad) {
    const s: SeqSpec = { ...spec, lengths };
    expect(() => runForward(backend, s, inputs, 'float64'), `forward lengths=[${lengths.join(',')}]`).toThrow(RangeError);
    expect(() => runForward(backend, s, inputs, 'float64'), `forward lengths=[${lengths.join(',')}]`).toThrow(/lengths/);
    const fwd = runForward(backend, spec, inputs, 'float64');
    const grads = makeOutputGrads(spec, 8);
    expect(() => runBackward(backend, s, inputs, fwd, grads, 'float64'), `backward lengths=[${lengths.join(',')}]`).toThrow(/lengths/);
  }
}

/**
 * Empty shapes: every output is written (no NaN left from the prefill) and equals what the
 * definitions give: T = 0 passes dhT / dcT to dh0 / dc0 and zeros the weight gradients;
 * B = 0 zeros the weight gradients; X = 0 behaves as X = 1 with x = 0; H = 0 zeros dx.
 */
export function checkEmptyShapes(backend: Backend, spec: SeqSpec): void {
  const tag = describeSpec(spec);
  const inputs = makeInputs(spec, 11);
  const grads = makeOutputGrads(spec, 12);
  const fwd = runForward(backend, spec, inputs, 'float64');
  const d = runBackward(backend, spec, inputs, fwd, grads, 'float64');
  const all = [fwd.hs, fwd.cs, fwd.gates, ...INPUT_NAMES.map((n) => d[n])];
  for (const a of all) if (a) expect(a.some(Number.isNaN), `${tag}: NaN left in an output`).toBe(false);
  const zeros = (a: FloatArray | null, what: string): void => {
    if (a) expect(Array.from(a), `${tag}: ${what}`).toEqual(new Array(a.length).fill(0));
  };
  if (spec.T === 0 || spec.B === 0) {
    for (const n of ['wx', 'wh', 'bx', 'bh'] as const) zeros(d[n], `d${n} is zero`);
  }
  if (spec.T === 0) {
    expect(Array.from(d.h0!), `${tag}: dh0 = dhT`).toEqual(Array.from(grads.dhT!));
    if (d.c0) expect(Array.from(d.c0), `${tag}: dc0 = dcT`).toEqual(Array.from(grads.dcT!));
    const noGrads = runBackward(backend, spec, inputs, fwd, { dhs: null, dhT: null, dcT: null }, 'float64');
    zeros(noGrads.h0, 'dh0 is zero without dhT');
    zeros(noGrads.c0, 'dc0 is zero without dcT');
  }
  if (spec.H === 0) zeros(d.x, 'dx is zero');
  if (spec.X === 0) {
    const one: SeqSpec = { ...spec, X: 1 };
    const withZeroX: SeqInputs = { ...inputs, x: new Float64Array(spec.T * spec.B), wx: makeInputs(one, 13).wx };
    const ref = runForward(backend, one, withZeroX, 'float64');
    expectClose(fwd.hs, ref.hs, 1e-15, `${tag}: hs as with X=1, x=0`);
    const dRef = runBackward(backend, one, withZeroX, ref, grads, 'float64');
    for (const n of ['h0', 'c0', 'wh', 'bx', 'bh'] as const) if (d[n]) expectClose(d[n]!, dRef[n]!, 1e-15, `${tag}: d${n} as with X=1, x=0`);
  }
}
