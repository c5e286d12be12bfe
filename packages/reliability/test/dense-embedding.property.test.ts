// Dense forward/backward over random leading axes, Embedding and oneHot with ids in and out
// of range: valid calls agree with ts on every backend, invalid ones throw TypeError / RangeError.
import { describe, it } from 'vitest';
import { assertRequiredBackends } from '../src/backends.js';
import { denseCase, denseSpec, embeddingCase, embeddingSpec } from '../src/cases/dense-embedding-cases.js';
import { runFuzz } from '../src/fuzz.js';

describe('Dense, Embedding, oneHot', () => {
  it('Dense: forward + backward', () => {
    assertRequiredBackends();
    runFuzz('Dense', denseSpec, denseCase, { seed: 501, numRuns: 600 });
  });

  it('Embedding and oneHot', () => {
    assertRequiredBackends();
    runFuzz('Embedding/oneHot', embeddingSpec, embeddingCase, { seed: 502, numRuns: 600 });
  });
});
