/**
 * recurrentForward / recurrentBackward on a backend against ts on identical inputs, for one
 * SeqSpec in one dtype:
 * - forward: hs, cs, and the gates store at every step that ran (t < lengths[b]; what a
 *   backend stores at carried steps is its own business);
 * - backward from the *same* forward results (ts's), so a difference is the backward's;
 * - and the whole chain, the backend's backward on its own forward results, as a model runs.
 * Inputs: weights scaled like Glorot (1/sqrt(fan-in)) so deep sequences stay in the range
 * real models work in; optional arguments (c0, bh, dhs, dhT, dcT, dc0, dbh) randomly null.
 */
import { type Dtype, cast, filled } from '@recur/testkit/backend/sequence-fixtures';
import type { FloatArray } from '@recur/core';
import type { Backend, CellKind, RecurrentBackwardArgs, RecurrentForwardArgs } from '@recur/core';
import { GATE_COUNT, gateStoreWidth } from '@recur/core';
import { expectAgreement } from './agreement.js';
import { type Rng, SMALL_SIZES, between, mulberry32, pick } from './random-shapes.js';

export interface ParitySpec {
  cell: CellKind;
  resetAfter?: boolean;
  T: number;
  B: number;
  X: number;
  H: number;
  lengths: Int32Array | null;
  /** Which optional arguments are passed as null. */
  nulls: { c0: boolean; bh: boolean; dhs: boolean; dhT: boolean; dcT: boolean; dc0: boolean; dbh: boolean };
}

export function describeParitySpec(s: ParitySpec): string {
  const ra = s.cell === 'gru' ? ` resetAfter=${s.resetAfter}` : '';
  const len = s.lengths ? ` lengths=[${[...s.lengths].join(',')}]` : '';
  const nulls = Object.entries(s.nulls).filter(([k, v]) => v && (s.cell === 'lstm' || !['c0', 'dcT', 'dc0'].includes(k))).map(([k]) => k);
  return `${s.cell}${ra} T=${s.T} B=${s.B} X=${s.X} H=${s.H}${len}${nulls.length ? ` null: ${nulls.join(',')}` : ''}`;
}

/** Random lengths in 0..T with 0 and T both present when B >= 2, or null. */
function randomLengths(rng: Rng, T: number, B: number): Int32Array | null {
  if (rng() < 0.4) return null;
  const l = Int32Array.from({ length: B }, () => between(rng, 0, T));
  if (B >= 2) {
    l[0] = T;
    l[B - 1] = 0;
  }
  return l;
}

export function randomParitySpec(rng: Rng, cell: CellKind, resetAfter: boolean | undefined, dims?: { T: number; B: number; X: number; H: number }): ParitySpec {
  const d = dims ?? { T: pick(rng, SMALL_SIZES), B: pick(rng, SMALL_SIZES), X: pick(rng, SMALL_SIZES), H: pick(rng, SMALL_SIZES) };
  const coin = (): boolean => rng() < 0.25;
  return {
    cell, resetAfter, ...d,
    lengths: randomLengths(rng, d.T, d.B),
    nulls: { c0: coin(), bh: coin(), dhs: coin(), dhT: coin(), dcT: coin(), dc0: coin(), dbh: coin() },
  };
}

interface Inputs {
  x: Float64Array;
  h0: Float64Array;
  c0: Float64Array | null;
  wx: Float64Array;
  wh: Float64Array;
  bx: Float64Array;
  bh: Float64Array | null;
  dhs: Float64Array | null;
  dhT: Float64Array | null;
  dcT: Float64Array | null;
}

function uniform(rng: Rng, n: number, scale: number): Float64Array {
  return Float64Array.from({ length: n }, () => (2 * rng() - 1) * scale);
}

function makeInputs(s: ParitySpec, rng: Rng): Inputs {
  const { T, B, X, H } = s;
  const GH = GATE_COUNT[s.cell] * H;
  const lstm = s.cell === 'lstm';
  return {
    x: uniform(rng, T * B * X, 1),
    h0: uniform(rng, B * H, 0.8),
    c0: lstm && !s.nulls.c0 ? uniform(rng, B * H, 0.8) : null,
    wx: uniform(rng, X * GH, 1 / Math.sqrt(Math.max(X, 1))),
    wh: uniform(rng, H * GH, 1 / Math.sqrt(Math.max(H, 1))),
    bx: uniform(rng, GH, 0.5),
    bh: s.nulls.bh ? null : uniform(rng, GH, 0.5),
    dhs: s.nulls.dhs ? null : uniform(rng, T * B * H, 1),
    dhT: s.nulls.dhT ? null : uniform(rng, B * H, 1),
    dcT: lstm && !s.nulls.dcT ? uniform(rng, B * H, 1) : null,
  };
}

const castOrNull = (a: Float64Array | null, dtype: Dtype): FloatArray | null => (a ? cast(a, dtype) : null);

interface Forward {
  hs: FloatArray;
  cs: FloatArray | null;
  gates: FloatArray;
}

function forward(backend: Backend, s: ParitySpec, inp: Inputs, dtype: Dtype): Forward {
  const { T, B, X, H, cell } = s;
  const out: Forward = {
    hs: filled(dtype, T * B * H, NaN),
    cs: cell === 'lstm' ? filled(dtype, T * B * H, NaN) : null,
    gates: filled(dtype, T * B * gateStoreWidth(cell, H), NaN),
  };
  const args: RecurrentForwardArgs = {
    cell, resetAfter: s.resetAfter, T, B, X, H,
    x: cast(inp.x, dtype), h0: cast(inp.h0, dtype), c0: castOrNull(inp.c0, dtype),
    wx: cast(inp.wx, dtype), wh: cast(inp.wh, dtype), bx: cast(inp.bx, dtype), bh: castOrNull(inp.bh, dtype),
    lengths: s.lengths, hs: out.hs, cs: out.cs, gates: out.gates,
  };
  backend.recurrentForward(args);
  return out;
}

type Grads = Record<'dx' | 'dh0' | 'dc0' | 'dwx' | 'dwh' | 'dbx' | 'dbh', FloatArray | null>;

function backward(backend: Backend, s: ParitySpec, inp: Inputs, fwd: Forward, dtype: Dtype): Grads {
  const { T, B, X, H, cell } = s;
  const GH = GATE_COUNT[cell] * H;
  const g: Grads = {
    dx: filled(dtype, T * B * X, NaN),
    dh0: filled(dtype, B * H, NaN),
    dc0: cell === 'lstm' && !s.nulls.dc0 ? filled(dtype, B * H, NaN) : null,
    dwx: filled(dtype, X * GH, NaN),
    dwh: filled(dtype, H * GH, NaN),
    dbx: filled(dtype, GH, NaN),
    dbh: s.nulls.dbh ? null : filled(dtype, GH, NaN),
  };
  const args: RecurrentBackwardArgs = {
    cell, resetAfter: s.resetAfter, T, B, X, H,
    x: cast(inp.x, dtype), h0: cast(inp.h0, dtype), c0: castOrNull(inp.c0, dtype),
    wx: cast(inp.wx, dtype), wh: cast(inp.wh, dtype), bh: castOrNull(inp.bh, dtype), lengths: s.lengths,
    // Copies, so whatever one backend does to its arguments cannot reach the other's call.
    hs: fwd.hs.slice(), cs: fwd.cs ? fwd.cs.slice() : null, gates: fwd.gates.slice(),
    dhs: castOrNull(inp.dhs, dtype), dhT: castOrNull(inp.dhT, dtype), dcT: castOrNull(inp.dcT, dtype),
    dx: g.dx!, dh0: g.dh0!, dc0: g.dc0, dwx: g.dwx!, dwh: g.dwh!, dbx: g.dbx!, dbh: g.dbh,
  };
  backend.recurrentBackward(args);
  return g;
}

/** True at the [T, B, W] positions of steps that ran (every position without lengths). */
function activeSteps(s: ParitySpec, W: number): (i: number) => boolean {
  const { B, lengths } = s;
  if (!lengths || W === 0) return () => true;
  return (i) => {
    const row = Math.floor(i / W);
    return Math.floor(row / B) < lengths[row % B];
  };
}

function compareGrads(got: Grads, want: Grads, dtype: Dtype, what: string): void {
  for (const key of Object.keys(want) as (keyof Grads)[]) {
    if (want[key] === null) continue;
    expectAgreement(got[key]!, want[key]!, dtype, `${what}: ${key}`);
  }
}

/** One spec in one dtype: forward, isolated backward and the chained pass. */
export function compareRecurrent(other: Backend, ts: Backend, s: ParitySpec, dtype: Dtype, seed: number): void {
  const inp = makeInputs(s, mulberry32(seed));
  const tag = `${describeParitySpec(s)} ${dtype}`;
  const fTs = forward(ts, s, inp, dtype);
  const fOther = forward(other, s, inp, dtype);
  expectAgreement(fOther.hs, fTs.hs, dtype, `${tag}: forward hs`);
  if (fTs.cs) expectAgreement(fOther.cs!, fTs.cs, dtype, `${tag}: forward cs`);
  const W = gateStoreWidth(s.cell, s.H);
  expectAgreement(fOther.gates, fTs.gates, dtype, `${tag}: forward gates (steps that ran)`, activeSteps(s, W));

  const gTs = backward(ts, s, inp, fTs, dtype);
  compareGrads(backward(other, s, inp, fTs, dtype), gTs, dtype, `${tag}: backward from the ts forward results`);
  compareGrads(backward(other, s, inp, fOther, dtype), gTs, dtype, `${tag}: forward + backward chained`);
}
