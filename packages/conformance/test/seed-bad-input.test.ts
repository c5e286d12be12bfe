// Bad input to the eight seed functions on every backend: the error class and the message
// (argument name, actual and expected shapes) that core's checks require. On native the
// message must also be exactly the one ts gives, so users see the same errors whichever
// backend is current.
import { expect, it } from 'vitest';
import { REFERENCE as tsBackend } from '../src/backends.js';
import type { Backend } from '@recur/core';
import { badInputCases, runBadInputCase, type BadInputCase } from '@recur/testkit/seed/bad-input-checks';
import { onBackend } from '../src/backends.js';
import { describeBackends } from '../src/describe-backends.js';

/** The cases build their caches with the seed API, so they are built on the backend under test. */
function casesOn(backend: Backend): Map<string, BadInputCase> {
  return new Map(onBackend(backend, () => badInputCases()).map((c) => [c.name, c]));
}

function thrownBy(backend: Backend, c: BadInputCase): string {
  try {
    onBackend(backend, c.run);
  } catch (e) {
    return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  }
  return 'nothing thrown';
}

// Case names only; each backend rebuilds its own cases.
const names = badInputCases().map((c) => c.name);

describeBackends('seed API bad input', (backend) => {
  let cases: Map<string, BadInputCase> | undefined;
  let tsCases: Map<string, BadInputCase> | undefined;
  const on = (name: string): BadInputCase => (cases ??= casesOn(backend)).get(name)!;
  for (const name of names) {
    it(name, () => {
      const c = on(name);
      expect(onBackend(backend, () => runBadInputCase(c))).toBe('');
      if (backend !== tsBackend) {
        const ts = (tsCases ??= casesOn(tsBackend)).get(name)!;
        expect(thrownBy(backend, c), 'same error class and message as on ts').toBe(thrownBy(tsBackend, ts));
      }
    });
  }
});
