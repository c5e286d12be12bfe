import { describe, expect, it } from 'vitest';
import * as core from '../index.ts';

describe('@recur/core exports the training API', () => {
  it('layers, losses, optimizers and CharLM', () => {
    for (const name of ['SimpleRNN', 'LSTM', 'GRU', 'Dense', 'Embedding', 'oneHot', 'softmaxCrossEntropy', 'mse', 'SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'StepLR', 'ExponentialLR', 'CosineAnnealingLR', 'LinearLR', 'clipGradNorm', 'clipGradValue', 'zeroGrad', 'createOptimizer', 'CharLM', 'sampleFromLogits', 'lengthsFromMask', 'Sequential', 'Dropout']) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
    const m = new core.CharLM({ vocabSize: 3, hiddenSize: 2 });
    expect(m.step({ inputs: [0, 1], targets: [1, 2], T: 2, B: 1 }).count).toBe(2);
  });
});
