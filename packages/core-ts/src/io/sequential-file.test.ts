// Whole Sequential models in one file: every layer kind, bit-identical predict after loading,
// typed loading, and files whose config and tensors disagree refused before building.
import { describe, expect, it } from 'vitest';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { Embedding } from '../layers/embedding.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { Sequential } from '../models/sequential.ts';
import { RandomState } from '../random/random-state.ts';
import { Tensor } from '../tensor.ts';
import { loadModelBytes, saveModelBytes } from './model-file.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';

function everyKind(dtype: 'float64' | 'float32'): Sequential {
  return new Sequential([
    new Embedding({ numEmbeddings: 7, embeddingSize: 4, dtype, seed: 1, batchFirst: true }),
    new LSTM({ inputSize: 4, hiddenSize: 5, numLayers: 2, dropout: 0.2, recurrentActivation: 'hardSigmoid', dtype, seed: 2, batchFirst: true }),
    new Dropout({ rate: 0.1, seed: 3, batchFirst: true }),
    new GRU({ inputSize: 5, hiddenSize: 3, bidirectional: true, resetAfter: false, dtype, seed: 4, batchFirst: true }),
    new SimpleRNN({ inputSize: 6, hiddenSize: 2, activation: 'relu', returnSequences: false, dtype, seed: 5, batchFirst: true }),
    new Dense({ inputSize: 2, outputSize: 3, dtype, seed: 6, batchFirst: true }),
  ], { batchFirst: true });
}

function ids(B: number, T: number): Tensor {
  const rng = new RandomState(11);
  return Tensor.from(Array.from({ length: B }, () => Array.from({ length: T }, () => rng.randint(7))));
}

describe('saveModelBytes / loadModelBytes: Sequential', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    it(`every layer kind (${dtype}): trained weights round-trip and predict is bit-identical`, async () => {
      const model = everyKind(dtype);
      const x = ids(6, 5);
      const y = Tensor.from([0, 1, 2, 0, 1, 2]);
      await model.fit(x, y, { epochs: 2, batchSize: 3, loss: 'softmaxCrossEntropy', optimizer: { kind: 'adam', lr: 0.05 } });
      const bytes = saveModelBytes(model);
      const loaded = loadModelBytes(bytes, Sequential);
      expect(loaded).toBeInstanceOf(Sequential);
      expect(loaded.config).toEqual(model.config);
      const a = model.predict(x);
      const b = loaded.predict(x);
      expect(b.dtype).toBe(dtype);
      expect(Array.from(b.data)).toEqual(Array.from(a.data));
      expect(loaded.parameters().map((p) => p.name)).toEqual(model.parameters().map((p) => p.name));
      // The untyped overload returns the union; the class is still right.
      expect(loadModelBytes(bytes)).toBeInstanceOf(Sequential);
    });
  }

  it('typed loading refuses another architecture', () => {
    const bytes = saveModelBytes(new LSTM({ inputSize: 2, hiddenSize: 3 }));
    expect(() => loadModelBytes(bytes, Sequential)).toThrow(/the file holds a LSTM, not a Sequential/);
    expect(loadModelBytes(bytes, LSTM)).toBeInstanceOf(LSTM);
    expect(() => loadModelBytes(bytes, Dense as never)).toThrow(TypeError);
  });

  it('refuses a file whose tensors do not match its config, or whose config is bad', () => {
    const model = new Sequential([new Dense({ inputSize: 3, outputSize: 2 }), new Dense({ inputSize: 2, outputSize: 1 })]);
    const file = decodeSafetensors(saveModelBytes(model));
    const tensors = { ...file.tensors, '1.w': Tensor.zeros([3, 1]) };
    expect(() => loadModelBytes(encodeSafetensors(tensors, file.metadata))).toThrow(/tensor '1.w' has shape \(3, 1\) but the config implies \(2, 1\)/);
    const { ['1.b']: _dropped, ...missing } = file.tensors;
    expect(() => loadModelBytes(encodeSafetensors(missing, file.metadata))).toThrow(/needs tensor '1.b'/);
    const cfg = JSON.parse(file.metadata['recur.config']);
    cfg.layers[0].kind = 'Conv1D';
    expect(() => loadModelBytes(encodeSafetensors(file.tensors, { ...file.metadata, 'recur.config': JSON.stringify(cfg) }))).toThrow(/unknown layer kind "Conv1D"/);
    const huge = JSON.parse(file.metadata['recur.config']);
    huge.layers[0].config.inputSize = 1e12;
    expect(() => loadModelBytes(encodeSafetensors(file.tensors, { ...file.metadata, 'recur.config': JSON.stringify(huge) }))).toThrow(RangeError);
  });
});
