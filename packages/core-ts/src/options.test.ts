// Constructor options checked in plain JS: unknown keys (with a suggestion) and ranges.
import { describe, expect, it } from 'vitest';
import { Dense } from './layers/dense.ts';
import { Embedding } from './layers/embedding.ts';
import { GRU } from './layers/gru.ts';
import { LSTM } from './layers/lstm.ts';
import { SimpleRNN } from './layers/simple-rnn.ts';
import { editDistance, suggestKey } from './options.ts';
import { Adam } from './optim/adam.ts';
import { SGD } from './optim/sgd.ts';
import { StepLR } from './optim/lr-scheduler.ts';

describe('option validation', () => {
  it('edit distance and suggestions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('hiddenSize', 'HiddenSize')).toBe(0);
    expect(suggestKey('hidenSize', ['inputSize', 'hiddenSize'])).toBe('hiddenSize');
    expect(suggestKey('zzzzzz', ['inputSize', 'hiddenSize'])).toBeUndefined();
  });

  it('unknown keys are a TypeError naming the key and the closest known one', () => {
    const any = (o: object) => o as never;
    expect(() => new LSTM(any({ inputSize: 2, hidenSize: 3 }))).toThrow(TypeError);
    expect(() => new LSTM(any({ inputSize: 2, hiddenSize: 3, dropuot: 0.2 }))).toThrow(/LSTM: unknown option 'dropuot'; did you mean 'dropout'\?/);
    expect(() => new SimpleRNN(any({ inputSize: 2, hiddenSize: 3, forgetBias: 1 }))).toThrow(/SimpleRNN: unknown option 'forgetBias'/);
    expect(() => new GRU(any({ inputSize: 2, hiddenSize: 3, activation: 'relu' }))).toThrow(/GRU: unknown option 'activation'/);
    expect(() => new Dense(any({ inputSize: 2, outputsize: 3 }))).toThrow(/Dense: unknown option 'outputsize'; did you mean 'outputSize'\?/);
    expect(() => new Embedding(any({ numEmbeddings: 2, embeddingSize: 3, vocab: 3 }))).toThrow(/Embedding: unknown option 'vocab'/);
  });

  it('optimizers and schedules check their keys too', () => {
    const params = new Dense({ inputSize: 1, outputSize: 1 }).parameters();
    expect(() => new SGD(params, { lr: 0.1, momentun: 0.9 } as never)).toThrow(/SGD: unknown option 'momentun'; did you mean 'momentum'\?/);
    expect(() => new Adam(params, { lr: 0.1, beta: 0.9 } as never)).toThrow(/Adam: unknown option 'beta'; did you mean 'beta1'\?/);
    expect(() => new StepLR(new Adam(params), { stepSize: 2, gama: 0.5 } as never)).toThrow(/StepLR: unknown option 'gama'; did you mean 'gamma'\?/);
  });

  it('out-of-range values are a RangeError naming the option', () => {
    expect(() => new LSTM({ inputSize: 2, hiddenSize: 0 })).toThrow(/LSTM: hiddenSize must be an integer >= 1, got 0/);
    expect(() => new LSTM({ inputSize: 2, hiddenSize: 3, dropout: 1.5 })).toThrow(/LSTM: dropout must be a finite number >= 0 and < 1, got 1.5/);
    expect(() => new GRU({ inputSize: 2, hiddenSize: 3, dropout: -0.1 })).toThrow(RangeError);
    expect(() => new Dense({ inputSize: 2.5, outputSize: 3 })).toThrow(RangeError);
    expect(() => new Dense({ inputSize: 2, outputSize: 3, seed: -1 })).toThrow(RangeError);
  });

  it('enumerated options are a TypeError with a suggestion', () => {
    expect(() => new SimpleRNN({ inputSize: 2, hiddenSize: 3, activation: 'Relu' as never })).toThrow(/activation must be 'tanh' or 'relu', got "Relu"; did you mean 'relu'\?/);
    expect(() => new LSTM({ inputSize: 2, hiddenSize: 3, recurrentActivation: 'hard_sigmoid' as never })).toThrow(/did you mean 'hardSigmoid'\?/);
  });
});
