/**
 * LSTM over whole sequences, gates i, f, g, o stacked in that order:
 *   i = σ(.), f = σ(.), g = tanh(.), o = σ(.);  c_t = f*c_{t-1} + i*g;  h_t = o*tanh(c_t).
 * σ is the recurrentActivation (sigmoid or hardSigmoid).
 * Forward stores the activated i, f, g, o per (t, b) in `gates` (zeros at carried steps).
 */
import type { RecurrentBackwardArgs, RecurrentForwardArgs } from '../types.ts';
import type { FloatArray } from '../../tensor.ts';
import { gateFn } from './activations.ts';
import { gemm } from './gemm.ts';
import {
  accumulateRecurrentWeightGrad, allocLike, columnSums, inputGradients, inputProjection,
  addRecurrentProjection, isActive, previousState, summedBias,
} from './sequence-helpers.ts';

function requireCellStates(cs: FloatArray | null | undefined, who: string): FloatArray {
  if (!cs) throw new TypeError(`${who}: cs (cell states [T, B, H]) is required for the lstm`);
  return cs;
}

export function lstmForward(args: RecurrentForwardArgs): void {
  const { T, B, X, H, x, h0, wx, wh, bx, bh, lengths, hs, gates } = args;
  const cs = requireCellStates(args.cs, 'recurrentForward');
  const sigma = gateFn(args.recurrentActivation).f;
  const BH = B * H;
  const G4 = 4 * H;
  const c0 = args.c0 ?? allocLike(x, BH);
  const xp = inputProjection(x, wx, T * B, X, G4);
  const bias = summedBias(bx, bh, G4);
  // With B*H = 0 every step is empty (and T may still be huge): skip the time loop.
  const steps = BH === 0 ? 0 : T;
  for (let t = 0; t < steps; t++) {
    const hPrev = previousState(h0, hs, t, BH);
    const cPrev = previousState(c0, cs, t, BH);
    // Fused: the step's recurrent projection is added into its rows of xp (no separate buffer).
    addRecurrentProjection(hPrev, wh, xp.subarray(t * B * G4, (t + 1) * B * G4), B, H, G4);
    for (let b = 0; b < B; b++) {
      const out = t * BH + b * H;
      const gOut = (t * B + b) * G4;
      if (!isActive(lengths, b, t)) {
        for (let j = 0; j < H; j++) {
          hs[out + j] = hPrev[b * H + j];
          cs[out + j] = cPrev[b * H + j];
        }
        gates.fill(0, gOut, gOut + G4);
        continue;
      }
      const p = (t * B + b) * G4; // row of xp: x_t·wx + h_{t-1}·wh
      for (let j = 0; j < H; j++) {
        const i = sigma(xp[p + j] + bias[j]);
        const f = sigma(xp[p + H + j] + bias[H + j]);
        const g = Math.tanh(xp[p + 2 * H + j] + bias[2 * H + j]);
        const o = sigma(xp[p + 3 * H + j] + bias[3 * H + j]);
        const c = f * cPrev[b * H + j] + i * g;
        cs[out + j] = c;
        hs[out + j] = o * Math.tanh(c);
        gates[gOut + j] = i;
        gates[gOut + H + j] = f;
        gates[gOut + 2 * H + j] = g;
        gates[gOut + 3 * H + j] = o;
      }
    }
  }
}

export function lstmBackward(args: RecurrentBackwardArgs): void {
  const { T, B, X, H, x, h0, wx, wh, lengths, hs, gates, dhs, dhT, dcT, dx, dh0, dc0, dwx, dwh, dbx, dbh } = args;
  const cs = requireCellStates(args.cs, 'recurrentBackward');
  const dSig = gateFn(args.recurrentActivation).dFromValue;
  const BH = B * H;
  const G4 = 4 * H;
  const c0 = args.c0 ?? allocLike(x, BH);
  const dpre = allocLike(x, T * B * G4);
  // Gradients reaching h_t and c_t from later steps (and from dhT / dcT at the end).
  let dh = allocLike(x, BH);
  let dc = allocLike(x, BH);
  if (dhT) dh.set(dhT.subarray(0, BH));
  if (dcT) dc.set(dcT.subarray(0, BH));
  let dhPrev = allocLike(x, BH);
  let dcPrev = allocLike(x, BH);
  // With B*H = 0 every step is empty (and T may still be huge): skip the time loop.
  const steps = BH === 0 ? 0 : T;
  for (let t = steps - 1; t >= 0; t--) {
    const cPrev = previousState(c0, cs, t, BH);
    for (let b = 0; b < B; b++) {
      const row = t * BH + b * H;
      const s = b * H;
      if (!isActive(lengths, b, t)) {
        // Carried state: both gradients pass straight to step t-1.
        for (let j = 0; j < H; j++) {
          dhPrev[s + j] = dh[s + j] + (dhs ? dhs[row + j] : 0);
          dcPrev[s + j] = dc[s + j];
        }
        continue;
      }
      const gRow = (t * B + b) * G4;
      for (let j = 0; j < H; j++) {
        const i = gates[gRow + j];
        const f = gates[gRow + H + j];
        const g = gates[gRow + 2 * H + j];
        const o = gates[gRow + 3 * H + j];
        const tc = Math.tanh(cs[row + j]);
        const gh = dh[s + j] + (dhs ? dhs[row + j] : 0);
        const gc = dc[s + j] + gh * o * (1 - tc * tc);
        dpre[gRow + j] = gc * g * dSig(i);
        dpre[gRow + H + j] = gc * cPrev[s + j] * dSig(f);
        dpre[gRow + 2 * H + j] = gc * i * (1 - g * g);
        dpre[gRow + 3 * H + j] = gh * tc * dSig(o);
        dcPrev[s + j] = gc * f;
        dhPrev[s + j] = 0;
      }
    }
    // dh_{t-1} += dpre_t·wh^T (rows of carried examples have dpre = 0).
    gemm({ transA: false, transB: true, m: B, n: H, k: G4, alpha: 1, a: dpre.subarray(t * B * G4), lda: G4, b: wh, ldb: G4, beta: 1, c: dhPrev, ldc: H });
    [dh, dhPrev] = [dhPrev, dh];
    [dc, dcPrev] = [dcPrev, dc];
  }
  dh0.set(dh.subarray(0, BH));
  if (dc0) dc0.set(dc.subarray(0, BH));
  dwh.fill(0, 0, H * G4);
  accumulateRecurrentWeightGrad(h0, hs, dpre, dwh, T, B, H, G4, 0, G4);
  inputGradients(x, wx, dpre, T * B, X, G4, dx, dwx, dbx);
  if (dbh) columnSums(dpre, T * B, G4, dbh);
}
