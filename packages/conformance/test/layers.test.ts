// core's layer checks on every backend: SimpleRNN / LSTM / GRU (both reset conventions)
// stacks, bidirectional, lengths; backward vs central differences (float64), padded steps
// inert, structural oracles (padded batch = examples alone, reverse = reversed run, stack =
// chained layers), the Dense head, Embedding and losses; plus float32 layers against
// float64 layers with the same weights (src/layer-dtype-agreement.ts).
import { describe, expect, it } from 'vitest';
import {
  CELL_VARIANTS, batchVersusPerExample, checkCrossEntropyGradients, checkDenseGradients, checkEmbeddingGradients, checkMSEGradients,
  checkPaddingIsInert, checkRecurrentGradients, recurrentCheckCases, reverseDirectionVersusReversedRun, stackVersusChain,
} from '@recur/testkit/layers/index';
import type { GradientComparison } from '@recur/testkit/layers/index';
import { onBackend } from '../src/backends.js';
import { describeBackends } from '../src/describe-backends.js';
import { FLOAT32_AGREEMENT, LAYER_DTYPE_SHAPES, checkLayerFloat32Agreement } from '../src/layer-dtype-agreement.js';

const GRADIENT_TOLERANCE = 1e-6;

function expectGradients(results: GradientComparison[], what: string): void {
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) {
    expect(r.relErr, `${what}: d/d${r.name} (max abs err ${r.maxAbsErr})`).toBeLessThan(GRADIENT_TOLERANCE);
  }
}

describeBackends('layers', (backend) => {
  describe('recurrent layers: backward matches central differences (float64)', () => {
    for (const c of recurrentCheckCases()) {
      it(c.name, () => expectGradients(onBackend(backend, () => checkRecurrentGradients(c)), c.name));
    }
  });

  describe('recurrent layers: padded steps change neither state nor gradients (float64)', () => {
    for (const c of recurrentCheckCases().filter((k) => k.lengths)) {
      it(c.name, () => {
        const r = onBackend(backend, () => checkPaddingIsInert(c));
        expect(r.outputAtPadding).toBe(0);
        expect(r.dxAtPadding).toBe(0);
        expect(r.changedByPaddedInput).toEqual([]);
      });
    }
  });

  describe('recurrent layers: structure (float64)', () => {
    for (const variant of CELL_VARIANTS) {
      it(`${variant}: a padded batch with lengths equals each example run alone on its valid steps`, () => {
        expect(onBackend(backend, () => batchVersusPerExample(variant, false, 1))).toBeLessThan(1e-12);
        expect(onBackend(backend, () => batchVersusPerExample(variant, true, 2))).toBeLessThan(1e-12);
      });
      it(`${variant}: the reverse direction equals a forward layer on the reversed sequence`, () => {
        expect(onBackend(backend, () => reverseDirectionVersusReversedRun(variant))).toBeLessThan(1e-12);
      });
      it(`${variant}: a 2-layer stack equals two chained layers`, () => {
        expect(onBackend(backend, () => stackVersusChain(variant))).toBeLessThan(1e-12);
      });
    }
  });

  describe('recurrent layers: float32 agrees with float64 on the same weights and inputs', () => {
    for (const variant of CELL_VARIANTS) {
      LAYER_DTYPE_SHAPES.forEach((s, i) => {
        it(`${variant}: ${s.label}, within ${FLOAT32_AGREEMENT}`, () => {
          expect(onBackend(backend, () => checkLayerFloat32Agreement(variant, s, 40 + i))).toEqual([]);
        });
      });
    }
  });

  describe('head and losses: backward matches central differences (float64)', () => {
    it('Dense', () => expectGradients(onBackend(backend, () => checkDenseGradients()), 'Dense'));
    it('Embedding', () => expectGradients(onBackend(backend, () => checkEmbeddingGradients()), 'Embedding'));
    // The option sets of core's own loss tests: plain, lengths (a zero included), mask.
    for (const opts of [{}, { lengths: [4, 2, 0] }, { mask: [1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1] }]) {
      it(`softmax cross-entropy ${JSON.stringify(opts)}`, () => expectGradients(onBackend(backend, () => checkCrossEntropyGradients(opts)), 'cross-entropy'));
    }
    for (const opts of [{}, { lengths: [4, 1, 3] }, { mask: [0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1] }]) {
      it(`MSE ${JSON.stringify(opts)}`, () => expectGradients(onBackend(backend, () => checkMSEGradients(opts)), 'MSE'));
    }
  });
});
