// Tensor.from / Tensor.zeros / Tensor#get with random valid and malformed arguments: every
// call returns the right tensor (checked against the generated values) or throws a
// TypeError / RangeError, on every backend.
import { describe, it } from 'vitest';
import { assertRequiredBackends } from '../src/backends.js';
import { runFuzz } from '../src/fuzz.js';
import { tensorFromCase, tensorFromSpec, tensorGetCase, tensorGetSpec, tensorZerosCase, tensorZerosSpec } from '../src/cases/tensor-cases.js';

describe('Tensor', () => {
  it('Tensor.from: nested arrays, typed arrays, numbers, tensors; ragged, bad leaves, junk, detached', () => {
    assertRequiredBackends();
    runFuzz('Tensor.from', tensorFromSpec, tensorFromCase, { seed: 101, numRuns: 600 });
  });

  it('Tensor.zeros: small, empty and huge shapes, invalid dims and dtypes', () => {
    assertRequiredBackends();
    runFuzz('Tensor.zeros', tensorZerosSpec, tensorZerosCase, { seed: 102, numRuns: 600 });
  });

  it('Tensor#get: in-range, negative, out-of-range and non-integer indices', () => {
    assertRequiredBackends();
    runFuzz('Tensor#get', tensorGetSpec, tensorGetCase, { seed: 103, numRuns: 600 });
  });
});
