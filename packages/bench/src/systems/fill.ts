/** Deterministic inputs: uniform values from a small xorshift generator (no dependency). */
import type { Dtype } from '../plan.js';

export type Floats = Float32Array | Float64Array;

export function uniform(dtype: Dtype, n: number, scale: number, seed: number): Floats {
  const out = dtype === 'f32' ? new Float32Array(n) : new Float64Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = (s / 4294967296 - 0.5) * 2 * scale;
  }
  return out;
}

export function zeros(dtype: Dtype, n: number): Floats {
  return dtype === 'f32' ? new Float32Array(n) : new Float64Array(n);
}
