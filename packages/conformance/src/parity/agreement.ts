/**
 * How close a backend must be to the ts reference on identical inputs: float64 within
 * 1e-12 and float32 within 2e-5, both as |got - ts| / (1 + |ts|) (relative for values above
 * 1, absolute below, where a relative error of rounding noise would mean nothing).
 */
import { expect } from 'vitest';
import type { Dtype } from '@recur/testkit/backend/sequence-fixtures';

export const PARITY_TOLERANCE: Readonly<Record<Dtype, number>> = { float64: 1e-12, float32: 2e-5 };

export interface Worst {
  error: number;
  at: number;
}

/** Largest |got - want| / (1 + |want|) over the indices `keep` accepts (NaN counts as Infinity). */
export function worstScaledError(got: ArrayLike<number>, want: ArrayLike<number>, keep: (i: number) => boolean = () => true): Worst {
  let worst: Worst = { error: 0, at: -1 };
  for (let i = 0; i < want.length; i++) {
    if (!keep(i)) continue;
    const e = Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i]));
    const error = Number.isNaN(e) ? Infinity : e;
    if (error > worst.error || worst.at < 0) worst = { error, at: i };
  }
  return worst;
}

/** Asserts `got` (another backend) matches `want` (ts) within the dtype's tolerance. */
export function expectAgreement(got: ArrayLike<number>, want: ArrayLike<number>, dtype: Dtype, what: string, keep?: (i: number) => boolean): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  const w = worstScaledError(got, want, keep);
  const tol = PARITY_TOLERANCE[dtype];
  if (!(w.error <= tol)) {
    expect.fail(`${what}: |got - ts| / (1 + |ts|) = ${w.error.toExponential(3)} > ${tol} at [${w.at}]: got ${got[w.at]}, ts ${want[w.at]}`);
  }
}
