/**
 * The two kernel calls behind every seed function: one whole-sequence forward pass that is
 * stored for backward, and a backward pass over a window of its steps (the first T steps for
 * rnnBackward / lstmBackward, the single step t for the cell backward functions).
 *
 * The store keeps the forward's inputs; its outputs (hs, cs and the gate store, the tape)
 * live in reused buffers (scratch.ts) and belong to the last forward pass run. Backward uses
 * them when they are still its store's, and otherwise re-derives them by running the same
 * forward again (same inputs, same kernel: the same bits).
 */
import { getBackend } from '../backend/registry.ts';
import { GATE_COUNT, gateStoreWidth } from '../backend/types.ts';
import type { FloatArray } from '../tensor.ts';
import { toTimeMajor } from './layout.ts';
import { scratch } from './scratch.ts';
import type { SequenceStore } from './types.ts';

/** What one forward pass produced, time-major; valid until the next seed call. */
export interface Tape {
  readonly hs: FloatArray; // [T, B, H]
  readonly cs: FloatArray | null; // [T, B, H], lstm only
  readonly gates: FloatArray; // [T, B, gateStoreWidth]
}

let recorded: { readonly store: SequenceStore; readonly tape: Tape } | null = null;

/** Runs the forward kernel over all T steps of `store` into the reused tape buffers. */
function record(store: SequenceStore): Tape {
  const { cell, dtype, T, B, X, H, x, h0, c0, weights } = store;
  const tape = {
    hs: scratch('hs', dtype, T * B * H),
    cs: cell === 'lstm' ? scratch('cs', dtype, T * B * H) : null,
    gates: scratch('gates', dtype, T * B * gateStoreWidth(cell, H)),
  };
  // With no steps, examples or hidden units every output is empty: nothing to compute.
  if (T * B * H > 0) {
    getBackend().recurrentForward({
      cell, T, B, X, H, x, h0, c0, wx: weights.wx, wh: weights.wh, bx: weights.bx, bh: null, lengths: null, ...tape,
    });
  }
  recorded = { store, tape };
  return tape;
}

/** Runs the forward kernel and keeps its inputs for backward; the tape is for the caller to read now. */
export function runForward(inputs: SequenceStore): { store: SequenceStore; tape: Tape } {
  const store: SequenceStore = Object.freeze({ ...inputs });
  return { store, tape: record(store) };
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
 * been the whole sequence: its initial state is the state before step t0, `da` (n_a, m, T)
 * is the gradient reaching each of its hidden states from outside, `dcT` (n_a, m) (lstm)
 * the gradient reaching its last cell state (null = zero). The outputs are reused buffers,
 * valid until the next seed call: copy them out.
 */
export function runBackward(store: SequenceStore, t0: number, T: number, da: FloatArray, dcT: FloatArray | null): BackwardOutputs {
  const { cell, dtype, B, X, H } = store;
  const BH = B * H;
  const GH = GATE_COUNT[cell] * H;
  const gw = B * gateStoreWidth(cell, H);
  const tape = recorded?.store === store ? recorded.tape : record(store);
  const steps = (a: FloatArray, perStep: number): FloatArray => a.subarray(t0 * perStep, (t0 + T) * perStep);
  const before = (initial: FloatArray, states: FloatArray): FloatArray =>
    t0 === 0 ? initial : states.subarray((t0 - 1) * BH, t0 * BH);

  const out = {
    dx: scratch('dx', dtype, T * B * X),
    dh0: scratch('dh0', dtype, BH),
    dc0: cell === 'lstm' ? scratch('dc0', dtype, BH) : null,
    dwx: scratch('dwx', dtype, X * GH),
    dwh: scratch('dwh', dtype, H * GH),
    dbx: scratch('dbx', dtype, GH),
  };
  // With no steps, examples or hidden units every gradient is zero (or empty).
  if (T * B * H === 0) {
    for (const a of Object.values(out)) a?.fill(0);
    return out;
  }
  getBackend().recurrentBackward({
    cell, T, B, X, H,
    x: steps(store.x, B * X),
    h0: before(store.h0, tape.hs),
    c0: cell === 'lstm' ? before(store.c0!, tape.cs!) : null,
    wx: store.weights.wx,
    wh: store.weights.wh,
    bh: null,
    lengths: null,
    hs: steps(tape.hs, BH),
    cs: cell === 'lstm' ? steps(tape.cs!, BH) : null,
    gates: steps(tape.gates, gw),
    dhs: toTimeMajor(da, H, B, T, scratch('dhs', dtype, T * BH)),
    dhT: null,
    dcT: dcT === null ? null : toTimeMajor(dcT, H, B, 1, scratch('dcT', dtype, BH)),
    ...out,
    dbh: null,
  });
  return out;
}
