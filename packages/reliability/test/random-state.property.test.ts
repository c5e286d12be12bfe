// RandomState with random seeds, methods and dimensions (valid, empty, huge, invalid): each
// call returns values with the right shape and range that the same seed repeats, or throws
// a TypeError / RangeError, on every backend.
import { it } from 'vitest';
import { assertRequiredBackends } from '../src/backends.js';
import { randomStateCase, randomStateSpec } from '../src/cases/random-state-cases.js';
import { runFuzz } from '../src/fuzz.js';

it('RandomState: constructor, randn, rand, uniform, randint, nextDouble, nextUint32, standardNormal', () => {
  assertRequiredBackends();
  runFuzz('RandomState', randomStateSpec, randomStateCase, { seed: 201, numRuns: 800 });
});
