import { describe, expect, it } from 'vitest';
import { Tensor } from '../tensor.ts';
import { Dense } from './dense.ts';
import { Embedding, oneHot } from './embedding.ts';
import { checkDenseGradients, checkEmbeddingGradients } from '@recur/testkit/layers/head-and-loss-cases';

describe('Dense', () => {
  it('computes x·w + b over the last axis (hand-computed)', () => {
    const d = new Dense({ inputSize: 2, outputSize: 3 });
    d.params.w.data.set([1, 2, 3, 4, 5, 6]); // [[1,2,3],[4,5,6]]
    d.params.b.data.set([0.5, -1, 0]);
    const y = d.forward(Tensor.from([[[1, 1]], [[2, -1]]])).output;
    expect(y.shape).toEqual([2, 1, 3]);
    // [1,1]·w = [5,7,9]; [2,-1]·w = [-2,-1,0]
    expect(Array.from(y.data)).toEqual([5.5, 6, 9, -1.5, -2, 0]);
  });

  it('backward matches central differences (float64)', () => {
    for (const r of checkDenseGradients()) expect(r.relErr, r.name).toBeLessThan(1e-6);
  });

  it('accumulates gradients over backward calls until zeroGrad', () => {
    const d = new Dense({ inputSize: 2, outputSize: 1, seed: 1 });
    const x = Tensor.from([[1, 2]]);
    const dy = Tensor.from([[1]]);
    d.backward(d.forward(x).ctx, dy);
    d.backward(d.forward(x).ctx, dy);
    expect(Array.from(d.grads.w.data)).toEqual([2, 4]);
    expect(Array.from(d.grads.b.data)).toEqual([2]);
    d.zeroGrad();
    expect(Array.from(d.grads.w.data)).toEqual([0, 0]);
  });

  it('names the argument and the shapes on bad input', () => {
    const d = new Dense({ inputSize: 3, outputSize: 2 });
    expect(() => d.forward(Tensor.zeros([4, 2]))).toThrow(/x has shape \(4, 2\).*inputSize = 3/);
    expect(() => d.forward(Tensor.zeros([4, 3], 'float32'))).toThrow(TypeError);
    const { ctx } = d.forward(Tensor.zeros([4, 3]));
    expect(() => d.backward(ctx, Tensor.zeros([4, 3]))).toThrow(/dy has shape \(4, 3\) but \(4, 2\)/);
  });
});

describe('Embedding and oneHot', () => {
  it('looks up rows and backward matches central differences', () => {
    const e = new Embedding({ numEmbeddings: 3, embeddingSize: 2 });
    e.params.table.data.set([0, 1, 2, 3, 4, 5]);
    expect(Array.from(e.forward([2, 0], [2, 1]).output.data)).toEqual([4, 5, 0, 1]);
    for (const r of checkEmbeddingGradients()) expect(r.relErr, r.name).toBeLessThan(1e-6);
  });

  it('oneHot lays out [...dims, V]', () => {
    const t = oneHot([2, 0, 1], [3, 1], 3);
    expect(t.shape).toEqual([3, 1, 3]);
    expect(t.toArray()).toEqual([[[0, 0, 1]], [[1, 0, 0]], [[0, 1, 0]]]);
  });

  it('rejects ids out of range', () => {
    expect(() => oneHot([3], [1], 3)).toThrow(/ids\[0\] must be an integer id in 0\.\.2, got 3/);
    expect(() => new Embedding({ numEmbeddings: 2, embeddingSize: 1 }).forward([0, 1], [3])).toThrow(RangeError);
  });
});
