/** Options of the recurrent layers, their defaults and validation. */
import type { CellKind } from '../backend/types.ts';
import { checkDType, type DType } from '../tensor.ts';

export interface RecurrentOptions {
  /** Features per step of the input x [T, B, inputSize]. */
  inputSize: number;
  /** Hidden units H per direction. */
  hiddenSize: number;
  /** Stacked layers; layer l > 0 reads the (concatenated) outputs of layer l-1. Default 1. */
  numLayers?: number;
  /** Also run each layer over the reversed sequence; outputs become [.., 2H]. Default false. */
  bidirectional?: boolean;
  /** true: output [T, B, dirs*H] (all steps); false: output [B, dirs*H], the final states
   *  of the top layer (forward at each example's last valid step, reverse at t = 0). Default true. */
  returnSequences?: boolean;
  /** Storage and compute dtype of the weights; inputs must match. Default 'float64'. */
  dtype?: DType;
  /** Seed of the initialisation (integer 0..2**32-1). Default 0. */
  seed?: number;
}

export interface LSTMOptions extends RecurrentOptions {
  /** Initial bias of the forget gate (in bx). Default 1, as Keras' unit_forget_bias. */
  forgetBias?: number;
}

export interface GRUOptions extends RecurrentOptions {
  /** true (default): n = tanh(x·Wn + bxn + r*(h·Un + bhn)), the PyTorch / Keras-v2 form;
   *  false: n = tanh(x·Wn + (r*h)·Un + bxn + bhn), the original Cho et al. form. */
  resetAfter?: boolean;
}

/** Everything that defines a layer's shape and initialisation, as plain JSON. */
export interface RecurrentConfig {
  cell: CellKind;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  returnSequences: boolean;
  dtype: DType;
  seed: number;
  forgetBias: number;
  resetAfter: boolean;
}

function checkInt(owner: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${owner}: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

function checkBool(owner: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${owner}: ${name} must be a boolean, got ${typeof value}`);
  return value;
}

export function resolveRecurrentConfig(
  owner: string,
  cell: CellKind,
  options: RecurrentOptions & { forgetBias?: number; resetAfter?: boolean },
): RecurrentConfig {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${owner}: options must be an object with inputSize and hiddenSize`);
  }
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`${owner}: seed must be an integer in 0..2**32-1, got ${String(seed)}`);
  }
  const forgetBias = options.forgetBias ?? (cell === 'lstm' ? 1 : 0);
  if (typeof forgetBias !== 'number' || !Number.isFinite(forgetBias)) {
    throw new RangeError(`${owner}: forgetBias must be a finite number, got ${String(forgetBias)}`);
  }
  return {
    cell,
    inputSize: checkInt(owner, 'inputSize', options.inputSize, 0),
    hiddenSize: checkInt(owner, 'hiddenSize', options.hiddenSize, 0),
    numLayers: checkInt(owner, 'numLayers', options.numLayers ?? 1, 1),
    bidirectional: checkBool(owner, 'bidirectional', options.bidirectional, false),
    returnSequences: checkBool(owner, 'returnSequences', options.returnSequences, true),
    dtype: checkDType(`${owner}: dtype`, options.dtype ?? 'float64'),
    seed,
    forgetBias,
    resetAfter: checkBool(owner, 'resetAfter', options.resetAfter, true),
  };
}
