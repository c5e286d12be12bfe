/**
 * Streaming inference over a unidirectional recurrent stack: one time step per call, the
 * state kept between calls, no tape for backward. Each step is one T = 1 kernel call per
 * layer into buffers made once, so a step allocates only its returned output.
 *
 * The kernel argument objects are built once per stream and point at the layer's own weight
 * arrays (no copy): an optimizer step or a weight load writes those arrays in place, so the
 * next step uses the new weights with nothing to invalidate.
 */
import { getBackend } from '../backend/registry.ts';
import { gateStoreWidth, type RecurrentForwardArgs } from '../backend/types.ts';
import { allocate, Tensor, type FloatArray } from '../tensor.ts';
import { checkTensor } from './check-tensor.ts';
import { kernelActivations, type RecurrentConfig } from './recurrent-config.ts';
import type { DirectionSlot } from './recurrent-weights.ts';

export interface RecurrentStreamOptions {
  /** Examples stepped together (default: h0's batch axis, else 1). */
  batchSize?: number;
  /** Initial hidden states [numLayers, B, H] (default zeros). */
  h0?: Tensor | null;
  /** Initial cell states [numLayers, B, H], LSTM only (default zeros). */
  c0?: Tensor | null;
}

/** The state of one layer: current h (and c), and the buffers the next step writes. */
interface LayerState {
  h: FloatArray;
  c: FloatArray | null;
  hNext: FloatArray;
  cNext: FloatArray | null;
  readonly call: RecurrentForwardArgs;
}

export class RecurrentStream {
  /** Examples per step. */
  readonly batchSize: number;
  private readonly name: string;
  private readonly config: Readonly<RecurrentConfig>;
  private readonly layers: LayerState[];
  private readonly h0: FloatArray | null;
  private readonly c0: FloatArray | null;

  /** Use `layer.stream(options)`. */
  constructor(ownerName: string, config: Readonly<RecurrentConfig>, slots: readonly DirectionSlot[], options: RecurrentStreamOptions = {}) {
    const name = `${ownerName}.stream`;
    if (config.bidirectional) {
      throw new TypeError(`${name}: a bidirectional layer cannot be streamed (its reverse direction needs the whole sequence); use forward()`);
    }
    if (typeof options !== 'object' || options === null) throw new TypeError(`${name}: options must be an object`);
    const { cell, hiddenSize: H, numLayers: L, dtype } = config;
    const B = streamBatch(name, options, L, H);
    const shape = [L, B, H];
    this.h0 = options.h0 == null ? null : checkTensor(`${name}: h0`, options.h0, shape, dtype).data.slice();
    if (cell !== 'lstm' && options.c0 != null) throw new TypeError(`${name}: c0 is only used by LSTM layers, this layer is '${cell}'`);
    this.c0 = cell !== 'lstm' || options.c0 == null ? null : checkTensor(`${name}: c0`, options.c0, shape, dtype).data.slice();
    this.batchSize = B;
    this.name = name;
    this.config = config;
    const BH = B * H;
    // One gate store serves every layer: nothing reads it after the step.
    const gates = allocate(dtype, B * gateStoreWidth(cell, H));
    const activations = kernelActivations(config);
    this.layers = slots.map((slot) => {
      const w = slot.weights;
      const state = {
        h: allocate(dtype, BH),
        c: cell === 'lstm' ? allocate(dtype, BH) : null,
        hNext: allocate(dtype, BH),
        cNext: cell === 'lstm' ? allocate(dtype, BH) : null,
      };
      const call: RecurrentForwardArgs = {
        cell, resetAfter: config.resetAfter, ...activations, T: 1, B, X: slot.inputSize, H,
        x: state.h, h0: state.h, c0: state.c, wx: w.wx.data, wh: w.wh.data, bx: w.bx.data, bh: w.bh.data,
        lengths: null, hs: state.hNext, cs: state.cNext, gates,
      };
      return { ...state, call };
    });
    this.reset();
  }

  /** Runs one step: x [B, inputSize] -> the top layer's new hidden state [B, H] (a fresh Tensor). */
  step(x: Tensor): Tensor {
    const { inputSize, hiddenSize: H, dtype } = this.config;
    const B = this.batchSize;
    let input = checkTensor(`${this.name}: x`, x, [B, inputSize], dtype, ['B', 'inputSize']).data;
    // Nothing to compute (and no kernel call) without examples or hidden units.
    if (B * H === 0) return Tensor.zeros([B, H], dtype);
    const backend = getBackend();
    for (const s of this.layers) {
      const call = s.call;
      call.x = input;
      call.h0 = s.h;
      call.c0 = s.c;
      call.hs = s.hNext;
      call.cs = s.cNext;
      backend.recurrentForward(call);
      [s.h, s.hNext] = [s.hNext, s.h];
      [s.c, s.cNext] = [s.cNext, s.c];
      input = s.h;
    }
    return new Tensor(input.slice(), [B, H]);
  }

  /** Current hidden states [numLayers, B, H] (a copy). */
  get hN(): Tensor {
    return this.stacked((s) => s.h);
  }

  /** Current cell states [numLayers, B, H] (a copy); undefined unless the layer is an LSTM. */
  get cN(): Tensor | undefined {
    return this.config.cell === 'lstm' ? this.stacked((s) => s.c!) : undefined;
  }

  /** Back to the initial state (the h0 / c0 given to stream(), else zeros). */
  reset(): void {
    const BH = this.batchSize * this.config.hiddenSize;
    this.layers.forEach((s, l) => {
      if (this.h0) s.h.set(this.h0.subarray(l * BH, (l + 1) * BH));
      else s.h.fill(0);
      if (s.c) {
        if (this.c0) s.c.set(this.c0.subarray(l * BH, (l + 1) * BH));
        else s.c.fill(0);
      }
    });
  }

  private stacked(pick: (s: LayerState) => FloatArray): Tensor {
    const { numLayers: L, hiddenSize: H, dtype } = this.config;
    const BH = this.batchSize * H;
    const out = Tensor.zeros([L, this.batchSize, H], dtype);
    this.layers.forEach((s, l) => out.data.set(pick(s), l * BH));
    return out;
  }
}

/** B from batchSize and/or h0 / c0 (which must agree), else 1. */
function streamBatch(name: string, options: RecurrentStreamOptions, L: number, H: number): number {
  const { batchSize } = options;
  if (batchSize !== undefined && (!Number.isSafeInteger(batchSize) || batchSize < 0)) {
    throw new RangeError(`${name}: batchSize must be a non-negative integer, got ${String(batchSize)}`);
  }
  const state = options.h0 ?? options.c0;
  const fromState = state instanceof Tensor && state.ndim === 3 ? state.shape[1] : undefined;
  if (batchSize !== undefined && fromState !== undefined && fromState !== batchSize) {
    const which = options.h0 != null ? 'h0' : 'c0';
    throw new RangeError(`${name}: batchSize is ${batchSize} but ${which} has shape (${state!.shape.join(', ')}): B differs; ${which} must have shape (numLayers, B, H) = (${L}, ${batchSize}, ${H})`);
  }
  return batchSize ?? fromState ?? 1;
}
