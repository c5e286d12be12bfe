import { describe, expect, it } from 'vitest';
import { RandomState } from '../random/random-state.ts';
import { Tensor } from '../tensor.ts';
import { SGD } from '../optim/sgd.ts';
import { LSTM } from './lstm.ts';
import { GRU } from './gru.ts';
import { SimpleRNN } from './simple-rnn.ts';
import { CELL_VARIANTS } from '@recur/testkit/layers/recurrent-cases';
import { streamVersusForward } from '@recur/testkit/layers/stream-cases';

describe('layer.stream() on the ts backend', () => {
  for (const variant of CELL_VARIANTS) {
    for (const numLayers of [1, 2]) {
      it(`${variant}, ${numLayers} layer(s): stepping x[0..T-1] equals forward(x) (float64 1e-12, float32 2e-5)`, () => {
        expect(streamVersusForward(variant, 'float64', numLayers, 11)).toBeLessThan(1e-12);
        expect(streamVersusForward(variant, 'float32', numLayers, 12)).toBeLessThan(2e-5);
      });
    }
  }

  it('runs the layer\'s activations (relu RNN, hardSigmoid LSTM) as forward does', () => {
    const x = new RandomState(3).randn(4, 2, 3);
    for (const layer of [
      new SimpleRNN({ inputSize: 3, hiddenSize: 4, numLayers: 2, activation: 'relu', seed: 4 }),
      new LSTM({ inputSize: 3, hiddenSize: 4, recurrentActivation: 'hardSigmoid', seed: 4 }),
    ]) {
      const want = layer.forward(x).output.data;
      const stream = layer.stream({ batchSize: 2 });
      for (let t = 0; t < 4; t++) {
        const got = stream.step(new Tensor(x.data.slice(t * 6, (t + 1) * 6), [2, 3])).data;
        expect(Array.from(got)).toEqual(Array.from(want.subarray(t * 8, (t + 1) * 8)));
      }
    }
  });

  it('a bidirectional layer cannot be streamed (TypeError)', () => {
    const layer = new LSTM({ inputSize: 2, hiddenSize: 3, bidirectional: true, seed: 1 });
    expect(() => layer.stream()).toThrow(TypeError);
    expect(() => layer.stream()).toThrow(/bidirectional/);
  });

  it('uses the new weights after an optimizer step, with no re-creation of the stream', () => {
    const layer = new GRU({ inputSize: 3, hiddenSize: 4, numLayers: 2, seed: 3 });
    const stream = layer.stream({ batchSize: 2 });
    const x = new RandomState(4).randn(2, 3);
    const before = stream.step(x);
    stream.reset();
    // A gradient of ones moves every weight: the same step must now give another output.
    for (const g of Object.values(layer.grads)) g.data.fill(1);
    new SGD(layer.parameters(), { lr: 0.1 }).step();
    const after = stream.step(x);
    const fresh = layer.forward(new Tensor(x.data, [1, 2, 3])).output;
    expect(Array.from(after.data)).toEqual(Array.from(fresh.data));
    expect(Array.from(after.data)).not.toEqual(Array.from(before.data));
  });

  it('keeps its state between calls, reads it through hN / cN and restores it with reset()', () => {
    const layer = new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, seed: 5 });
    const stream = layer.stream({ batchSize: 1 });
    expect(stream.hN.shape).toEqual([2, 1, 3]);
    expect(stream.cN!.shape).toEqual([2, 1, 3]);
    const x = Tensor.from([[0.5, -1]]);
    const first = stream.step(x);
    const second = stream.step(x);
    expect(Array.from(second.data)).not.toEqual(Array.from(first.data));
    expect(Array.from(stream.hN.data.subarray(3))).toEqual(Array.from(second.data));
    stream.reset();
    expect(Array.from(stream.hN.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(stream.step(x).data)).toEqual(Array.from(first.data));
    expect(new SimpleRNN({ inputSize: 2, hiddenSize: 3, seed: 1 }).stream().cN).toBeUndefined();
  });

  it('rejects bad options and inputs, naming them', () => {
    const layer = new LSTM({ inputSize: 2, hiddenSize: 3, seed: 1 });
    expect(() => layer.stream({ batchSize: 2, h0: Tensor.zeros([1, 3, 3]) })).toThrow(/batchSize is 2 but h0 has shape \(1, 3, 3\)/);
    expect(() => layer.stream({ h0: Tensor.zeros([2, 1, 3]) })).toThrow(/h0 has shape/);
    expect(() => layer.stream({ batchSize: -1 })).toThrow(RangeError);
    expect(() => new GRU({ inputSize: 2, hiddenSize: 3, seed: 1 }).stream({ c0: Tensor.zeros([1, 1, 3]) })).toThrow(TypeError);
    const s = layer.stream({ batchSize: 2 });
    expect(() => s.step(Tensor.zeros([1, 2]))).toThrow(/LSTM.stream: x has shape \(1, 2\)/);
    expect(() => s.step(Tensor.zeros([2, 2], 'float32'))).toThrow(TypeError);
    expect(layer.stream({ h0: Tensor.zeros([1, 4, 3]) }).batchSize).toBe(4);
  });

  it('batch 0 steps give empty outputs', () => {
    const s = new LSTM({ inputSize: 2, hiddenSize: 3, seed: 1 }).stream({ batchSize: 0 });
    expect(s.step(Tensor.zeros([0, 2])).shape).toEqual([0, 3]);
  });
});

describe('layer.predict()', () => {
  it('returns forward()\'s outputs and final states without a ctx', () => {
    for (const layer of [
      new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, seed: 2 }),
      new GRU({ inputSize: 3, hiddenSize: 4, numLayers: 2, returnSequences: false, seed: 2 }),
      new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true, dropout: 0.5, seed: 2 }),
    ]) {
      const x = new RandomState(9).randn(layer.batchFirst ? 2 : 5, layer.batchFirst ? 5 : 2, 3);
      const opts = { lengths: [5, 3] };
      const want = layer.forward(x, opts);
      const got = layer.predict(x, opts);
      expect('ctx' in got).toBe(false);
      expect(Array.from(got.output.data)).toEqual(Array.from(want.output.data));
      expect(Array.from(got.hN.data)).toEqual(Array.from(want.hN.data));
      if (want.cN) expect(Array.from(got.cN!.data)).toEqual(Array.from(want.cN.data));
    }
  });
});
