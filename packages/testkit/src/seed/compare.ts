/**
 * One error metric for every seed check: |got - want| / (1 + |want|), relative for large
 * values and absolute near zero (gradients of saturated units are tiny, and a relative error
 * of a value that is pure rounding noise means nothing).
 */
import { formatShape } from '@recur/core';
import { Tensor } from '@recur/core';
import type { DType } from '@recur/core';

/**
 * float64 against NumPy. Headroom: NumPy's own float64 results differ from an 80-bit
 * long double evaluation of the same cases by at most 3.7e-15 in this metric
 * (make_seed_fixtures.py prints it), so two sound float64 implementations sit far inside.
 */
export const FLOAT64_TOLERANCE = 1e-12;

/** float32 storage against the float64 NumPy result (NumPy in float32 shows 1.6e-6). */
export const FLOAT32_TOLERANCE = 2e-4;

export function toleranceFor(dtype: DType): number {
  return dtype === 'float64' ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE;
}

/** |got - want| / (1 + |want|); NaN anywhere counts as an infinite error. */
export function scaledError(got: number, want: number): number {
  const e = Math.abs(got - want) / (1 + Math.abs(want));
  return Number.isNaN(e) ? Infinity : e;
}

export interface TensorComparison {
  name: string;
  ok: boolean;
  /** Worst scaled error over the elements (0 for an empty tensor, Infinity on a shape or dtype mismatch). */
  worst: number;
  /** What went wrong, or a one-line summary. */
  message: string;
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    idx[k] = flat % shape[k];
    flat = Math.floor(flat / shape[k]);
  }
  return idx;
}

/** Compares a result of the seed API with the reference values, shape and dtype included. */
export function compareTensor(
  name: string,
  got: unknown,
  wantShape: readonly number[],
  want: ArrayLike<number>,
  dtype: DType,
  tolerance: number,
): TensorComparison {
  const fail = (message: string): TensorComparison => ({ name, ok: false, worst: Infinity, message: `${name}: ${message}` });
  if (!(got instanceof Tensor)) return fail(`expected a Tensor, got ${got === null ? 'null' : typeof got}`);
  if (formatShape(got.shape) !== formatShape(wantShape)) {
    return fail(`shape ${formatShape(got.shape)}, expected ${formatShape(wantShape)}`);
  }
  if (got.dtype !== dtype) return fail(`dtype ${got.dtype}, expected ${dtype}`);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const e = scaledError(got.data[i], want[i]);
    if (at < 0 || e > worst) {
      worst = e;
      at = i;
    }
  }
  const where = at >= 0 ? `[${unravel(at, wantShape).join('][')}]` : '';
  const detail = at >= 0 ? ` at ${where}: got ${got.data[at]}, expected ${want[at]}` : ' (empty)';
  const ok = worst <= tolerance;
  return {
    name,
    ok,
    worst,
    message: `${name} ${formatShape(wantShape)} ${dtype}: worst |got - want| / (1 + |want|) = ${worst.toExponential(2)}${ok ? ' <=' : ' >'} ${tolerance}${ok ? '' : detail}`,
  };
}
