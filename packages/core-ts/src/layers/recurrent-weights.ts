/**
 * The weights of a recurrent stack: one slot per (layer, direction), named like PyTorch's
 * suffixes (`l0`, `l0_reverse`, `l1`, ...) so importers can map `weight_ih_l0` -> `l0.wx`.
 * Each slot holds wx [Xin, G*H], wh [H, G*H], bx [G*H], bh [G*H] (gates stacked along
 * the columns in GATE_ORDER) and gradients of the same shapes.
 */
import { GATE_COUNT, GATE_ORDER } from '../backend/types.ts';
import { RandomState } from '../random/random-state.ts';
import { allocateFor, DTYPE_BYTES, formatBytes, MAX_ARRAY_BYTES, MAX_LAYER_BYTES, Tensor, whileAllocating } from '../tensor.ts';
import { glorotUniform, orthogonalGateBlocks } from './init.ts';
import type { RecurrentConfig } from './recurrent-config.ts';

export const WEIGHT_KEYS = ['wx', 'wh', 'bx', 'bh'] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

export interface DirectionSlot {
  /** `l{layer}` or `l{layer}_reverse`. */
  readonly name: string;
  readonly layer: number;
  readonly reverse: boolean;
  /** Input features of this layer: inputSize for layer 0, dirs*H above. */
  readonly inputSize: number;
  readonly weights: Record<WeightKey, Tensor>;
  readonly grads: Record<WeightKey, Tensor>;
}

export function slotName(layer: number, reverse: boolean): string {
  return reverse ? `l${layer}_reverse` : `l${layer}`;
}

/**
 * The most (layer, direction) slots one recurrent layer builds. Each slot is a few KB of JS
 * objects on the engine's heap whatever its sizes (about 5 KB: 1e5 slots took 8 s and
 * 490 MB), so a numLayers typed with extra zeros would otherwise exhaust the heap (a fatal
 * abort, not an error) long after the weights' byte count said it fits.
 */
export const MAX_LAYER_SLOTS = 10_000;

export function weightShapes(inputSize: number, H: number, G: number): Record<WeightKey, number[]> {
  return { wx: [inputSize, G * H], wh: [H, G * H], bx: [G * H], bh: [G * H] };
}

/**
 * Builds and initialises all slots from one RandomState(seed), drawing slot by slot in
 * name order (wx: Glorot uniform, then wh: orthogonal per gate block); biases are zero
 * except the LSTM forget gate's bx block, which is forgetBias.
 */
export function createSlots(config: RecurrentConfig, owner = 'recurrent layer'): DirectionSlot[] {
  const { cell, hiddenSize: H, numLayers, dtype } = config;
  const G = GATE_COUNT[cell];
  const dirs = config.bidirectional ? 2 : 1;
  // Weights and gradients of every slot, counted before any is allocated.
  const perSlot = (inputSize: number): number => (inputSize + H + 2) * G * H;
  const elements = dirs * (perSlot(config.inputSize) + (numLayers - 1) * perSlot(dirs * H));
  const total = 2 * elements * DTYPE_BYTES[dtype];
  // One array over its own limit gets the more specific message from allocateFor.
  const largest = Math.max(config.inputSize, dirs * H, H) * G * H * DTYPE_BYTES[dtype];
  if (total > MAX_LAYER_BYTES && largest <= MAX_ARRAY_BYTES) {
    throw new RangeError(`${owner}: numLayers ${numLayers}, inputSize ${config.inputSize}, hiddenSize ${H}${dirs === 2 ? ', bidirectional' : ''} need ${formatBytes(total)} of ${dtype} weights and gradients, more than the ${formatBytes(MAX_LAYER_BYTES)} recur allocates for one layer`);
  }
  if (numLayers * dirs > MAX_LAYER_SLOTS) {
    throw new RangeError(`${owner}: numLayers ${numLayers}${dirs === 2 ? ', bidirectional' : ''} would build ${numLayers * dirs} layer slots, more than the ${MAX_LAYER_SLOTS} recur builds for one layer`);
  }
  const rng = new RandomState(config.seed);
  const slots: DirectionSlot[] = [];
  for (let layer = 0; layer < numLayers; layer++) {
    const inputSize = layer === 0 ? config.inputSize : dirs * H;
    for (let d = 0; d < dirs; d++) {
      const shapes = weightShapes(inputSize, H, G);
      const weights = {} as Record<WeightKey, Tensor>;
      const grads = {} as Record<WeightKey, Tensor>;
      const name = slotName(layer, d === 1);
      // Which arguments set each size, for the message when it is too big to allocate.
      const args = (key: WeightKey): string => (key === 'wx' && layer === 0 ? `inputSize ${config.inputSize}, hiddenSize ${H}` : `hiddenSize ${H}`);
      for (const key of WEIGHT_KEYS) {
        weights[key] = new Tensor(allocateFor(`${owner}: ${args(key)} needs ${name}.${key}`, dtype, shapes[key]), shapes[key]);
        grads[key] = new Tensor(allocateFor(`${owner}: ${args(key)} needs the gradient of ${name}.${key}`, dtype, shapes[key]), shapes[key]);
      }
      whileAllocating(() => `${owner}: ${args('wx')} needs ${formatBytes(8 * inputSize * G * H)} of float64 draws to initialise ${name}.wx`,
        () => glorotUniform(rng, inputSize, G * H, weights.wx.data));
      whileAllocating(() => `${owner}: hiddenSize ${H} needs ${formatBytes(16 * H * H)} of float64 scratch to initialise ${name}.wh`,
        () => orthogonalGateBlocks(rng, H, G, weights.wh.data));
      if (cell === 'lstm') {
        const f = GATE_ORDER.lstm.indexOf('f');
        weights.bx.data.fill(config.forgetBias, f * H, (f + 1) * H);
      }
      slots.push({ name, layer, reverse: d === 1, inputSize, weights, grads });
    }
  }
  return slots;
}
