/**
 * Finite differences, the oracle of the gradient checks. Not part of @recur/core's public API.
 */
import type { Tensor } from '@recur/core';
import { dot, numericGradient as centralDifferences } from '../layers/gradient-check.ts';

/**
 * Central-difference gradient of `loss` with respect to every element of `t`, perturbing
 * t's storage in place (and restoring it). `loss` must read t afresh on each call.
 * In float64 with h = 1e-5 the truncation and rounding errors are both about 1e-10.
 */
export function numericGradient(t: Tensor, loss: () => number, h = 1e-5): Float64Array {
  return centralDifferences(loss, t.data, h);
}

/** sum(a * b) over all elements: the loss whose gradient with respect to b is a. */
export function dotAll(a: Tensor, b: Tensor): number {
  if (a.size !== b.size) throw new RangeError(`dotAll: sizes differ (${a.size} vs ${b.size})`);
  return dot(a.data, b.data);
}

/** The error measures of one analytic gradient against its finite-difference estimate. */
export interface GradientError {
  /** ||analytic - numeric|| / (||analytic|| + ||numeric||), 0 when both are zero. */
  relative: number;
  /** max |analytic - numeric| / (1 + |numeric|): catches a wrong small entry the norm hides. */
  elementwise: number;
}

export function gradientError(analytic: ArrayLike<number>, numeric: ArrayLike<number>): GradientError {
  if (analytic.length !== numeric.length) {
    return { relative: Infinity, elementwise: Infinity };
  }
  let diff = 0;
  let na = 0;
  let nn = 0;
  let elementwise = 0;
  for (let i = 0; i < numeric.length; i++) {
    const d = analytic[i] - numeric[i];
    diff += d * d;
    na += analytic[i] * analytic[i];
    nn += numeric[i] * numeric[i];
    const e = Math.abs(d) / (1 + Math.abs(numeric[i]));
    elementwise = Number.isNaN(e) ? Infinity : Math.max(elementwise, e);
  }
  const denom = Math.sqrt(na) + Math.sqrt(nn);
  const relative = denom === 0 ? 0 : Math.sqrt(diff) / denom;
  return { relative: Number.isNaN(relative) ? Infinity : relative, elementwise };
}
