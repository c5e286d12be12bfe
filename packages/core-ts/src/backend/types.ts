/**
 * The kernel interface every backend implements. It is about kernels (GEMM, softmax,
 * whole-sequence recurrent passes), never about models: the seed API and the layers are
 * written once, in core, on top of it.
 *
 * Conventions shared by every kernel:
 * - Arrays are row-major typed arrays; all float arrays of one call share one dtype
 *   (all Float64Array or all Float32Array). Kernels may assume the caller (core) checked
 *   dtypes and lengths; native implementations check again on their side.
 * - Sequence kernels are time-major: x is [T, B, X], hidden states are [T, B, H].
 * - Gate weights are stacked along the columns: wx is [X, G*H], wh is [H, G*H], biases
 *   [G*H], with G gates in the order given by GATE_ORDER. The pre-activation of step t is
 *   x_t·wx + h_{t-1}·wh + b  (row b of the batch is one example).
 * - Outputs are overwritten, never accumulated into, unless a kernel says otherwise.
 */
import type { FloatArray } from '../tensor.ts';

export type CellKind = 'rnn' | 'lstm' | 'gru';

/** Activation of the simple RNN's state: h_t = act(pre). Default 'tanh'. */
export type RnnActivation = 'tanh' | 'relu';

/**
 * Activation of the LSTM's i, f, o gates and the GRU's r, z gates. Default 'sigmoid'.
 * 'hardSigmoid' is clip(0.2·x + 0.5, 0, 1), the definition of TF.js and Keras 2 (whose
 * saved models use it); its derivative is 0.2 strictly inside (0, 1) and 0 outside.
 */
export type GateActivation = 'sigmoid' | 'hardSigmoid';

/** Gates stacked along the columns of wx / wh, in this order. */
export const GATE_ORDER: Readonly<Record<CellKind, readonly string[]>> = {
  rnn: ['a'],
  // i = input gate (seed's Wi / Γu), f = forget (Wf), g = candidate (Wc, tanh), o = output (Wo)
  lstm: ['i', 'f', 'g', 'o'],
  // r = reset, z = update (h_t = z*h_{t-1} + (1-z)*n, as PyTorch and Keras), n = candidate
  gru: ['r', 'z', 'n'],
};

export const GATE_COUNT: Readonly<Record<CellKind, number>> = { rnn: 1, lstm: 4, gru: 3 };

/**
 * Per (t, b), how many values the forward pass stores in `gates` for the backward pass:
 * rnn 0 (h_t suffices), lstm 4H (activated i, f, g, o), gru 4H (activated r, z, n and the
 * recurrent candidate projection h_{t-1}·wh_n (+ bh_n when resetAfter), needed for dr).
 */
export function gateStoreWidth(cell: CellKind, H: number): number {
  return cell === 'rnn' ? 0 : 4 * H;
}

/** C = alpha·op(A)·op(B) + beta·C, row-major, op(A) is m×k, op(B) is k×n, C is m×n. */
export interface GemmArgs {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  a: FloatArray;
  /** Row stride of A as stored (k if !transA, m if transA, for a dense A). */
  lda: number;
  b: FloatArray;
  ldb: number;
  beta: number;
  c: FloatArray;
  ldc: number;
}

/**
 * A batch of strided 2-D transposes (the layout changes between the seed's (n, m, T) and the
 * kernels' time-major [T, m, n], and the packing of gate weights): for q < count, r < rows,
 * c < cols,  dst[q*dstBatch + c*ldDst + r] = src[q*srcBatch + r*ldSrc + c].
 * src and dst must not overlap; elements of dst outside that pattern are left unchanged.
 */
export interface TransposeArgs {
  count: number;
  rows: number;
  cols: number;
  src: FloatArray;
  /** Row stride of src (>= cols when rows > 1). */
  ldSrc: number;
  /** Distance in src between the starts of consecutive blocks. */
  srcBatch: number;
  dst: FloatArray;
  /** Row stride of dst, whose rows are the columns of src (>= rows when cols > 1). */
  ldDst: number;
  /** Distance in dst between the starts of consecutive blocks. */
  dstBatch: number;
}

export interface SeqDims {
  /** Steps. */
  T: number;
  /** Batch. */
  B: number;
  /** Input features. */
  X: number;
  /** Hidden units. */
  H: number;
}

export interface RecurrentForwardArgs extends SeqDims {
  cell: CellKind;
  /** GRU only: true = PyTorch/Keras-v2 form n = tanh(x·wx_n + bx_n + r*(h·wh_n + bh_n));
   *  false = original form n = tanh(x·wx_n + (r*h)·wh_n + bx_n + bh_n). */
  resetAfter?: boolean;
  /** rnn only: 'tanh' (default) or 'relu'. A backend without it throws a TypeError. */
  activation?: RnnActivation;
  /** lstm / gru only: 'sigmoid' (default) or 'hardSigmoid'. A backend without it throws a TypeError. */
  recurrentActivation?: GateActivation;
  x: FloatArray; // [T, B, X]
  h0: FloatArray; // [B, H]
  c0?: FloatArray | null; // [B, H], lstm only
  wx: FloatArray; // [X, G*H]
  wh: FloatArray; // [H, G*H]
  bx: FloatArray; // [G*H]
  /** [G*H] or null (zeros). Added to the recurrent projection; only differs from bx for
   *  the GRU's n gate with resetAfter. */
  bh?: FloatArray | null;
  /** Optional per-example lengths [B], each in 0..T. At steps t >= lengths[b] the state of
   *  example b is carried unchanged (hs[t][b] = hs[t-1][b], same for cs) and no gradient
   *  flows through gates there. x at those steps is not read into any output, but must be
   *  finite: backward forms dwx over all T·B rows, where 0·NaN would be NaN. */
  lengths?: Int32Array | null;
  /** Outputs: */
  hs: FloatArray; // [T, B, H]
  cs?: FloatArray | null; // [T, B, H], lstm only
  gates: FloatArray; // [T, B, gateStoreWidth(cell, H)]
}

export interface RecurrentBackwardArgs extends SeqDims {
  cell: CellKind;
  resetAfter?: boolean;
  /** Same as the forward call's. */
  activation?: RnnActivation;
  recurrentActivation?: GateActivation;
  /** Same inputs as the forward call, and its outputs hs, cs, gates. */
  x: FloatArray;
  h0: FloatArray;
  c0?: FloatArray | null;
  wx: FloatArray;
  wh: FloatArray;
  bh?: FloatArray | null;
  lengths?: Int32Array | null;
  hs: FloatArray;
  cs?: FloatArray | null;
  gates: FloatArray;
  /** Gradient of the loss w.r.t. each output hs[t] [T, B, H], or null (zeros). */
  dhs: FloatArray | null;
  /** Gradient w.r.t. the final hidden state hs[T-1] [B, H], or null (zeros). */
  dhT?: FloatArray | null;
  /** Gradient w.r.t. the final cell state cs[T-1] [B, H], or null (zeros). lstm only. */
  dcT?: FloatArray | null;
  /** Outputs (overwritten): */
  dx: FloatArray; // [T, B, X]
  dh0: FloatArray; // [B, H]
  dc0?: FloatArray | null; // [B, H], lstm only
  dwx: FloatArray; // [X, G*H]
  dwh: FloatArray; // [H, G*H]
  dbx: FloatArray; // [G*H]
  /** [G*H] gradient of bh (for the GRU with resetAfter it differs from dbx on the n gate;
   *  otherwise it equals dbx). May be null when bh is not used. */
  dbh?: FloatArray | null;
}

export interface Backend {
  readonly name: string;
  /** C = alpha·op(A)·op(B) + beta·C. */
  gemm(args: GemmArgs): void;
  /** Batched strided 2-D transpose (see TransposeArgs). */
  transpose(args: TransposeArgs): void;
  /** In place: each of `rows` rows of length `cols` becomes softmax(row), computed stably. */
  softmaxRows(data: FloatArray, rows: number, cols: number): void;
  /** Runs all T steps of a recurrent layer in one call. */
  recurrentForward(args: RecurrentForwardArgs): void;
  /** Backpropagation through time over all T steps in one call. */
  recurrentBackward(args: RecurrentBackwardArgs): void;
  /**
   * Optional: recurrentForward off the caller's thread (the native backend runs it on the
   * libuv thread pool), so a long pass does not block the event loop. Same arguments and
   * results; bad arguments reject the promise. Guaranteed whatever JavaScript does with the
   * arrays meanwhile (write, transfer, detach, resize, let them be collected): the process
   * never crashes; the results are those of the inputs as they were at the call; they are
   * written to the outputs when the promise resolves, all at once; and if an output was
   * detached or changed length meanwhile, the promise rejects with an Error naming it and no
   * output is written. Outputs read before the promise settles hold their old contents.
   */
  recurrentForwardAsync?(args: RecurrentForwardArgs): Promise<void>;
  /** Optional: recurrentBackward off the caller's thread; same rules as recurrentForwardAsync. */
  recurrentBackwardAsync?(args: RecurrentBackwardArgs): Promise<void>;
}
