/** Per-example lengths of a padded time-major batch: validation and mask conversion. */
import { checkIntact, Tensor } from '../tensor.ts';
import { formatShape } from '../errors.ts';

export type Lengths = Int32Array | readonly number[];

/**
 * Checks `lengths` (one integer in 0..T per example) and returns it as an Int32Array,
 * or null when it is undefined/null (every example runs all T steps).
 */
export function checkLengths(name: string, lengths: Lengths | null | undefined, T: number, B: number): Int32Array | null {
  if (lengths === undefined || lengths === null) return null;
  if (!(lengths instanceof Int32Array) && !Array.isArray(lengths)) {
    throw new TypeError(`${name} must be an Int32Array or an array of integers, got ${typeof lengths}`);
  }
  if (lengths.length !== B) {
    throw new RangeError(`${name} has ${lengths.length} entries but the batch has B = ${B} examples`);
  }
  const out = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    const v = lengths[b];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > T) {
      throw new RangeError(`${name}[${b}] must be an integer in 0..${T} (T), got ${String(v)}`);
    }
    out[b] = v;
  }
  return out;
}

/**
 * Lengths from a [T, B] mask of 1 (valid) / 0 (padding). Each column must be a run of ones
 * followed by zeros: padding only at the end, as the recurrent kernels carry state over it.
 */
export function lengthsFromMask(mask: Tensor): Int32Array {
  if (!(mask instanceof Tensor) || mask.ndim !== 2) {
    const got = mask instanceof Tensor ? formatShape(mask.shape) : typeof mask;
    throw new RangeError(`mask must be a Tensor of shape (T, B), got ${got}`);
  }
  checkIntact('mask', mask);
  const [T, B] = mask.shape;
  const out = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    let len = 0;
    while (len < T && mask.data[len * B + b] !== 0) len++;
    for (let t = len; t < T; t++) {
      if (mask.data[t * B + b] !== 0) {
        throw new RangeError(`mask column ${b} has a valid step at t = ${t} after padding at t = ${len}; padding must come last`);
      }
    }
    out[b] = len;
  }
  return out;
}

/** The [T, B] validity of each position (1 valid, 0 padding) as a flat Uint8Array. */
export function validityMask(lengths: Int32Array | null, T: number, B: number): Uint8Array {
  const valid = new Uint8Array(T * B);
  if (valid.length === 0) return valid; // T may be huge when B = 0
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) valid[t * B + b] = lengths === null || t < lengths[b] ? 1 : 0;
  }
  return valid;
}
