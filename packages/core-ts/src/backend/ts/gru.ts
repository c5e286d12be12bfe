/**
 * GRU over whole sequences, gates r, z, n stacked in that order:
 *   (σ = recurrentActivation: sigmoid or hardSigmoid)
 *   r = σ(x·wx_r + h·wh_r + b_r),  z = σ(x·wx_z + h·wh_z + b_z),  h_t = z*h_{t-1} + (1-z)*n
 *   resetAfter:  n = tanh(x·wx_n + bx_n + r*(h_{t-1}·wh_n + bh_n))
 *   otherwise:   n = tanh(x·wx_n + bx_n + bh_n + (r*h_{t-1})·wh_n)
 * Forward stores r, z, n and hn = h_{t-1}·wh_n (+ bh_n when resetAfter) per (t, b) in
 * `gates` (width 4H; zeros at carried steps).
 */
import type { RecurrentBackwardArgs, RecurrentForwardArgs } from '../types.ts';
import { gateFn } from './activations.ts';
import { gemm } from './gemm.ts';
import {
  accumulateRecurrentWeightGrad, allocLike, columnSums, inputGradients, inputProjection,
  isActive, previousState, recurrentProjection, summedBias,
} from './sequence-helpers.ts';

export function gruForward(args: RecurrentForwardArgs): void {
  const { T, B, X, H, x, h0, wx, wh, bx, bh, lengths, hs, gates } = args;
  const resetAfter = args.resetAfter ?? false;
  const sigma = gateFn(args.recurrentActivation).f;
  const BH = B * H;
  const G3 = 3 * H;
  const G4 = 4 * H;
  const xp = inputProjection(x, wx, T * B, X, G3);
  const rec = allocLike(x, B * G3);
  // (r*h_{t-1}) and its projection (r*h_{t-1})·wh_n, for the resetAfter = false form.
  const rh = allocLike(x, BH);
  const rhProj = allocLike(x, BH);
  const bias = summedBias(bx, bh, G3);
  // With B*H = 0 every step is empty (and T may still be huge): skip the time loop.
  const steps = BH === 0 ? 0 : T;
  for (let t = 0; t < steps; t++) {
    const hPrev = previousState(h0, hs, t, BH);
    recurrentProjection(hPrev, wh, rec, B, H, G3);
    // Pass 1: r, z and hn for every example.
    for (let b = 0; b < B; b++) {
      const gOut = (t * B + b) * G4;
      if (!isActive(lengths, b, t)) {
        gates.fill(0, gOut, gOut + G4);
        rh.fill(0, b * H, b * H + H);
        continue;
      }
      const p = (t * B + b) * G3;
      const q = b * G3;
      for (let j = 0; j < H; j++) {
        const r = sigma(xp[p + j] + rec[q + j] + bias[j]);
        gates[gOut + j] = r;
        gates[gOut + H + j] = sigma(xp[p + H + j] + rec[q + H + j] + bias[H + j]);
        gates[gOut + 3 * H + j] = rec[q + 2 * H + j] + (resetAfter && bh ? bh[2 * H + j] : 0);
        rh[b * H + j] = r * hPrev[b * H + j];
      }
    }
    if (!resetAfter) {
      gemm({ transA: false, transB: false, m: B, n: H, k: H, alpha: 1, a: rh, lda: H, b: wh.subarray(2 * H), ldb: G3, beta: 0, c: rhProj, ldc: H });
    }
    // Pass 2: n and the new state.
    for (let b = 0; b < B; b++) {
      const out = t * BH + b * H;
      if (!isActive(lengths, b, t)) {
        for (let j = 0; j < H; j++) hs[out + j] = hPrev[b * H + j];
        continue;
      }
      const gOut = (t * B + b) * G4;
      const p = (t * B + b) * G3;
      for (let j = 0; j < H; j++) {
        const r = gates[gOut + j];
        const z = gates[gOut + H + j];
        const xn = xp[p + 2 * H + j];
        const n = resetAfter
          ? Math.tanh(xn + bx[2 * H + j] + r * gates[gOut + 3 * H + j])
          : Math.tanh(xn + bias[2 * H + j] + rhProj[b * H + j]);
        gates[gOut + 2 * H + j] = n;
        hs[out + j] = z * hPrev[b * H + j] + (1 - z) * n;
      }
    }
  }
}

export function gruBackward(args: RecurrentBackwardArgs): void {
  const { T, B, X, H, x, h0, wx, wh, lengths, hs, gates, dhs, dhT, dx, dh0, dwx, dwh, dbx, dbh } = args;
  const resetAfter = args.resetAfter ?? false;
  const dSig = gateFn(args.recurrentActivation).dFromValue;
  const BH = B * H;
  const G3 = 3 * H;
  const G4 = 4 * H;
  // dpre: gradient of the pre-activations as seen by x·wx + bx.
  // drec: gradient of what multiplies wh (+ bh): equals dpre except on n with resetAfter,
  // where the recurrent part is scaled by r.
  const dpre = allocLike(x, T * B * G3);
  const drec = resetAfter ? allocLike(x, T * B * G3) : dpre;
  let dh = allocLike(x, BH);
  if (dhT) dh.set(dhT.subarray(0, BH));
  let dhPrev = allocLike(x, BH);
  const dRh = allocLike(x, BH); // dpre_n·wh_n^T, the gradient of r*h_{t-1} (resetAfter = false)
  const rh = allocLike(x, BH);
  dwh.fill(0, 0, H * G3);
  // With B*H = 0 every step is empty (and T may still be huge): skip the time loop.
  const steps = BH === 0 ? 0 : T;
  for (let t = steps - 1; t >= 0; t--) {
    const hPrev = previousState(h0, hs, t, BH);
    // Pass 1: dz, dn (and dr with resetAfter), the direct path h_t -> h_{t-1}.
    for (let b = 0; b < B; b++) {
      const row = t * BH + b * H;
      const s = b * H;
      const active = isActive(lengths, b, t);
      for (let j = 0; j < H; j++) {
        const g = dh[s + j] + (dhs ? dhs[row + j] : 0);
        if (!active) {
          dhPrev[s + j] = g; // carried state: the gradient passes straight through
          rh[s + j] = 0;
          continue;
        }
        const gRow = (t * B + b) * G4;
        const p = (t * B + b) * G3;
        const r = gates[gRow + j];
        const z = gates[gRow + H + j];
        const n = gates[gRow + 2 * H + j];
        const dnPre = g * (1 - z) * (1 - n * n);
        dpre[p + H + j] = g * (hPrev[s + j] - n) * dSig(z);
        dpre[p + 2 * H + j] = dnPre;
        dhPrev[s + j] = g * z;
        rh[s + j] = r * hPrev[s + j];
        if (resetAfter) {
          const hn = gates[gRow + 3 * H + j];
          const drPre = dnPre * hn * dSig(r);
          dpre[p + j] = drPre;
          drec[p + j] = drPre;
          drec[p + H + j] = dpre[p + H + j];
          drec[p + 2 * H + j] = dnPre * r;
        }
      }
    }
    const dpreT = dpre.subarray(t * B * G3);
    if (resetAfter) {
      // dh_{t-1} += drec_t·wh^T over all three gates.
      gemm({ transA: false, transB: true, m: B, n: H, k: G3, alpha: 1, a: drec.subarray(t * B * G3), lda: G3, b: wh, ldb: G3, beta: 1, c: dhPrev, ldc: H });
    } else {
      // d(r*h) = dpre_n·wh_n^T; it feeds dr and the h_{t-1} path through r.
      gemm({ transA: false, transB: true, m: B, n: H, k: H, alpha: 1, a: dpreT.subarray(2 * H), lda: G3, b: wh.subarray(2 * H), ldb: G3, beta: 0, c: dRh, ldc: H });
      for (let b = 0; b < B; b++) {
        if (!isActive(lengths, b, t)) continue;
        const gRow = (t * B + b) * G4;
        const p = (t * B + b) * G3;
        const s = b * H;
        for (let j = 0; j < H; j++) {
          const r = gates[gRow + j];
          dpre[p + j] = dRh[s + j] * hPrev[s + j] * dSig(r);
          dhPrev[s + j] += dRh[s + j] * r;
        }
      }
      // dh_{t-1} += [dr, dz]_t·wh[:, 0:2H]^T.
      gemm({ transA: false, transB: true, m: B, n: H, k: 2 * H, alpha: 1, a: dpreT, lda: G3, b: wh, ldb: G3, beta: 1, c: dhPrev, ldc: H });
      // dwh_n += (r*h_{t-1})^T·dpre_n.
      gemm({ transA: true, transB: false, m: H, n: H, k: B, alpha: 1, a: rh, lda: H, b: dpreT.subarray(2 * H), ldb: G3, beta: 1, c: dwh.subarray(2 * H), ldc: G3 });
    }
    [dh, dhPrev] = [dhPrev, dh];
  }
  dh0.set(dh.subarray(0, BH));
  if (resetAfter) accumulateRecurrentWeightGrad(h0, hs, drec, dwh, T, B, H, G3, 0, G3);
  else accumulateRecurrentWeightGrad(h0, hs, dpre, dwh, T, B, H, G3, 0, 2 * H);
  inputGradients(x, wx, dpre, T * B, X, G3, dx, dwx, dbx);
  if (dbh) columnSums(drec, T * B, G3, dbh);
}
