import { describe, expect, it } from 'vitest';
import type { NamedParameter } from '../layers/parameter.ts';
import { Tensor } from '../tensor.ts';
import { Adam } from './adam.ts';
import { clipGradNorm, clipGradValue } from './clip-grad.ts';
import { createOptimizer } from './create-optimizer.ts';
import { SGD } from './sgd.ts';

function param(name: string, values: number[], grads: number[]): NamedParameter {
  return { name, param: Tensor.from(values), grad: Tensor.from(grads) };
}

function run(p: NamedParameter, opt: { step(): void }, grads: number[][]): number[][] {
  return grads.map((g) => {
    p.grad.data.set(g);
    opt.step();
    return Array.from(p.param.data);
  });
}

describe('SGD', () => {
  it('plain step: w -= lr·g', () => {
    const p = param('w', [1, -2], [0.5, 0.25]);
    new SGD([p], { lr: 0.1 }).step();
    expect(Array.from(p.param.data)).toEqual([1 - 0.05, -2 - 0.025]);
  });

  it('weight decay adds wd·w to the gradient', () => {
    const p = param('w', [1], [0.5]);
    new SGD([p], { lr: 0.1, weightDecay: 0.1 }).step();
    expect(p.param.data[0]).toBeCloseTo(1 - 0.1 * (0.5 + 0.1 * 1), 15);
  });

  it('momentum 0.9 (PyTorch: buffer starts at the first gradient)', () => {
    const p = param('w', [1], [0]);
    const steps = run(p, new SGD([p], { lr: 0.1, momentum: 0.9 }), [[0.5], [0.5], [-1]]);
    // buf 0.5 -> w 0.95; buf 0.9*0.5+0.5 = 0.95 -> w 0.855; buf 0.9*0.95-1 = -0.145 -> w 0.8695
    expect(steps[0][0]).toBeCloseTo(0.95, 15);
    expect(steps[1][0]).toBeCloseTo(0.855, 15);
    expect(steps[2][0]).toBeCloseTo(0.8695, 15);
  });

  it('nesterov momentum', () => {
    const p = param('w', [1], [0]);
    const steps = run(p, new SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true }), [[0.5], [0.5]]);
    // step 1: buf 0.5, d = 0.5 + 0.9*0.5 = 0.95 -> w 0.905
    // step 2: buf 0.95, d = 0.5 + 0.9*0.95 = 1.355 -> w 0.7695
    expect(steps[0][0]).toBeCloseTo(0.905, 15);
    expect(steps[1][0]).toBeCloseTo(0.7695, 15);
  });
});

describe('Adam', () => {
  it('matches the bias-corrected update worked out by hand', () => {
    const p = param('w', [1], [0]);
    const steps = run(p, new Adam([p], { lr: 0.1 }), [[0.5], [-1]]);
    // t=1: m = 0.1*0.5 = 0.05, v = 0.001*0.25 = 0.00025, m̂ = 0.5, v̂ = 0.25
    const w1 = 1 - (0.1 * 0.5) / (Math.sqrt(0.25) + 1e-8);
    // t=2: m = 0.9*0.05 - 0.1 = -0.055, v = 0.999*0.00025 + 0.001 = 0.00124975
    //      m̂ = -0.055/(1-0.81), v̂ = 0.00124975/(1-0.998001)
    const w2 = w1 - (0.1 * (-0.055 / 0.19)) / (Math.sqrt(0.00124975 / 0.001999) + 1e-8);
    expect(Math.abs(steps[0][0] - w1)).toBeLessThan(1e-15);
    expect(Math.abs(steps[1][0] - w2) / Math.abs(w2)).toBeLessThan(1e-13);
    // ≈ 0.9 + 0.1·0.2894737/0.7906880
    expect(w2).toBeCloseTo(0.9366103, 6);
  });

  it('resumes bit-identically from state()', () => {
    const grads = [[0.3, -0.7], [1.1, 0.2], [-0.4, 0.9], [0.05, -2]];
    const a = param('w', [0.5, -0.25], [0, 0]);
    const optA = new Adam([a], { lr: 0.05 });
    run(a, optA, grads.slice(0, 2));
    const saved = { w: Float64Array.from(a.param.data), opt: optA.state() };
    run(a, optA, grads.slice(2));

    const b = param('w', Array.from(saved.w), [0, 0]);
    const optB = new Adam([b], { lr: 0.05 });
    optB.loadState(saved.opt);
    run(b, optB, grads.slice(2));
    expect(Array.from(b.param.data)).toEqual(Array.from(a.param.data));
    expect(optB.steps).toBe(4);
  });

  it('rejects a state of another kind or with unknown slots', () => {
    const p = param('w', [1], [0]);
    const opt = new Adam([p]);
    expect(() => opt.loadState({ kind: 'sgd', step: 0, slots: {} })).toThrow(/'sgd' optimizer/);
    expect(() => opt.loadState({ kind: 'adam', step: 1, slots: { 'm:nope': new Float64Array(1) } })).toThrow(/names no parameter/);
    expect(() => opt.loadState({ kind: 'adam', step: 1, slots: { 'm:w': new Float64Array(2) } })).toThrow(/1 entries/);
  });
});

describe('gradient clipping', () => {
  it('clipGradNorm scales by maxNorm/(norm+1e-6) and returns the norm before clipping', () => {
    const a = param('a', [0, 0], [3, 4]);
    const b = param('b', [0], [12]);
    expect(clipGradNorm([a, b], 6.5)).toBe(13);
    const c = 6.5 / (13 + 1e-6);
    expect(Array.from(a.grad.data)).toEqual([3 * c, 4 * c]);
    expect(Array.from(b.grad.data)).toEqual([12 * c]);
    expect(clipGradNorm([a, b], 100)).toBeCloseTo(6.5, 6);
    expect(Array.from(b.grad.data)).toEqual([12 * c]);
  });

  it('clipGradValue clamps each entry', () => {
    const a = param('a', [0, 0, 0], [-3, 0.5, 7]);
    clipGradValue([a], 1);
    expect(Array.from(a.grad.data)).toEqual([-1, 0.5, 1]);
  });
});

describe('createOptimizer and zeroGrad', () => {
  it('builds each kind and zeroes gradients', () => {
    const p = param('w', [1], [2]);
    expect(createOptimizer([p], { kind: 'adam', lr: 0.01 })).toBeInstanceOf(Adam);
    const m = createOptimizer([p], { kind: 'momentum', lr: 0.1 }) as SGD;
    expect(m.momentum).toBe(0.9);
    m.zeroGrad();
    expect(p.grad.data[0]).toBe(0);
    expect(() => createOptimizer([p], { kind: 'lbfgs' } as never)).toThrow(/kind must be one of/);
    expect(() => new SGD([p, p], { lr: 1 })).toThrow(/two parameters are named 'w'/);
    expect(() => new SGD([p], { lr: -1 })).toThrow(/lr must be a finite number >= 0/);
  });
});
