// TF.js (@tensorflow/tfjs, pure-JS CPU backend, float32) and recur on the same weights:
// a TF.js model's getWeights() imported with fromKerasWeights gives TF.js's outputs and
// final states, and recur's toKerasWeights loaded with setWeights gives recur's, to 1e-5.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fromKerasWeights, GRU, LSTM, RandomState, SimpleRNN, Tensor, toKerasWeights } from '@recur/core';
import type { KerasLayerKind, RecurrentLayer } from '@recur/core';

const TOL = 1e-5;
const B = 3;
const T = 5;
const X = 4;
const H = 6;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function toRecur(t: tf.Tensor): Tensor {
  return new Tensor(Float32Array.from(t.dataSync()), t.shape);
}

function toTf(t: Tensor): tf.Tensor {
  return tf.tensor(Array.from(t.data), [...t.shape], 'float32');
}

/** TF.js is batch-major [B, T, F], recur time-major [T, B, F]. */
function batchToTime(t: tf.Tensor): Tensor {
  return toRecur(tf.transpose(t, [1, 0, 2]));
}

function maxAbsDiff(a: Tensor, b: Tensor): number {
  expect(a.shape).toEqual(b.shape);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return Number.isNaN(m) ? Infinity : m;
}

function tfCell(kind: KerasLayerKind, units: number, extra: Record<string, unknown> = {}): tf.layers.Layer {
  // TF.js defaults recurrentActivation to hardSigmoid; recur's gates are the logistic sigmoid.
  const args = { units, returnSequences: true, ...extra };
  if (kind === 'SimpleRNN') return tf.layers.simpleRNN(args);
  if (kind === 'LSTM') return tf.layers.lstm({ recurrentActivation: 'sigmoid', ...args });
  return tf.layers.gru({ recurrentActivation: 'sigmoid', ...args });
}

function tfModel(kind: KerasLayerKind, numLayers: number, bidirectional: boolean): tf.Sequential {
  const model = tf.sequential();
  for (let l = 0; l < numLayers; l++) {
    const inputShape = l === 0 ? { inputShape: [T, X] } : {};
    const cell = tfCell(kind, H, bidirectional ? {} : inputShape);
    model.add(bidirectional ? tf.layers.bidirectional({ layer: cell as never, mergeMode: 'concat', ...inputShape }) : cell);
  }
  return model;
}

/** Uniform(-0.6, 0.6) weights, biases included (TF.js initialises biases to zero). */
function randomizeTf(model: tf.LayersModel, seed: number): void {
  const rng = new RandomState(seed);
  for (const layer of model.layers) {
    layer.setWeights(layer.getWeights().map((w) => tf.tensor(Array.from(rng.uniform(-0.6, 0.6, w.size).data), w.shape, 'float32')));
  }
}

function randomizeRecur(layer: RecurrentLayer, seed: number): void {
  const rng = new RandomState(seed);
  for (const p of layer.parameters()) p.param.data.set(rng.uniform(-0.6, 0.6, p.param.size).data);
}

function input(seed: number): tf.Tensor {
  return tf.tensor(Array.from(new RandomState(seed).randn(B * T * X).data), [B, T, X], 'float32');
}

const shapes: [number, boolean][] = [[1, false], [2, true], [2, false]];

describe('TF.js -> recur: getWeights() through fromKerasWeights', () => {
  for (const kind of ['SimpleRNN', 'LSTM', 'GRU'] as const) {
    for (const [numLayers, bidirectional] of shapes) {
      it(`${kind}${kind === 'GRU' ? '(reset_after=False)' : ''}, ${numLayers} layer(s)${bidirectional ? ', Bidirectional' : ''}: sequence outputs within ${TOL}`, () => {
        const model = tfModel(kind, numLayers, bidirectional);
        randomizeTf(model, 10 + numLayers);
        const x = input(1);
        const yTf = batchToTime(model.predict(x) as tf.Tensor);
        const layer = fromKerasWeights(kind, model.layers.map((l) => l.getWeights().map(toRecur)), {
          config: model.layers.map((l) => l.getConfig() as Record<string, unknown>),
        });
        expect(layer.config).toMatchObject({ numLayers, bidirectional, hiddenSize: H, inputSize: X, dtype: 'float32' });
        if (layer instanceof GRU) expect(layer.resetAfter).toBe(false);
        const y = layer.forward(batchToTime(x)).output;
        expect(maxAbsDiff(y, yTf)).toBeLessThanOrEqual(TOL);
      });
    }
  }

  for (const kind of ['SimpleRNN', 'LSTM', 'GRU'] as const) {
    it(`${kind}: final states (returnState) within ${TOL}`, () => {
      const inp = tf.input({ shape: [T, X] });
      const outs = tfCell(kind, H, { returnState: true }).apply(inp) as tf.SymbolicTensor[];
      const model = tf.model({ inputs: inp, outputs: outs });
      randomizeTf(model, 30);
      const x = input(2);
      const [, h, c] = model.predict(x) as tf.Tensor[];
      const rnn = model.layers[1];
      const layer = fromKerasWeights(kind, [rnn.getWeights().map(toRecur)], { config: rnn.getConfig() as Record<string, unknown> });
      const r = layer.forward(batchToTime(x));
      expect(maxAbsDiff(r.hN, toRecur(h).reshape([1, B, H]))).toBeLessThanOrEqual(TOL);
      if (kind === 'LSTM') expect(maxAbsDiff(r.cN!, toRecur(c).reshape([1, B, H]))).toBeLessThanOrEqual(TOL);
    });
  }

  // TF.js's own defaults: LSTM/GRU gates are hardSigmoid (clip(0.2x + 0.5, 0, 1)); and a relu SimpleRNN.
  for (const [kind, extra] of [['LSTM', {}], ['GRU', {}], ['SimpleRNN', { activation: 'relu' }]] as const) {
    it(`${kind} ${JSON.stringify(extra) === '{}' ? 'with the default hardSigmoid gates' : 'with activation relu'}: read from the config, outputs within ${TOL}`, () => {
      const args = { units: H, returnSequences: true, inputShape: [T, X], ...extra };
      const cell = kind === 'LSTM' ? tf.layers.lstm(args) : kind === 'GRU' ? tf.layers.gru(args) : tf.layers.simpleRNN(args);
      const model = tf.sequential({ layers: [cell] });
      randomizeTf(model, 40);
      const l = model.layers[0];
      const x = input(4);
      const yTf = batchToTime(model.predict(x) as tf.Tensor);
      const layer = fromKerasWeights(kind, [l.getWeights().map(toRecur)], { config: l.getConfig() as Record<string, unknown> });
      if (kind === 'SimpleRNN') expect(layer.config.activation).toBe('relu');
      else expect(layer.config.recurrentActivation).toBe('hardSigmoid');
      expect(maxAbsDiff(layer.forward(batchToTime(x)).output, yTf)).toBeLessThanOrEqual(TOL);
      // And back: recur's weights in a fresh TF.js layer of the same config give recur's outputs.
      randomizeRecur(layer, 41);
      const y = layer.forward(batchToTime(x)).output;
      l.setWeights(toKerasWeights(layer)[0].map(toTf));
      expect(maxAbsDiff(batchToTime(model.predict(x) as tf.Tensor), y)).toBeLessThanOrEqual(TOL);
    });
  }
});

describe('recur -> TF.js: toKerasWeights through setWeights', () => {
  for (const kind of ['SimpleRNN', 'LSTM', 'GRU'] as const) {
    for (const [numLayers, bidirectional] of shapes) {
      it(`${kind}, ${numLayers} layer(s)${bidirectional ? ', bidirectional' : ''}: TF.js reproduces recur's outputs within ${TOL}`, () => {
        const options = { inputSize: X, hiddenSize: H, numLayers, bidirectional, dtype: 'float32' as const };
        const layer = kind === 'SimpleRNN' ? new SimpleRNN(options) : kind === 'LSTM' ? new LSTM(options) : new GRU({ ...options, resetAfter: false });
        randomizeRecur(layer, 20 + numLayers);
        const x = input(3);
        const y = layer.forward(batchToTime(x)).output;
        const model = tfModel(kind, numLayers, bidirectional);
        toKerasWeights(layer).forEach((ws, l) => model.layers[l].setWeights(ws.map(toTf)));
        const yTf = batchToTime(model.predict(x) as tf.Tensor);
        expect(maxAbsDiff(yTf, y)).toBeLessThanOrEqual(TOL);
      });
    }
  }
});
