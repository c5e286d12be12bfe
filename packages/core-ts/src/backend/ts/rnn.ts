/** Vanilla RNN over whole sequences: h_t = act(x_t·wx + h_{t-1}·wh + bx + bh), act = tanh or relu. */
import type { RecurrentBackwardArgs, RecurrentForwardArgs } from '../types.ts';
import { isRelu } from './activations.ts';
import { gemm } from './gemm.ts';
import {
  accumulateRecurrentWeightGrad, allocLike, columnSums, inputGradients, inputProjection,
  addRecurrentProjection, isActive, previousState, summedBias,
} from './sequence-helpers.ts';

export function rnnForward(args: RecurrentForwardArgs): void {
  const { T, B, X, H, x, h0, wx, wh, bx, bh, lengths, hs } = args;
  const act = isRelu(args.activation) ? (v: number) => (v > 0 ? v : 0) : Math.tanh;
  const BH = B * H;
  const xp = inputProjection(x, wx, T * B, X, H);
  const bias = summedBias(bx, bh, H);
  // With B*H = 0 every step is empty (and T may still be huge): skip the time loop.
  const steps = BH === 0 ? 0 : T;
  for (let t = 0; t < steps; t++) {
    const hPrev = previousState(h0, hs, t, BH);
    // Fused: the step's recurrent projection is added into its rows of xp.
    addRecurrentProjection(hPrev, wh, xp.subarray(t * BH, (t + 1) * BH), B, H, H);
    for (let b = 0; b < B; b++) {
      const out = t * BH + b * H;
      const active = isActive(lengths, b, t);
      for (let j = 0; j < H; j++) {
        hs[out + j] = active ? act(xp[out + j] + bias[j]) : hPrev[b * H + j];
      }
    }
  }
}

export function rnnBackward(args: RecurrentBackwardArgs): void {
  const { T, B, X, H, x, h0, wx, wh, lengths, hs, dhs, dhT, dx, dh0, dwx, dwh, dbx, dbh } = args;
  const relu = isRelu(args.activation);
  const BH = B * H;
  const dpre = allocLike(x, T * BH);
  // dh: gradient reaching h_t from the steps after t (and from dhT at the end).
  let dh = allocLike(x, BH);
  if (dhT) dh.set(dhT.subarray(0, BH));
  let dhPrev = allocLike(x, BH);
  // With B*H = 0 every step is empty (and T may still be huge): skip the time loop.
  const steps = BH === 0 ? 0 : T;
  for (let t = steps - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) {
      const active = isActive(lengths, b, t);
      const row = t * BH + b * H;
      for (let j = 0; j < H; j++) {
        const g = dh[b * H + j] + (dhs ? dhs[row + j] : 0);
        if (active) {
          const h = hs[row + j];
          // relu' from the output: 1 where h > 0 (at the kink, 0, as PyTorch)
          dpre[row + j] = relu ? (h > 0 ? g : 0) : g * (1 - h * h);
          dhPrev[b * H + j] = 0;
        } else {
          dhPrev[b * H + j] = g; // the state was carried: its gradient passes straight through
        }
      }
    }
    // dh_{t-1} += dpre_t·wh^T (rows of carried examples have dpre = 0).
    gemm({ transA: false, transB: true, m: B, n: H, k: H, alpha: 1, a: dpre.subarray(t * BH), lda: H, b: wh, ldb: H, beta: 1, c: dhPrev, ldc: H });
    [dh, dhPrev] = [dhPrev, dh];
  }
  dh0.set(dh.subarray(0, BH));
  dwh.fill(0, 0, H * H);
  accumulateRecurrentWeightGrad(h0, hs, dpre, dwh, T, B, H, H, 0, H);
  inputGradients(x, wx, dpre, T * B, X, H, dx, dwx, dbx);
  if (dbh) columnSums(dpre, T * B, H, dbh);
}
