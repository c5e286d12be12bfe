import { describe, expect, it } from 'vitest';
import { sigmoid, tanh } from './activations.ts';

describe('ts activations', () => {
  it('sigmoid matches 1/(1+e^-x) where that formula is safe', () => {
    // Both formulas round in exp, the add and the divide (about 2 ulp each), so they may
    // differ by a few ulp: the bound is 4 ulp relative.
    for (let x = -30; x <= 30; x += 0.37) {
      const want = 1 / (1 + Math.exp(-x));
      expect(Math.abs(sigmoid(x) - want)).toBeLessThanOrEqual(4 * Number.EPSILON * want);
    }
    expect(sigmoid(0)).toBe(0.5);
  });

  it('sigmoid neither overflows nor returns NaN for huge |x|', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(Number.MAX_VALUE)).toBe(1);
    expect(sigmoid(-Number.MAX_VALUE)).toBe(0);
    expect(sigmoid(Infinity)).toBe(1);
    expect(sigmoid(-Infinity)).toBe(0);
    // Far in the negative tail the result is tiny but keeps its relative accuracy.
    expect(Math.abs(sigmoid(-700) - Math.exp(-700)) / Math.exp(-700)).toBeLessThan(1e-14);
  });

  it('sigmoid(-x) = 1 - sigmoid(x)', () => {
    for (const x of [0.1, 1, 3.5, 10, 20]) expect(Math.abs(sigmoid(-x) - (1 - sigmoid(x)))).toBeLessThan(1e-16);
  });

  it('tanh is bounded and odd for huge |x|', () => {
    expect(tanh(1e6)).toBe(1);
    expect(tanh(-1e6)).toBe(-1);
    expect(tanh(-0.3)).toBe(-tanh(0.3));
  });
});

describe('ts hardSigmoid (TF.js / Keras 2: clip(0.2x + 0.5, 0, 1))', () => {
  it('is linear in (-2.5, 2.5) and clipped outside', async () => {
    const { hardSigmoid, gateFn } = await import('./activations.ts');
    expect(hardSigmoid(0)).toBe(0.5);
    expect(hardSigmoid(1)).toBeCloseTo(0.7, 15);
    expect(hardSigmoid(-2)).toBeCloseTo(0.1, 15);
    expect(hardSigmoid(2.5)).toBe(1);
    expect(hardSigmoid(-2.5)).toBe(0);
    expect(hardSigmoid(1e300)).toBe(1);
    expect(hardSigmoid(-Infinity)).toBe(0);
    const g = gateFn('hardSigmoid');
    expect(g.dFromValue(0.7)).toBe(0.2);
    expect(g.dFromValue(1)).toBe(0);
    expect(g.dFromValue(0)).toBe(0);
    expect(() => gateFn('hard_sigmoid')).toThrow(TypeError);
  });
});
