/**
 * The shape of fixtures/seed-cases.json (written by fixtures/make_seed_fixtures.py) and the
 * decoding of its tensors. Not part of @recur/core's public API.
 */
import { Tensor, shapeSize } from '@recur/core';
import type { DType } from '@recur/core';

/** A tensor as stored: row-major, 16 hex digits (big-endian IEEE-754 bits) per element. */
export interface EncodedTensor {
  shape: number[];
  f64: string;
}

export type SeedCaseKind = 'rnnCell' | 'lstmCell' | 'rnn' | 'lstm';

export interface SeedCase {
  name: string;
  kind: SeedCaseKind;
  /** The RandomState seed the inputs were drawn with (1 for the notebook's cells). */
  seed: number;
  weightScale: number;
  dims: Record<string, number>;
  /**
   * Cell kinds: xt, aPrev, (cPrev), params, daNext, (dcNext).
   * Sequence kinds: x, a0, params, da (da may have fewer steps than x).
   */
  inputs: Record<string, EncodedTensor> & { params: Record<string, EncodedTensor> };
  /** Named as the seed API names its results: aNext, cNext, yPred / a, c, yPred. */
  forward: Record<string, EncodedTensor>;
  /** Named as the seed API names its gradients: dxt, daPrev, dcPrev, dWf, ... / dx, da0, ... */
  backward: Record<string, EncodedTensor>;
}

export interface SeedFixtureFile {
  generator: string;
  numpy_version: string;
  encoding: string;
  cases: SeedCase[];
}

/** The stored float64 values, exactly. */
export function decodeValues(t: EncodedTensor): Float64Array {
  const n = shapeSize(t.shape);
  if (t.f64.length !== 16 * n) {
    throw new RangeError(`fixture tensor of shape (${t.shape.join(', ')}) needs ${16 * n} hex digits, has ${t.f64.length}`);
  }
  const out = new Float64Array(n);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n; i++) {
    const hi = Number.parseInt(t.f64.slice(16 * i, 16 * i + 8), 16);
    const lo = Number.parseInt(t.f64.slice(16 * i + 8, 16 * i + 16), 16);
    view.setUint32(0, hi);
    view.setUint32(4, lo);
    out[i] = view.getFloat64(0);
  }
  return out;
}

/** The stored tensor in `dtype` (float32 rounds each value to nearest). */
export function decodeTensor(t: EncodedTensor, dtype: DType = 'float64'): Tensor {
  const values = decodeValues(t);
  return new Tensor(dtype === 'float64' ? values : Float32Array.from(values), t.shape);
}

/** Every tensor of a flat record, decoded in `dtype`. */
export function decodeRecord(record: Record<string, EncodedTensor>, dtype: DType): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [key, value] of Object.entries(record)) out[key] = decodeTensor(value, dtype);
  return out;
}
