/** Adam with bias correction (Kingma & Ba), computed the way torch.optim.Adam does. */
import type { NamedParameter } from '../layers/parameter.ts';
import { checkOptions } from '../options.ts';
import { adamUpdate, resolveAdamHyper } from './adam-update.ts';
import { Optimizer } from './optimizer.ts';

export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (Adam, not AdamW). Default 0. */
  weightDecay?: number;
}

/**
 * At step t (from 1): g = grad + weightDecay·p; m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²;
 * p -= (lr / (1-β1^t)) · m / (sqrt(v) / sqrt(1-β2^t) + eps).
 */
export class Adam extends Optimizer {
  readonly kind: string = 'adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;

  constructor(params: readonly NamedParameter[], options: AdamOptions = {}) {
    super('Adam', params, checkOptions('Adam', options, ['lr', 'beta1', 'beta2', 'eps', 'weightDecay']).lr ?? 1e-3);
    ({ beta1: this.beta1, beta2: this.beta2, eps: this.eps, weightDecay: this.weightDecay } = resolveAdamHyper('Adam', options, 0));
  }

  step(): void {
    adamUpdate(this.params, (s, p) => this.slot(s, p), this.steps + 1, this.lr, this, false);
    this.finishStep();
  }
}
