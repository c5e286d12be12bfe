// softmaxCrossEntropy / mse with masks and lengths, and the optimizers with clipping and
// state round trips: valid calls agree with ts on every backend, invalid ones throw.
import { describe, it } from 'vitest';
import { assertRequiredBackends } from '../src/backends.js';
import { lossCase, lossSpec } from '../src/cases/loss-cases.js';
import { optimizerCase, optimizerSpec } from '../src/cases/optimizer-cases.js';
import { runFuzz } from '../src/fuzz.js';

describe('losses and optimizers', () => {
  it('softmaxCrossEntropy and mse', () => {
    assertRequiredBackends();
    runFuzz('losses', lossSpec, lossCase, { seed: 601, numRuns: 800 });
  });

  it('SGD, momentum, Adam, createOptimizer, clipping, state round trips', () => {
    assertRequiredBackends();
    runFuzz('optimizers', optimizerSpec, optimizerCase, { seed: 602, numRuns: 800 });
  });
});
