/** Forward pass of a recurrent stack: every (layer, direction) is one whole-sequence kernel call. */
import type { Backend } from '../backend/types.ts';
import { runAsync, runSync, type KernelCall } from './kernel-driver.ts';
import { gateStoreWidth } from '../backend/types.ts';
import { allocate, Tensor, type FloatArray } from '../tensor.ts';
import { checkTensor } from './check-tensor.ts';
import { gatherSteps } from './gather-steps.ts';
import { kernelActivations, type RecurrentConfig } from './recurrent-config.ts';
import type { DirectionTape, RecurrentContext } from './recurrent-context.ts';
import type { DirectionSlot } from './recurrent-weights.ts';
import type { RandomState } from '../random/random-state.ts';
import { applyMask, dropoutMask } from './dropout-mask.ts';
import { checkLengths, lengthsFromMask, type Lengths } from './sequence-lengths.ts';

export interface RecurrentForwardOptions {
  /** Initial hidden states [numLayers*dirs, B, H] (slot order l0, l0_reverse, l1, ...). Default zeros. */
  h0?: Tensor | null;
  /** Initial cell states, LSTM only, same shape as h0. Default zeros. */
  c0?: Tensor | null;
  /** Valid steps per example (0..T); steps from lengths[b] on are padding. */
  lengths?: Lengths | null;
  /** Alternatively a [T, B] 0/1 mask with the padding at the end of each column
   *  ([B, T] with batchFirst). */
  mask?: Tensor | null;
  /** Training mode: applies the layer's `dropout` between stacked layers. Default false. */
  training?: boolean;
}

export interface RecurrentForwardResult {
  /** [T, B, dirs*H] (zeros at padded steps) or, without returnSequences, [B, dirs*H]. */
  output: Tensor;
  /** Final hidden states [numLayers*dirs, B, H]: each example's state after its valid steps. */
  hN: Tensor;
  /** Final cell states (LSTM only). */
  cN?: Tensor;
  ctx: RecurrentContext;
}

/** What `predict` returns: forward's result without a tape. */
export type RecurrentPredictResult = Omit<RecurrentForwardResult, 'ctx'>;

/**
 * keepTape = false is inference: nothing is kept for backward, one gate store is reused by
 * every (layer, direction), and the ctx returned has no tapes (predict drops it).
 */
export function recurrentStackForward(
  owner: object,
  ownerName: string,
  config: RecurrentConfig,
  slots: readonly DirectionSlot[],
  backend: Backend,
  xArg: Tensor,
  options: RecurrentForwardOptions = {},
  dropoutRng: () => RandomState = noRng,
  keepTape = true,
): RecurrentForwardResult {
  return runSync(forwardPass(owner, ownerName, config, slots, xArg, options, dropoutRng, keepTape), backend);
}

/** recurrentStackForward with each kernel awaited (the backend's async variant when it has one). */
export function recurrentStackForwardAsync(
  owner: object,
  ownerName: string,
  config: RecurrentConfig,
  slots: readonly DirectionSlot[],
  backend: Backend,
  xArg: Tensor,
  options: RecurrentForwardOptions = {},
  dropoutRng: () => RandomState = noRng,
  keepTape = true,
): Promise<RecurrentForwardResult> {
  return runAsync(forwardPass(owner, ownerName, config, slots, xArg, options, dropoutRng, keepTape), backend);
}

function* forwardPass(
  owner: object,
  ownerName: string,
  config: RecurrentConfig,
  slots: readonly DirectionSlot[],
  xArg: Tensor,
  options: RecurrentForwardOptions,
  dropoutRng: () => RandomState,
  keepTape: boolean,
): Generator<KernelCall, RecurrentForwardResult, void> {
  const { cell, hiddenSize: H, numLayers, dtype } = config;
  const dirs = config.bidirectional ? 2 : 1;
  const isLstm = cell === 'lstm';
  const x = checkTensor(`${ownerName}.forward: x`, xArg, [-1, -1, config.inputSize], dtype, ['T', 'B']);
  const [T, B] = x.shape;
  const nSlots = numLayers * dirs;
  const stateShape = [nSlots, B, H];
  const h0 = options.h0 == null ? null : checkTensor(`${ownerName}.forward: h0`, options.h0, stateShape, dtype);
  if (!isLstm && options.c0 != null) {
    throw new TypeError(`${ownerName}.forward: c0 is only used by LSTM layers, this layer is '${cell}'`);
  }
  const c0 = !isLstm || options.c0 == null ? null : checkTensor(`${ownerName}.forward: c0`, options.c0, stateShape, dtype);
  if (options.lengths != null && options.mask != null) {
    throw new TypeError(`${ownerName}.forward: give lengths or mask, not both`);
  }
  let lengths = checkLengths(`${ownerName}.forward: lengths`, options.lengths, T, B);
  if (options.mask != null) {
    checkTensor(`${ownerName}.forward: mask`, options.mask, [T, B], options.mask.dtype);
    lengths = lengthsFromMask(options.mask);
  }

  const BH = B * H;
  const activations = kernelActivations(config);
  const hN = Tensor.zeros(stateShape, dtype);
  const cN = isLstm ? Tensor.zeros(stateShape, dtype) : undefined;
  const tapes: DirectionTape[] = [];
  const dropoutMasks: FloatArray[] = [];
  const dropping = options.training === true && config.dropout > 0;
  let input: FloatArray = x.data;
  const sharedGates = keepTape ? null : allocate(dtype, T * B * gateStoreWidth(cell, H));
  for (let layer = 0; layer < numLayers; layer++) {
    const inputSize = slots[layer * dirs].inputSize;
    const out = allocate(dtype, T * B * dirs * H);
    for (let d = 0; d < dirs; d++) {
      const s = layer * dirs + d;
      const slot = slots[s];
      let xd = input;
      // The reverse direction reads each example's valid steps backwards. With lengths, the
      // user's padded steps are also replaced by zeros (later layers' inputs already are):
      // the weight gradient is x^T·dpre, and 0·NaN would let garbage padding poison it.
      if (d === 1 || (lengths !== null && layer === 0)) {
        xd = allocate(dtype, T * B * inputSize);
        gatherSteps({ src: input, srcWidth: inputSize, srcOffset: 0, dst: xd, dstWidth: inputSize, dstOffset: 0, width: inputSize, T, B, lengths, reverse: d === 1, accumulate: false });
      }
      const h0s = h0 ? h0.data.slice(s * BH, (s + 1) * BH) : allocate(dtype, BH);
      const c0s = isLstm ? (c0 ? c0.data.slice(s * BH, (s + 1) * BH) : allocate(dtype, BH)) : null;
      const hs = allocate(dtype, T * BH);
      const cs = isLstm ? allocate(dtype, T * BH) : null;
      const gates = sharedGates ?? allocate(dtype, T * B * gateStoreWidth(cell, H));
      const w = slot.weights;
      yield {
        kind: 'forward',
        args: {
          cell, resetAfter: config.resetAfter, ...activations, T, B, X: inputSize, H,
          x: xd, h0: h0s, c0: c0s, wx: w.wx.data, wh: w.wh.data, bx: w.bx.data, bh: w.bh.data,
          lengths, hs, cs, gates,
        },
      };
      if (keepTape) tapes.push({ x: xd, h0: h0s, c0: c0s, hs, cs, gates });
      // The kernel carries the state over padded steps, so step T-1 holds each final state.
      hN.data.set(T > 0 ? hs.subarray((T - 1) * BH, T * BH) : h0s, s * BH);
      if (cN && cs && c0s) cN.data.set(T > 0 ? cs.subarray((T - 1) * BH, T * BH) : c0s, s * BH);
      gatherSteps({ src: hs, srcWidth: H, srcOffset: 0, dst: out, dstWidth: dirs * H, dstOffset: d * H, width: H, T, B, lengths, reverse: d === 1, accumulate: false });
    }
    // Dropout on what the next layer reads (never on the top layer's output), as PyTorch.
    if (dropping && layer < numLayers - 1) {
      const mask = dropoutMask(dropoutRng(), out.length, config.dropout, dtype);
      applyMask(out, mask);
      dropoutMasks.push(mask);
    }
    input = out;
  }

  let output: Tensor;
  if (config.returnSequences) {
    output = new Tensor(input, [T, B, dirs * H]);
  } else {
    output = Tensor.zeros([B, dirs * H], dtype);
    const top = (numLayers - 1) * dirs;
    for (let d = 0; d < dirs; d++) {
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) output.data[b * dirs * H + d * H + j] = hN.data[(top + d) * BH + b * H + j];
      }
    }
  }
  const ctx: RecurrentContext = { owner, T, B, lengths, tapes, dropoutMasks };
  return cN ? { output, hN, cN, ctx } : { output, hN, ctx };
}

function noRng(): never {
  throw new Error('recurrentStackForward: dropout needs a random stream');
}
