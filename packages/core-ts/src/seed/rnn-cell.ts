/** One step of the basic RNN (the notebook's rnn_cell_forward / rnn_cell_backward). */
import { Tensor } from '../tensor.ts';
import { outputHead } from './head.ts';
import { fromTimeMajor, toTimeMajor } from './layout.ts';
import { packRnnParams, unpackRnnGradients } from './params.ts';
import { runBackward, runForward } from './recurrent.ts';
import { RNN_PARAM_KEYS, StepCache } from './types.ts';
import type { RnnCellCache, RnnCellForwardResult, RnnCellGradients, RnnParams } from './types.ts';
import { checkForwardCall, checkRnnParamShapes, checkStepGradient, requireStepCache, requireTensor } from './validate.ts';

/**
 * a_next = tanh(Waa·a_prev + Wax·xt + ba), y_pred = softmax(Wya·a_next + by).
 * xt (n_x, m), aPrev (n_a, m) -> aNext (n_a, m), yPred (n_y, m) and the cache for rnnCellBackward.
 */
export function rnnCellForward(xt: Tensor, aPrev: Tensor, params: RnnParams): RnnCellForwardResult {
  const call = checkForwardCall([['xt', xt], ['aPrev', aPrev]], params, RNN_PARAM_KEYS, 'RNN', false, checkRnnParamShapes);
  const { data: [x, a0], params: p, dtype, X, B, H } = call;
  const { store, tape } = runForward({
    cell: 'rnn', dtype, T: 1, B, X, H,
    x: toTimeMajor(x.data, X, B, 1),
    h0: toTimeMajor(a0.data, H, B, 1),
    c0: null,
    weights: packRnnParams(p, X, H, dtype),
  });
  const y = outputHead(tape.hs, 1, B, H, p.Wya, p.by);
  return {
    aNext: new Tensor(fromTimeMajor(tape.hs, H, B, 1), [H, B]),
    yPred: y.reshape([y.shape[0], B]),
    cache: new StepCache('rnn', store, 0),
  };
}

/**
 * Gradients of one RNN step, given daNext (n_a, m), the gradient reaching a_next:
 * dxt (n_x, m), daPrev (n_a, m), dWax, dWaa and dba (n_a, 1).
 */
export function rnnCellBackward(daNext: Tensor, cache: RnnCellCache): RnnCellGradients {
  requireTensor('daNext', daNext);
  const { store, t } = requireStepCache(cache, 'rnn', 'rnnCellForward');
  const { dtype, B, X, H } = store;
  const d = checkStepGradient('daNext', daNext, store, { name: 'cache (aNext)', shape: [H, B] });
  const g = runBackward(store, t, 1, d.data, null);
  return {
    dxt: new Tensor(fromTimeMajor(g.dx, X, B, 1), [X, B]),
    daPrev: new Tensor(fromTimeMajor(g.dh0, H, B, 1), [H, B]),
    ...unpackRnnGradients(g.dwx, g.dwh, g.dbx, X, H, dtype),
  };
}
