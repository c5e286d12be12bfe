/** Backend-agnostic checks of the batched strided transpose, asserted with vitest's expect. */
import { expect } from 'vitest';
import type { Backend, TransposeArgs } from '@recur/core';
import { alloc, type Dtype } from './sequence-fixtures.ts';

type Dims = Omit<TransposeArgs, 'src' | 'dst'>;

/** The layouts the seed API and the weight packing use, odd sizes, gaps between rows and blocks. */
const CASES: readonly Dims[] = [
  { count: 1, rows: 1, cols: 1, ldSrc: 1, srcBatch: 0, ldDst: 1, dstBatch: 0 },
  { count: 1, rows: 8, cols: 8, ldSrc: 8, srcBatch: 0, ldDst: 8, dstBatch: 0 },
  { count: 1, rows: 37, cols: 29, ldSrc: 31, srcBatch: 0, ldDst: 40, dstBatch: 0 },
  // (n, m, T) = (5, 3, 7) -> [T, m, n]: m blocks of n x T, as toTimeMajor.
  { count: 3, rows: 5, cols: 7, ldSrc: 21, srcBatch: 7, ldDst: 15, dstBatch: 5 },
  // and back, as fromTimeMajor: [T, m, n] -> (n, m, T).
  { count: 3, rows: 7, cols: 5, ldSrc: 15, srcBatch: 5, ldDst: 21, dstBatch: 7 },
  { count: 4, rows: 33, cols: 17, ldSrc: 20, srcBatch: 700, ldDst: 35, dstBatch: 650 },
  { count: 2, rows: 64, cols: 100, ldSrc: 100, srcBatch: 6400, ldDst: 64, dstBatch: 6400 },
  { count: 2, rows: 1, cols: 50, ldSrc: 50, srcBatch: 50, ldDst: 1, dstBatch: 50 },
  { count: 2, rows: 50, cols: 1, ldSrc: 1, srcBatch: 50, ldDst: 50, dstBatch: 50 },
];

function span(count: number, rows: number, cols: number, ld: number, batch: number): number {
  return count * rows * cols === 0 ? 0 : (count - 1) * batch + (rows - 1) * ld + cols;
}

export function checkTranspose(backend: Backend, dtype: Dtype): void {
  for (const d of CASES) {
    const src = alloc(dtype, span(d.count, d.rows, d.cols, d.ldSrc, d.srcBatch));
    for (let i = 0; i < src.length; i++) src[i] = i + 1;
    const dst = alloc(dtype, span(d.count, d.cols, d.rows, d.ldDst, d.dstBatch) + 3).fill(-1);
    backend.transpose({ ...d, src, dst });
    const want = alloc(dtype, dst.length).fill(-1);
    for (let q = 0; q < d.count; q++) {
      for (let r = 0; r < d.rows; r++) {
        for (let c = 0; c < d.cols; c++) want[q * d.dstBatch + c * d.ldDst + r] = src[q * d.srcBatch + r * d.ldSrc + c];
      }
    }
    expect(Array.from(dst), `transpose ${dtype} ${JSON.stringify(d)}`).toEqual(Array.from(want));
  }
  // Views at an offset, as the gate packing passes them.
  const base = alloc(dtype, 40).map((_, i) => i);
  const out = alloc(dtype, 32);
  backend.transpose({ count: 1, rows: 3, cols: 4, src: base.subarray(5), ldSrc: 6, srcBatch: 0, dst: out.subarray(2), ldDst: 9, dstBatch: 0 });
  expect(out[2 + 1 * 9 + 2]).toBe(5 + 2 * 6 + 1);
  // Empty shapes, however large the other sides, touch nothing.
  for (const d of [{ count: 0, rows: 5, cols: 5 }, { count: 3, rows: 0, cols: 2 ** 31 }, { count: 2 ** 31, rows: 4, cols: 0 }]) {
    expect(() => backend.transpose({ ...d, src: alloc(dtype, 0), ldSrc: 0, srcBatch: 0, dst: alloc(dtype, 0), ldDst: 0, dstBatch: 0 })).not.toThrow();
  }
}

/** Too-short arrays, overlapping strides, src overlapping dst and mixed dtypes are rejected. */
export function checkTransposeRejects(backend: Backend): void {
  const args = (over: Partial<TransposeArgs>): TransposeArgs => ({
    count: 2, rows: 3, cols: 4, src: new Float64Array(24), ldSrc: 4, srcBatch: 12, dst: new Float64Array(24), ldDst: 3, dstBatch: 12, ...over,
  });
  expect(() => backend.transpose(args({}))).not.toThrow();
  expect(() => backend.transpose(args({ src: new Float64Array(23) }))).toThrow(RangeError);
  expect(() => backend.transpose(args({ dst: new Float64Array(23) }))).toThrow(RangeError);
  expect(() => backend.transpose(args({ ldSrc: 3 }))).toThrow(/ldSrc/);
  expect(() => backend.transpose(args({ ldDst: 2 }))).toThrow(/ldDst/);
  expect(() => backend.transpose(args({ rows: -1 }))).toThrow(/rows/);
  expect(() => backend.transpose(args({ count: 1.5 }))).toThrow(/count/);
  const shared = new Float64Array(60);
  expect(() => backend.transpose(args({ src: shared.subarray(0, 24), dst: shared.subarray(20, 44) }))).toThrow(/overlap/);
  expect(() => backend.transpose(args({ src: shared.subarray(0, 24), dst: shared.subarray(24, 48) }))).not.toThrow();
  expect(() => backend.transpose(args({ dst: new Float32Array(24) }))).toThrow(TypeError);
}
