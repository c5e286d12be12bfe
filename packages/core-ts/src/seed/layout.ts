/**
 * Conversions between the seed layout (n, m, T) (feature-major, like the notebook's x and a)
 * and the kernels' time-major [T, m, n], through the backend's transpose kernel (no loop
 * over elements here). A 2-D seed array (n, m) is the T = 1 case: its time-major form
 * [1, m, n] is its transpose [m, n].
 */
import { getBackend } from '../backend/registry.ts';
import { allocate, dtypeOf } from '../tensor.ts';
import type { FloatArray } from '../tensor.ts';

/**
 * For each of the m examples b, the n x T block src[:, b, :] (row stride m*T) becomes the
 * T x n block dst[:, b, :] (row stride m*n). With T = 1 or m = 1 it is one 2-D transpose.
 */
function reverseAxes(src: FloatArray, dst: FloatArray, n: number, m: number, T: number): void {
  if (dst.length === 0) return;
  const backend = getBackend();
  if (T === 1) backend.transpose({ count: 1, rows: n, cols: m, src, ldSrc: m, srcBatch: 0, dst, ldDst: n, dstBatch: 0 });
  else backend.transpose({ count: m, rows: n, cols: T, src, ldSrc: m * T, srcBatch: T, dst, ldDst: m * n, dstBatch: n });
}

/** (n, m, T) row-major -> [T, m, n] row-major, into `out` (by default a fresh array of the same dtype). */
export function toTimeMajor(src: FloatArray, n: number, m: number, T: number, out = allocate(dtypeOf(src), n * m * T)): FloatArray {
  reverseAxes(src, out, n, m, T);
  return out;
}

/** The first T steps of a time-major [>=T, m, n] array -> (n, m, T) row-major (a fresh array). */
export function fromTimeMajor(src: FloatArray, n: number, m: number, T: number): FloatArray {
  const out = allocate(dtypeOf(src), n * m * T);
  // [T, m, n] is the (n', m, T') = (T, m, n) case of the same axis reversal.
  reverseAxes(src, out, T, m, n);
  return out;
}
