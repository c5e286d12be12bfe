/**
 * The two kernel calls behind every seed function: one whole-sequence forward pass that is
 * stored for backward, and a backward pass over a window of its steps (the first T steps for
 * rnnBackward / lstmBackward, the single step t for the cell backward functions).
 */
import { getBackend } from '../backend/registry.ts';
import { GATE_COUNT, gateStoreWidth } from '../backend/types.ts';
import { allocate } from '../tensor.ts';
import type { DType, FloatArray } from '../tensor.ts';
import type { PackedWeights, SequenceStore } from './types.ts';

export interface ForwardInputs {
  readonly cell: 'rnn' | 'lstm';
  readonly dtype: DType;
  readonly T: number;
  readonly B: number;
  readonly X: number;
  readonly H: number;
  readonly x: FloatArray; // [T, B, X]
  readonly h0: FloatArray; // [B, H]
  readonly c0: FloatArray | null; // [B, H], lstm only
  readonly weights: PackedWeights;
}

/** Runs the forward kernel over all T steps and keeps what backward needs. */
export function runForward(inputs: ForwardInputs): SequenceStore {
  const { cell, dtype, T, B, X, H, x, h0, c0, weights } = inputs;
  const hs = allocate(dtype, T * B * H);
  const cs = cell === 'lstm' ? allocate(dtype, T * B * H) : null;
  const gates = allocate(dtype, T * B * gateStoreWidth(cell, H));
  // With no steps, examples or hidden units every output is empty: nothing to compute.
  if (T * B * H > 0) {
    getBackend().recurrentForward({
      cell, T, B, X, H, x, h0, c0, wx: weights.wx, wh: weights.wh, bx: weights.bx, bh: null, lengths: null, hs, cs, gates,
    });
  }
  return Object.freeze({ cell, dtype, T, B, X, H, x, h0, c0, hs, cs, gates, weights });
}

export interface BackwardOutputs {
  readonly dx: FloatArray; // [T, B, X]
  readonly dh0: FloatArray; // [B, H]
  readonly dc0: FloatArray | null; // [B, H], lstm only
  readonly dwx: FloatArray;
  readonly dwh: FloatArray;
  readonly dbx: FloatArray;
}

/**
 * Backpropagation through steps t0 .. t0+T-1 of a stored forward pass, as if that window had
 * been the whole sequence: its initial state is the state before step t0, `dhs` [T, B, H] is
 * the gradient reaching each of its hidden states from outside, `dcT` [B, H] (lstm) the
 * gradient reaching its last cell state (null = zero).
 */
export function runBackward(store: SequenceStore, t0: number, T: number, dhs: FloatArray, dcT: FloatArray | null): BackwardOutputs {
  const { cell, dtype, B, X, H } = store;
  const BH = B * H;
  const GH = GATE_COUNT[cell] * H;
  const gw = B * gateStoreWidth(cell, H);
  const steps = (a: FloatArray, perStep: number): FloatArray => a.subarray(t0 * perStep, (t0 + T) * perStep);
  const before = (initial: FloatArray, states: FloatArray): FloatArray =>
    t0 === 0 ? initial : states.subarray((t0 - 1) * BH, t0 * BH);

  const out = {
    dx: allocate(dtype, T * B * X),
    dh0: allocate(dtype, BH),
    dc0: cell === 'lstm' ? allocate(dtype, BH) : null,
    dwx: allocate(dtype, X * GH),
    dwh: allocate(dtype, H * GH),
    dbx: allocate(dtype, GH),
  };
  // With no steps, examples or hidden units every gradient is zero (or empty).
  if (T * B * H > 0) {
    getBackend().recurrentBackward({
      cell, T, B, X, H,
      x: steps(store.x, B * X),
      h0: before(store.h0, store.hs),
      c0: cell === 'lstm' ? before(store.c0!, store.cs!) : null,
      wx: store.weights.wx,
      wh: store.weights.wh,
      bh: null,
      lengths: null,
      hs: steps(store.hs, BH),
      cs: cell === 'lstm' ? steps(store.cs!, BH) : null,
      gates: steps(store.gates, gw),
      dhs,
      dhT: null,
      dcT,
      ...out,
      dbh: null,
    });
  }
  return out;
}
