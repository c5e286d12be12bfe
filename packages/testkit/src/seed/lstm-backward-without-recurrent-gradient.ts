/**
 * NOT the LSTM gradient. The computation behind the notebook's "Expected Output" table for
 * lstm_backward: each step t is backpropagated from da[:, :, t] alone, with no gradient
 * coming back from step t+1 through a or c; da0 is step 0's da_prev. It exists only so a
 * check can document where that table came from. recur's lstmBackward is full BPTT.
 * Built from the public cell functions (lstmCellForward / lstmCellBackward), step by step.
 * Not part of @recur/core's public API.
 */
import { lstmCellBackward, lstmCellForward } from '@recur/core';
import { Tensor } from '@recur/core';

type LstmParams = Parameters<typeof lstmCellForward>[3];
type LstmCellGradients = ReturnType<typeof lstmCellBackward>;

const PARAM_GRADIENTS = ['dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbi', 'dbc', 'dbo'] as const;
type ParamGradient = (typeof PARAM_GRADIENTS)[number];

/** Step t of a (rows, m, T) float64 tensor as a (rows, m) tensor. */
function stepOf(seq: Tensor, t: number): Tensor {
  const [rows, m, T] = seq.shape;
  const out = new Float64Array(rows * m);
  for (let i = 0; i < rows * m; i++) out[i] = seq.data[i * T + t];
  return new Tensor(out, [rows, m]);
}

export interface NoRecurrentGradientResult extends Record<ParamGradient, Tensor> {
  dx: Tensor; // (n_x, m, T) with T from da
  da0: Tensor; // (n_a, m)
}

/** float64 only: x (n_x, m, T_x), a0 (n_a, m), da (n_a, m, T) with T <= T_x. */
export function lstmBackwardWithoutRecurrentGradient(x: Tensor, a0: Tensor, params: LstmParams, da: Tensor): NoRecurrentGradientResult {
  const [nX, m] = x.shape;
  const [nA, , T] = da.shape;
  // Forward, step by step, exactly as lstm_forward: c starts at zero.
  const caches: ReturnType<typeof lstmCellForward>['cache'][] = [];
  let a = a0;
  let c = Tensor.zeros([nA, m]);
  for (let t = 0; t < T; t++) {
    const step = lstmCellForward(stepOf(x, t), a, c, params);
    caches.push(step.cache);
    a = step.aNext;
    c = step.cNext;
  }
  const dx = Tensor.zeros([nX, m, T]);
  let da0 = Tensor.zeros([nA, m]);
  const sums = {} as Record<ParamGradient, Tensor>;
  for (const key of PARAM_GRADIENTS) sums[key] = Tensor.zeros(params[key.slice(1) as keyof LstmParams].shape);
  const zeros = Tensor.zeros([nA, m]);
  for (let t = T - 1; t >= 0; t--) {
    const grads: LstmCellGradients = lstmCellBackward(stepOf(da, t), zeros, caches[t]);
    for (let i = 0; i < nX * m; i++) dx.data[i * T + t] = grads.dxt.data[i];
    for (const key of PARAM_GRADIENTS) {
      for (let i = 0; i < sums[key].size; i++) sums[key].data[i] += grads[key].data[i];
    }
    da0 = grads.daPrev;
  }
  return { dx, da0, ...sums };
}
