/**
 * describeBackends(title, body): registers `body`'s suites once per backend under test,
 * titled `[ts] ...` / `[native] ...` / `[wasm] ...` (the report counts tests per backend by
 * that prefix). An unavailable backend never disappears silently: when it is required
 * (RECUR_REQUIRE_NATIVE=1 / RECUR_REQUIRE_WASM=1, or chosen with --backend) its suite is one
 * failing test carrying the loader's reason; otherwise it is a visible skipped suite whose
 * title says why (and report-backends.ts prints the reason once per run).
 */
import { describe, it } from 'vitest';
import type { Backend } from '@recur/core';
import { BACKENDS, REFERENCE, type BackendUnderTest } from './backends.js';

export const DTYPES = ['float64', 'float32'] as const;

export function describeBackends(title: string, body: (backend: Backend) => void): void {
  describeEach(BACKENDS, title, body);
}

/** Like describeBackends, for every backend under test but ts itself: body(other, ts) compares the two directly. */
export function describeAgainstTs(title: string, body: (other: Backend, ts: Backend) => void, only?: (b: BackendUnderTest) => boolean): void {
  const others = BACKENDS.filter((b) => b.backend !== REFERENCE && (only ? only(b) : true));
  describeEach(others, title, (other) => body(other, REFERENCE));
}

export function describeEach(backends: readonly BackendUnderTest[], title: string, body: (backend: Backend, b: BackendUnderTest) => void): void {
  for (const b of backends) {
    const suite = `[${b.name}] ${title}`;
    if (b.backend !== null) {
      const backend = b.backend;
      describe(suite, () => body(backend, b));
    } else if (b.required) {
      describe(suite, () => {
        it(`the ${b.name} backend is available`, () => {
          throw new Error(`the ${b.name} backend is required but not available: ${b.reason}`);
        });
      });
    } else {
      describe.skip(`${suite}: NOT TESTED, ${b.reason}`, () => {
        it(`every ${title} check`, () => {});
      });
    }
  }
}
