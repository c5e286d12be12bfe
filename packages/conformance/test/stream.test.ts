// layer.stream() on every backend: stepping x[0..T-1] one call at a time gives the outputs and
// final states of layer.forward(x) on the same backend (float64 within 1e-12, float32 2e-5),
// for every cell, one and two layers, from random initial states.
import { describe, expect, it } from 'vitest';
import { CELL_VARIANTS, streamVersusForward } from '@recur/testkit/layers/index';
import { onBackend } from '../src/backends.js';
import { describeBackends } from '../src/describe-backends.js';

const TOLERANCE = { float64: 1e-12, float32: 2e-5 } as const;

describeBackends('streaming', (backend) => {
  describe('layer.stream() steps equal forward()', () => {
    for (const variant of CELL_VARIANTS) {
      for (const numLayers of [1, 2]) {
        for (const dtype of ['float64', 'float32'] as const) {
          it(`${variant}, ${numLayers} layer(s), ${dtype}`, () => {
            expect(onBackend(backend, () => streamVersusForward(variant, dtype, numLayers, 21 + numLayers))).toBeLessThan(TOLERANCE[dtype]);
          });
        }
      }
    }
  });
});
