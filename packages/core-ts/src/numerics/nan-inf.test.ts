// What recur does with NaN and ±Inf (docs/numerics.md states these as the contract; each
// statement there is asserted here on the current backend). In short: values are never
// checked, IEEE-754 arithmetic propagates NaN along the data flow, ±Inf saturates tanh and
// sigmoid, and only model files refuse non-finite weights.
import { describe, expect, it } from 'vitest';
import { getBackend } from '../backend/registry.ts';
import { saveModelBytes, loadModelBytes } from '../io/model-file.ts';
import { decodeSafetensors, encodeSafetensors } from '../io/safetensors.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import type { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.ts';
import { CharLM } from '../models/char-lm.ts';
import { sampleFromLogits } from '../models/sample.ts';
import { Adam } from '../optim/adam.ts';
import { clipGradNorm } from '../optim/clip-grad.ts';
import { SGD } from '../optim/sgd.ts';
import { RandomState } from '../random/random-state.ts';
import { lstmForward } from '../seed/lstm-sequence.ts';
import { rnnForward } from '../seed/rnn-sequence.ts';
import { Tensor } from '../tensor.ts';

const finite = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, (v: number) => Number.isFinite(v));
const allNaN = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, (v: number) => Number.isNaN(v));

/** Entries [.., b, t] of a seed-layout tensor (n, m, T). */
function seedColumn(t: Tensor, b: number, step: number): number[] {
  const [n, m, T] = t.shape;
  return Array.from({ length: n }, (_, i) => t.data[(i * m + b) * T + step]);
}

/** Entries [t, b, lo..hi) of a time-major tensor [T, B, F]. */
function stepRow(t: Tensor, step: number, b: number, lo = 0, hi = t.shape[2]): number[] {
  const [, B, F] = t.shape;
  return Array.from(t.data.subarray((step * B + b) * F + lo, (step * B + b) * F + hi));
}

function layers(bidirectional: boolean): RecurrentLayer[] {
  const o = { inputSize: 3, hiddenSize: 4, bidirectional, seed: 5 };
  return [new SimpleRNN(o), new LSTM(o), new GRU(o), new GRU({ ...o, resetAfter: false })];
}

const label = (l: RecurrentLayer) => `${l.cell}${l.cell === 'gru' ? (l.config.resetAfter ? '(resetAfter)' : '(resetBefore)') : ''}`;

describe(`NaN/Inf on the '${getBackend().name}' backend`, () => {
  it('seed API: a NaN input poisons its own example from that step on; other examples and earlier steps stay finite', () => {
    const rng = new RandomState(1);
    const [nx, m, T, na, ny] = [3, 3, 5, 4, 2];
    const x = rng.randn(nx, m, T);
    x.data[(0 * m + 1) * T + 2] = NaN; // feature 0, example 1, step 2
    const rnnParams = { Wax: rng.randn(na, nx), Waa: rng.randn(na, na), Wya: rng.randn(ny, na), ba: rng.randn(na, 1), by: rng.randn(ny, 1) };
    const r = rnnForward(x, rng.randn(na, m), rnnParams);
    const lstmParams = {
      Wf: rng.randn(na, na + nx), bf: rng.randn(na, 1), Wi: rng.randn(na, na + nx), bi: rng.randn(na, 1),
      Wc: rng.randn(na, na + nx), bc: rng.randn(na, 1), Wo: rng.randn(na, na + nx), bo: rng.randn(na, 1),
      Wy: rng.randn(ny, na), by: rng.randn(ny, 1),
    };
    const l = lstmForward(x, rng.randn(na, m), lstmParams);
    for (const out of [r.a, r.yPred, l.a, l.c, l.yPred]) {
      for (let t = 0; t < T; t++) {
        expect(finite(seedColumn(out, 0, t))).toBe(true);
        expect(finite(seedColumn(out, 2, t))).toBe(true);
        expect(t < 2 ? finite(seedColumn(out, 1, t)) : allNaN(seedColumn(out, 1, t))).toBe(true);
      }
    }
  });

  for (const layer of layers(true)) {
    it(`${label(layer)} bidirectional: NaN at (t=2, b=1) poisons b=1 forward from t=2 and backward up to t=2, nothing else`, () => {
      const x = Tensor.from(new RandomState(2).randn(5, 3, 3));
      x.data[(2 * 3 + 1) * 3 + 0] = NaN;
      const f = layer.forward(x);
      const H = layer.hiddenSize;
      for (let t = 0; t < 5; t++) {
        for (const b of [0, 2]) expect(finite(stepRow(f.output, t, b))).toBe(true);
        const fwd = stepRow(f.output, t, 1, 0, H);
        const bwd = stepRow(f.output, t, 1, H, 2 * H);
        expect(t >= 2 ? allNaN(fwd) : finite(fwd), `forward t=${t}`).toBe(true);
        expect(t <= 2 ? allNaN(bwd) : finite(bwd), `backward t=${t}`).toBe(true);
      }
    });
  }

  it('stacked layers pass a NaN upwards along the same example and steps', () => {
    for (const layer of [new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 3, seed: 1 }), new GRU({ inputSize: 3, hiddenSize: 4, numLayers: 2, seed: 1 })]) {
      const x = Tensor.from(new RandomState(7).randn(5, 2, 3));
      x.data[(2 * 2 + 1) * 3 + 2] = NaN;
      const f = layer.forward(x);
      for (let t = 0; t < 5; t++) {
        expect(finite(stepRow(f.output, t, 0))).toBe(true);
        expect(t >= 2 ? allNaN(stepRow(f.output, t, 1)) : finite(stepRow(f.output, t, 1))).toBe(true);
      }
      expect(finite(f.hN.data.subarray(0, 4))).toBe(true); // layer 0, example 0
      expect(allNaN(f.hN.data.subarray(4, 8))).toBe(true); // layer 0, example 1
    }
  });

  for (const layer of layers(false)) {
    it(`${label(layer)}: a +Inf input saturates the gates (outputs finite) but makes that feature's wx gradient row NaN (0·Inf)`, () => {
      const x = Tensor.from(new RandomState(3).randn(4, 2, 3));
      x.data[0] = Infinity; // t=0, b=0, feature 0
      const f = layer.forward(x);
      expect(finite(f.output.data)).toBe(true);
      layer.zeroGrad();
      layer.backward(f.ctx, Tensor.from(new RandomState(4).randn(4, 2, 4)));
      const G = layer.params['l0.wx'].shape[1];
      const g = layer.grads['l0.wx'].data;
      expect(allNaN(g.subarray(0, G))).toBe(true);
      expect(finite(g.subarray(G))).toBe(true);
      expect(finite(layer.grads['l0.wh'].data)).toBe(true);
      // -Inf saturates the other way: still finite.
      x.data[0] = -Infinity;
      expect(finite(layer.forward(x).output.data)).toBe(true);
    });

    it(`${label(layer)}: NaN in padded steps (beyond lengths) never reaches outputs, final states or dx`, () => {
      const x = Tensor.from(new RandomState(5).randn(4, 2, 3));
      const clean = x.clone();
      for (let t = 1; t < 4; t++) for (let j = 0; j < 3; j++) x.data[(t * 2 + 1) * 3 + j] = NaN; // example 1 has length 1
      const lengths = [4, 1];
      const dOut = Tensor.from(new RandomState(6).randn(4, 2, 4));
      const a = layer.forward(clean, { lengths });
      const da = layer.backward(a.ctx, dOut);
      const b = layer.forward(x, { lengths });
      const db = layer.backward(b.ctx, dOut);
      expect(Array.from(b.output.data)).toEqual(Array.from(a.output.data));
      expect(Array.from(b.hN.data)).toEqual(Array.from(a.hN.data));
      expect(Array.from(db.dx.data).map((v, i) => (Number.isNaN(v) ? 'NaN' : v === da.dx.data[i]))).toEqual(Array.from(db.dx.data, () => true));
    });

    // The layer replaces padded input steps by zeros before the kernels run, so NaN there
    // cannot reach the wx gradient (x^T·dz, where dz = 0 at padded steps but 0·NaN = NaN).
    it(`${label(layer)}: NaN in padded steps leaves the wx gradient finite`, () => {
      const x = Tensor.from(new RandomState(5).randn(4, 2, 3));
      x.data[(3 * 2 + 1) * 3] = NaN;
      layer.zeroGrad();
      const f = layer.forward(x, { lengths: [4, 1] });
      layer.backward(f.ctx, Tensor.from(new RandomState(6).randn(4, 2, 4)));
      expect(finite(layer.grads['l0.wx'].data)).toBe(true);
    });
  }

  it('softmaxRows: +Inf or NaN anywhere in a row makes the whole row NaN; -Inf gives probability 0; an all -Inf row is NaN', () => {
    const rows = Float64Array.from([1, Infinity, 0, 1, NaN, 0, 1, -Infinity, 0, -Infinity, -Infinity, -Infinity, 1000, 999, -1000]);
    getBackend().softmaxRows(rows, 5, 3);
    expect(allNaN(rows.subarray(0, 3))).toBe(true);
    expect(allNaN(rows.subarray(3, 6))).toBe(true);
    const e = Math.E;
    expect(rows[6]).toBeCloseTo(e / (e + 1), 15);
    expect(rows[7]).toBe(0);
    expect(rows[8]).toBeCloseTo(1 / (e + 1), 15);
    expect(allNaN(rows.subarray(9, 12))).toBe(true);
    // Large finite logits are fine: the row maximum is subtracted first.
    expect(rows[12]).toBeCloseTo(e / (e + 1), 15);
    expect(rows[14]).toBe(0);
  });

  it('softmaxCrossEntropy: NaN/+Inf logits give a NaN loss and NaN gradients; -Inf on the target gives +Inf; -Inf elsewhere is fine', () => {
    const ce = (row: number[], target: number) => softmaxCrossEntropy(Tensor.from([row]), [target]);
    for (const row of [[1, Infinity, 0], [1, NaN, 0]]) {
      const r = ce(row, 0);
      expect(r.loss).toBeNaN();
      expect(allNaN(r.dlogits.data)).toBe(true);
    }
    const ok = ce([1, -Infinity, 0], 0);
    expect(ok.loss).toBeCloseTo(Math.log(1 + Math.exp(-1)), 14);
    expect(finite(ok.dlogits.data)).toBe(true);
    expect(ce([1, -Infinity, 0], 1).loss).toBe(Infinity);
  });

  it('sampleFromLogits always returns an index in range: +Inf wins, NaN entries are never drawn over finite ones', () => {
    expect(sampleFromLogits([1, Infinity, 0], 1, 0.5)).toBe(1);
    expect(sampleFromLogits([1, Infinity, 0], 0, 0.5)).toBe(1);
    for (const u of [0, 0.3, 0.99]) {
      expect([0, 2]).toContain(sampleFromLogits([0, NaN, 0], 1, u));
      expect([0, 1]).toContain(sampleFromLogits([NaN, NaN], 1, u));
      expect([0, 1]).toContain(sampleFromLogits([-Infinity, -Infinity], 1, u));
    }
  });

  it('clipGradNorm: a NaN gradient gives a NaN norm and clips nothing; an Inf gradient gives norm Inf and NaN where it was', () => {
    const param = (g: number[]) => ({ name: 'p', param: Tensor.zeros([g.length]), grad: Tensor.from(g) });
    const p = param([3, NaN, 4]);
    expect(clipGradNorm([p], 1)).toBeNaN();
    expect(Array.from(p.grad.data)).toEqual([3, NaN, 4]);
    const q = param([3, Infinity, 4]);
    expect(clipGradNorm([q], 1)).toBe(Infinity);
    expect(Array.from(q.grad.data)).toEqual([0, NaN, 0]);
  });

  it('Adam and SGD: a NaN gradient entry makes that weight (and its moments) NaN, and nothing else', () => {
    const p = { name: 'w', param: Tensor.from([1, 2, 3]), grad: Tensor.from([0.1, NaN, -0.1]) };
    const opt = new Adam([p], { lr: 0.1 });
    opt.step();
    expect(Number.isNaN(p.param.data[1])).toBe(true);
    expect(finite([p.param.data[0], p.param.data[2]])).toBe(true);
    expect(Number.isNaN(opt.state().slots['v:w'][1])).toBe(true);
    const q = { name: 'w', param: Tensor.from([1, 2, 3]), grad: Tensor.from([0.1, NaN, -0.1]) };
    new SGD([q], { lr: 0.1, momentum: 0.9 }).step();
    expect(Array.from(q.param.data)).toEqual([1 - 0.01, NaN, 3 + 0.01]);
  });

  it('files: raw safetensors keep NaN/±Inf; model files refuse to save or load non-finite weights', () => {
    const t = Tensor.from(new Float64Array([NaN, Infinity, -Infinity, -0]), [4]);
    const back = decodeSafetensors(encodeSafetensors({ t })).tensors.t;
    expect(Array.from(back.data)).toEqual([NaN, Infinity, -Infinity, -0]);
    expect(Object.is(back.data[3], -0)).toBe(true);
    const m = new CharLM({ vocabSize: 3, hiddenSize: 2 });
    const bytes = saveModelBytes(m);
    m.head.params.b.data[0] = Infinity;
    expect(() => saveModelBytes(m)).toThrow(/weight 'head.b'\[0\] is Infinity; refusing to save/);
    const f = decodeSafetensors(bytes);
    f.tensors['head.b'].data[2] = NaN;
    expect(() => loadModelBytes(encodeSafetensors(f.tensors, f.metadata))).toThrow(/weight 'head.b'\[2\] is NaN; the file is corrupt/);
  });
});
