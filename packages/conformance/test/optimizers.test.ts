// Training with every optimizer and schedule gives the same weights on every backend as on
// ts: a few steps of an LSTM + Dense model (float64, same seeds and data), the weights compared
// within 1e-9 as |got - ts| / (1 + |ts|). The optimizers are plain TypeScript; what differs
// between backends is the gradients they are fed, and this checks the whole training step.
import { expect, it } from 'vitest';
import { Dense } from '@recur/core';
import { LSTM } from '@recur/core';
import { prefixParameters } from '@recur/core';
import { softmaxCrossEntropy } from '@recur/core';
import { createOptimizer, OPTIMIZER_KINDS, type OptimizerConfig } from '@recur/core';
import { CosineAnnealingLR, LinearLR, StepLR } from '@recur/core';
import { RandomState } from '@recur/core';
import { Tensor } from '@recur/core';
import type { Backend } from '@recur/core';
import { onBackend } from '../src/backends.js';
import { describeAgainstTs } from '../src/describe-backends.js';

const T = 6, B = 5, X = 3, H = 7, C = 4, STEPS = 6;

function train(backend: Backend, config: OptimizerConfig, schedule: 'step' | 'cosine' | 'linear'): Float64Array {
  return onBackend(backend, () => {
    const lstm = new LSTM({ inputSize: X, hiddenSize: H, numLayers: 2, seed: 1 });
    const head = new Dense({ inputSize: H, outputSize: C, seed: 2 });
    const params = [...prefixParameters('lstm', lstm.parameters()), ...prefixParameters('head', head.parameters())];
    const opt = createOptimizer(params, config);
    const sched = schedule === 'step' ? new StepLR(opt, { stepSize: 2, gamma: 0.5 }) : schedule === 'cosine' ? new CosineAnnealingLR(opt, { tMax: STEPS }) : new LinearLR(opt, { totalIters: 3 });
    const rng = new RandomState(3);
    for (let s = 0; s < STEPS; s++) {
      const x = new Tensor(rng.randn(T * B * X).data, [T, B, X]);
      const targets = Array.from({ length: T * B }, () => Math.floor(rng.nextDouble() * C));
      const r = lstm.forward(x);
      const y = head.forward(r.output);
      const ce = softmaxCrossEntropy(y.output, targets);
      opt.zeroGrad();
      lstm.backward(r.ctx, head.backward(y.ctx, ce.dlogits).dx);
      opt.step();
      sched.step();
    }
    return Float64Array.from(params.flatMap((p) => Array.from(p.param.data)));
  });
}

const CONFIGS: [OptimizerConfig, 'step' | 'cosine' | 'linear'][] = [
  [{ kind: 'sgd', lr: 0.1 }, 'step'],
  [{ kind: 'momentum', lr: 0.1, nesterov: true }, 'cosine'],
  [{ kind: 'adam', lr: 0.01 }, 'linear'],
  [{ kind: 'adamw', lr: 0.01, weightDecay: 0.1 }, 'cosine'],
  [{ kind: 'rmsprop', lr: 0.01, centered: true, momentum: 0.5 }, 'step'],
  [{ kind: 'adagrad', lr: 0.1, lrDecay: 0.01 }, 'linear'],
];

describeAgainstTs('training with each optimizer and schedule equals ts', (other, ts) => {
  it('covers every optimizer kind', () => {
    expect(new Set(CONFIGS.map(([c]) => c.kind))).toEqual(new Set(OPTIMIZER_KINDS));
  });
  for (const [config, schedule] of CONFIGS) {
    it(`${config.kind} with a ${schedule} schedule: weights after ${STEPS} steps within 1e-9`, () => {
      const want = train(ts, config, schedule);
      const got = train(other, config, schedule);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i])));
      expect(worst).toBeLessThan(1e-9);
    });
  }
});
