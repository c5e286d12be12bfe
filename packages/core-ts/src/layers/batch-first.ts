/**
 * Batch-first layout ([B, T, ...], as Keras / TF.js and PyTorch's batch_first=True) over the
 * time-major kernels: the first two axes are swapped on the way in and out. The swap is a
 * copy; the kernels stay time-major and contiguous.
 */
import { allocate, Tensor } from '../tensor.ts';

/** [A, C, ...rest] -> [C, A, ...rest] (a copy). Tensors of rank < 2 are a caller bug. */
export function swapLeadingAxes(t: Tensor): Tensor {
  const [A, C, ...rest] = t.shape;
  const inner = rest.reduce((a, d) => a * d, 1);
  const src = t.data;
  const out = allocate(t.dtype, src.length);
  if (inner > 0) {
    for (let a = 0; a < A; a++) {
      for (let c = 0; c < C; c++) {
        const from = (a * C + c) * inner;
        out.set(src.subarray(from, from + inner), (c * A + a) * inner);
      }
    }
  }
  return new Tensor(out, [C, A, ...rest]);
}

/** Swaps only when `batchFirst` and the tensor has at least two axes (else the caller's checks name it). */
export function toTimeMajor(t: Tensor, batchFirst: boolean): Tensor {
  return batchFirst && t instanceof Tensor && t.ndim >= 2 ? swapLeadingAxes(t) : t;
}

/** The inverse of toTimeMajor for results: time-major [T, B, ...] -> [B, T, ...] when batchFirst. */
export const fromTimeMajor = toTimeMajor;
