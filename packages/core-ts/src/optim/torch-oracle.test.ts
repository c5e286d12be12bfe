// RMSprop, Adagrad, AdamW, Adam and the learning-rate schedules against real torch.optim runs
// (fixtures/optimizer-cases.json, written once by fixtures/make_optimizer_fixtures.py with
// Debian's python3-torch): the same gradients give the same parameters after every step, and
// the schedules the same learning rate after every epoch, to 1e-13 relative in float64.
import { describe, expect, it } from 'vitest';
import fixtures from '../../fixtures/optimizer-cases.json' with { type: 'json' };
import { hexTensor, type HexTensor } from '@recur/testkit/io/hex-fixtures';
import type { NamedParameter } from '../layers/parameter.ts';
import { Tensor } from '../tensor.ts';
import { createOptimizer, type OptimizerConfig } from './create-optimizer.ts';
import { CosineAnnealingLR, ExponentialLR, LinearLR, StepLR, type LRScheduler } from './lr-scheduler.ts';
import { SGD } from './sgd.ts';
import type { Optimizer } from './optimizer.ts';

interface OptimizerCase { name: string; kind: OptimizerConfig['kind']; options: Record<string, unknown>; p0: HexTensor; grads: HexTensor[]; steps: HexTensor[] }
interface ScheduleCase { name: string; scheduler: string; options: Record<string, unknown>; baseLr: number; lrs: HexTensor }
const doc = fixtures as unknown as { optimizers: OptimizerCase[]; schedules: ScheduleCase[] };

const vec = (h: HexTensor) => Array.from(hexTensor(h).data);
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b), 1e-3);

describe('optimizers match torch.optim step by step', () => {
  for (const c of doc.optimizers) {
    it(c.name, () => {
      const p: NamedParameter = { name: 'w', param: Tensor.from(vec(c.p0)), grad: Tensor.zeros([c.p0.shape[0]]) };
      const opt = createOptimizer([p], { kind: c.kind, ...c.options } as OptimizerConfig);
      c.grads.forEach((g, step) => {
        p.grad.data.set(vec(g));
        opt.step();
        const want = vec(c.steps[step]);
        const got = Array.from(p.param.data);
        for (let i = 0; i < want.length; i++) expect(relErr(got[i], want[i]), `step ${step + 1} [${i}]: ${got[i]} vs torch ${want[i]}`).toBeLessThan(1e-13);
      });
      expect(opt.steps).toBe(c.grads.length);
    });
  }

  it('resumes bit-identically from state() for every kind', () => {
    for (const c of doc.optimizers) {
      const make = (w: number[]) => ({ name: 'w', param: Tensor.from(w), grad: Tensor.zeros([w.length]) });
      const a = make(vec(c.p0));
      const optA = createOptimizer([a], { kind: c.kind, ...c.options } as OptimizerConfig);
      const run = (p: NamedParameter, opt: Optimizer, from: number, to: number) => {
        for (let s = from; s < to; s++) { p.grad.data.set(vec(c.grads[s])); opt.step(); }
      };
      run(a, optA, 0, 3);
      const b = make(Array.from(a.param.data));
      const optB = createOptimizer([b], { kind: c.kind, ...c.options } as OptimizerConfig);
      optB.loadState(optA.state());
      run(a, optA, 3, c.grads.length);
      run(b, optB, 3, c.grads.length);
      expect(Array.from(b.param.data), c.name).toEqual(Array.from(a.param.data));
    }
  });
});

const SCHEDULERS: Record<string, (opt: Optimizer, o: never) => LRScheduler> = {
  StepLR: (opt, o) => new StepLR(opt, o),
  ExponentialLR: (opt, o) => new ExponentialLR(opt, o),
  CosineAnnealingLR: (opt, o) => new CosineAnnealingLR(opt, o),
  LinearLR: (opt, o) => new LinearLR(opt, o),
};

describe('schedules match torch.optim.lr_scheduler epoch by epoch', () => {
  for (const c of doc.schedules) {
    it(c.name, () => {
      const opt = new SGD([{ name: 'w', param: Tensor.zeros([1]), grad: Tensor.zeros([1]) }], { lr: c.baseLr });
      const sched = SCHEDULERS[c.scheduler](opt, c.options as never);
      const want = vec(c.lrs);
      const got = [opt.lr];
      for (let e = 1; e < want.length; e++) { opt.step(); sched.step(); got.push(opt.lr); }
      for (let e = 0; e < want.length; e++) expect(relErr(got[e], want[e]), `epoch ${e}: ${got[e]} vs torch ${want[e]}`).toBeLessThan(1e-13);
      expect(sched.epoch).toBe(want.length - 1);
    });
  }
});
