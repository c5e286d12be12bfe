import type { TransposeArgs } from '../types.ts';

const DIMS = ['count', 'rows', 'cols', 'ldSrc', 'srcBatch', 'ldDst', 'dstBatch'] as const;

/** Length an array needs for `count` blocks of rows x cols (row stride ld, block stride batch). */
function needed(count: number, rows: number, cols: number, ld: number, batch: number): number {
  return count * rows * cols === 0 ? 0 : (count - 1) * batch + (rows - 1) * ld + cols;
}

/** The checks every backend makes: sizes are integers, both blocks fit, src and dst are distinct. */
export function checkTransposeArgs(args: TransposeArgs): void {
  for (const key of DIMS) {
    const v = args[key];
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`transpose: ${key} must be a non-negative integer, got ${String(v)}`);
  }
  const { count, rows, cols, src, ldSrc, srcBatch, dst, ldDst, dstBatch } = args;
  if ((src instanceof Float32Array) !== (dst instanceof Float32Array)) {
    throw new TypeError(`transpose: src and dst must have one dtype, got ${src.constructor.name} and ${dst.constructor.name}`);
  }
  const empty = count * rows * cols === 0;
  if (!empty && rows > 1 && ldSrc < cols) throw new RangeError(`transpose: ldSrc must be >= cols (${cols}), got ${ldSrc}`);
  if (!empty && cols > 1 && ldDst < rows) throw new RangeError(`transpose: ldDst must be >= rows (${rows}), got ${ldDst}`);
  const srcNeeds = needed(count, rows, cols, ldSrc, srcBatch);
  const dstNeeds = needed(count, cols, rows, ldDst, dstBatch);
  if (src.length < srcNeeds) {
    throw new RangeError(`transpose: src holds ${src.length} values but ${count} blocks of ${rows}x${cols} (ldSrc=${ldSrc}, srcBatch=${srcBatch}) need ${srcNeeds}`);
  }
  if (dst.length < dstNeeds) {
    throw new RangeError(`transpose: dst holds ${dst.length} values but ${count} blocks of ${cols}x${rows} (ldDst=${ldDst}, dstBatch=${dstBatch}) need ${dstNeeds}`);
  }
  if (src.buffer === dst.buffer && srcNeeds > 0) {
    const s0 = src.byteOffset;
    const d0 = dst.byteOffset;
    if (s0 < d0 + dstNeeds * dst.BYTES_PER_ELEMENT && d0 < s0 + srcNeeds * src.BYTES_PER_ELEMENT) {
      throw new RangeError('transpose: src and dst overlap');
    }
  }
}

/** dst[q*dstBatch + c*ldDst + r] = src[q*srcBatch + r*ldSrc + c], with plain loops (the reference). */
export function transpose(args: TransposeArgs): void {
  checkTransposeArgs(args);
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
