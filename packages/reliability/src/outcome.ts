/**
 * The property every fuzzed call must satisfy: it returns, or it throws a TypeError or a
 * RangeError (SafetensorsError is a RangeError). Anything else (a plain Error, a string,
 * an internal assertion) is a bug, and so is a call that takes longer than HANG_MS.
 */

/** A single call slower than this counts as a hang (the inputs are tiny; real calls take ms). */
export const HANG_MS = 10_000;

export type Outcome = { ok: true; value: unknown; ms: number } | { ok: false; error: unknown; ms: number };

export function attempt(fn: () => unknown): Outcome {
  const start = performance.now();
  try {
    const value = fn();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

export function isAllowedError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`;
  return `a thrown ${typeof error} ${String(error)}`;
}

/** Why `outcome` breaks the property, or null when it keeps it. */
export function violation(outcome: Outcome): string | null {
  if (outcome.ms > HANG_MS) return `the call took ${Math.round(outcome.ms)} ms (more than ${HANG_MS} ms counts as a hang)`;
  if (!outcome.ok && !isAllowedError(outcome.error)) {
    const stack = outcome.error instanceof Error ? `\n${outcome.error.stack}` : '';
    return `threw ${describeError(outcome.error)} (only TypeError or RangeError are allowed)${stack}`;
  }
  return null;
}
