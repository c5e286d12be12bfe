/**
 * Seeded random inputs for the seed-API checks: sizes, parameters and data of the notebook's
 * shapes, drawn with RandomState so every run (and every backend) sees the same numbers.
 * Not part of @recur/core's public API.
 */
import { RandomState } from '@recur/core';
import { Tensor } from '@recur/core';
import type { DType } from '@recur/core';
import type { LstmParams, RnnParams } from '@recur/core';

/** Sizes of one check: T_x steps in x, T steps in da (T <= T_x). */
export interface SeedDims {
  n_x: number;
  n_a: number;
  n_y: number;
  m: number;
  T_x: number;
  T: number;
}

export function describeDims(d: SeedDims): string {
  return `n_x=${d.n_x} n_a=${d.n_a} n_y=${d.n_y} m=${d.m} T_x=${d.T_x} T=${d.T}`;
}

/**
 * Shapes for the gradient and dtype checks: all sizes 1, odd sizes, da shorter than x,
 * plus a few drawn at random (odd sizes 1..9).
 */
export function checkShapes(seed = 7): SeedDims[] {
  const fixed: SeedDims[] = [
    { n_x: 1, n_a: 1, n_y: 1, m: 1, T_x: 1, T: 1 },
    { n_x: 3, n_a: 5, n_y: 2, m: 7, T_x: 5, T: 5 },
    { n_x: 5, n_a: 3, n_y: 3, m: 1, T_x: 7, T: 4 },
    { n_x: 1, n_a: 7, n_y: 1, m: 3, T_x: 3, T: 3 },
  ];
  const rs = new RandomState(seed);
  const odd = (): number => 2 * rs.randint(0, 5) + 1;
  for (let i = 0; i < 3; i++) {
    const T_x = odd();
    fixed.push({ n_x: odd(), n_a: odd(), n_y: odd(), m: odd(), T_x, T: 1 + rs.randint(0, T_x) });
  }
  return fixed;
}

/** A (rows, cols) tensor of randn values times `scale`. */
export function randn(rs: RandomState, scale: number, ...shape: number[]): Tensor {
  const t = rs.randn(...shape);
  for (let i = 0; i < t.data.length; i++) t.data[i] *= scale;
  return t;
}

/** Weights scaled by 0.5 keep tanh and the gates away from saturation, so gradients are not all tiny. */
const WEIGHT_SCALE = 0.5;

export function randomRnnParams(rs: RandomState, d: SeedDims): RnnParams {
  return {
    Wax: randn(rs, WEIGHT_SCALE, d.n_a, d.n_x),
    Waa: randn(rs, WEIGHT_SCALE, d.n_a, d.n_a),
    Wya: randn(rs, WEIGHT_SCALE, d.n_y, d.n_a),
    ba: randn(rs, WEIGHT_SCALE, d.n_a, 1),
    by: randn(rs, WEIGHT_SCALE, d.n_y, 1),
  };
}

export function randomLstmParams(rs: RandomState, d: SeedDims): LstmParams {
  const gate = (): Tensor => randn(rs, WEIGHT_SCALE, d.n_a, d.n_a + d.n_x);
  const bias = (): Tensor => randn(rs, WEIGHT_SCALE, d.n_a, 1);
  return {
    Wf: gate(), bf: bias(),
    Wi: gate(), bi: bias(),
    Wc: gate(), bc: bias(),
    Wo: gate(), bo: bias(),
    Wy: randn(rs, WEIGHT_SCALE, d.n_y, d.n_a), by: randn(rs, WEIGHT_SCALE, d.n_y, 1),
  };
}

/** A copy of every tensor of `record` in `dtype`. */
export function castAll<R extends object>(record: R, dtype: DType): R {
  const out: Record<string, Tensor> = {};
  for (const [key, value] of Object.entries(record)) out[key] = (value as Tensor).astype(dtype);
  return out as R;
}

/** The same values rounded through float32 and back, so float32 and float64 runs see identical inputs. */
export function roundToFloat32<R extends object>(record: R): R {
  return castAll(castAll(record, 'float32'), 'float64');
}
