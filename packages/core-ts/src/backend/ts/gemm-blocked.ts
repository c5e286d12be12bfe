/**
 * The ts backend's fast GEMM body: C += alpha·op(A)·op(B) for C already scaled by beta.
 * op(A) and op(B) are packed (any transpose, any stride) into Float64Array panels of MR rows
 * / NR columns per k step, then a 4x4 register block of C is computed from them: 16
 * accumulators in locals, two panel reads per k step, every product in float64. Blocks of
 * KC k steps and NC columns keep the packed panels in cache. Few rows of op(A) (one step of
 * a small batch) skip the packing of B, which would cost more than the product, with the
 * same per-element arithmetic (results never depend on the number of rows).
 */
import type { FloatArray } from '../../tensor.ts';

const MR = 4;
const NR = 4;
const KC = 256;
const NC = 512;
const MC = 64;

/** Rows of op(A) below which B is read in place instead of packed. */
export const SMALL_M = 8;

export interface GemmOperands {
  readonly transA: boolean;
  readonly transB: boolean;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly alpha: number;
  readonly a: FloatArray;
  readonly lda: number;
  readonly b: FloatArray;
  readonly ldb: number;
  readonly c: FloatArray;
  readonly ldc: number;
}

/** op(A)[i0..i0+mc, p0..p0+kc] -> panels of MR rows: ap[(i/MR)*kc*MR + p*MR + i%MR], zero padded. */
function packA(g: GemmOperands, i0: number, mc: number, p0: number, kc: number, ap: Float64Array): void {
  const { a, lda, transA } = g;
  for (let ib = 0; ib < mc; ib += MR) {
    const base = ib * kc;
    const rows = Math.min(MR, mc - ib);
    for (let r = 0; r < MR; r++) {
      if (r >= rows) {
        for (let p = 0; p < kc; p++) ap[base + p * MR + r] = 0;
        continue;
      }
      const i = i0 + ib + r;
      if (transA) for (let p = 0; p < kc; p++) ap[base + p * MR + r] = a[(p0 + p) * lda + i];
      else {
        const row = i * lda + p0;
        for (let p = 0; p < kc; p++) ap[base + p * MR + r] = a[row + p];
      }
    }
  }
}

/** op(B)[p0..p0+kc, j0..j0+nc] -> panels of NR columns: bp[(j/NR)*kc*NR + p*NR + j%NR], zero padded. */
function packB(g: GemmOperands, p0: number, kc: number, j0: number, nc: number, bp: Float64Array): void {
  const { b, ldb, transB } = g;
  for (let jb = 0; jb < nc; jb += NR) {
    const base = jb * kc;
    const cols = Math.min(NR, nc - jb);
    for (let p = 0; p < kc; p++) {
      const o = base + p * NR;
      for (let s = 0; s < NR; s++) {
        const j = j0 + jb + s;
        bp[o + s] = s >= cols ? 0 : transB ? b[j * ldb + p0 + p] : b[(p0 + p) * ldb + j];
      }
    }
  }
}

/** C[i0.., j0..] += alpha · (MR x kc panel) · (kc x NR panel), only the rows/cols that exist. */
function microKernel(ap: Float64Array, ao: number, bp: Float64Array, bo: number, kc: number, alpha: number, c: FloatArray, ci: number, ldc: number, rows: number, cols: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a = ao + p * MR;
    const b = bo + p * NR;
    const a0 = ap[a], a1 = ap[a + 1], a2 = ap[a + 2], a3 = ap[a + 3];
    const b0 = bp[b], b1 = bp[b + 1], b2 = bp[b + 2], b3 = bp[b + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rows === MR && cols === NR) {
    let o = ci;
    c[o] += alpha * c00; c[o + 1] += alpha * c01; c[o + 2] += alpha * c02; c[o + 3] += alpha * c03;
    o += ldc;
    c[o] += alpha * c10; c[o + 1] += alpha * c11; c[o + 2] += alpha * c12; c[o + 3] += alpha * c13;
    o += ldc;
    c[o] += alpha * c20; c[o + 1] += alpha * c21; c[o + 2] += alpha * c22; c[o + 3] += alpha * c23;
    o += ldc;
    c[o] += alpha * c30; c[o + 1] += alpha * c31; c[o + 2] += alpha * c32; c[o + 3] += alpha * c33;
    return;
  }
  const acc = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < cols; s++) c[ci + r * ldc + s] += alpha * acc[r * NR + s];
  }
}

/** Packed, register-blocked C += alpha·op(A)·op(B) (m >= SMALL_M, k > 0). */
export function gemmBlocked(g: GemmOperands): void {
  const { m, n, k, alpha, c, ldc } = g;
  const bp = new Float64Array(Math.ceil(Math.min(NC, n) / NR) * NR * Math.min(KC, k));
  const ap = new Float64Array(Math.ceil(Math.min(MC, m) / MR) * MR * Math.min(KC, k));
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      packB(g, p0, kc, j0, nc, bp);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(g, i0, mc, p0, kc, ap);
        for (let jb = 0; jb < nc; jb += NR) {
          const cols = Math.min(NR, nc - jb);
          for (let ib = 0; ib < mc; ib += MR) {
            microKernel(ap, ib * kc, bp, jb * kc, kc, alpha, c, (i0 + ib) * ldc + j0 + jb, ldc, Math.min(MR, mc - ib), cols);
          }
        }
      }
    }
  }
}

/**
 * Few rows of op(A): no packing. Each element of C gets exactly the arithmetic of the blocked
 * path (float64 products summed in k order within each KC block, then C += alpha·sum), so a
 * row of C never depends on how many rows the call had: a batch of one gives the same bits
 * as that row inside a bigger batch. Without transB a row of C gathers the rows of B
 * (contiguous); with transB each element is a dot product of two contiguous rows.
 */
export function gemmSmallM(g: GemmOperands): void {
  const { transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc } = g;
  const row = new Float64Array(k);
  const acc = transB ? null : new Float64Array(n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) row[p] = transA ? a[p * lda + i] : a[i * lda + p];
    const ci = i * ldc;
    for (let p0 = 0; p0 < k; p0 += KC) {
      const p1 = Math.min(k, p0 + KC);
      if (acc) {
        acc.fill(0);
        for (let p = p0; p < p1; p++) {
          const s = row[p];
          const r = p * ldb;
          for (let j = 0; j < n; j++) acc[j] += s * b[r + j];
        }
        for (let j = 0; j < n; j++) c[ci + j] += alpha * acc[j];
        continue;
      }
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        const r0 = j * ldb, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
        let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        for (let p = p0; p < p1; p++) {
          const x = row[p];
          d0 += x * b[r0 + p]; d1 += x * b[r1 + p]; d2 += x * b[r2 + p]; d3 += x * b[r3 + p];
        }
        c[ci + j] += alpha * d0; c[ci + j + 1] += alpha * d1; c[ci + j + 2] += alpha * d2; c[ci + j + 3] += alpha * d3;
      }
      for (; j < n; j++) {
        const r = j * ldb;
        let d = 0;
        for (let p = p0; p < p1; p++) d += row[p] * b[r + p];
        c[ci + j] += alpha * d;
      }
    }
  }
}
