import { describe, expect, it } from 'vitest';
import { checkCrossEntropyGradients, checkMSEGradients } from '@recur/testkit/layers/head-and-loss-cases';
import { Tensor } from '../tensor.ts';
import { mse } from './mse.ts';
import { softmaxCrossEntropy } from './softmax-cross-entropy.ts';

describe('softmaxCrossEntropy', () => {
  it('equals -log softmax at the target, averaged (hand-computed)', () => {
    // Row 0: logits [0, ln 3] -> p = [1/4, 3/4], target 1 -> -ln(3/4).
    // Row 1: logits [0, 0]    -> p = [1/2, 1/2], target 0 -> ln 2.
    const logits = Tensor.from([[0, Math.log(3)], [0, 0]]);
    const r = softmaxCrossEntropy(logits, [1, 0]);
    expect(r.count).toBe(2);
    expect(r.loss).toBeCloseTo((-Math.log(0.75) + Math.log(2)) / 2, 14);
    // dlogits = (p - onehot) / count
    const expected = [0.25 / 2, (0.75 - 1) / 2, (0.5 - 1) / 2, 0.5 / 2];
    Array.from(r.dlogits.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
  });

  it('stays finite for huge logits', () => {
    const r = softmaxCrossEntropy(Tensor.from([[1000, -1000]]), [1]);
    expect(r.loss).toBeCloseTo(2000, 9);
  });

  it('averages over valid positions only and ignores padded targets', () => {
    const logits = Tensor.from([[[0, 0]], [[5, 1]]]); // T=2, B=1
    const r = softmaxCrossEntropy(logits, [0, -1], { lengths: [1] });
    expect(r.count).toBe(1);
    expect(r.loss).toBeCloseTo(Math.log(2), 14);
    expect(Array.from(r.dlogits.data.slice(2))).toEqual([0, 0]);
    const m = softmaxCrossEntropy(logits, [0, -1], { mask: [1, 0] });
    expect(m.loss).toBe(r.loss);
  });

  it('backward matches central differences: plain, lengths, mask', () => {
    for (const opts of [{}, { lengths: [4, 2, 0] }, { mask: [1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1] }]) {
      for (const r of checkCrossEntropyGradients(opts)) expect(r.relErr, JSON.stringify(opts)).toBeLessThan(1e-6);
    }
  });

  it('rejects bad targets and shapes', () => {
    expect(() => softmaxCrossEntropy(Tensor.zeros([2, 3]), [0])).toThrow(/targets has 1 entries but logits \(2, 3\) has 2 positions/);
    expect(() => softmaxCrossEntropy(Tensor.zeros([2, 3]), [0, 3])).toThrow(/targets\[1\] must be a class id in 0\.\.2, got 3/);
    expect(() => softmaxCrossEntropy(Tensor.zeros([2, 3]), [0, 1], { lengths: [1] })).toThrow(/time-major/);
  });
});

describe('mse', () => {
  it('is the mean of squared errors (hand-computed)', () => {
    const r = mse(Tensor.from([[1, 2], [3, 4]]), Tensor.from([[0, 2], [5, 4]]));
    expect(r.loss).toBe((1 + 0 + 4 + 0) / 4);
    expect(Array.from(r.dprediction.data)).toEqual([0.5, 0, -1, 0]);
  });

  it('backward matches central differences: plain, lengths, mask', () => {
    for (const opts of [{}, { lengths: [4, 1, 3] }, { mask: [0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1] }]) {
      for (const r of checkMSEGradients(opts)) expect(r.relErr, JSON.stringify(opts)).toBeLessThan(1e-6);
    }
  });
});
