/** RMSprop (Hinton), optionally centered and with momentum, as torch.optim.RMSprop. */
import type { NamedParameter } from '../layers/parameter.ts';
import { checkOptions } from '../options.ts';
import { checkHyper, Optimizer } from './optimizer.ts';

export interface RMSpropOptions {
  /** Default 0.01. */
  lr?: number;
  /** Smoothing constant of the squared-gradient average. Default 0.99. */
  alpha?: number;
  /** Default 1e-8 (added outside the square root). */
  eps?: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
  /** Default 0. */
  momentum?: number;
  /** Normalise by the estimated variance (subtract the squared mean gradient). Default false. */
  centered?: boolean;
}

/**
 * g = grad + weightDecay·p; s = α·s + (1-α)·g²; centered: ḡ = ḡ + (1-α)·(g - ḡ) and
 * d = sqrt(s - ḡ²) + eps, else d = sqrt(s) + eps; with momentum: buf = momentum·buf + g/d,
 * p -= lr·buf; without: p -= lr·g/d. The averages start at zero.
 */
export class RMSprop extends Optimizer {
  readonly kind: string = 'rmsprop';
  readonly alpha: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly momentum: number;
  readonly centered: boolean;

  constructor(params: readonly NamedParameter[], options: RMSpropOptions = {}) {
    super('RMSprop', params, checkOptions('RMSprop', options, ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered']).lr ?? 0.01);
    this.alpha = checkHyper('RMSprop', 'alpha', options.alpha ?? 0.99, 0, 1);
    this.eps = checkHyper('RMSprop', 'eps', options.eps ?? 1e-8, 0);
    this.weightDecay = checkHyper('RMSprop', 'weightDecay', options.weightDecay ?? 0, 0);
    this.momentum = checkHyper('RMSprop', 'momentum', options.momentum ?? 0, 0);
    const centered = options.centered ?? false;
    if (typeof centered !== 'boolean') throw new TypeError(`RMSprop: centered must be a boolean, got ${typeof centered}`);
    this.centered = centered;
  }

  step(): void {
    const { lr, alpha, eps, weightDecay: wd, momentum: mu, centered } = this;
    for (const p of this.params) {
      const w = p.param.data;
      const g = p.grad.data;
      const sq = this.slot('square_avg', p);
      const avg = centered ? this.slot('grad_avg', p) : null;
      const buf = mu > 0 ? this.slot('momentum', p) : null;
      for (let i = 0; i < w.length; i++) {
        const d = g[i] + wd * w[i];
        sq[i] = alpha * sq[i] + (1 - alpha) * d * d;
        let denom: number;
        if (avg) {
          avg[i] += (1 - alpha) * (d - avg[i]);
          denom = Math.sqrt(sq[i] - avg[i] * avg[i]) + eps;
        } else {
          denom = Math.sqrt(sq[i]) + eps;
        }
        if (buf) {
          buf[i] = mu * buf[i] + d / denom;
          w[i] -= lr * buf[i];
        } else {
          w[i] -= lr * (d / denom);
        }
      }
    }
    this.finishStep();
  }
}
