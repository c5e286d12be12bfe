/**
 * Sizes too big to allocate: the error names the class, the arguments that set the size, the
 * array, its shape, dtype and bytes, instead of the engine's "Array buffer allocation
 * failed" / "Invalid typed array length" naming nothing. Nothing is allocated first.
 */
import { describe, expect, it } from 'vitest';
import { Dense } from './layers/dense.ts';
import { Embedding } from './layers/embedding.ts';
import { GRU } from './layers/gru.ts';
import { LSTM } from './layers/lstm.ts';
import { SimpleRNN } from './layers/simple-rnn.ts';
import { CharLM } from './models/char-lm.ts';
import { allocateFor, formatBytes, MAX_ARRAY_BYTES, whileAllocating } from './tensor.ts';

function message(make: () => unknown): string {
  try {
    make();
  } catch (err) {
    expect(err).toBeInstanceOf(RangeError);
    return (err as Error).message;
  }
  throw new Error('expected a RangeError');
}

describe('allocation errors name who asked for how much', () => {
  it('recurrent layers: hiddenSize 30000 and 1e6, inputSize 1e9', () => {
    expect(message(() => new LSTM({ inputSize: 10, hiddenSize: 30000, dtype: 'float32' }))).toBe(
      'LSTM: hiddenSize 30000 needs l0.wh of shape (30000, 120000) float32 = 14.4 GB, more than the 4.29 GB recur allocates for one array');
    expect(message(() => new GRU({ inputSize: 10, hiddenSize: 1e6 }))).toBe(
      'GRU: hiddenSize 1000000 needs l0.wh of shape (1000000, 3000000) float64 = 24.0 TB, more than the 4.29 GB recur allocates for one array');
    expect(message(() => new SimpleRNN({ inputSize: 1e9, hiddenSize: 4 }))).toBe(
      'SimpleRNN: inputSize 1000000000, hiddenSize 4 needs l0.wx of shape (1000000000, 4) float64 = 32.0 GB, more than the 4.29 GB recur allocates for one array');
  });

  it('a layer whose arrays are each small but whose total is absurd (numLayers 1e9) is refused before allocating', () => {
    expect(message(() => new LSTM({ inputSize: 2, hiddenSize: 2, numLayers: 1e9 }))).toBe(
      'LSTM: numLayers 1000000000, inputSize 2, hiddenSize 2 need 768 GB of float64 weights and gradients, more than the 68.7 GB recur allocates for one layer');
    expect(message(() => new GRU({ inputSize: 3, hiddenSize: 5, numLayers: 1e8, bidirectional: true, dtype: 'float32' }))).toBe(
      'GRU: numLayers 100000000, inputSize 3, hiddenSize 5, bidirectional need 408 GB of float32 weights and gradients, more than the 68.7 GB recur allocates for one layer');
    expect(new LSTM({ inputSize: 2, hiddenSize: 2, numLayers: 3 }).numLayers).toBe(3);
  });

  it('a stack of tiny layers too deep for the engine heap (numLayers 1e6, 1e7) is refused at once', () => {
    // Their weights fit the byte budget; the JS objects of a million slots would not fit the
    // heap (this used to run for minutes, then abort the process).
    expect(message(() => new LSTM({ inputSize: 1, hiddenSize: 1, numLayers: 1e6 }))).toBe(
      'LSTM: numLayers 1000000 would build 1000000 layer slots, more than the 10000 recur builds for one layer');
    expect(message(() => new SimpleRNN({ inputSize: 1, hiddenSize: 1, numLayers: 1e7, bidirectional: true }))).toBe(
      'SimpleRNN: numLayers 10000000, bidirectional would build 20000000 layer slots, more than the 10000 recur builds for one layer');
    expect(message(() => new GRU({ inputSize: 1, hiddenSize: 1, numLayers: 5001, bidirectional: true }))).toMatch(/10002 layer slots/);
    expect(message(() => new CharLM({ vocabSize: 3, hiddenSize: 1, numLayers: 1e6 }))).toMatch(/^LSTM: numLayers 1000000 would build 1000000 layer slots/);
    expect(new GRU({ inputSize: 1, hiddenSize: 1, numLayers: 5000, bidirectional: true }).numLayers).toBe(5000);
  });

  it('Dense, Embedding, and CharLM saying which of its options set the size', () => {
    expect(message(() => new Dense({ inputSize: 1e5, outputSize: 1e5 }))).toBe(
      'Dense: inputSize 100000, outputSize 100000 needs w of shape (100000, 100000) float64 = 80.0 GB, more than the 4.29 GB recur allocates for one array');
    expect(message(() => new Embedding({ numEmbeddings: 1e9, embeddingSize: 8, dtype: 'float32' }))).toBe(
      'Embedding: numEmbeddings 1000000000, embeddingSize 8 needs table of shape (1000000000, 8) float32 = 32.0 GB, more than the 4.29 GB recur allocates for one array');
    expect(message(() => new CharLM({ vocabSize: 1e9, hiddenSize: 8 }))).toBe(
      'CharLM (vocabSize 1000000000, hiddenSize 8, embeddingSize 0): LSTM: inputSize 1000000000, hiddenSize 8 needs l0.wx of shape (1000000000, 32) float64 = 256 GB, more than the 4.29 GB recur allocates for one array');
    expect(message(() => new CharLM({ vocabSize: 5, hiddenSize: 30000, cell: 'rnn' }))).toMatch(/^CharLM \(vocabSize 5, hiddenSize 30000, embeddingSize 0\): SimpleRNN: hiddenSize 30000 needs l0.wh of shape \(30000, 30000\) float64 = 7.20 GB/);
  });

  it('the helpers: the limit is inclusive, engine failures are renamed, other errors pass through', () => {
    expect(MAX_ARRAY_BYTES).toBe(2 ** 32);
    expect(() => allocateFor('x', 'float32', [2 ** 30 + 1])).toThrow('x of shape (1073741825,) float32 = 4.29 GB, more than the 4.29 GB recur allocates for one array');
    expect(allocateFor('x', 'float64', [2, 3])).toEqual(new Float64Array(6));
    expect(() => whileAllocating(() => 'LSTM: hiddenSize 9 needs scratch', () => { throw new RangeError('Array buffer allocation failed'); }))
      .toThrow('LSTM: hiddenSize 9 needs scratch, which could not be allocated (Array buffer allocation failed)');
    expect(() => whileAllocating(() => 'never', () => { throw new RangeError('orthogonalMatrix: column 3 is linearly dependent'); })).toThrow(/^orthogonalMatrix/);
    expect([0, 999, 1000, 14_400_000_000, 2 ** 32].map(formatBytes)).toEqual(['0 B', '999 B', '1.00 kB', '14.4 GB', '4.29 GB']);
  });
});
