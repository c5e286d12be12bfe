// RMSprop, Adagrad, AdamW and the schedules on steps worked out by hand (torch-oracle.test.ts
// checks the same classes against real torch.optim runs).
import { describe, expect, it } from 'vitest';
import type { NamedParameter } from '../layers/parameter.ts';
import { Tensor } from '../tensor.ts';
import { Adagrad } from './adagrad.ts';
import { AdamW } from './adamw.ts';
import { createOptimizer } from './create-optimizer.ts';
import { CosineAnnealingLR, ExponentialLR, LinearLR, StepLR } from './lr-scheduler.ts';
import { RMSprop } from './rmsprop.ts';
import { SGD } from './sgd.ts';

function param(values: number[], grads: number[]): NamedParameter {
  return { name: 'w', param: Tensor.from(values), grad: Tensor.from(grads) };
}

describe('RMSprop', () => {
  it('defaults lr 0.01, alpha 0.99, eps 1e-8: first step moves by lr/sqrt(1-alpha)', () => {
    const p = param([1], [0.5]);
    const opt = new RMSprop([p]);
    expect([opt.lr, opt.alpha, opt.eps, opt.momentum, opt.centered]).toEqual([0.01, 0.99, 1e-8, 0, false]);
    opt.step();
    // s = 0.01·0.25 = 0.0025, sqrt = 0.05: w = 1 - 0.01·0.5/(0.05 + 1e-8)
    expect(p.param.data[0]).toBeCloseTo(1 - 0.005 / (0.05 + 1e-8), 15);
  });

  it('centered with momentum, two steps', () => {
    const p = param([1], [0.5]);
    const opt = new RMSprop([p], { lr: 0.1, alpha: 0.5, momentum: 0.5, centered: true, eps: 0 });
    opt.step();
    // s = 0.125, ḡ = 0.25, d = sqrt(0.125 - 0.0625) = 0.25, buf = 2, w = 1 - 0.2 = 0.8
    expect(p.param.data[0]).toBeCloseTo(0.8, 15);
    p.grad.data[0] = -0.5;
    opt.step();
    // s = 0.0625 + 0.125 = 0.1875, ḡ = 0.25 + 0.5·(-0.75) = -0.125, d = sqrt(0.1875 - 0.015625) = sqrt(0.171875)
    // buf = 0.5·2 + (-0.5)/d, w = 0.8 - 0.1·buf
    const d = Math.sqrt(0.171875);
    expect(p.param.data[0]).toBeCloseTo(0.8 - 0.1 * (1 - 0.5 / d), 14);
  });
});

describe('Adagrad', () => {
  it('defaults lr 0.01, eps 1e-10; lrDecay and initialAccumulatorValue', () => {
    const p = param([1], [2]);
    const opt = new Adagrad([p], { lrDecay: 0.5, initialAccumulatorValue: 5 });
    expect([opt.lr, opt.eps, opt.weightDecay]).toEqual([0.01, 1e-10, 0]);
    opt.step();
    // s = 5 + 4 = 9, clr = 0.01: w = 1 - 0.01·2/(3 + eps)
    const w1 = 1 - 0.01 * (2 / (3 + 1e-10));
    expect(p.param.data[0]).toBeCloseTo(w1, 15);
    opt.step();
    // s = 13, clr = 0.01/(1 + 1·0.5)
    expect(p.param.data[0]).toBeCloseTo(w1 - (0.01 / 1.5) * (2 / (Math.sqrt(13) + 1e-10)), 15);
  });
});

describe('AdamW', () => {
  it('decays the weight outside the moments (weightDecay default 0.01)', () => {
    const p = param([2], [0.5]);
    const opt = new AdamW([p], { lr: 0.1 });
    expect(opt.weightDecay).toBe(0.01);
    opt.step();
    // w = 2·(1 - 0.1·0.01) = 1.998, then Adam's first step moves by lr·m̂/sqrt(v̂) = 0.1·0.5/0.5
    expect(p.param.data[0]).toBeCloseTo(1.998 - 0.1 / (1 + 1e-8 / 0.5), 14);
    // zero gradient: only the decay and the remaining momentum act
    const q = param([2], [0]);
    new AdamW([q], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(q.param.data[0]).toBe(2 * (1 - 0.05));
  });

  it('is not Adam with L2: the gradient moments never see the decay', () => {
    const a = param([2], [0.5]);
    const b = param([2], [0.5]);
    new AdamW([a], { lr: 0.1, weightDecay: 0.5 }).step();
    createOptimizer([b], { kind: 'adam', lr: 0.1, weightDecay: 0.5 }).step();
    expect(a.param.data[0]).not.toBeCloseTo(b.param.data[0], 6);
  });
});

describe('schedules', () => {
  const sgd = (lr: number) => new SGD([param([0], [0])], { lr });
  const lrs = (opt: SGD, sched: { step(): void }, n: number) => {
    const out = [opt.lr];
    for (let i = 0; i < n; i++) { sched.step(); out.push(opt.lr); }
    return out;
  };

  it('StepLR, ExponentialLR', () => {
    const a = sgd(1);
    expect(lrs(a, new StepLR(a, { stepSize: 2, gamma: 0.5 }), 5)).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
    const b = sgd(2);
    expect(lrs(b, new ExponentialLR(b, { gamma: 0.5 }), 3)).toEqual([2, 1, 0.5, 0.25]);
  });

  it('CosineAnnealingLR goes from baseLr to etaMin in tMax epochs and back', () => {
    const a = sgd(1);
    const got = lrs(a, new CosineAnnealingLR(a, { tMax: 2, etaMin: 0.2 }), 4);
    [1, 0.6, 0.2, 0.6, 1].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 15));
  });

  it('LinearLR warms up from startFactor and holds endFactor', () => {
    const a = sgd(1);
    const s = new LinearLR(a, { startFactor: 0.25, totalIters: 3 });
    const got = lrs(a, s, 5);
    [0.25, 0.5, 0.75, 1, 1, 1].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 15));
    expect(s.state()).toEqual({ kind: 'linear', epoch: 5, baseLr: 1 });
  });

  it('resumes from state(), rejects bad options', () => {
    const a = sgd(1);
    const s = new StepLR(a, { stepSize: 2 });
    s.step(); s.step(); s.step();
    const b = sgd(123);
    const r = new StepLR(b, { stepSize: 2 });
    r.loadState(s.state());
    expect([b.lr, r.epoch, r.baseLr]).toEqual([a.lr, 3, 1]);
    expect(() => r.loadState({ kind: 'cosine', epoch: 1, baseLr: 1 })).toThrow(/'cosine' schedule, this is 'step'/);
    expect(() => new StepLR(a, { stepSize: 0 })).toThrow(/stepSize must be an integer >= 1, got 0/);
    expect(() => new CosineAnnealingLR(a, {} as never)).toThrow(RangeError);
    expect(() => new LinearLR(a, { startFactor: 0 })).toThrow(/startFactor must be in \(0, 1\]/);
    expect(() => new ExponentialLR({} as never, { gamma: 0.5 })).toThrow(TypeError);
  });
});

describe('bad hyperparameters', () => {
  it('are RangeErrors naming the option', () => {
    const p = param([1], [0]);
    expect(() => new RMSprop([p], { alpha: 1 })).toThrow(/RMSprop: alpha must be a finite number in \[0, 1\)/);
    expect(() => new RMSprop([p], { centered: 'yes' as never })).toThrow(TypeError);
    expect(() => new Adagrad([p], { eps: -1 })).toThrow(/Adagrad: eps must be/);
    expect(() => new AdamW([p], { beta2: 1.5 })).toThrow(/AdamW: beta2 must be/);
    expect(() => createOptimizer([p], { kind: 'adagrad', lr: NaN })).toThrow(/Adagrad: lr must be/);
  });
});
