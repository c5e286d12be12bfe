/** The LSTM over a whole sequence (the notebook's lstm_forward / lstm_backward). */
import { Tensor, allocate } from '../tensor.ts';
import { outputHead } from './head.ts';
import { fromTimeMajor, toTimeMajor } from './layout.ts';
import { packLstmParams, unpackLstmGradients } from './params.ts';
import { runForward } from './recurrent.ts';
import { sequenceBackward } from './sequence-backward.ts';
import { LSTM_PARAM_KEYS, makeSequenceCaches } from './types.ts';
import type { LstmCaches, LstmForwardResult, LstmGradients, LstmParams } from './types.ts';
import { checkForwardCall, checkLstmParamShapes } from './validate.ts';

/**
 * Runs the LSTM cell over x (n_x, m, T_x) from a0 (n_a, m) and a zero initial cell state
 * (as the notebook does): hidden states a, cell states c (n_a, m, T_x), predictions yPred
 * (n_y, m, T_x) and one cache per step, for lstmBackward.
 */
export function lstmForward(x: Tensor, a0: Tensor, params: LstmParams): LstmForwardResult {
  const call = checkForwardCall([['x', x], ['a0', a0]], params, LSTM_PARAM_KEYS, 'LSTM', true, checkLstmParamShapes);
  const { data: [xs, h0], params: p, dtype, X, B, T, H } = call;
  const { store, tape } = runForward({
    cell: 'lstm', dtype, T, B, X, H,
    x: toTimeMajor(xs.data, X, B, T),
    h0: toTimeMajor(h0.data, H, B, 1),
    c0: allocate(dtype, B * H),
    weights: packLstmParams(p, X, H, dtype),
  });
  return {
    a: new Tensor(fromTimeMajor(tape.hs, H, B, T), [H, B, T]),
    yPred: outputHead(tape.hs, T, B, H, p.Wy, p.by),
    c: new Tensor(fromTimeMajor(tape.cs!, H, B, T), [H, B, T]),
    caches: makeSequenceCaches('lstm', store),
  };
}

/**
 * Backpropagation through time: the gradient flows back through both a and c between steps;
 * da (n_a, m, T) is the gradient reaching each hidden state from outside the recurrence, and
 * nothing reaches the last cell state from outside. T is taken from da and the first T caches
 * are used. Returns dx (n_x, m, T), da0 (n_a, m), dW* (n_a, n_a + n_x), db* (n_a, 1).
 */
export function lstmBackward(da: Tensor, caches: LstmCaches): LstmGradients {
  const { store: { dtype, X, H }, g, dx, da0 } = sequenceBackward(da, caches, 'lstm', 'lstmForward');
  return { dx, da0, ...unpackLstmGradients(g.dwx, g.dwh, g.dbx, X, H, dtype) };
}
