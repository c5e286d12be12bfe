/** The seed's output head: y_t = softmax(Wy·a_t + by) over the class axis, for every step. */
import { getBackend } from '../backend/registry.ts';
import { Tensor, allocate } from '../tensor.ts';
import type { FloatArray } from '../tensor.ts';
import { fromTimeMajor } from './layout.ts';

/** Every row of `out` (rows of row.length values) becomes `row`: copies of doubling size. */
function fillRows(out: FloatArray, row: FloatArray): void {
  out.set(row);
  for (let done = row.length; done < out.length; done *= 2) out.copyWithin(done, 0, Math.min(done, out.length - done));
}

/**
 * Predictions (n_y, m, T) from time-major hidden states hs [T, m, n_a]: one GEMM for all
 * T*m columns (as rows: logits[T*m, n_y] = hs·Wy^T + by), then a softmax per row.
 */
export function outputHead(hs: FloatArray, T: number, m: number, nA: number, Wy: Tensor, by: Tensor): Tensor {
  const nY = Wy.shape[0];
  const rows = T * m;
  const logits = allocate(Wy.dtype, rows * nY);
  // With no logits there is nothing to do, however long the empty axis (T = 2**31, n_y = 0).
  if (logits.length === 0) return new Tensor(logits, [nY, m, T]);
  fillRows(logits, by.data);
  const backend = getBackend();
  if (rows > 0 && nY > 0 && nA > 0) {
    backend.gemm({
      transA: false, transB: true, m: rows, n: nY, k: nA, alpha: 1,
      a: hs, lda: nA, b: Wy.data, ldb: nA, beta: 1, c: logits, ldc: nY,
    });
  }
  if (rows > 0 && nY > 0) backend.softmaxRows(logits, rows, nY);
  return new Tensor(fromTimeMajor(logits, nY, m, T), [nY, m, T]);
}
