// The notebook's eight functions with random sizes, values (NaN / Inf included), dtypes and
// one fault at a time: valid calls return ts's numbers on every backend, invalid ones throw
// a TypeError / RangeError on every backend.
import { describe, it } from 'vitest';
import { assertRequiredBackends } from '../src/backends.js';
import { SEED_FUNCTIONS, seedCase, seedSpecsOf } from '../src/cases/seed-cases.js';
import { runFuzz } from '../src/fuzz.js';

describe('seed API', () => {
  SEED_FUNCTIONS.forEach((fn, i) => {
    it(fn, () => {
      assertRequiredBackends();
      runFuzz(`seed API ${fn}`, seedSpecsOf(fn), seedCase, { seed: 301 + i, numRuns: 400 });
    });
  });
});
