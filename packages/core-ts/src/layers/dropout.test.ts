// Dropout: the layer (statistics, identity outside training, gradient = mask) and the
// recurrent stacks' `dropout` between layers, against a chain of one-layer stacks with the
// same weights and the same mask applied by hand (the oracle).
import { describe, expect, it } from 'vitest';
import { RandomState } from '../random/random-state.ts';
import { Tensor } from '../tensor.ts';
import { Dropout } from './dropout.ts';
import { LSTM } from './lstm.ts';
import { GRU } from './gru.ts';

describe('Dropout layer', () => {
  it('is the identity outside training and drops about `rate` of the elements in training', () => {
    const d = new Dropout({ rate: 0.3, seed: 4 });
    const x = Tensor.from(new Float64Array(20000).fill(2), [100, 200]);
    expect(d.forward(x).output).toBe(x);
    const { output } = d.forward(x, { training: true });
    let zeros = 0;
    for (const v of output.data) {
      if (v === 0) zeros++;
      else expect(v).toBeCloseTo(2 / 0.7, 12);
    }
    expect(Math.abs(zeros / 20000 - 0.3)).toBeLessThan(0.02);
  });

  it('backward multiplies by the same mask; same seed, same masks', () => {
    const a = new Dropout({ rate: 0.5, seed: 1 });
    const b = new Dropout({ rate: 0.5, seed: 1 });
    const x = new RandomState(3).randn(5, 7);
    const fa = a.forward(x, { training: true });
    const fb = b.forward(x, { training: true });
    expect(Array.from(fa.output.data)).toEqual(Array.from(fb.output.data));
    const dy = new RandomState(4).randn(5, 7);
    const { dx } = a.backward(fa.ctx, dy);
    for (let i = 0; i < dx.size; i++) expect(dx.data[i] + 0).toBe(fa.output.data[i] === 0 ? 0 : dy.data[i] * 2); // +0: -0 == 0 here
    expect(() => a.backward(fa.ctx, dy)).toThrow(/already backpropagated/);
  });

  it('rejects a rate outside [0, 1) and unknown options', () => {
    expect(() => new Dropout({ rate: 1 })).toThrow(RangeError);
    expect(() => new Dropout({ rate: -0.1 })).toThrow(RangeError);
    expect(() => new Dropout({ rate: 0.1, sede: 2 } as never)).toThrow(/unknown option 'sede'; did you mean 'seed'\?/);
  });
});

describe('recurrent dropout between stacked layers', () => {
  for (const make of [
    (o: { inputSize: number; numLayers: number; dropout?: number }) => new LSTM({ hiddenSize: 3, seed: 2, ...o }),
    (o: { inputSize: number; numLayers: number; dropout?: number }) => new GRU({ hiddenSize: 3, seed: 2, bidirectional: true, ...o }),
  ]) {
    it(`${make({ inputSize: 2, numLayers: 1 }).constructor.name}: equals two one-layer stacks with the mask in between`, () => {
      const stack = make({ inputSize: 2, numLayers: 2, dropout: 0.4 });
      const first = make({ inputSize: 2, numLayers: 1 });
      const second = make({ inputSize: stack.outputSize, numLayers: 1 });
      for (const [name, t] of Object.entries(stack.params)) {
        const [slot, key] = name.split('.');
        const target = slot.startsWith('l0') ? first : second;
        target.params[`${slot.replace('l1', 'l0')}.${key}`].data.set(t.data);
      }
      const rng = new RandomState(8);
      const x = rng.randn(5, 3, 2);
      const s = stack.forward(x, { training: true });
      expect(s.ctx.dropoutMasks).toHaveLength(1);
      const mask = s.ctx.dropoutMasks[0];
      const f1 = first.forward(x);
      const mid = f1.output.clone();
      for (let i = 0; i < mid.size; i++) mid.data[i] *= mask[i];
      const f2 = second.forward(mid);
      expect(Array.from(s.output.data)).toEqual(Array.from(f2.output.data));
      const dOut = rng.randn(5, 3, stack.outputSize);
      const g = stack.backward(s.ctx, dOut);
      const d2 = second.backward(f2.ctx, dOut);
      const dmid = d2.dx.clone();
      for (let i = 0; i < dmid.size; i++) dmid.data[i] *= mask[i];
      const d1 = first.backward(f1.ctx, dmid);
      expect(Array.from(g.dx.data)).toEqual(Array.from(d1.dx.data));
      for (const name of Object.keys(stack.grads)) {
        const [slot, key] = name.split('.');
        const target = slot.startsWith('l0') ? first : second;
        expect(Array.from(stack.grads[name].data), name).toEqual(Array.from(target.grads[`${slot.replace('l1', 'l0')}.${key}`].data));
      }
      // Outside training no mask is drawn and the stack equals the unmasked chain.
      const inf = stack.forward(x);
      expect(inf.ctx.dropoutMasks).toHaveLength(0);
      expect(Array.from(inf.output.data)).toEqual(Array.from(second.forward(first.forward(x).output).output.data));
    });
  }
});
