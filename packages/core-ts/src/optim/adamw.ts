/** AdamW: Adam with decoupled weight decay (Loshchilov & Hutter), as torch.optim.AdamW. */
import type { NamedParameter } from '../layers/parameter.ts';
import { checkOptions } from '../options.ts';
import type { AdamOptions } from './adam.ts';
import { adamUpdate, resolveAdamHyper } from './adam-update.ts';
import { Optimizer } from './optimizer.ts';

export interface AdamWOptions extends AdamOptions {
  /** Decoupled decay: p *= 1 - lr·weightDecay each step, outside the moments. Default 0.01. */
  weightDecay?: number;
}

/**
 * At step t (from 1): p *= 1 - lr·weightDecay; then Adam's update from the plain gradient:
 * m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; p -= (lr / (1-β1^t)) · m / (sqrt(v) / sqrt(1-β2^t) + eps).
 * Defaults lr 1e-3, β 0.9 / 0.999, eps 1e-8, weightDecay 0.01 (PyTorch's).
 */
export class AdamW extends Optimizer {
  readonly kind: string = 'adamw';
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;

  constructor(params: readonly NamedParameter[], options: AdamWOptions = {}) {
    super('AdamW', params, checkOptions('AdamW', options, ['lr', 'beta1', 'beta2', 'eps', 'weightDecay']).lr ?? 1e-3);
    ({ beta1: this.beta1, beta2: this.beta2, eps: this.eps, weightDecay: this.weightDecay } = resolveAdamHyper('AdamW', options, 0.01));
  }

  step(): void {
    adamUpdate(this.params, (s, p) => this.slot(s, p), this.steps + 1, this.lr, this, true);
    this.finishStep();
  }
}
