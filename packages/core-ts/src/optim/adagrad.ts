/** Adagrad (Duchi et al.), with learning-rate decay, as torch.optim.Adagrad. */
import type { NamedParameter } from '../layers/parameter.ts';
import { checkOptions } from '../options.ts';
import { checkHyper, Optimizer } from './optimizer.ts';

export interface AdagradOptions {
  /** Default 0.01. */
  lr?: number;
  /** The step size at step t (from 1) is lr / (1 + (t-1)·lrDecay). Default 0. */
  lrDecay?: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
  /** Starting value of every squared-gradient sum. Default 0. */
  initialAccumulatorValue?: number;
  /** Default 1e-10 (added outside the square root). */
  eps?: number;
}

/**
 * At step t (from 1): g = grad + weightDecay·p; s += g²;
 * p -= (lr / (1 + (t-1)·lrDecay)) · g / (sqrt(s) + eps).
 */
export class Adagrad extends Optimizer {
  readonly kind: string = 'adagrad';
  readonly lrDecay: number;
  readonly weightDecay: number;
  readonly initialAccumulatorValue: number;
  readonly eps: number;

  constructor(params: readonly NamedParameter[], options: AdagradOptions = {}) {
    super('Adagrad', params, checkOptions('Adagrad', options, ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps']).lr ?? 0.01);
    this.lrDecay = checkHyper('Adagrad', 'lrDecay', options.lrDecay ?? 0, 0);
    this.weightDecay = checkHyper('Adagrad', 'weightDecay', options.weightDecay ?? 0, 0);
    this.initialAccumulatorValue = checkHyper('Adagrad', 'initialAccumulatorValue', options.initialAccumulatorValue ?? 0, 0);
    this.eps = checkHyper('Adagrad', 'eps', options.eps ?? 1e-10, 0);
  }

  step(): void {
    const t = this.steps + 1;
    const { weightDecay: wd, eps } = this;
    const clr = this.lr / (1 + (t - 1) * this.lrDecay);
    for (const p of this.params) {
      const w = p.param.data;
      const g = p.grad.data;
      const fresh = !this.hasSlot('sum', p);
      const sum = this.slot('sum', p);
      if (fresh) sum.fill(this.initialAccumulatorValue);
      for (let i = 0; i < w.length; i++) {
        const d = g[i] + wd * w[i];
        sum[i] += d * d;
        w[i] -= clr * (d / (Math.sqrt(sum[i]) + eps));
      }
    }
    this.finishStep();
  }
}
