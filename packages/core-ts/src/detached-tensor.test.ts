// A Tensor whose buffer was transferred away keeps its shape but its data becomes empty.
// Every function taking tensors must refuse it with a TypeError naming the argument,
// instead of reading NaN garbage or failing deep inside a kernel about another name.
import { describe, expect, it } from 'vitest';
import { toKerasWeights, fromKerasWeights } from './io/keras.ts';
import { fromPyTorchStateDict, toPyTorchStateDict } from './io/pytorch.ts';
import { encodeSafetensors } from './io/safetensors.ts';
import { Dense } from './layers/dense.ts';
import { Embedding } from './layers/embedding.ts';
import { LSTM } from './layers/lstm.ts';
import { lengthsFromMask } from './layers/sequence-lengths.ts';
import { mse } from './losses/mse.ts';
import { softmaxCrossEntropy } from './losses/softmax-cross-entropy.ts';
import { RandomState } from './random/random-state.ts';
import { rnnCellBackward, rnnCellForward } from './seed/rnn-cell.ts';
import { rnnBackward, rnnForward } from './seed/rnn-sequence.ts';
import { Tensor, checkIntact } from './tensor.ts';

/** Detaches t's buffer the way postMessage / structuredClone with transfer does. */
function detach(t: Tensor): Tensor {
  structuredClone(t.data.buffer, { transfer: [t.data.buffer] });
  return t;
}

const rs = new RandomState(3);
const detached = (...shape: number[]): Tensor => detach(rs.randn(...shape));
const rnnParams = () => ({ Wax: rs.randn(5, 3), Waa: rs.randn(5, 5), ba: rs.randn(5, 1), Wya: rs.randn(2, 5), by: rs.randn(2, 1) });
const DETACHED = /detached buffer.*shape \(\d+(, \d+)*,?\) needs \d+ elements but its data now has 0/;

describe('checkIntact', () => {
  it('passes an intact tensor through, including an empty one whose buffer was detached', () => {
    const t = rs.randn(2, 3);
    expect(checkIntact('t', t)).toBe(t);
    const empty = detach(Tensor.zeros([0, 4]));
    expect(checkIntact('empty', empty)).toBe(empty);
  });

  it('throws a TypeError naming the argument, the shape, the expected and the actual length', () => {
    expect(() => checkIntact('x', detached(3, 2, 4))).toThrow(TypeError);
    expect(() => checkIntact('x', detached(3, 2, 4))).toThrow(/^x has a detached buffer .*shape \(3, 2, 4\) needs 24 elements but its data now has 0$/);
  });
});

describe('Tensor methods on a detached tensor', () => {
  for (const [name, call] of [
    ['get', (t: Tensor) => t.get(0, 0)],
    ['toArray', (t: Tensor) => t.toArray()],
    ['reshape', (t: Tensor) => t.reshape([6])],
    ['astype', (t: Tensor) => t.astype('float32')],
    ['clone', (t: Tensor) => t.clone()],
    ['Tensor.from', (t: Tensor) => Tensor.from(t)],
  ] as const) {
    it(`${name} throws a TypeError`, () => {
      expect(() => call(detached(2, 3))).toThrow(TypeError);
      expect(() => call(detached(2, 3))).toThrow(DETACHED);
    });
  }
  it('describing it still works (for error messages)', () => {
    expect(String(detached(2, 3))).toBe('Tensor((2, 3), float64)');
  });
});

describe('seed functions', () => {
  it('rnnForward names a detached x or parameter', () => {
    expect(() => rnnForward(detached(3, 2, 4), rs.randn(5, 2), rnnParams())).toThrow(/^x has a detached buffer/);
    expect(() => rnnForward(rs.randn(3, 2, 4), detached(5, 2), rnnParams())).toThrow(/^a0 has a detached buffer/);
    expect(() => rnnForward(rs.randn(3, 2, 4), rs.randn(5, 2), { ...rnnParams(), Wya: detached(2, 5) })).toThrow(/^params\.Wya has a detached buffer/);
  });

  it('the backward functions name a detached gradient', () => {
    const { caches } = rnnForward(rs.randn(3, 2, 4), rs.randn(5, 2), rnnParams());
    expect(() => rnnBackward(detached(5, 2, 4), caches)).toThrow(/^da has a detached buffer/);
    const { cache } = rnnCellForward(rs.randn(3, 2), rs.randn(5, 2), rnnParams());
    expect(() => rnnCellBackward(detached(5, 2), cache)).toThrow(/^daNext has a detached buffer/);
  });
});

describe('layers and losses', () => {
  it('Dense.forward / backward', () => {
    const dense = new Dense({ inputSize: 3, outputSize: 2 });
    expect(() => dense.forward(detached(4, 3))).toThrow(/^Dense\.forward: x has a detached buffer/);
    const { ctx } = dense.forward(rs.randn(4, 3));
    expect(() => dense.backward(ctx, detached(4, 2))).toThrow(/^Dense\.backward: dy has a detached buffer/);
  });

  it('Embedding.backward', () => {
    const emb = new Embedding({ numEmbeddings: 5, embeddingSize: 3 });
    const { ctx } = emb.forward([1, 2], [2]);
    expect(() => emb.backward(ctx, detached(2, 3))).toThrow(/^Embedding\.backward: dOutput has a detached buffer/);
  });

  it('recurrent layers: x, h0, c0, mask, dOutput, dhN', () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 2, seed: 1 });
    expect(() => lstm.forward(detached(4, 2, 3))).toThrow(/^LSTM\.forward: x has a detached buffer/);
    expect(() => lstm.forward(rs.randn(4, 2, 3), { h0: detached(1, 2, 2) })).toThrow(/^LSTM\.forward: h0 has a detached buffer/);
    expect(() => lstm.forward(rs.randn(4, 2, 3), { c0: detached(1, 2, 2) })).toThrow(/^LSTM\.forward: c0 has a detached buffer/);
    expect(() => lstm.forward(rs.randn(4, 2, 3), { mask: detach(Tensor.from([[1, 1], [1, 1], [1, 0], [0, 0]])) })).toThrow(/^LSTM\.forward: mask has a detached buffer/);
    const { ctx } = lstm.forward(rs.randn(4, 2, 3));
    expect(() => lstm.backward(ctx, detached(2, 2))).toThrow(/^LSTM\.backward: dOutput has a detached buffer/);
    expect(() => lstm.backward(ctx, null, { dhN: detached(1, 2, 2) })).toThrow(/^LSTM\.backward: dhN has a detached buffer/);
    expect(() => lengthsFromMask(detach(Tensor.from([[1, 1]])))).toThrow(/^mask has a detached buffer/);
  });

  it('softmaxCrossEntropy and mse', () => {
    expect(() => softmaxCrossEntropy(detached(2, 3), [0, 1])).toThrow(/^softmaxCrossEntropy: logits has a detached buffer/);
    expect(() => softmaxCrossEntropy(rs.randn(2, 2, 3), [0, 1, 2, 0], { mask: detach(Tensor.from([[1, 1], [1, 0]])) })).toThrow(/^softmaxCrossEntropy: mask has a detached buffer/);
    expect(() => mse(detached(2, 3), rs.randn(2, 3))).toThrow(/^mse: prediction has a detached buffer/);
    expect(() => mse(rs.randn(2, 3), detached(2, 3))).toThrow(/^mse: target has a detached buffer/);
  });
});

describe('io', () => {
  it('encodeSafetensors refuses a detached tensor instead of writing a file whose header does not match its bytes', () => {
    expect(() => encodeSafetensors({ w: detached(4, 3) })).toThrow(/^encodeSafetensors: tensors\['w'\] has a detached buffer/);
  });

  it('fromPyTorchStateDict and fromKerasWeights name the detached weight', () => {
    const dict = toPyTorchStateDict(new LSTM({ inputSize: 3, hiddenSize: 2, seed: 1 }));
    detach(dict.weight_hh_l0);
    expect(() => fromPyTorchStateDict('LSTM', dict)).toThrow(/^fromPyTorchStateDict: stateDict\['weight_hh_l0'\] has a detached buffer/);
    const keras = toKerasWeights(new LSTM({ inputSize: 3, hiddenSize: 2, seed: 1 }));
    detach(keras[0][1] as Tensor);
    expect(() => fromKerasWeights('LSTM', keras)).toThrow(/^fromKerasWeights: .*\[1\] has a detached buffer/);
  });
});
