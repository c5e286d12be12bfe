/**
 * Random inputs and one-call runners for the whole-sequence kernels, shared by the kernel
 * checks of every backend. Backend-agnostic: everything goes through the Backend interface.
 */
import type { FloatArray } from '@recur/core';
import type { Backend, CellKind, GateActivation, RnnActivation } from '@recur/core';
import { GATE_COUNT, gateStoreWidth } from '@recur/core';
import { mulberry32 } from '../random/mulberry32.ts';

/** n values uniform in [-scale, scale). */
export function uniform(rng: () => number, n: number, scale: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng() - 1) * scale;
  return out;
}

export type Dtype = 'float32' | 'float64';

export function alloc(dtype: Dtype, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

export function cast(data: ArrayLike<number>, dtype: Dtype): FloatArray {
  const out = alloc(dtype, data.length);
  out.set(data as ArrayLike<number>);
  return out;
}

export function filled(dtype: Dtype, n: number, value: number): FloatArray {
  return alloc(dtype, n).fill(value);
}

export interface SeqSpec {
  cell: CellKind;
  resetAfter?: boolean;
  activation?: RnnActivation;
  recurrentActivation?: GateActivation;
  T: number;
  B: number;
  X: number;
  H: number;
  lengths?: Int32Array | null;
}

/** The inputs of a forward call (float64; cast for float32 runs). */
export interface SeqInputs {
  x: Float64Array;
  h0: Float64Array;
  c0: Float64Array | null;
  wx: Float64Array;
  wh: Float64Array;
  bx: Float64Array;
  bh: Float64Array;
}

export type InputName = keyof SeqInputs;
export const INPUT_NAMES: readonly InputName[] = ['x', 'h0', 'c0', 'wx', 'wh', 'bx', 'bh'];

export function makeInputs(spec: SeqSpec, seed: number): SeqInputs {
  const rng = mulberry32(seed);
  const { T, B, X, H } = spec;
  const GH = GATE_COUNT[spec.cell] * H;
  return {
    x: uniform(rng, T * B * X, 1),
    h0: uniform(rng, B * H, 0.8),
    c0: spec.cell === 'lstm' ? uniform(rng, B * H, 0.8) : null,
    wx: uniform(rng, X * GH, 0.7),
    wh: uniform(rng, H * GH, 0.7),
    bx: uniform(rng, GH, 0.5),
    bh: uniform(rng, GH, 0.5),
  };
}

export interface ForwardResult {
  hs: FloatArray;
  cs: FloatArray | null;
  gates: FloatArray;
}

/** Runs recurrentForward with outputs prefilled with NaN, so unwritten values show. */
export function runForward(backend: Backend, spec: SeqSpec, inputs: SeqInputs, dtype: Dtype): ForwardResult {
  const { cell, T, B, H } = spec;
  const isLstm = cell === 'lstm';
  const out: ForwardResult = {
    hs: filled(dtype, T * B * H, NaN),
    cs: isLstm ? filled(dtype, T * B * H, NaN) : null,
    gates: filled(dtype, T * B * gateStoreWidth(cell, H), NaN),
  };
  backend.recurrentForward({
    ...spec,
    x: cast(inputs.x, dtype),
    h0: cast(inputs.h0, dtype),
    c0: inputs.c0 ? cast(inputs.c0, dtype) : null,
    wx: cast(inputs.wx, dtype),
    wh: cast(inputs.wh, dtype),
    bx: cast(inputs.bx, dtype),
    bh: cast(inputs.bh, dtype),
    lengths: spec.lengths ?? null,
    hs: out.hs,
    cs: out.cs,
    gates: out.gates,
  });
  return out;
}

/** Upstream gradients: dL/dhs, dL/dh_final, dL/dc_final. */
export interface OutputGrads {
  dhs: Float64Array | null;
  dhT: Float64Array | null;
  dcT: Float64Array | null;
}

export type InputGrads = Record<InputName, FloatArray | null>;

/** Runs recurrentBackward (outputs prefilled with NaN) and returns the input gradients. */
export function runBackward(
  backend: Backend, spec: SeqSpec, inputs: SeqInputs, fwd: ForwardResult, grads: OutputGrads, dtype: Dtype,
): InputGrads {
  const { cell, T, B, X, H } = spec;
  const GH = GATE_COUNT[cell] * H;
  const d: InputGrads = {
    x: filled(dtype, T * B * X, NaN),
    h0: filled(dtype, B * H, NaN),
    c0: cell === 'lstm' ? filled(dtype, B * H, NaN) : null,
    wx: filled(dtype, X * GH, NaN),
    wh: filled(dtype, H * GH, NaN),
    bx: filled(dtype, GH, NaN),
    bh: filled(dtype, GH, NaN),
  };
  backend.recurrentBackward({
    ...spec,
    x: cast(inputs.x, dtype),
    h0: cast(inputs.h0, dtype),
    c0: inputs.c0 ? cast(inputs.c0, dtype) : null,
    wx: cast(inputs.wx, dtype),
    wh: cast(inputs.wh, dtype),
    bh: cast(inputs.bh, dtype),
    lengths: spec.lengths ?? null,
    hs: fwd.hs,
    cs: fwd.cs,
    gates: fwd.gates,
    dhs: grads.dhs ? cast(grads.dhs, dtype) : null,
    dhT: grads.dhT ? cast(grads.dhT, dtype) : null,
    dcT: cell === 'lstm' && grads.dcT ? cast(grads.dcT, dtype) : null,
    dx: d.x!,
    dh0: d.h0!,
    dc0: d.c0,
    dwx: d.wx!,
    dwh: d.wh!,
    dbx: d.bx!,
    dbh: d.bh,
  });
  return d;
}

/** Final states: hs[T-1] and cs[T-1], or h0 / c0 when T = 0. */
export function finalStates(spec: SeqSpec, inputs: SeqInputs, fwd: ForwardResult): { h: FloatArray; c: FloatArray | null } {
  const { T, B, H } = spec;
  const BH = B * H;
  if (T === 0) return { h: inputs.h0, c: inputs.c0 };
  return {
    h: fwd.hs.subarray((T - 1) * BH, T * BH),
    c: fwd.cs ? fwd.cs.subarray((T - 1) * BH, T * BH) : null,
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number> | null): number {
  if (!b) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** L = sum(dhs*hs) + sum(dhT*h_final) + sum(dcT*c_final): its gradients are exactly `grads`. */
export function linearLoss(spec: SeqSpec, inputs: SeqInputs, fwd: ForwardResult, grads: OutputGrads): number {
  const fin = finalStates(spec, inputs, fwd);
  let loss = 0;
  if (grads.dhs) loss += dot(fwd.hs, grads.dhs);
  if (grads.dhT) loss += dot(fin.h, grads.dhT);
  if (grads.dcT && fin.c) loss += dot(fin.c, grads.dcT);
  return loss;
}

export function makeOutputGrads(spec: SeqSpec, seed: number): OutputGrads {
  const rng = mulberry32(seed);
  const { T, B, H } = spec;
  return {
    dhs: uniform(rng, T * B * H, 1),
    dhT: uniform(rng, B * H, 1),
    dcT: spec.cell === 'lstm' ? uniform(rng, B * H, 1) : null,
  };
}

export function describeSpec(spec: SeqSpec): string {
  const ra = spec.cell === 'gru' ? ` resetAfter=${spec.resetAfter ?? false}` : '';
  const len = spec.lengths ? ` lengths=[${[...spec.lengths].join(',')}]` : '';
  const act = spec.activation ? ` activation=${spec.activation}` : '';
  const ract = spec.recurrentActivation ? ` recurrentActivation=${spec.recurrentActivation}` : '';
  return `${spec.cell}${ra}${act}${ract} T=${spec.T} B=${spec.B} X=${spec.X} H=${spec.H}${len}`;
}
