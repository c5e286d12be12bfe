/** The moment update Adam and AdamW share (they differ only in how weight decay enters). */
import type { NamedParameter } from '../layers/parameter.ts';
import type { FloatArray } from '../tensor.ts';
import { checkHyper } from './optimizer.ts';

export interface AdamHyper {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export function resolveAdamHyper(owner: string, o: { beta1?: number; beta2?: number; eps?: number; weightDecay?: number }, defaultWeightDecay: number): AdamHyper {
  return {
    beta1: checkHyper(owner, 'beta1', o.beta1 ?? 0.9, 0, 1),
    beta2: checkHyper(owner, 'beta2', o.beta2 ?? 0.999, 0, 1),
    eps: checkHyper(owner, 'eps', o.eps ?? 1e-8, 0),
    weightDecay: checkHyper(owner, 'weightDecay', o.weightDecay ?? defaultWeightDecay, 0),
  };
}

/**
 * Step t (from 1) over every parameter. `decoupled` false (Adam): g += weightDecay·p, an L2
 * penalty that then passes through the moments; true (AdamW): p *= 1 - lr·weightDecay first
 * and the moments see the plain gradient. Then m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²;
 * p -= (lr / (1-β1^t)) · m / (sqrt(v) / sqrt(1-β2^t) + eps), as torch.optim.Adam/AdamW.
 */
export function adamUpdate(
  params: readonly NamedParameter[],
  slot: (name: string, p: NamedParameter) => FloatArray,
  t: number,
  lr: number,
  h: AdamHyper,
  decoupled: boolean,
): void {
  const { beta1: b1, beta2: b2, eps } = h;
  const l2 = decoupled ? 0 : h.weightDecay;
  const shrink = decoupled ? 1 - lr * h.weightDecay : 1;
  const stepSize = lr / (1 - b1 ** t);
  const bc2Sqrt = Math.sqrt(1 - b2 ** t);
  for (const p of params) {
    const w = p.param.data;
    const g = p.grad.data;
    const m = slot('m', p);
    const v = slot('v', p);
    for (let i = 0; i < w.length; i++) {
      if (decoupled) w[i] *= shrink;
      const d = g[i] + l2 * w[i];
      m[i] = b1 * m[i] + (1 - b1) * d;
      v[i] = b2 * v[i] + (1 - b2) * d * d;
      w[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2Sqrt + eps);
    }
  }
}
