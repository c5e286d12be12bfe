/** Mean squared error, averaged over the elements of the counted positions. */
import { formatShape } from '../errors.ts';
import { allocate, checkIntact, Tensor } from '../tensor.ts';
import type { LossResult } from './softmax-cross-entropy.ts';
import { validPositions, type MaskOptions } from './valid-positions.ts';

export interface MSEResult extends LossResult {
  /** d loss / d prediction; zero at positions that do not count. */
  dprediction: Tensor;
}

/**
 * loss = Σ (prediction - target)² / (count · F) over counted positions, where a position is
 * one row of the last axis (F features). Without a mask this is PyTorch's MSELoss('mean').
 */
export function mse(prediction: Tensor, target: Tensor, options: MaskOptions = {}): MSEResult {
  const owner = 'mse';
  if (!(prediction instanceof Tensor)) throw new TypeError(`${owner}: prediction must be a Tensor, got ${typeof prediction}`);
  if (!(target instanceof Tensor)) throw new TypeError(`${owner}: target must be a Tensor, got ${typeof target}`);
  checkIntact(`${owner}: prediction`, prediction);
  checkIntact(`${owner}: target`, target);
  if (target.ndim !== prediction.ndim || target.shape.some((d, i) => d !== prediction.shape[i])) {
    throw new RangeError(`${owner}: target has shape ${formatShape(target.shape)} but prediction has shape ${formatShape(prediction.shape)}`);
  }
  if (target.dtype !== prediction.dtype) throw new TypeError(`${owner}: target is ${target.dtype} but prediction is ${prediction.dtype}`);
  const F = prediction.ndim === 0 ? 1 : prediction.shape[prediction.ndim - 1];
  const leading = prediction.ndim === 0 ? [] : prediction.shape.slice(0, -1);
  const N = leading.reduce((a, d) => a * d, 1);
  const valid = validPositions(owner, leading, options);
  let count = valid ? 0 : N;
  if (valid) for (let i = 0; i < N; i++) if (valid[i]) count++;
  const denom = count * F;
  const grad = allocate(prediction.dtype, prediction.size);
  let total = 0;
  // With F = 0 there is nothing to sum, however many positions (N may be huge).
  for (let i = 0; F > 0 && i < N; i++) {
    if (valid && !valid[i]) continue;
    for (let j = i * F; j < (i + 1) * F; j++) {
      const e = prediction.data[j] - target.data[j];
      total += e * e;
      grad[j] = (2 * e) / denom;
    }
  }
  return { loss: denom === 0 ? 0 : total / denom, count, dprediction: new Tensor(grad, prediction.shape) };
}
