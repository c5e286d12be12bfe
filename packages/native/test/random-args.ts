/** Seeded random kernel arguments for comparing the native backend with the ts reference. */
import { GATE_COUNT, gateStoreWidth, type CellKind, type FloatArray, type RecurrentBackwardArgs, type RecurrentForwardArgs } from '@recur/core';
import { type Dtype, alloc } from '@recur/testkit/backend/sequence-fixtures';
import { mulberry32 as rng } from '@recur/testkit/random/mulberry32';

export { type Dtype, alloc, rng };

export function random(r: () => number, dtype: Dtype, n: number, scale = 1): FloatArray {
  const out = alloc(dtype, n);
  for (let i = 0; i < n; i++) out[i] = (2 * r() - 1) * scale;
  return out;
}

export function pick<T>(r: () => number, values: readonly T[]): T {
  return values[Math.floor(r() * values.length)];
}

/** Largest |a - b| / (1 + |b|) over both arrays (same length required). */
export function maxScaledDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i]));
    if (!(d <= worst)) worst = d; // NaN propagates as the worst
  }
  return worst;
}

export interface SeqSpec {
  cell: CellKind;
  resetAfter: boolean;
  T: number;
  B: number;
  X: number;
  H: number;
  withLengths: boolean;
}

export interface SeqInputs {
  x: FloatArray;
  h0: FloatArray;
  c0: FloatArray | null;
  wx: FloatArray;
  wh: FloatArray;
  bx: FloatArray;
  bh: FloatArray;
  lengths: Int32Array | null;
}

export function makeInputs(s: SeqSpec, dtype: Dtype, seed: number): SeqInputs {
  const r = rng(seed);
  const GH = GATE_COUNT[s.cell] * s.H;
  let lengths: Int32Array | null = null;
  if (s.withLengths) {
    lengths = new Int32Array(s.B);
    for (let b = 0; b < s.B; b++) lengths[b] = Math.floor(r() * (s.T + 1));
  }
  return {
    x: random(r, dtype, s.T * s.B * s.X),
    h0: random(r, dtype, s.B * s.H, 0.8),
    c0: s.cell === 'lstm' ? random(r, dtype, s.B * s.H, 0.8) : null,
    wx: random(r, dtype, s.X * GH, 0.7),
    wh: random(r, dtype, s.H * GH, 0.7),
    bx: random(r, dtype, GH, 0.5),
    bh: random(r, dtype, GH, 0.5),
    lengths,
  };
}

/** Forward args with fresh (NaN-filled, so unwritten values show) outputs. */
export function forwardArgs(s: SeqSpec, dtype: Dtype, inp: SeqInputs): RecurrentForwardArgs {
  const n = s.T * s.B * s.H;
  return {
    cell: s.cell,
    resetAfter: s.resetAfter,
    T: s.T,
    B: s.B,
    X: s.X,
    H: s.H,
    ...inp,
    hs: alloc(dtype, n).fill(NaN),
    cs: s.cell === 'lstm' ? alloc(dtype, n).fill(NaN) : null,
    gates: alloc(dtype, s.T * s.B * gateStoreWidth(s.cell, s.H)).fill(NaN),
  };
}

/** Backward args over a finished forward call, with random upstream gradients. */
export function backwardArgs(s: SeqSpec, dtype: Dtype, fwd: RecurrentForwardArgs, seed: number): RecurrentBackwardArgs {
  const r = rng(seed);
  const GH = GATE_COUNT[s.cell] * s.H;
  const lstm = s.cell === 'lstm';
  return {
    cell: s.cell,
    resetAfter: s.resetAfter,
    T: s.T,
    B: s.B,
    X: s.X,
    H: s.H,
    x: fwd.x,
    h0: fwd.h0,
    c0: fwd.c0,
    wx: fwd.wx,
    wh: fwd.wh,
    bh: fwd.bh,
    lengths: fwd.lengths,
    hs: fwd.hs,
    cs: fwd.cs,
    gates: fwd.gates,
    dhs: random(r, dtype, s.T * s.B * s.H),
    dhT: random(r, dtype, s.B * s.H),
    dcT: lstm ? random(r, dtype, s.B * s.H) : null,
    dx: alloc(dtype, s.T * s.B * s.X).fill(NaN),
    dh0: alloc(dtype, s.B * s.H).fill(NaN),
    dc0: lstm ? alloc(dtype, s.B * s.H).fill(NaN) : null,
    dwx: alloc(dtype, s.X * GH).fill(NaN),
    dwh: alloc(dtype, s.H * GH).fill(NaN),
    dbx: alloc(dtype, GH).fill(NaN),
    dbh: alloc(dtype, GH).fill(NaN),
  };
}

/** A copy of backward args with fresh NaN-filled outputs. */
export function withFreshGradients(a: RecurrentBackwardArgs): RecurrentBackwardArgs {
  const fresh = (v: FloatArray | null | undefined) => (v ? v.slice().fill(NaN) : v);
  return { ...a, dx: fresh(a.dx)!, dh0: fresh(a.dh0)!, dc0: fresh(a.dc0), dwx: fresh(a.dwx)!, dwh: fresh(a.dwh)!, dbx: fresh(a.dbx)!, dbh: fresh(a.dbh) };
}
