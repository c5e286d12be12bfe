/** One step of the LSTM (the notebook's lstm_cell_forward / lstm_cell_backward). */
import { Tensor } from '../tensor.ts';
import { outputHead } from './head.ts';
import { fromTimeMajor, toTimeMajor } from './layout.ts';
import { packLstmParams, unpackLstmGradients } from './params.ts';
import { runBackward, runForward } from './recurrent.ts';
import { LSTM_PARAM_KEYS, StepCache } from './types.ts';
import type { LstmCellCache, LstmCellForwardResult, LstmCellGradients, LstmParams } from './types.ts';
import { checkForwardCall, checkLstmParamShapes, checkStepGradient, requireStepCache, requireTensor } from './validate.ts';

/**
 * With concat = [a_prev; xt]: f = σ(Wf·concat + bf), i = σ(Wi·concat + bi),
 * c̃ = tanh(Wc·concat + bc), o = σ(Wo·concat + bo), c_next = f*c_prev + i*c̃,
 * a_next = o*tanh(c_next), y_pred = softmax(Wy·a_next + by).
 * xt (n_x, m), aPrev and cPrev (n_a, m) -> aNext, cNext (n_a, m), yPred (n_y, m), cache.
 */
export function lstmCellForward(xt: Tensor, aPrev: Tensor, cPrev: Tensor, params: LstmParams): LstmCellForwardResult {
  const call = checkForwardCall(
    [['xt', xt], ['aPrev', aPrev], ['cPrev', cPrev]], params, LSTM_PARAM_KEYS, 'LSTM', false, checkLstmParamShapes,
  );
  const { data: [x, a0, c0], params: p, dtype, X, B, H } = call;
  const { store, tape } = runForward({
    cell: 'lstm', dtype, T: 1, B, X, H,
    x: toTimeMajor(x.data, X, B, 1),
    h0: toTimeMajor(a0.data, H, B, 1),
    c0: toTimeMajor(c0.data, H, B, 1),
    weights: packLstmParams(p, X, H, dtype),
  });
  const y = outputHead(tape.hs, 1, B, H, p.Wy, p.by);
  return {
    aNext: new Tensor(fromTimeMajor(tape.hs, H, B, 1), [H, B]),
    cNext: new Tensor(fromTimeMajor(tape.cs!, H, B, 1), [H, B]),
    yPred: y.reshape([y.shape[0], B]),
    cache: new StepCache('lstm', store, 0),
  };
}

/**
 * Gradients of one LSTM step, given the gradients reaching a_next (daNext) and c_next
 * (dcNext), both (n_a, m): dxt (n_x, m), daPrev and dcPrev (n_a, m), dW* (n_a, n_a + n_x),
 * db* (n_a, 1).
 */
export function lstmCellBackward(daNext: Tensor, dcNext: Tensor, cache: LstmCellCache): LstmCellGradients {
  requireTensor('daNext', daNext);
  requireTensor('dcNext', dcNext);
  const { store, t } = requireStepCache(cache, 'lstm', 'lstmCellForward');
  const { dtype, B, X, H } = store;
  const source = { name: 'cache (aNext)', shape: [H, B] };
  const da = checkStepGradient('daNext', daNext, store, source);
  const dc = checkStepGradient('dcNext', dcNext, store, source);
  const g = runBackward(store, t, 1, da.data, dc.data);
  return {
    dxt: new Tensor(fromTimeMajor(g.dx, X, B, 1), [X, B]),
    daPrev: new Tensor(fromTimeMajor(g.dh0, H, B, 1), [H, B]),
    dcPrev: new Tensor(fromTimeMajor(g.dc0!, H, B, 1), [H, B]),
    ...unpackLstmGradients(g.dwx, g.dwh, g.dbx, X, H, dtype),
  };
}
