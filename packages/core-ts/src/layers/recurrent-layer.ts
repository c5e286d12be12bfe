/**
 * The shared body of SimpleRNN, LSTM and GRU: a stack of (optionally bidirectional) layers
 * over time-major input x [T, B, inputSize], run through the current backend's
 * whole-sequence kernels. Gradients accumulate into `grads` until zeroGrad().
 */
import { getBackend } from '../backend/registry.ts';
import type { CellKind } from '../backend/types.ts';
import type { Tensor } from '../tensor.ts';
import type { NamedParameter } from './parameter.ts';
import { recurrentStackBackward, recurrentStackBackwardAsync, type RecurrentBackwardOptions, type RecurrentBackwardResult } from './recurrent-backward.ts';
import { resolveLayerOptions, type RecurrentConfig, type RecurrentOptions } from './recurrent-config.ts';
import { backwardInLayout, forwardInLayout } from './recurrent-layout.ts';
import { RandomState } from '../random/random-state.ts';
import type { RecurrentContext } from './recurrent-context.ts';
import { recurrentStackForward, recurrentStackForwardAsync, type RecurrentForwardOptions, type RecurrentForwardResult, type RecurrentPredictResult } from './recurrent-forward.ts';
import { RecurrentStream, type RecurrentStreamOptions } from './recurrent-stream.ts';
import { createSlots, WEIGHT_KEYS, type DirectionSlot } from './recurrent-weights.ts';

export abstract class RecurrentLayer {
  readonly config: Readonly<RecurrentConfig>;
  /** Weights by name: `l0.wx`, `l0.wh`, `l0.bx`, `l0.bh`, `l0_reverse.wx`, `l1.wx`, ... */
  readonly params: Readonly<Record<string, Tensor>>;
  /** Gradients, same names and shapes as `params`. */
  readonly grads: Readonly<Record<string, Tensor>>;
  protected readonly slots: readonly DirectionSlot[];
  private readonly className: string;

  private dropoutStream: RandomState | null = null;

  protected constructor(className: string, cell: CellKind, options: RecurrentOptions) {
    this.className = className;
    this.config = Object.freeze(resolveLayerOptions(className, cell, options));
    this.slots = createSlots(this.config, className);
    const params: Record<string, Tensor> = {};
    const grads: Record<string, Tensor> = {};
    for (const slot of this.slots) {
      for (const key of WEIGHT_KEYS) {
        params[`${slot.name}.${key}`] = slot.weights[key];
        grads[`${slot.name}.${key}`] = slot.grads[key];
      }
    }
    this.params = Object.freeze(params);
    this.grads = Object.freeze(grads);
  }

  get cell(): CellKind { return this.config.cell; }
  get inputSize(): number { return this.config.inputSize; }
  get hiddenSize(): number { return this.config.hiddenSize; }
  get numLayers(): number { return this.config.numLayers; }
  get bidirectional(): boolean { return this.config.bidirectional; }
  get returnSequences(): boolean { return this.config.returnSequences; }
  /** Features of the output: hiddenSize times the number of directions. */
  get outputSize(): number { return (this.config.bidirectional ? 2 : 1) * this.config.hiddenSize; }

  /** Every weight with its gradient, in a stable order (slot by slot, wx, wh, bx, bh). */
  parameters(): NamedParameter[] {
    return Object.keys(this.params).map((name) => ({ name, param: this.params[name], grad: this.grads[name] }));
  }

  zeroGrad(): void {
    for (const name of Object.keys(this.grads)) this.grads[name].data.fill(0);
  }

  get batchFirst(): boolean { return this.config.batchFirst; }

  /** Runs the stack over x [T, B, inputSize] ([B, T, inputSize] with batchFirst). Keep `ctx` for backward(). */
  forward(x: Tensor, options?: RecurrentForwardOptions): RecurrentForwardResult {
    return forwardInLayout(this.className, this.config, x, options, (xt, o) =>
      recurrentStackForward(this, this.className, this.config, this.slots, getBackend(), xt, o, () => this.dropoutRng()));
  }

  /**
   * Inference: the same outputs as forward() (same options, same layout; never dropout),
   * but no tape is kept for backward, so it needs less memory and returns no ctx.
   */
  predict(x: Tensor, options?: RecurrentForwardOptions): RecurrentPredictResult {
    // Inference never drops units: training is off whatever the options say.
    const inference = { ...options, training: false };
    const { ctx: _ctx, ...result } = forwardInLayout(this.className, this.config, x, inference, (xt, o) =>
      recurrentStackForward(this, this.className, this.config, this.slots, getBackend(), xt, o, undefined, false));
    return result;
  }

  /**
   * forward() with each whole-sequence kernel awaited: on a backend with async kernels
   * (native) they run off the event loop; on ts and wasm they run on the calling thread.
   * Until it settles, do not change the layer's weights.
   */
  forwardAsync(x: Tensor, options?: RecurrentForwardOptions): Promise<RecurrentForwardResult> {
    return forwardInLayout(this.className, this.config, x, options, (xt, o) =>
      recurrentStackForwardAsync(this, this.className, this.config, this.slots, getBackend(), xt, o, () => this.dropoutRng()));
  }

  /** predict() with the kernels awaited, as forwardAsync. */
  async predictAsync(x: Tensor, options?: RecurrentForwardOptions): Promise<RecurrentPredictResult> {
    const inference = { ...options, training: false };
    const { ctx: _ctx, ...result } = await forwardInLayout(this.className, this.config, x, inference, (xt, o) =>
      recurrentStackForwardAsync(this, this.className, this.config, this.slots, getBackend(), xt, o, undefined, false));
    return result;
  }

  /** backward() with the kernels awaited, as forwardAsync. */
  backwardAsync(ctx: RecurrentContext, dOutput: Tensor | null, options?: RecurrentBackwardOptions): Promise<RecurrentBackwardResult> {
    return backwardInLayout(this.config, ctx, dOutput, options, (d, o) =>
      recurrentStackBackwardAsync(this, this.className, this.config, this.slots, getBackend(), ctx, d, o));
  }

  /**
   * Streaming inference (unidirectional stacks): `step(x)` runs one time step for x
   * [B, inputSize] and returns the top layer's output [B, H], keeping the state between
   * calls; `hN` / `cN` read it, `reset()` restores the initial one. No tape is kept.
   */
  stream(options?: RecurrentStreamOptions): RecurrentStream {
    return new RecurrentStream(this.className, this.config, this.slots, options);
  }

  /**
   * Backpropagates dOutput (shaped like forward's output; null for none) and the optional
   * gradients of hN / cN. Adds the parameter gradients into `grads` and returns dx, dh0, dc0.
   */
  backward(ctx: RecurrentContext, dOutput: Tensor | null, options?: RecurrentBackwardOptions): RecurrentBackwardResult {
    return backwardInLayout(this.config, ctx, dOutput, options, (d, o) =>
      recurrentStackBackward(this, this.className, this.config, this.slots, getBackend(), ctx, d, o));
  }

  /** The stream of this layer's dropout masks: seeded from the layer's seed, continued across calls. */
  private dropoutRng(): RandomState {
    this.dropoutStream ??= new RandomState((this.config.seed ^ 0x5bd1e995) >>> 0);
    return this.dropoutStream;
  }
}
