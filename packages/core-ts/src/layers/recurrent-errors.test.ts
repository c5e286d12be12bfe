import { describe, expect, it } from 'vitest';
import { Tensor } from '../tensor.ts';
import { GRU } from './gru.ts';
import { LSTM } from './lstm.ts';
import { SimpleRNN } from './simple-rnn.ts';

describe('recurrent layers: bad input names the argument and the shapes', () => {
  const lstm = new LSTM({ inputSize: 3, hiddenSize: 2, numLayers: 2 });

  it('x', () => {
    expect(() => lstm.forward(Tensor.zeros([4, 10, 4]))).toThrow(/LSTM\.forward: x has shape \(4, 10, 4\) but \(T, B, 3\) was expected/);
    expect(() => lstm.forward(Tensor.zeros([4, 3]))).toThrow(RangeError);
    expect(() => lstm.forward(Tensor.zeros([4, 1, 3], 'float32'))).toThrow(/x is float32 but the layer is float64/);
  });

  it('initial states and lengths', () => {
    const x = Tensor.zeros([5, 2, 3]);
    expect(() => lstm.forward(x, { h0: Tensor.zeros([1, 2, 2]) })).toThrow(/h0 has shape \(1, 2, 2\) but \(2, 2, 2\) was expected/);
    expect(() => lstm.forward(x, { c0: Tensor.zeros([2, 3, 2]) })).toThrow(/c0 has shape \(2, 3, 2\)/);
    expect(() => lstm.forward(x, { lengths: [1] })).toThrow(/lengths has 1 entries but the batch has B = 2/);
    expect(() => lstm.forward(x, { lengths: [1, 6] })).toThrow(/lengths\[1\] must be an integer in 0\.\.5/);
    expect(() => new GRU({ inputSize: 3, hiddenSize: 2 }).forward(x, { c0: Tensor.zeros([1, 2, 2]) })).toThrow(/c0 is only used by LSTM/);
    expect(() => lstm.forward(x, { mask: Tensor.from([[1, 1], [0, 1], [1, 1], [0, 0], [0, 0]]) })).toThrow(/mask column 0 has a valid step at t = 2 after padding/);
  });

  it('backward arguments', () => {
    const { ctx } = lstm.forward(Tensor.zeros([5, 2, 3]));
    expect(() => lstm.backward(ctx, Tensor.zeros([5, 2, 3]))).toThrow(/dOutput has shape \(5, 2, 3\) but \(5, 2, 2\) was expected/);
    const other = new LSTM({ inputSize: 3, hiddenSize: 2, numLayers: 2 });
    expect(() => other.backward(ctx, null)).toThrow(/ctx must be the ctx returned by this layer's forward/);
  });

  it('options', () => {
    expect(() => new SimpleRNN({ inputSize: -1, hiddenSize: 2 })).toThrow(/SimpleRNN: inputSize must be an integer >= 0, got -1/);
    expect(() => new GRU({ inputSize: 1, hiddenSize: 2, numLayers: 0 })).toThrow(/numLayers must be an integer >= 1/);
    expect(() => new LSTM({ inputSize: 1, hiddenSize: 2, seed: -3 })).toThrow(/seed must be an integer in 0\.\.2\*\*32-1/);
    expect(() => new LSTM({ inputSize: 1, hiddenSize: 2, dtype: 'int8' as never })).toThrow(TypeError);
  });

  it('mask and lengths give the same result', () => {
    const x = Tensor.from(Array.from({ length: 3 }, (_, t) => [[t, 1, 2], [2, t, 0]]));
    const byMask = lstm.forward(x, { mask: Tensor.from([[1, 1], [1, 0], [0, 0]]) });
    const byLengths = lstm.forward(x, { lengths: new Int32Array([2, 1]) });
    expect(Array.from(byMask.output.data)).toEqual(Array.from(byLengths.output.data));
  });

  it('T = 0 and B = 0 give empty outputs and hN = h0', () => {
    const h0 = Tensor.from([[[0.5, -0.5]], [[1, 2]]]);
    const r = lstm.forward(Tensor.zeros([0, 1, 3]), { h0 });
    expect(r.output.shape).toEqual([0, 1, 2]);
    expect(Array.from(r.hN.data)).toEqual(Array.from(h0.data));
    const back = lstm.backward(r.ctx, Tensor.zeros([0, 1, 2]), { dhN: Tensor.from([[[1, 2]], [[3, 4]]]) });
    expect(back.dx.shape).toEqual([0, 1, 3]);
    expect(Array.from(back.dh0.data)).toEqual([1, 2, 3, 4]);
    expect(lstm.forward(Tensor.zeros([3, 0, 3])).output.shape).toEqual([3, 0, 2]);
  });
});
