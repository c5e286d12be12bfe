// An empty array may have one huge axis (n_x = 2**31 with m = 0, T = 2**31 with B = 0).
// Such a call is valid and computes nothing, so it must return at once with correctly
// shaped results, not loop over the huge axis (vitest's timeout is the bound; no timing).
import { describe, expect, it } from 'vitest';
import { tsBackend } from './backend/ts/index.ts';
import { Dense } from './layers/dense.ts';
import { GRU } from './layers/gru.ts';
import { LSTM } from './layers/lstm.ts';
import { mse } from './losses/mse.ts';
import { lstmCellBackward, lstmCellForward } from './seed/lstm-cell.ts';
import { lstmBackward, lstmForward } from './seed/lstm-sequence.ts';
import { rnnCellBackward, rnnCellForward } from './seed/rnn-cell.ts';
import { rnnBackward, rnnForward } from './seed/rnn-sequence.ts';
import { Tensor } from './tensor.ts';

const HUGE = 2 ** 31;
const z = (...shape: number[]): Tensor => Tensor.zeros(shape);
const shapes = (r: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v instanceof Tensor).map(([k, v]) => [k, (v as Tensor).shape]));

function rnnParams(nx: number, na: number, ny: number) {
  return { Wax: z(na, nx), Waa: z(na, na), ba: z(na, 1), Wya: z(ny, na), by: z(ny, 1) };
}
function lstmParams(nx: number, na: number, ny: number) {
  const W = () => z(na, na + nx);
  const b = () => z(na, 1);
  return { Wf: W(), bf: b(), Wi: W(), bi: b(), Wc: W(), bc: b(), Wo: W(), bo: b(), Wy: z(ny, na), by: z(ny, 1) };
}

describe('seed functions with one huge size and every other size 0', () => {
  for (const label of ['nx', 'm', 'T', 'ny'] as const) {
    const s = { nx: 0, m: 0, T: 0, ny: 0, [label]: HUGE };
    const { nx, m, T, ny } = s;
    it(`RNN, ${label} = 2**31`, () => {
      const cell = rnnCellForward(z(nx, m), z(0, m), rnnParams(nx, 0, ny));
      expect(shapes(cell)).toEqual({ aNext: [0, m], yPred: [ny, m] });
      expect(shapes(rnnCellBackward(z(0, m), cell.cache))).toEqual({ dxt: [nx, m], daPrev: [0, m], dWax: [0, nx], dWaa: [0, 0], dba: [0, 1] });
      const seq = rnnForward(z(nx, m, T), z(0, m), rnnParams(nx, 0, ny));
      expect(shapes(seq)).toEqual({ a: [0, m, T], yPred: [ny, m, T] });
      expect(seq.caches.length).toBe(T);
      expect(shapes(rnnBackward(z(0, m, T), seq.caches))).toEqual({ dx: [nx, m, T], da0: [0, m], dWax: [0, nx], dWaa: [0, 0], dba: [0, 1] });
    });
    it(`LSTM, ${label} = 2**31`, () => {
      const cell = lstmCellForward(z(nx, m), z(0, m), z(0, m), lstmParams(nx, 0, ny));
      expect(shapes(cell)).toEqual({ aNext: [0, m], cNext: [0, m], yPred: [ny, m] });
      expect(shapes(lstmCellBackward(z(0, m), z(0, m), cell.cache)).dWf).toEqual([0, nx]);
      const seq = lstmForward(z(nx, m, T), z(0, m), lstmParams(nx, 0, ny));
      expect(shapes(seq)).toEqual({ a: [0, m, T], c: [0, m, T], yPred: [ny, m, T] });
      const g = shapes(lstmBackward(z(0, m, T), seq.caches));
      expect([g.dx, g.da0, g.dWo, g.dbo]).toEqual([[nx, m, T], [0, m], [0, nx], [0, 1]]);
    });
  }

  it('with n_a = 0 but m > 0, yPred is softmax(by) at every position', () => {
    const by = Tensor.from([[1], [2], [3]]);
    const { yPred } = rnnForward(z(0, 2, 4), z(0, 2), { ...rnnParams(0, 0, 3), by });
    const e = [1, 2, 3].map(Math.exp);
    const sum = e[0] + e[1] + e[2];
    for (let k = 0; k < 3; k++) for (let b = 0; b < 2; b++) for (let t = 0; t < 4; t++) expect(yPred.get(k, b, t)).toBeCloseTo(e[k] / sum, 15);
  });
});

describe('the sequence caches are made lazily', () => {
  it('T = 2**31 caches hold 2**31 entries, each made when read and then kept', () => {
    const { caches } = rnnForward(z(0, 0, HUGE), z(0, 0), rnnParams(0, 0, 0));
    expect(Array.isArray(caches)).toBe(true);
    expect(caches.length).toBe(HUGE);
    expect(caches[HUGE - 1]).toBe(caches[HUGE - 1]);
    expect(HUGE - 1 in caches).toBe(true);
    expect(caches[HUGE]).toBeUndefined();
    // An entry is a cell cache of that step.
    expect(shapes(rnnCellBackward(z(0, 0), caches[HUGE - 1]))).toMatchObject({ dxt: [0, 0], daPrev: [0, 0] });
  });

  it('small caches behave like a read-only array of their entries', () => {
    const { caches } = rnnForward(z(3, 2, 4), z(5, 2), rnnParams(3, 5, 2));
    expect([...caches].length).toBe(4);
    expect(Object.keys(caches)).toEqual(['0', '1', '2', '3']);
    expect(caches.map((c) => c === caches[caches.indexOf(c)])).toEqual([true, true, true, true]);
    expect(() => {
      (caches as unknown as unknown[])[0] = null;
    }).toThrow(TypeError);
    expect(() => {
      (caches as unknown as unknown[]).push(null);
    }).toThrow(TypeError);
    expect(caches[0]).not.toBeNull();
  });
});

describe('layers, losses and the ts kernels', () => {
  it('LSTM / GRU layers with T = 2**31 and B = 0: forward and backward, bidirectional, lengths', () => {
    for (const layer of [new LSTM({ inputSize: 3, hiddenSize: 2, numLayers: 2, bidirectional: true, returnSequences: true, seed: 1 }), new GRU({ inputSize: 3, hiddenSize: 2, seed: 1 })]) {
      const f = layer.forward(z(HUGE, 0, 3), { lengths: new Int32Array(0) });
      const width = (layer.config.bidirectional ? 2 : 1) * 2;
      expect(f.output.shape).toEqual(layer.config.returnSequences ? [HUGE, 0, width] : [0, width]);
      const b = layer.backward(f.ctx, Tensor.zeros(f.output.shape));
      expect(b.dx.shape).toEqual([HUGE, 0, 3]);
    }
  });

  it('Dense with 2**31 rows of 0 features, mse with 2**31 positions of 0 features', () => {
    const dense = new Dense({ inputSize: 0, outputSize: 0 });
    const { output, ctx } = dense.forward(z(HUGE, 0));
    expect(output.shape).toEqual([HUGE, 0]);
    expect(dense.backward(ctx, z(HUGE, 0)).dx.shape).toEqual([HUGE, 0]);
    expect(mse(z(HUGE, 0), z(HUGE, 0))).toMatchObject({ loss: 0, count: HUGE });
  });

  it('the ts kernels with B*H = 0 and T = 2**31 skip the steps; weight gradients come out 0', () => {
    const T = HUGE;
    const f64 = (n: number, v = 0) => new Float64Array(n).fill(v);
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const G = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
      // B = 0, H = 2, X = 3: nothing flows, gradients of the weights are 0 (NaN-filled on entry).
      const base = { cell, T, B: 0, X: 3, H: 2, x: f64(0), h0: f64(0), c0: cell === 'lstm' ? f64(0) : null, wx: f64(3 * G * 2), wh: f64(2 * G * 2), bh: null, lengths: null, hs: f64(0), cs: cell === 'lstm' ? f64(0) : null, gates: f64(0) };
      tsBackend.recurrentForward({ ...base, bx: f64(G * 2) });
      const out = { dx: f64(0), dh0: f64(0), dc0: cell === 'lstm' ? f64(0) : null, dwx: f64(3 * G * 2, NaN), dwh: f64(2 * G * 2, NaN), dbx: f64(G * 2, NaN), dbh: null };
      tsBackend.recurrentBackward({ ...base, dhs: null, dhT: f64(0), dcT: null, ...out });
      for (const k of ['dwx', 'dwh', 'dbx'] as const) expect([...out[k]], `${cell} ${k}`).toEqual(new Array(out[k].length).fill(0));
    }
  });
});
