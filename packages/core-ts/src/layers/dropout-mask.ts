/**
 * Inverted dropout masks (as PyTorch): each kept element is scaled by 1/(1-p) so the
 * expected activation is unchanged and inference needs no rescaling.
 */
import type { RandomState } from '../random/random-state.ts';
import { allocate, type DType, type FloatArray } from '../tensor.ts';

/** n mask values: 0 with probability p, else 1/(1-p); one uniform draw per element. */
export function dropoutMask(rng: RandomState, n: number, p: number, dtype: DType): FloatArray {
  const mask = allocate(dtype, n);
  const scale = 1 / (1 - p);
  for (let i = 0; i < n; i++) mask[i] = rng.nextDouble() < p ? 0 : scale;
  return mask;
}

/** out[i] = a[i] * mask[i], in place on `a`. */
export function applyMask(a: FloatArray, mask: FloatArray): void {
  for (let i = 0; i < a.length; i++) a[i] *= mask[i];
}
