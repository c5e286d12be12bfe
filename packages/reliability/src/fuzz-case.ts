/**
 * One fuzz case run on every backend under test, and the checks that make it a property:
 *  - no backend may break the outcome rule (return, or throw TypeError / RangeError, in time);
 *  - valid inputs must not throw on the reference backend ('ts'), and certainly invalid
 *    inputs must throw on every backend (never garbage for bad input);
 *  - every backend must do what ts does: return results equal to ts's (see compare.ts), or
 *    throw an error of the same class.
 */
import type { Backend } from '@recur/core';
import { BACKENDS, onBackend } from './backends.js';
import type { KnownIssue } from './known-issues.js';
import { TOLERANCE, firstDifference } from './compare.js';
import { attempt, describeError, violation, type Outcome } from './outcome.js';

export interface FuzzCase {
  /** Builds fresh inputs and makes the call (rebuilt per backend: calls may write into inputs). */
  run: () => unknown;
  /** True when the inputs are valid, so the call must return. */
  valid: boolean;
  /** True when the inputs are certainly invalid, so the call must throw ("never return garbage for bad input"). */
  mustThrow?: boolean;
  /** Tolerance class of the results. */
  dtype: 'float32' | 'float64';
  /** Set when the case hits an open bug listed in known-issues.ts. */
  knownIssue?: KnownIssue;
  /** For valid inputs: checks the reference backend's result against an oracle; a message when wrong. */
  expect?: (value: unknown) => string | null;
}

export interface CaseReport {
  /** One outcome per backend, in BACKENDS order. */
  outcomes: Outcome[];
  backends: readonly Backend[];
}

/** Runs `c` on every backend (ts first); throws an Error describing the first broken rule. */
export function checkCase(c: FuzzCase, backends: readonly Backend[] = BACKENDS): CaseReport {
  const outcomes = backends.map((b) => onBackend(b, () => attempt(c.run)));
  backends.forEach((b, i) => {
    const v = violation(outcomes[i]);
    if (v) throw new Error(`[${b.name}] ${v}`);
  });
  if (c.knownIssue?.mode === 'relaxed') return { outcomes, backends };
  if (c.mustThrow) {
    backends.forEach((b, i) => {
      if (outcomes[i].ok) throw new Error(`[${b.name}] returned a result for invalid input (it must throw a TypeError or RangeError)`);
    });
  }
  const [ref, ...others] = outcomes;
  if (c.valid && !ref.ok) throw new Error(`[ts] valid input was rejected: ${describeError(ref.error)}`);
  if (c.valid && ref.ok && c.expect) {
    const wrong = c.expect(ref.value);
    if (wrong) throw new Error(`[ts] wrong result: ${wrong}`);
  }
  others.forEach((o, k) => {
    const name = backends[k + 1].name;
    if (ref.ok && o.ok) {
      const diff = firstDifference(ref.value, o.value, TOLERANCE[c.dtype]);
      if (diff) throw new Error(`[${name}] differs from ts: ${diff}`);
    } else if (ref.ok !== o.ok) {
      const what = (x: Outcome) => (x.ok ? 'returned' : `threw ${describeError(x.error)}`);
      throw new Error(`backends disagree: ts ${what(ref)} but ${name} ${what(o)}`);
    } else if (!ref.ok && !o.ok && (ref.error as object).constructor !== (o.error as object).constructor) {
      throw new Error(`backends disagree: ts threw ${describeError(ref.error)} but ${name} threw ${describeError(o.error)}`);
    }
  });
  return { outcomes, backends };
}
