// The importers' return types follow the kind (checked by tsc: no casts below), and at run
// time the layer is of that class.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { fromKerasWeights, toKerasWeights } from './keras.ts';
import { fromPyTorchStateDict, toPyTorchStateDict } from './pytorch.ts';

describe('typed importers', () => {
  it('fromPyTorchStateDict and fromKerasWeights return the class of their kind', () => {
    const lstm = fromPyTorchStateDict('LSTM', toPyTorchStateDict(new LSTM({ inputSize: 2, hiddenSize: 3 })));
    expectTypeOf(lstm).toEqualTypeOf<LSTM>();
    expect(lstm).toBeInstanceOf(LSTM);
    const rnn = fromPyTorchStateDict('RNN', toPyTorchStateDict(new SimpleRNN({ inputSize: 2, hiddenSize: 3 })), { nonlinearity: 'tanh' });
    expectTypeOf(rnn).toEqualTypeOf<SimpleRNN>();
    expect(rnn).toBeInstanceOf(SimpleRNN);
    const gru = fromKerasWeights('GRU', toKerasWeights(new GRU({ inputSize: 2, hiddenSize: 3 })));
    expectTypeOf(gru).toEqualTypeOf<GRU>();
    expect(gru.resetAfter).toBe(true);
  });
});
