/** Pieces shared by the whole-sequence RNN, LSTM and GRU kernels of the ts backend. */
import type { FloatArray } from '../../tensor.ts';
import { gemm } from './gemm.ts';

/** A zeroed array of `size` values with the same dtype as `like`. */
export function allocLike(like: FloatArray, size: number): FloatArray {
  return like instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
}

/** Whether example b is still running at step t (steps past its length carry the state). */
export function isActive(lengths: Int32Array | null | undefined, b: number, t: number): boolean {
  return lengths == null || t < lengths[b];
}

/** h_{t-1} as a [B, H] view: h0 at t = 0, else row block t-1 of hs. */
export function previousState(initial: FloatArray, states: FloatArray, t: number, BH: number): FloatArray {
  return t === 0 ? initial : states.subarray((t - 1) * BH, t * BH);
}

/** bx + bh as one bias vector (bh null = zeros). */
export function summedBias(bx: FloatArray, bh: FloatArray | null | undefined, size: number): Float64Array {
  const sum = new Float64Array(size);
  for (let j = 0; j < size; j++) sum[j] = bx[j] + (bh ? bh[j] : 0);
  return sum;
}

/** x·wx for all T steps at once: [T*B, X]·[X, GH] into a fresh [T*B, GH] buffer. */
export function inputProjection(x: FloatArray, wx: FloatArray, rows: number, X: number, GH: number): FloatArray {
  const out = allocLike(x, rows * GH);
  gemm({ transA: false, transB: false, m: rows, n: GH, k: X, alpha: 1, a: x, lda: X, b: wx, ldb: GH, beta: 0, c: out, ldc: GH });
  return out;
}

/** out[B, GH] += h[B, H]·wh[H, GH]: one step's recurrent projection added to its input projection. */
export function addRecurrentProjection(h: FloatArray, wh: FloatArray, out: FloatArray, B: number, H: number, GH: number): void {
  gemm({ transA: false, transB: false, m: B, n: GH, k: H, alpha: 1, a: h, lda: H, b: wh, ldb: GH, beta: 1, c: out, ldc: GH });
}

/** c[B, GH] = h[B, H]·wh[H, GH] (the recurrent projection of one step). */
export function recurrentProjection(h: FloatArray, wh: FloatArray, out: FloatArray, B: number, H: number, GH: number): void {
  gemm({ transA: false, transB: false, m: B, n: GH, k: H, alpha: 1, a: h, lda: H, b: wh, ldb: GH, beta: 0, c: out, ldc: GH });
}

/**
 * dwh[:, col0:col0+cols] += H_prev^T · d[:, 0:cols] over all steps, where H_prev is h0 for
 * step 0 and hs[t-1] after: two GEMMs, since hs[0..T-2] is already contiguous.
 * `d` is [T*B, ld] and dwh is [H, ld].
 */
export function accumulateRecurrentWeightGrad(
  h0: FloatArray, hs: FloatArray, d: FloatArray, dwh: FloatArray,
  T: number, B: number, H: number, ld: number, col0: number, cols: number,
): void {
  if (T === 0) return;
  const c = dwh.subarray(col0);
  gemm({ transA: true, transB: false, m: H, n: cols, k: B, alpha: 1, a: h0, lda: H, b: d.subarray(col0), ldb: ld, beta: 1, c, ldc: ld });
  if (T > 1) {
    gemm({
      transA: true, transB: false, m: H, n: cols, k: (T - 1) * B, alpha: 1,
      a: hs, lda: H, b: d.subarray(B * ld + col0), ldb: ld, beta: 1, c, ldc: ld,
    });
  }
}

/** Gradients of the input projection: dwx = x^T·dpre, dx = dpre·wx^T, dbx = column sums of dpre. */
export function inputGradients(
  x: FloatArray, wx: FloatArray, dpre: FloatArray, rows: number, X: number, GH: number,
  dx: FloatArray, dwx: FloatArray, dbx: FloatArray,
): void {
  gemm({ transA: true, transB: false, m: X, n: GH, k: rows, alpha: 1, a: x, lda: X, b: dpre, ldb: GH, beta: 0, c: dwx, ldc: GH });
  gemm({ transA: false, transB: true, m: rows, n: X, k: GH, alpha: 1, a: dpre, lda: GH, b: wx, ldb: GH, beta: 0, c: dx, ldc: X });
  columnSums(dpre, rows, GH, dbx);
}

/** out[j] = sum over rows of d[r, j]. */
export function columnSums(d: FloatArray, rows: number, cols: number, out: FloatArray): void {
  const acc = new Float64Array(cols);
  if (rows * cols === 0) {
    out.set(acc); // rows may be huge when cols = 0; no rows: the sums are 0
    return;
  }
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) acc[j] += d[o + j];
  }
  out.set(acc.subarray(0, cols));
}
