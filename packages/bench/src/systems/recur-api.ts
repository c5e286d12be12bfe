/**
 * recur's user-facing APIs as bench work: the seed functions (lstmForward / lstmBackward on
 * (n, m, T) arrays, the softmax head included) and layer.stream().step. Each has a
 * baseline run by the 'native-base' system on the same work: the seed item as the bare
 * Backend.recurrentForward (/ recurrentBackward) call on time-major inputs, the stream item
 * as layer.forward(x[1, B, X], { h0, c0 }) carrying the state, one step per call.
 */
import { LSTM, Tensor, gateStoreWidth, lstmBackward, lstmForward, setBackend, type Backend, type RecurrentBackwardArgs, type RecurrentForwardArgs } from '@recur/core';
import type { SeedItem, StreamItem } from '../plan.js';
import { uniform, zeros, type Floats } from './fill.js';
import type { Runner } from './js-system.js';

const tensor = (data: Floats, shape: number[]) => new Tensor(data, shape);

/** Seed parameters W* (n_a, n_a + n_x), b* (n_a, 1), Wy (n_y, n_a), by (n_y, 1). */
function seedParams(it: SeedItem) {
  const { X, H, nY, dtype } = it;
  const w = (seed: number) => tensor(uniform(dtype, H * (H + X), 1 / Math.sqrt(H + X), seed), [H, H + X]);
  const b = (seed: number) => tensor(uniform(dtype, H, 0.1, seed), [H, 1]);
  return {
    Wf: w(21), bf: b(22), Wi: w(23), bi: b(24), Wc: w(25), bc: b(26), Wo: w(27), bo: b(28),
    Wy: tensor(uniform(dtype, nY * H, 1 / Math.sqrt(H), 29), [nY, H]), by: tensor(uniform(dtype, nY, 0.1, 30), [nY, 1]),
  };
}

/** The seed API on `backend` (set as current while the runner runs: the seed API uses it). */
export function seedRunner(backend: Backend, it: SeedItem): Runner {
  const { X, H, B, T, dtype } = it;
  const x = tensor(uniform(dtype, X * B * T, 1, 31), [X, B, T]);
  const a0 = tensor(uniform(dtype, H * B, 0.1, 32), [H, B]);
  const p = seedParams(it);
  const da = tensor(uniform(dtype, H * B * T, 1, 33), [H, B, T]);
  setBackend(backend);
  if (it.work === 'forward') return () => void lstmForward(x, a0, p);
  return () => void lstmBackward(da, lstmForward(x, a0, p).caches);
}

/** The kernel calls alone on the same work, inputs already time-major and packed. */
export function seedBaselineRunner(backend: Backend, it: SeedItem): Runner {
  const { X, H, B, T, dtype } = it;
  const G4 = 4 * H;
  const fwd: RecurrentForwardArgs = {
    cell: 'lstm', T, B, X, H,
    x: uniform(dtype, T * B * X, 1, 31), h0: uniform(dtype, B * H, 0.1, 32), c0: zeros(dtype, B * H),
    wx: uniform(dtype, X * G4, 1 / Math.sqrt(H + X), 34), wh: uniform(dtype, H * G4, 1 / Math.sqrt(H + X), 35), bx: uniform(dtype, G4, 0.1, 36), bh: null,
    lengths: null, hs: zeros(dtype, T * B * H), cs: zeros(dtype, T * B * H), gates: zeros(dtype, T * B * gateStoreWidth('lstm', H)),
  };
  if (it.work === 'forward') return () => backend.recurrentForward(fwd);
  const bwd: RecurrentBackwardArgs = {
    cell: 'lstm', T, B, X, H, x: fwd.x, h0: fwd.h0, c0: fwd.c0, wx: fwd.wx, wh: fwd.wh, bh: null, lengths: null,
    hs: fwd.hs, cs: fwd.cs, gates: fwd.gates, dhs: uniform(dtype, T * B * H, 1, 33), dhT: null, dcT: null,
    dx: zeros(dtype, T * B * X), dh0: zeros(dtype, B * H), dc0: zeros(dtype, B * H),
    dwx: zeros(dtype, X * G4), dwh: zeros(dtype, H * G4), dbx: zeros(dtype, G4), dbh: null,
  };
  return () => {
    backend.recurrentForward(fwd);
    backend.recurrentBackward(bwd);
  };
}

function streamLayer(it: StreamItem) {
  const dtype = it.dtype === 'f32' ? 'float32' : 'float64';
  const layer = new LSTM({ inputSize: it.X, hiddenSize: it.H, dtype, seed: 41 });
  const x = tensor(uniform(it.dtype, it.B * it.X, 1, 42), [it.B, it.X]);
  return { layer, x };
}

/** One layer.stream().step per call, the state carried. */
export function streamRunner(backend: Backend, it: StreamItem): Runner {
  setBackend(backend);
  const { layer, x } = streamLayer(it);
  const stream = layer.stream({ batchSize: it.B });
  return () => void stream.step(x);
}

/** The same step through layer.forward on [1, B, X] with the state passed back in. */
export function streamBaselineRunner(backend: Backend, it: StreamItem): Runner {
  setBackend(backend);
  const { layer, x } = streamLayer(it);
  const x3 = x.reshape([1, it.B, it.X]);
  let state = layer.forward(x3);
  return () => {
    state = layer.forward(x3, { h0: state.hN, c0: state.cN });
  };
}
