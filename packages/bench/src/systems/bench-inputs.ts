/**
 * The inputs and weights of a recurrent item, in recur's layout (x [T, B, X], h0/c0 [B, H],
 * wx [X, G*H], wh [H, G*H], biases [G*H]). recur's runner and ONNX Runtime's (which maps
 * them to ONNX's layout) both take them from here, so the two systems do the same work.
 */
import type { RecurrentItem } from '../plan.js';
import { GATES } from '../plan.js';
import { uniform, type Floats } from './fill.js';

export type RecurrentShapeOf = Pick<RecurrentItem, 'cell' | 'T' | 'B' | 'X' | 'H' | 'dtype'>;

export interface RecurrentInputs {
  x: Floats;
  h0: Floats;
  /** LSTM only. */
  c0: Floats | null;
  wx: Floats;
  wh: Floats;
  bx: Floats;
  /** GRU only: the recurrent bias its reset-after candidate needs. */
  bh: Floats | null;
}

export function recurrentInputs(it: RecurrentShapeOf): RecurrentInputs {
  const { T, B, X, H, dtype, cell } = it;
  const GH = GATES[cell] * H;
  return {
    x: uniform(dtype, T * B * X, 1, 1),
    h0: uniform(dtype, B * H, 0.1, 2),
    c0: cell === 'lstm' ? uniform(dtype, B * H, 0.1, 3) : null,
    wx: uniform(dtype, X * GH, 1 / Math.sqrt(X), 4),
    wh: uniform(dtype, H * GH, 1 / Math.sqrt(H), 5),
    bx: uniform(dtype, GH, 0.1, 6),
    bh: cell === 'gru' ? uniform(dtype, GH, 0.1, 7) : null,
  };
}

/** The GEMM operands A [M, K] and B [K, N]. */
export function gemmInputs(M: number, K: number, N: number, dtype: RecurrentItem['dtype']): { a: Floats; b: Floats } {
  return { a: uniform(dtype, M * K, 1, 11), b: uniform(dtype, K * N, 1, 12) };
}
