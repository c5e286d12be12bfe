/** Stochastic gradient descent, optionally with (Nesterov) momentum, as torch.optim.SGD. */
import type { NamedParameter } from '../layers/parameter.ts';
import { boolOption, checkOptions } from '../options.ts';
import { checkHyper, Optimizer } from './optimizer.ts';

export interface SGDOptions {
  lr: number;
  /** Default 0 (plain SGD). */
  momentum?: number;
  /** Default 0. */
  dampening?: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
  /** Default false. */
  nesterov?: boolean;
}

/**
 * g = grad + weightDecay·p; with momentum: buf = g on the first step, then
 * buf = momentum·buf + (1 - dampening)·g, and g = nesterov ? g + momentum·buf : buf;
 * p -= lr·g. (PyTorch's convention: lr scales the buffer, not the gradient into it.)
 */
export class SGD extends Optimizer {
  readonly kind: string = 'sgd';
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;

  constructor(params: readonly NamedParameter[], options: SGDOptions) {
    super('SGD', params, checkOptions('SGD', options, ['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov']).lr);
    this.momentum = checkHyper('SGD', 'momentum', options.momentum ?? 0, 0);
    this.dampening = checkHyper('SGD', 'dampening', options.dampening ?? 0, 0);
    this.weightDecay = checkHyper('SGD', 'weightDecay', options.weightDecay ?? 0, 0);
    this.nesterov = boolOption('SGD', 'nesterov', options.nesterov, false);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RangeError('SGD: nesterov needs momentum > 0 and dampening 0');
    }
  }

  step(): void {
    const { lr, momentum: mu, dampening, weightDecay: wd, nesterov } = this;
    for (const p of this.params) {
      const w = p.param.data;
      const g = p.grad.data;
      if (mu === 0) {
        for (let i = 0; i < w.length; i++) w[i] -= lr * (g[i] + wd * w[i]);
        continue;
      }
      const first = !this.hasSlot('momentum', p);
      const buf = this.slot('momentum', p);
      for (let i = 0; i < w.length; i++) {
        const d = g[i] + wd * w[i];
        buf[i] = first ? d : mu * buf[i] + (1 - dampening) * d;
        w[i] -= lr * (nesterov ? d + mu * buf[i] : buf[i]);
      }
    }
    this.finishStep();
  }
}
