/** Readers for the exact encodings the Python fixture scripts write (see fixtures/make_pytorch_fixtures.py). */
import { Tensor } from '@recur/core';

export interface HexTensor {
  dtype: 'F32' | 'F64';
  shape: number[];
  /** Big-endian IEEE-754 bits, 8 (F32) or 16 (F64) hex digits per element, row-major. */
  hex: string;
}

export function hexTensor(h: HexTensor): Tensor {
  const width = h.dtype === 'F32' ? 4 : 8;
  const n = h.hex.length / (2 * width);
  const bytes = new Uint8Array(n * width);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(h.hex.slice(2 * i, 2 * i + 2), 16);
  const view = new DataView(bytes.buffer);
  const data = h.dtype === 'F32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = width === 4 ? view.getFloat32(4 * i, false) : view.getFloat64(8 * i, false);
  return new Tensor(data, h.shape);
}

export function base64Bytes(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Largest |a - b| over two tensors of the same shape (Infinity if a NaN differs). */
export function maxAbsDiff(a: Tensor, b: Tensor): number {
  if (a.size !== b.size || a.shape.some((d, i) => d !== b.shape[i])) throw new RangeError(`maxAbsDiff: shapes (${a.shape}) and (${b.shape}) differ`);
  let m = 0;
  for (let i = 0; i < a.size; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    m = Number.isNaN(d) ? Infinity : Math.max(m, d);
  }
  return m;
}
