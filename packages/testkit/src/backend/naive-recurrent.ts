/**
 * A deliberately naive forward oracle for the recurrent kernels: one example, one step, one
 * unit at a time, written straight from the formulas in types.ts (float64, no GEMM, no
 * shared code with any backend). It pins down what the forward pass and its `gates` store
 * mean, which finite differences cannot (they only prove backward matches forward).
 */
import type { CellKind } from '@recur/core';
import type { SeqInputs, SeqSpec } from './sequence-fixtures.ts';

const logistic = (v: number): number => 1 / (1 + Math.exp(-v));

export interface NaiveForward {
  hs: Float64Array;
  cs: Float64Array | null;
  gates: Float64Array;
  /** Whether (t, b) ran (t < lengths[b]); gates are only defined there. */
  active: (t: number, b: number) => boolean;
}

const GATES: Record<CellKind, number> = { rnn: 1, lstm: 4, gru: 3 };
const STORE: Record<CellKind, number> = { rnn: 0, lstm: 4, gru: 4 };

export function naiveRecurrentForward(spec: SeqSpec, inp: SeqInputs): NaiveForward {
  const { cell, T, B, X, H } = spec;
  const G = GATES[cell];
  const S = STORE[cell] * H;
  const resetAfter = spec.resetAfter ?? false;
  // The gate activation and the rnn's, straight from their definitions in types.ts.
  const sigmoid = spec.recurrentActivation === 'hardSigmoid' ? (v: number) => Math.min(1, Math.max(0, 0.2 * v + 0.5)) : logistic;
  const act = spec.activation === 'relu' ? (v: number) => Math.max(0, v) : Math.tanh;
  const hs = new Float64Array(T * B * H);
  const cs = cell === 'lstm' ? new Float64Array(T * B * H) : null;
  const gates = new Float64Array(T * B * S);
  const active = (t: number, b: number): boolean => !spec.lengths || t < spec.lengths[b];
  // x_t·wx[:, col], h·wh[:, col] for gate `gate`, unit j.
  const xw = (t: number, b: number, gate: number, j: number): number => {
    let s = 0;
    for (let p = 0; p < X; p++) s += inp.x[(t * B + b) * X + p] * inp.wx[p * G * H + gate * H + j];
    return s;
  };
  const hw = (h: ArrayLike<number>, gate: number, j: number): number => {
    let s = 0;
    for (let p = 0; p < H; p++) s += h[p] * inp.wh[p * G * H + gate * H + j];
    return s;
  };
  for (let b = 0; b < B; b++) {
    let h = Array.from(inp.h0.subarray(b * H, (b + 1) * H));
    let c = inp.c0 ? Array.from(inp.c0.subarray(b * H, (b + 1) * H)) : [];
    for (let t = 0; t < T; t++) {
      const store = (k: number, j: number, v: number): void => {
        gates[(t * B + b) * S + k * H + j] = v;
      };
      if (active(t, b)) {
        const pre = (gate: number, j: number): number => xw(t, b, gate, j) + hw(h, gate, j) + inp.bx[gate * H + j] + inp.bh[gate * H + j];
        const hNew: number[] = [];
        const cNew: number[] = [];
        for (let j = 0; j < H; j++) {
          if (cell === 'rnn') hNew.push(act(pre(0, j)));
          else if (cell === 'lstm') {
            const [i, f, g, o] = [sigmoid(pre(0, j)), sigmoid(pre(1, j)), Math.tanh(pre(2, j)), sigmoid(pre(3, j))];
            cNew.push(f * c[j] + i * g);
            hNew.push(o * Math.tanh(cNew[j]));
            [i, f, g, o].forEach((v, k) => store(k, j, v));
          } else {
            const r = sigmoid(pre(0, j));
            const z = sigmoid(pre(1, j));
            let n: number;
            let hn: number;
            if (resetAfter) {
              hn = hw(h, 2, j) + inp.bh[2 * H + j];
              n = Math.tanh(xw(t, b, 2, j) + inp.bx[2 * H + j] + r * hn);
            } else {
              hn = hw(h, 2, j);
              // (r*h)·wh_n needs the whole reset vector r, not only unit j.
              const rh = h.map((hp, p) => sigmoid(pre(0, p)) * hp);
              n = Math.tanh(xw(t, b, 2, j) + inp.bx[2 * H + j] + inp.bh[2 * H + j] + hw(rh, 2, j));
            }
            hNew.push(z * h[j] + (1 - z) * n);
            [r, z, n, hn].forEach((v, k) => store(k, j, v));
          }
        }
        h = hNew;
        if (cell === 'lstm') c = cNew;
      }
      for (let j = 0; j < H; j++) {
        hs[(t * B + b) * H + j] = h[j];
        if (cs) cs[(t * B + b) * H + j] = c[j];
      }
    }
  }
  return { hs, cs, gates, active };
}
