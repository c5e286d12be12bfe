/** Softmax cross-entropy over the last axis (classes), averaged over the valid positions. */
import { getBackend } from '../backend/registry.ts';
import { formatShape } from '../errors.ts';
import { allocate, checkIntact, Tensor } from '../tensor.ts';
import { validPositions, type MaskOptions } from './valid-positions.ts';

export interface LossResult {
  /** The mean loss over the counted positions (0 when none count). */
  loss: number;
  /** Number of positions that counted. */
  count: number;
}

export interface CrossEntropyResult extends LossResult {
  /** d loss / d logits, same shape; zero at positions that do not count. */
  dlogits: Tensor;
}

/**
 * logits [..., V] (e.g. time-major [T, B, V]), targets: one class id per position (row-major
 * over the leading axes). loss = mean over counted positions of -log softmax(logits)[target].
 * Targets at positions that do not count are not read (padding may hold any value, e.g. -1).
 */
export function softmaxCrossEntropy(logits: Tensor, targets: ArrayLike<number>, options: MaskOptions = {}): CrossEntropyResult {
  const owner = 'softmaxCrossEntropy';
  if (!(logits instanceof Tensor)) throw new TypeError(`${owner}: logits must be a Tensor, got ${typeof logits}`);
  checkIntact(`${owner}: logits`, logits);
  if (logits.ndim < 1) throw new RangeError(`${owner}: logits has shape ${formatShape(logits.shape)}; it needs a class axis`);
  const leading = logits.shape.slice(0, -1);
  const V = logits.shape[logits.ndim - 1];
  const N = leading.reduce((a, d) => a * d, 1);
  if (targets === null || typeof targets !== 'object' || typeof targets.length !== 'number') {
    throw new TypeError(`${owner}: targets must be an Int32Array or an array of class ids`);
  }
  if (targets.length !== N) {
    throw new RangeError(`${owner}: targets has ${targets.length} entries but logits ${formatShape(logits.shape)} has ${N} positions`);
  }
  const valid = validPositions(owner, leading, options);
  let count = 0;
  for (let i = 0; i < N; i++) {
    if (valid && !valid[i]) continue;
    const t = targets[i];
    if (!Number.isInteger(t) || t < 0 || t >= V) throw new RangeError(`${owner}: targets[${i}] must be a class id in 0..${V - 1}, got ${String(t)}`);
    count++;
  }

  const probs = allocate(logits.dtype, logits.size);
  probs.set(logits.data);
  getBackend().softmaxRows(probs, N, V);
  const z = logits.data;
  let total = 0;
  for (let i = 0; i < N; i++) {
    const row = i * V;
    if (valid && !valid[i]) {
      probs.fill(0, row, row + V);
      continue;
    }
    // -log softmax(z)[t] = logsumexp(z) - z[t], shifted by the max so it never overflows.
    let m = -Infinity;
    for (let j = 0; j < V; j++) m = Math.max(m, z[row + j]);
    let s = 0;
    for (let j = 0; j < V; j++) s += Math.exp(z[row + j] - m);
    total += Math.log(s) - (z[row + targets[i]] - m);
    probs[row + targets[i]] -= 1;
    for (let j = 0; j < V; j++) probs[row + j] /= count;
  }
  return { loss: count === 0 ? 0 : total / count, count, dlogits: new Tensor(probs, logits.shape) };
}
