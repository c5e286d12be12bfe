import type { TransposeArgs } from '../types.ts';

/** dst[q*dstBatch + c*ldDst + r] = src[q*srcBatch + r*ldSrc + c], with plain loops (the reference); checked by the backend. */
export function transpose(args: TransposeArgs): void {
  const { count, rows, cols, src, ldSrc, srcBatch, dst, ldDst, dstBatch } = args;
  // An empty block may still have one huge side (rows = 2**31, cols = 0): do not loop over it.
  if (count * rows * cols === 0) return;
  for (let q = 0; q < count; q++) {
    const s = q * srcBatch;
    const d = q * dstBatch;
    for (let r = 0; r < rows; r++) {
      const sr = s + r * ldSrc;
      for (let c = 0; c < cols; c++) dst[d + c * ldDst + r] = src[sr + c];
    }
  }
}
