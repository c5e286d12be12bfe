/**
 * Finite-difference gradient checking, framework-free so any test runner (this package's
 * vitest files, the cross-backend conformance suite) can assert on the numbers it returns.
 */
import type { FloatArray } from '@recur/core';

export interface GradientComparison {
  /** What was differentiated, e.g. `x`, `h0`, `l0_reverse.wh`. */
  readonly name: string;
  /** ||analytic - numeric|| / (||analytic|| + ||numeric||), 0 when both are zero. */
  readonly relErr: number;
  readonly maxAbsErr: number;
  readonly size: number;
}

/** Norm-wise relative error between two gradients (the cs231n measure). */
export function compareGradients(name: string, analytic: ArrayLike<number>, numeric: ArrayLike<number>): GradientComparison {
  if (analytic.length !== numeric.length) {
    throw new RangeError(`compareGradients(${name}): analytic has ${analytic.length} entries, numeric ${numeric.length}`);
  }
  let diff = 0;
  let na = 0;
  let nn = 0;
  let maxAbsErr = 0;
  for (let i = 0; i < analytic.length; i++) {
    const e = analytic[i] - numeric[i];
    diff += e * e;
    na += analytic[i] * analytic[i];
    nn += numeric[i] * numeric[i];
    maxAbsErr = Math.max(maxAbsErr, Math.abs(e));
  }
  const denom = Math.sqrt(na) + Math.sqrt(nn);
  const relErr = denom === 0 ? 0 : Math.sqrt(diff) / denom;
  return { name, relErr, maxAbsErr, size: analytic.length };
}

/**
 * Central differences (f(v+eps) - f(v-eps)) / 2eps of the scalar `loss` w.r.t. every entry
 * of `data`, perturbed in place and restored exactly. Use float64 data: in float32 the
 * perturbation drowns in rounding.
 */
export function numericGradient(loss: () => number, data: FloatArray, eps = 1e-6): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const saved = data[i];
    data[i] = saved + eps;
    const plus = loss();
    data[i] = saved - eps;
    const minus = loss();
    data[i] = saved;
    out[i] = (plus - minus) / (2 * eps);
  }
  return out;
}

/** sum(a ⊙ b) in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
