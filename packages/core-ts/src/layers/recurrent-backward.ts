/**
 * Backward pass of a recurrent stack, top layer first: each (layer, direction) is one
 * whole-sequence BPTT kernel call; its parameter gradients are added into the slot's grads
 * and its dx (mapped back to input time order) feeds the layer below.
 */
import type { Backend } from '../backend/types.ts';
import { runAsync, runSync, type KernelCall } from './kernel-driver.ts';
import { allocate, Tensor, type FloatArray } from '../tensor.ts';
import { checkTensor } from './check-tensor.ts';
import { gatherSteps } from './gather-steps.ts';
import { kernelActivations, type RecurrentConfig } from './recurrent-config.ts';
import type { RecurrentContext } from './recurrent-context.ts';
import { WEIGHT_KEYS, type DirectionSlot } from './recurrent-weights.ts';
import { applyMask } from './dropout-mask.ts';
import { consumeContext } from './consume-context.ts';

export interface RecurrentBackwardOptions {
  /** Gradient w.r.t. hN [numLayers*dirs, B, H]. Default zeros. */
  dhN?: Tensor | null;
  /** Gradient w.r.t. cN (LSTM only). Default zeros. */
  dcN?: Tensor | null;
}

export interface RecurrentBackwardResult {
  /** Gradient w.r.t. x [T, B, inputSize]; zero at padded steps. */
  dx: Tensor;
  /** Gradient w.r.t. h0 [numLayers*dirs, B, H]. */
  dh0: Tensor;
  /** Gradient w.r.t. c0 (LSTM only). */
  dc0?: Tensor;
}

function addInto(dst: FloatArray, src: FloatArray): void {
  for (let i = 0; i < dst.length; i++) dst[i] += src[i];
}

export function recurrentStackBackward(
  owner: object,
  ownerName: string,
  config: RecurrentConfig,
  slots: readonly DirectionSlot[],
  backend: Backend,
  ctx: RecurrentContext,
  dOutputArg: Tensor | null,
  options: RecurrentBackwardOptions = {},
): RecurrentBackwardResult {
  return runSync(backwardPass(owner, ownerName, config, slots, ctx, dOutputArg, options), backend);
}

/** recurrentStackBackward with each kernel awaited (the backend's async variant when it has one). */
export function recurrentStackBackwardAsync(
  owner: object,
  ownerName: string,
  config: RecurrentConfig,
  slots: readonly DirectionSlot[],
  backend: Backend,
  ctx: RecurrentContext,
  dOutputArg: Tensor | null,
  options: RecurrentBackwardOptions = {},
): Promise<RecurrentBackwardResult> {
  return runAsync(backwardPass(owner, ownerName, config, slots, ctx, dOutputArg, options), backend);
}

function* backwardPass(
  owner: object,
  ownerName: string,
  config: RecurrentConfig,
  slots: readonly DirectionSlot[],
  ctx: RecurrentContext,
  dOutputArg: Tensor | null,
  options: RecurrentBackwardOptions,
): Generator<KernelCall, RecurrentBackwardResult, void> {
  if (typeof ctx !== 'object' || ctx === null || ctx.owner !== owner) {
    throw new TypeError(`${ownerName}.backward: ctx must be the ctx returned by this layer's forward()`);
  }
  const { cell, hiddenSize: H, numLayers, dtype } = config;
  const dirs = config.bidirectional ? 2 : 1;
  const isLstm = cell === 'lstm';
  const { T, B, lengths, tapes, dropoutMasks } = ctx;
  const BH = B * H;
  const activations = kernelActivations(config);
  const nSlots = numLayers * dirs;
  const stateShape = [nSlots, B, H];
  const outShape = config.returnSequences ? [T, B, dirs * H] : [B, dirs * H];
  const dOutput = dOutputArg == null ? null : checkTensor(`${ownerName}.backward: dOutput`, dOutputArg, outShape, dtype);
  const dhN = options.dhN == null ? null : checkTensor(`${ownerName}.backward: dhN`, options.dhN, stateShape, dtype);
  if (!isLstm && options.dcN != null) {
    throw new TypeError(`${ownerName}.backward: dcN is only used by LSTM layers, this layer is '${cell}'`);
  }
  const dcN = !isLstm || options.dcN == null ? null : checkTensor(`${ownerName}.backward: dcN`, options.dcN, stateShape, dtype);
  // After the argument checks: a call refused for a bad argument can be retried.
  consumeContext(ownerName, ctx);

  // Gradient reaching each slot's final state: dhN, plus dOutput when it is the final states.
  const dhFinal = allocate(dtype, nSlots * BH);
  if (dhN) dhFinal.set(dhN.data);
  if (dOutput && !config.returnSequences) {
    const top = (numLayers - 1) * dirs;
    for (let d = 0; d < dirs; d++) {
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) dhFinal[(top + d) * BH + b * H + j] += dOutput.data[b * dirs * H + d * H + j];
      }
    }
  }

  const dh0 = Tensor.zeros(stateShape, dtype);
  const dc0 = isLstm ? Tensor.zeros(stateShape, dtype) : undefined;
  // Gradient w.r.t. the current layer's output sequence [T, B, dirs*H] (null = zeros).
  let dY: FloatArray | null = dOutput && config.returnSequences ? dOutput.data : null;
  for (let layer = numLayers - 1; layer >= 0; layer--) {
    const inputSize = slots[layer * dirs].inputSize;
    const dIn = allocate(dtype, T * B * inputSize);
    for (let d = 0; d < dirs; d++) {
      const s = layer * dirs + d;
      const slot = slots[s];
      const tape = tapes[s];
      let dhs: FloatArray | null = null;
      if (dY) {
        dhs = allocate(dtype, T * BH);
        // Padded outputs are constant zeros: their gradient is dropped here.
        gatherSteps({ src: dY, srcWidth: dirs * H, srcOffset: d * H, dst: dhs, dstWidth: H, dstOffset: 0, width: H, T, B, lengths, reverse: d === 1, accumulate: false });
      }
      const dxd = allocate(dtype, T * B * inputSize);
      const dh0s = allocate(dtype, BH);
      const dc0s = isLstm ? allocate(dtype, BH) : null;
      const g = {
        wx: allocate(dtype, slot.grads.wx.size),
        wh: allocate(dtype, slot.grads.wh.size),
        bx: allocate(dtype, slot.grads.bx.size),
        bh: allocate(dtype, slot.grads.bh.size),
      };
      const w = slot.weights;
      yield {
        kind: 'backward',
        args: {
          cell, resetAfter: config.resetAfter, ...activations, T, B, X: inputSize, H,
          x: tape.x, h0: tape.h0, c0: tape.c0, wx: w.wx.data, wh: w.wh.data, bh: w.bh.data,
          lengths, hs: tape.hs, cs: tape.cs, gates: tape.gates,
          dhs,
          dhT: dhFinal.slice(s * BH, (s + 1) * BH),
          dcT: isLstm ? (dcN ? dcN.data.slice(s * BH, (s + 1) * BH) : allocate(dtype, BH)) : null,
          dx: dxd, dh0: dh0s, dc0: dc0s, dwx: g.wx, dwh: g.wh, dbx: g.bx, dbh: g.bh,
        },
      };
      for (const key of WEIGHT_KEYS) addInto(slot.grads[key].data, g[key]);
      dh0.data.set(dh0s, s * BH);
      if (dc0 && dc0s) dc0.data.set(dc0s, s * BH);
      gatherSteps({ src: dxd, srcWidth: inputSize, srcOffset: 0, dst: dIn, dstWidth: inputSize, dstOffset: 0, width: inputSize, T, B, lengths, reverse: d === 1, accumulate: true });
    }
    // Through the dropout between layer-1 and layer: the same mask scales the gradient.
    if (layer > 0 && dropoutMasks.length > 0) applyMask(dIn, dropoutMasks[layer - 1]);
    dY = dIn;
  }
  const dx = new Tensor(dY ?? allocate(dtype, 0), [T, B, config.inputSize]);
  return dc0 ? { dx, dh0, dc0 } : { dx, dh0 };
}
