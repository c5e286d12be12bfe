/** Gradient clipping, as torch.nn.utils.clip_grad_norm_ / clip_grad_value_. */
import type { NamedParameter } from '../layers/parameter.ts';

/** The L2 norm of all gradients taken together (accumulated in float64). */
export function gradNorm(params: readonly NamedParameter[]): number {
  let sq = 0;
  for (const p of params) {
    const g = p.grad.data;
    for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
  }
  return Math.sqrt(sq);
}

/**
 * Scales all gradients by maxNorm / (norm + 1e-6) when their global L2 norm exceeds maxNorm.
 * Returns the norm before clipping (log it: a spike says the step was clipped).
 */
export function clipGradNorm(params: readonly NamedParameter[], maxNorm: number): number {
  if (typeof maxNorm !== 'number' || !(maxNorm >= 0) || !Number.isFinite(maxNorm)) {
    throw new RangeError(`clipGradNorm: maxNorm must be a finite number >= 0, got ${String(maxNorm)}`);
  }
  const norm = gradNorm(params);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) {
    for (const p of params) {
      const g = p.grad.data;
      for (let i = 0; i < g.length; i++) g[i] *= coef;
    }
  }
  return norm;
}

/** Clamps every gradient entry into [-clipValue, clipValue]. */
export function clipGradValue(params: readonly NamedParameter[], clipValue: number): void {
  if (typeof clipValue !== 'number' || !(clipValue >= 0) || !Number.isFinite(clipValue)) {
    throw new RangeError(`clipGradValue: clipValue must be a finite number >= 0, got ${String(clipValue)}`);
  }
  for (const p of params) {
    const g = p.grad.data;
    for (let i = 0; i < g.length; i++) g[i] = Math.min(clipValue, Math.max(-clipValue, g[i]));
  }
}
