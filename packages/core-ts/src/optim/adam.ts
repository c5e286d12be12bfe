/** Adam with bias correction (Kingma & Ba), computed the way torch.optim.Adam does. */
import type { NamedParameter } from '../layers/parameter.ts';
import { checkHyper, Optimizer } from './optimizer.ts';

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
    super('Adam', params, options.lr ?? 1e-3);
    this.beta1 = checkHyper('Adam', 'beta1', options.beta1 ?? 0.9, 0, 1);
    this.beta2 = checkHyper('Adam', 'beta2', options.beta2 ?? 0.999, 0, 1);
    this.eps = checkHyper('Adam', 'eps', options.eps ?? 1e-8, 0);
    this.weightDecay = checkHyper('Adam', 'weightDecay', options.weightDecay ?? 0, 0);
  }

  step(): void {
    const t = this.stepCount + 1;
    const { beta1: b1, beta2: b2, eps, weightDecay: wd } = this;
    const stepSize = this.lr / (1 - b1 ** t);
    const bc2Sqrt = Math.sqrt(1 - b2 ** t);
    for (const p of this.params) {
      const w = p.param.data;
      const g = p.grad.data;
      const m = this.slot('m', p);
      const v = this.slot('v', p);
      for (let i = 0; i < w.length; i++) {
        const d = g[i] + wd * w[i];
        m[i] = b1 * m[i] + (1 - b1) * d;
        v[i] = b2 * v[i] + (1 - b2) * d * d;
        w[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2Sqrt + eps);
      }
    }
    this.stepCount = t;
  }
}
