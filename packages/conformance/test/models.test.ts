// The model layer on every backend: the non-default activations (finite differences where a
// backend runs them; a TypeError naming the option where it does not yet), and Sequential
// (a batch-first LSTM + Dense learns a memory task; save/load predicts the same bits).
import { describe, expect, it } from 'vitest';
import { Dense, LSTM, Sequential, Tensor, getBackend, loadModelBytes, saveModelBytes, setBackend } from '@recur/core';
import type { Backend } from '@recur/core';
import { ACTIVATION_VARIANTS, activationLayerRefusal, checkRecurrentGradients, recurrentCheckCases } from '@recur/testkit/layers/index';
import { onBackend } from '../src/backends.js';
import { describeBackends } from '../src/describe-backends.js';
import { recallTask } from '@recur/testkit/models/recall-task';

async function onBackendAsync<T>(backend: Backend, fn: () => Promise<T>): Promise<T> {
  const previous = getBackend();
  setBackend(backend);
  try {
    return await fn();
  } finally {
    setBackend(previous);
  }
}


describeBackends('models', (backend) => {
  describe('non-default activations (rnn relu, lstm/gru hardSigmoid)', () => {
    for (const variant of ACTIVATION_VARIANTS) {
      const refusal = onBackend(backend, () => activationLayerRefusal(variant));
      if (refusal !== null) {
        it(`${variant}: refused with a TypeError naming the option (not supported yet on ${backend.name})`, () => {
          expect(refusal).toMatch(/activation/i);
        });
        continue;
      }
      for (const c of recurrentCheckCases([variant])) {
        it(`${c.name}: backward matches central differences`, () => {
          for (const r of onBackend(backend, () => checkRecurrentGradients(c))) expect(r.relErr, `d/d${r.name}`).toBeLessThan(1e-6);
        });
      }
    }
  });

  describe('Sequential', () => {
    it('a batch-first LSTM + Dense learns to recall the first symbol; the saved model predicts the same bits', async () => {
      await onBackendAsync(backend, async () => {
        const model = new Sequential([
          new LSTM({ inputSize: 3, hiddenSize: 12, batchFirst: true, returnSequences: false, seed: 1 }),
          new Dense({ inputSize: 12, outputSize: 3, seed: 2, batchFirst: true }),
        ], { batchFirst: true });
        const train = recallTask(192, 5, 3, 1);
        const test = recallTask(96, 5, 3, 2);
        await model.fit(train.x, train.y, { epochs: 25, batchSize: 16, loss: 'softmaxCrossEntropy', optimizer: { kind: 'adam', lr: 0.02 }, seed: 3 });
        expect(model.evaluate(test.x, test.y, { loss: 'softmaxCrossEntropy' }).accuracy!).toBeGreaterThanOrEqual(0.95);
        const loaded = loadModelBytes(saveModelBytes(model), Sequential);
        expect(Array.from(loaded.predict(test.x).data)).toEqual(Array.from(model.predict(test.x).data));
      });
    }, 120_000);

    it('fitAsync / predictAsync (async kernels where the backend has them) give the same bits as fit / predict', async () => {
      await onBackendAsync(backend, async () => {
        const make = () => new Sequential([
          new LSTM({ inputSize: 3, hiddenSize: 6, numLayers: 2, dropout: 0.25, batchFirst: true, seed: 1 }),
          new Dense({ inputSize: 6, outputSize: 3, seed: 2 }),
        ], { batchFirst: true });
        const d = recallTask(24, 4, 3, 7);
        const y = Tensor.zeros([24, 4]);
        for (let i = 0; i < y.size; i++) y.data[i] = i % 3;
        const a = make();
        const b = make();
        const opts = { epochs: 2, batchSize: 8, loss: 'softmaxCrossEntropy' as const, seed: 5 };
        const ha = await a.fit(d.x, y, opts);
        const hb = await b.fitAsync(d.x, y, opts);
        expect(hb.loss).toEqual(ha.loss);
        expect(b.parameters().map((p) => Array.from(p.param.data))).toEqual(a.parameters().map((p) => Array.from(p.param.data)));
        expect(Array.from((await b.predictAsync(d.x, { batchSize: 10 })).data)).toEqual(Array.from(a.predict(d.x, { batchSize: 10 }).data));
      });
    }, 120_000);
  });
});
