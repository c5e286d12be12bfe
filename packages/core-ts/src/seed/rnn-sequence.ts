/** The basic RNN over a whole sequence (the notebook's rnn_forward / rnn_backward). */
import { Tensor } from '../tensor.ts';
import { outputHead } from './head.ts';
import { fromTimeMajor, toTimeMajor } from './layout.ts';
import { packRnnParams, unpackRnnGradients } from './params.ts';
import { runForward } from './recurrent.ts';
import { sequenceBackward } from './sequence-backward.ts';
import { RNN_PARAM_KEYS, makeSequenceCaches } from './types.ts';
import type { RnnCaches, RnnForwardResult, RnnGradients, RnnParams } from './types.ts';
import { checkForwardCall, checkRnnParamShapes } from './validate.ts';

/**
 * Runs the RNN cell over x (n_x, m, T_x) from a0 (n_a, m): hidden states a (n_a, m, T_x),
 * predictions yPred (n_y, m, T_x) and one cache per step, for rnnBackward.
 */
export function rnnForward(x: Tensor, a0: Tensor, params: RnnParams): RnnForwardResult {
  const call = checkForwardCall([['x', x], ['a0', a0]], params, RNN_PARAM_KEYS, 'RNN', true, checkRnnParamShapes);
  const { data: [xs, h0], params: p, dtype, X, B, T, H } = call;
  const { store, tape } = runForward({
    cell: 'rnn', dtype, T, B, X, H,
    x: toTimeMajor(xs.data, X, B, T),
    h0: toTimeMajor(h0.data, H, B, 1),
    c0: null,
    weights: packRnnParams(p, X, H, dtype),
  });
  return {
    a: new Tensor(fromTimeMajor(tape.hs, H, B, T), [H, B, T]),
    yPred: outputHead(tape.hs, T, B, H, p.Wya, p.by),
    caches: makeSequenceCaches('rnn', store),
  };
}

/**
 * Backpropagation through time. da (n_a, m, T) is the gradient reaching each hidden state
 * from outside the recurrence (e.g. from the loss through the output head); T is taken from
 * da and the first T caches are used. Returns dx (n_x, m, T), da0 (n_a, m), dWax, dWaa, dba.
 */
export function rnnBackward(da: Tensor, caches: RnnCaches): RnnGradients {
  const { store: { dtype, X, H }, g, dx, da0 } = sequenceBackward(da, caches, 'rnn', 'rnnForward');
  return { dx, da0, ...unpackRnnGradients(g.dwx, g.dwh, g.dbx, X, H, dtype) };
}
