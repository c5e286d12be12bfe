/**
 * Conversions between the seed layout (n, m, T) (feature-major, like the notebook's x and a)
 * and the kernels' time-major [T, m, n]. A 2-D seed array (n, m) is the T = 1 case: its
 * time-major form [1, m, n] is its transpose [m, n].
 */
import { allocate, dtypeOf } from '../tensor.ts';
import type { FloatArray } from '../tensor.ts';

/** (n, m, T) row-major -> [T, m, n] row-major (a fresh array of the same dtype). */
export function toTimeMajor(src: FloatArray, n: number, m: number, T: number): FloatArray {
  const out = allocate(dtypeOf(src), n * m * T);
  // An empty array may still have one huge axis (n = 2**31, m = 0): do not loop over it.
  if (out.length === 0) return out;
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < m; b++) {
      const from = (i * m + b) * T;
      for (let t = 0; t < T; t++) out[(t * m + b) * n + i] = src[from + t];
    }
  }
  return out;
}

/** The first T steps of a time-major [>=T, m, n] array -> (n, m, T) row-major (a fresh array). */
export function fromTimeMajor(src: FloatArray, n: number, m: number, T: number): FloatArray {
  const out = allocate(dtypeOf(src), n * m * T);
  if (out.length === 0) return out;
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < m; b++) {
      const to = (i * m + b) * T;
      for (let t = 0; t < T; t++) out[to + t] = src[(t * m + b) * n + i];
    }
  }
  return out;
}
