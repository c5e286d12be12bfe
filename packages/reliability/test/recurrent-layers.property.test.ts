// SimpleRNN / LSTM / GRU: random configurations and batches, forward then backward, with one
// fault at a time (options, tensors, lengths / masks, a foreign ctx, c0 on a non-LSTM).
import { describe, it } from 'vitest';
import { assertRequiredBackends } from '../src/backends.js';
import { recurrentCase, recurrentSpec } from '../src/cases/recurrent-layer-cases.js';
import { runFuzz } from '../src/fuzz.js';

describe('recurrent layers', () => {
  (['rnn', 'lstm', 'gru'] as const).forEach((cell, i) => {
    it(`${cell}: forward + backward`, () => {
      assertRequiredBackends();
      runFuzz(`layer ${cell}`, recurrentSpec.map((s) => ({ ...s, cell })), recurrentCase, { seed: 401 + i, numRuns: 400 });
    });
  });
});
