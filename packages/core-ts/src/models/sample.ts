/** Drawing the next symbol from a row of logits, reproducibly from a given uniform number. */

/**
 * Index drawn from softmax(logits / temperature) by inverting the CDF at u ∈ [0, 1)
 * (pass RandomState.nextDouble()). temperature 0 picks the argmax (first on ties).
 */
export function sampleFromLogits(logits: ArrayLike<number>, temperature: number, u: number): number {
  const n = logits.length;
  if (n === 0) throw new RangeError('sampleFromLogits: logits is empty');
  if (typeof temperature !== 'number' || !(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`sampleFromLogits: temperature must be a finite number >= 0, got ${String(temperature)}`);
  }
  if (typeof u !== 'number' || !(u >= 0 && u < 1)) throw new RangeError(`sampleFromLogits: u must be in [0, 1), got ${String(u)}`);
  let best = 0;
  for (let i = 1; i < n; i++) if (logits[i] > logits[best]) best = i;
  if (temperature === 0) return best;
  const p = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    p[i] = Math.exp((logits[i] - logits[best]) / temperature);
    sum += p[i];
  }
  let acc = 0;
  const target = u * sum;
  for (let i = 0; i < n; i++) {
    acc += p[i];
    if (target < acc) return i;
  }
  // Rounding left `target` at or above the last partial sum: the last nonzero class.
  for (let i = n - 1; i >= 0; i--) if (p[i] > 0) return i;
  return best;
}
